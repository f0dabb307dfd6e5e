import Foundation
import GovLensChecks
import GovLensCore
import GovLensCrawl

/// The one place where what a user gives (`--rules`, `--as-of`, `--timeout`, `--level`) is resolved
/// against the rule book and today's date. Every command that scans, probes or checks text calls
/// these, so a default is decided once.
public enum ScanSettings {
    /// The rule book in `file` (with `columns.yaml` and `disclosure.yaml` beside it), or the
    /// shipped one when nil.
    public static func ruleBook(_ file: String?) throws(ScanSetupError) -> RuleBook {
        guard let file else { return .bundled() }
        do { return try RuleBook.load(URL(fileURLWithPath: file)) } catch {
            throw .badRules("\(error)")
        }
    }

    /// A `yyyy-MM-dd` date given as `option`, or today in China when nil.
    public static func date(_ text: String?, option: String = "--as-of") throws(ScanSetupError) -> SimpleDate {
        guard let text else { return .today() }
        guard let d = SimpleDate(iso: text) else { throw .badDate(option, text) }
        return d
    }

    /// The time limit for one visit: the one given, else the rule book's official limit.
    public static func timeout(_ given: Double?, rules: RuleBook) -> Double {
        given ?? rules.availability.timeoutSeconds
    }

    /// `host:ip` entries as given to `--resolve`.
    public static func resolve(_ entries: [String]) throws(ScanSetupError) -> [String: String] {
        switch FetcherConfig.parseResolve(entries) {
        case .success(let map): return map
        case .failure(let e): throw .badResolve(e.entry)
        }
    }

    /// A start address; `www.example.gov.cn` means `http://www.example.gov.cn`.
    public static func startURL(_ text: String) throws(ScanSetupError) -> WebURL {
        guard let u = try? WebURL(parsing: text.contains("://") ? text : "http://" + text) else { throw .invalidURL(text) }
        return u
    }

    /// The government level for Article 21 items, checked against the rule book's catalogue.
    public static func level(_ given: String?, rules: RuleBook) throws(ScanSetupError) -> String? {
        guard let given else { return nil }
        guard rules.disclosure.article21[given] != nil else {
            throw .badLevel(given, rules.disclosure.article21.keys.sorted())
        }
        return given
    }
}

/// A scan that cannot start, in one Chinese sentence.
public enum ScanSetupError: Error, CustomStringConvertible {
    case invalidURL(String)
    case badDate(String, String)
    case badRules(String)
    case badLevel(String, [String])
    case badResolve(String)
    public var description: String {
        switch self {
        case .invalidURL(let u): return "起始地址无效：\(u)（需要 http:// 或 https:// 开头的完整网址）"
        case .badDate(let option, let text): return "\(option) 的日期“\(text)”格式不对，应为 YYYY-MM-DD，如 2023-06-30"
        case .badRules(let why): return why
        case .badResolve(let entry): return "--resolve 的值“\(entry)”格式不对，应为 主机名:IP，如 www.example.gov.cn:127.0.0.1"
        case .badLevel(let given, let known): return "--level 的值“\(given)”不支持，应为 \(known.joined(separator: "、")) 之一"
        }
    }
}
