import Foundation

/// robots.txt as Google and RFC 9309 read it: the group for our product token (else `*`),
/// longest matching rule wins, `Allow` wins ties, `*` and `$` wildcards.
public struct RobotsRules: Sendable {
    struct Rule: Sendable { let allow: Bool; let pattern: String }
    let rules: [Rule]
    /// Crawl-delay in seconds for our group, if given.
    public let crawlDelay: Double?

    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil)
    /// What an unreachable robots.txt (5xx, network error) means: nothing may be crawled (RFC 9309 §2.3.1.4).
    public static let disallowAll = RobotsRules(rules: [Rule(allow: false, pattern: "/")], crawlDelay: nil)

    init(rules: [Rule], crawlDelay: Double?) { self.rules = rules; self.crawlDelay = crawlDelay }

    /// - Parameter productToken: our User-Agent product token, e.g. `govlens`.
    public init(parsing text: String, productToken: String) {
        struct Group { var agents: [String] = []; var rules: [Rule] = []; var delay: Double? }
        var groups: [Group] = []
        var current = Group()
        var lastWasAgent = false
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let kv = line.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { continue }
            let key = kv[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = kv[1].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if !lastWasAgent, !current.agents.isEmpty { groups.append(current); current = Group() }
                current.agents.append(value.lowercased())
                lastWasAgent = true
                continue
            case "allow", "disallow":
                if !value.isEmpty || key == "allow" {
                    current.rules.append(Rule(allow: key == "allow", pattern: value))
                }
            case "crawl-delay":
                current.delay = Double(value)
            default:
                break
            }
            lastWasAgent = false
        }
        if !current.agents.isEmpty { groups.append(current) }
        let token = productToken.lowercased()
        let mine = groups.filter { $0.agents.contains(where: { !$0.isEmpty && $0 != "*" && token.hasPrefix($0) }) }
        let chosen = mine.isEmpty ? groups.filter { $0.agents.contains("*") } : mine
        self.rules = chosen.flatMap(\.rules).filter { !$0.pattern.isEmpty }
        self.crawlDelay = chosen.compactMap(\.delay).max()
    }

    /// True for the complete disallow of an unreachable robots.txt.
    var disallowsEverything: Bool { rules.count == 1 && !rules[0].allow && rules[0].pattern == "/" && crawlDelay == nil }

    /// Whether `pathAndQuery` (e.g. `/admin/x.html?a=1`) may be fetched.
    public func allows(_ pathAndQuery: String) -> Bool {
        var best: (length: Int, allow: Bool)?
        for rule in rules where RobotsRules.matches(pattern: rule.pattern, path: pathAndQuery) {
            let len = rule.pattern.count
            if best == nil || len > best!.length || (len == best!.length && rule.allow) {
                best = (len, rule.allow)
            }
        }
        return best?.allow ?? true
    }

    static func matches(pattern: String, path: String) -> Bool {
        let anchored = pattern.hasSuffix("$")
        let pat = Array(anchored ? pattern.dropLast() : Substring(pattern))
        let p = Array(path)
        // Glob match where `*` matches any run; prefix match unless anchored by `$`.
        func match(_ i: Int, _ j: Int) -> Bool {
            if i == pat.count { return !anchored || j == p.count }
            if pat[i] == "*" {
                var k = j
                while true {
                    if match(i + 1, k) { return true }
                    if k == p.count { return false }
                    k += 1
                }
            }
            guard j < p.count, p[j] == pat[i] else { return false }
            return match(i + 1, j + 1)
        }
        if !pattern.contains("*") && !anchored { return path.hasPrefix(pattern) }
        return match(0, 0)
    }
}
