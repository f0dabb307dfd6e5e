import Foundation
import GovLensCrawl
import Yams

/// Thresholds and editor messages loaded from a rule file (`Rules/inspection.yaml` by default),
/// so a province changes them without touching code.
public struct RuleBook: Sendable, Decodable {
    public struct Availability: Sendable, Decodable {
        public var timeoutSeconds: Double
        public var vetoFailureRatio: Double
        public var windowDays: Int
        public var minProbesPerDay: Int
    }
    public struct Links: Sendable, Decodable {
        public var definiteStatuses: [Int]
        public var definiteFailures: [String]
        public var soft404Phrases: [String]
    }
    public struct Message: Sendable, Decodable {
        public var title: String
        public var suggestion: String
    }

    public var version: String
    public var availability: Availability
    public var links: Links
    public var linkMessages: [String: Message]

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String, String)
        case invalid(String, String)
        public var description: String {
            switch self {
            case .unreadable(let f, let why): return "无法读取规则文件 \(f)：\(why)"
            case .invalid(let f, let why): return "规则文件 \(f) 格式错误：\(why)"
            }
        }
    }

    /// The shipped defaults.
    public static func bundled() -> RuleBook {
        let url = Bundle.module.url(forResource: "inspection", withExtension: "yaml", subdirectory: "Rules")!
        return try! load(url)
    }

    public static func load(_ url: URL) throws -> RuleBook {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw LoadError.unreadable(url.path, error.localizedDescription)
        }
        do { return try YAMLDecoder().decode(RuleBook.self, from: text) } catch {
            throw LoadError.invalid(url.path, String(describing: error))
        }
    }

    public var linkPolicy: LinkPolicy {
        var p = LinkPolicy()
        p.definiteStatuses = Set(links.definiteStatuses)
        p.definiteFailures = Set(links.definiteFailures.compactMap(FetchFailure.init(rawValue:)))
        p.soft404Phrases = links.soft404Phrases
        return p
    }

    /// The editor message for a link status (`404`, `dns`, `soft-404`, …), falling back by class.
    public func message(forStatus status: String) -> Message {
        if let m = linkMessages[status] { return m }
        if let code = Int(status) {
            let key = code >= 500 ? "5xx" : "4xx"
            if let m = linkMessages[key] {
                return Message(title: m.title.replacingOccurrences(of: "{code}", with: status),
                               suggestion: m.suggestion.replacingOccurrences(of: "{code}", with: status))
            }
        }
        return linkMessages["network"] ?? Message(title: status, suggestion: "请复核该链接。")
    }
}
