import GovLensCore
import GovLensCrawl
import GovLensHTML

/// `link.broken`: every link, image, script, stylesheet, frame and attachment on every crawled
/// page that does not work, definite or suspected (docs/RULES.md §12.2), one finding per page and target.
public enum LinkBrokenCheck: Check {
    public static let rules = [
        CheckRule(.linkBroken, "不可用链接", .deduct,
                  basis: "国办秘函〔2019〕19号 可用性：首页链接不可用每个扣 1 分，其他页面每个扣 0.1 分", input: .links),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.linkBroken, note: "首页链接指向不存在的页面",
                    .site(ExampleSite(asOf: "2023-06-30", homeExtra: "<a href=\"/old/notice.html\">旧版通知</a>"))),
        .clean(note: "所有链接可以打开", .site(ExampleSite(asOf: "2023-06-30"))),
    ]

    /// One finding per failed link occurrence, with the rule file's message for its status.
    public static func findings(_ links: [LinkOccurrence], rules: RuleBook) -> [Finding] {
        links.map { o in
            let status = o.target.statusText
            let message = rules.message(forStatus: status)
            let definite = o.target.verdict == .definite
            var evidence = "\(elementName(o.kind))"
            if !o.text.isEmpty { evidence += "“\(o.text)”" }
            evidence += "指向 \(o.target.url)：\(message.title)"
            if !definite { evidence += "（疑似，复查仍失败）" }
            if !o.target.redirects.isEmpty {
                evidence += "；跳转：" + o.target.redirects.prefix(4).joined(separator: " → ")
            }
            return Finding(check: id, severity: severity, page: o.page, target: o.target.url, evidence: evidence,
                           suggestion: message.suggestion, needsReview: !definite, status: status,
                           definite: definite, scope: o.onHomepage ? .home : .other, external: o.target.external,
                           linkText: o.text.isEmpty ? nil : o.text)
        }
    }

    static func elementName(_ kind: LinkKind) -> String {
        switch kind {
        case .anchor, .area: return "链接"
        case .image: return "图片"
        case .script: return "脚本"
        case .stylesheet: return "样式表"
        case .iframe, .frame: return "内嵌框架"
        case .embed, .media: return "媒体"
        }
    }
}
