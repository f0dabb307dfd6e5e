import Foundation
import GovLensCore

/// `identity.site-code-missing`: the 网站标识码 must be shown in the footer and carried in the
/// `SiteIDCode` meta tag, and the two must agree (docs/RULES.md §9.1, §12.7).
public enum SiteCodeCheck: Check {
    public static let rules = [
        CheckRule(.siteCodeMissing, "网站标识码缺失或不一致", .deduct,
                  basis: "国办发〔2017〕47号《政府网站发展指引》：页脚展示网站标识码，网页头部 SiteIDCode 标签", input: .page),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.siteCodeMissing, note: "页脚没有网站标识码",
                    .site(ExampleSite(asOf: "2023-06-30", footer: "主办单位：某某县人民政府办公室 浙ICP备12345678号 浙公网安备 33012302000123号"))),
        .triggering(.siteCodeMissing, note: "缺少 SiteIDCode 标签", .site(ExampleSite(asOf: "2023-06-30", siteIDCode: nil))),
        .clean(note: "页脚与标签一致", .site(ExampleSite(asOf: "2023-06-30"))),
    ]

    /// Findings for a missing footer code, a missing or empty SiteIDCode tag, or the two disagreeing.
    public static func findings(footer: String, meta: [String: String], page: String, rules: IdentityRules) -> [Finding] {
        let shown = IdentityPattern.firstMatch(rules.siteCode, in: footer, group: 1)
        let tagged = meta["siteidcode"].flatMap { $0.isEmpty ? nil : $0 }
        func finding(_ evidence: String, _ suggestion: String, _ subject: String) -> Finding {
            Finding(check: id, severity: severity, page: page, evidence: evidence, suggestion: suggestion, subject: "site-code:" + subject)
        }
        var out: [Finding] = []
        if shown == nil {
            out.append(finding("页脚未展示网站标识码（10 位）", "请在网站页脚展示全国政府网站基本数据库分配的网站标识码。", "footer"))
        }
        if tagged == nil {
            out.append(finding(meta["siteidcode"] == nil ? "首页缺少 <meta name=\"SiteIDCode\"> 标签" : "首页 SiteIDCode 标签内容为空",
                               "请在网页头部加入 <meta name=\"SiteIDCode\" content=\"网站标识码\">。", "meta"))
        }
        if let shown, let tagged, shown != tagged {
            out.append(finding("页脚网站标识码 \(shown) 与 SiteIDCode 标签 \(tagged) 不一致",
                               "请核对网站标识码，页脚与 SiteIDCode 标签应一致。", "mismatch"))
        }
        return out
    }
}

/// Regular expressions from the rule file, compiled once per pattern.
enum IdentityPattern {
    nonisolated(unsafe) private static var cache: [String: NSRegularExpression] = [:]
    private static let lock = NSLock()

    static func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock(); defer { lock.unlock() }
        if let r = cache[pattern] { return r }
        let r = try? NSRegularExpression(pattern: pattern)
        cache[pattern] = r
        return r
    }

    static func firstMatch(_ pattern: String, in text: String, group: Int = 0) -> String? {
        guard let r = regex(pattern),
              let m = r.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(m.range(at: group), in: text) else { return nil }
        return String(text[range])
    }

    /// The words around the first match of `pattern` (up to the next space or line), for evidence.
    static func line(_ pattern: String, in text: String) -> String? {
        guard let r = regex(pattern), let m = r.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(m.range, in: text) else { return nil }
        let before = text[..<range.lowerBound].reversed().prefix { !$0.isWhitespace }.prefix(12)
        let rest = text[range.upperBound...]
        let gap = rest.prefix { $0 == " " }
        let token = rest.dropFirst(gap.count).prefix { !$0.isWhitespace }.prefix(30)
        return String(before.reversed()) + text[range] + gap + token
    }
}
