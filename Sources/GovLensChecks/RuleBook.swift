import Foundation
import GovLensCore
import GovLensCrawl

/// Thresholds and editor messages loaded from a rule file (`Rules/inspection.yaml` by default),
/// so a province changes them without touching code.
public struct RuleBook: Sendable, Decodable {
    /// The homepage availability rule (W-V2): time limit, veto ratio, window and probes per day.
    public struct Availability: Sendable, Decodable {
        public var timeoutSeconds: Double
        public var vetoFailureRatio: Double
        public var windowDays: Int
        public var minProbesPerDay: Int
    }
    /// Which link failures are definite, and phrases that mark a soft 404.
    public struct Links: Sendable, Decodable {
        public var definiteStatuses: [Int]
        public var definiteFailures: [String]
        public var soft404Phrases: [String]
        /// The longest Retry-After honoured (a server asking for an hour pauses its host this long at most).
        public var maxRetryAfterSeconds: Double?
    }
    /// An editor message: a title for the status and the suggested fix.
    public struct Message: Sendable, Decodable {
        public var title: String
        public var suggestion: String
    }

    public var version: String
    public var availability: Availability
    public var links: Links
    public var linkMessages: [String: Message]
    /// Findings repeated by a page template become one finding (see `FindingKey.collapseTemplateRepeats`).
    public struct TemplateRepeats: Sendable, Decodable {
        public var minPages: Int
        public var checks: [CheckID]
    }
    public var templateRepeats: TemplateRepeats
    /// How often a scan saved to a database records what it fetched, for `--resume`: after `pages`
    /// answers, `seconds`, or `megabytes` of bodies, whichever comes first. Absent: after every answer.
    public struct Checkpoint: Sendable, Decodable {
        public var pages: Int
        public var seconds: Double
        public var megabytes: Int
    }
    public var checkpoint: Checkpoint?
    public var identity: IdentityRules
    /// From `columns.yaml` and `disclosure.yaml` beside the inspection file (else the shipped ones).
    public var columns: ColumnRules
    public var disclosure: DisclosureCatalogue
    /// From `documents.yaml` beside the inspection file (else the shipped one).
    public var documents: DocumentRules
    /// From `interaction.yaml` and `periods.yaml` beside the inspection file (else the shipped ones).
    public var interaction: InteractionRules
    public var periods: PeriodRules
    /// Digest of the rule files in force (inspection, columns, disclosure), for the report's provenance.
    public var contentHash = ""

    enum CodingKeys: String, CodingKey { case version, availability, links, linkMessages, identity, templateRepeats, checkpoint }

    /// Reads `inspection.yaml`; the column and disclosure rules start as the shipped ones.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(String.self, forKey: .version)
        availability = try c.decode(Availability.self, forKey: .availability)
        links = try c.decode(Links.self, forKey: .links)
        linkMessages = try c.decode([String: Message].self, forKey: .linkMessages)
        identity = try c.decode(IdentityRules.self, forKey: .identity)
        templateRepeats = try c.decode(TemplateRepeats.self, forKey: .templateRepeats)
        checkpoint = try c.decodeIfPresent(Checkpoint.self, forKey: .checkpoint)
        columns = try RuleFile.decode(ColumnRules.self, RuleFile.bundled("columns"))
        disclosure = try RuleFile.decode(DisclosureCatalogue.self, RuleFile.bundled("disclosure"))
        documents = try RuleFile.decode(DocumentRules.self, RuleFile.bundled("documents"))
        interaction = try RuleFile.decode(InteractionRules.self, RuleFile.bundled("interaction"))
        periods = try RuleFile.decode(PeriodRules.self, RuleFile.bundled("periods"))
    }

    /// A rule file that cannot be read or parsed, in Chinese.
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
        var book = try! load(url)
        book.contentHash = ContentHash.of(["inspection", "columns", "disclosure", "documents", "interaction", "periods"].map { name in
            (try? Data(contentsOf: RuleFile.bundled(name))) ?? Data()
        })
        return book
    }

    /// An inspection file; `columns.yaml`, `disclosure.yaml`, `interaction.yaml` and `periods.yaml` next to it replace the shipped ones.
    public static func load(_ url: URL) throws -> RuleBook {
        var book = try RuleFile.decode(RuleBook.self, url)
        let dir = url.deletingLastPathComponent()
        var texts = [(try? Data(contentsOf: url)) ?? Data()]
        for (name, apply) in [("columns", { (u: URL) in book.columns = try RuleFile.decode(ColumnRules.self, u) }),
                              ("disclosure", { (u: URL) in book.disclosure = try RuleFile.decode(DisclosureCatalogue.self, u) }),
                              ("documents", { (u: URL) in book.documents = try RuleFile.decode(DocumentRules.self, u) }),
                              ("interaction", { (u: URL) in book.interaction = try RuleFile.decode(InteractionRules.self, u) }),
                              ("periods", { (u: URL) in book.periods = try RuleFile.decode(PeriodRules.self, u) })]
        {
            let file = dir.appendingPathComponent(name + ".yaml")
            if FileManager.default.fileExists(atPath: file.path) { try apply(file) }
            texts.append((try? Data(contentsOf: FileManager.default.fileExists(atPath: file.path) ? file : RuleFile.bundled(name))) ?? Data())
        }
        book.contentHash = ContentHash.of(texts)
        return book
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
