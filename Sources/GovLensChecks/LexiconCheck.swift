import GovLensCore
import GovLensText

/// `text.typo`, `text.banned`, `text.serious`, `text.outdated-name`, `text.repealed-law`: wrong
/// forms from the lexicons (docs/RULES.md §12.5). Renames, repeals and the variants of 《第一批异形词
/// 整理表》 count only in text dated on or after the change; with no date known, renames and repeals
/// are reported for review (text written before 2002 is rare enough that an undated variant is not).
public enum LexiconCheck: Check {
    public static let rules = [
        CheckRule("text.typo", "错别字", .deduct, basis: "国办秘函〔2019〕19号 内容准确性：错别字（词库）", input: .text),
        CheckRule("text.banned", "禁用词", .deduct, basis: "新华社《新闻报道中的禁用词和慎用词》", input: .text),
        CheckRule("text.serious", "严重表述错误", .veto,
                  basis: "国办秘函〔2019〕19号 单项否决第1项：严重表述错误", input: .text),
        CheckRule("text.outdated-name", "过时的机构名称", .deduct,
                  basis: "机构改革方案（名称自变更之日起不应再使用）", input: .text),
        CheckRule("text.repealed-law", "引用已失效的法律法规", .deduct,
                  basis: "国家法律法规数据库：已废止或失效的法律法规不应再作为依据引用", input: .text),
    ]
    public static let examples: [CheckExample] = [
        .triggering("text.typo", note: "常见错词", .text("活动内容丰富多采，群众积极参与。")),
        .clean(note: "正确写法", .text("活动内容丰富多彩，群众积极参与。")),
        .triggering("text.typo", note: "异形词（非推荐词形）", .text("各单位要澈底排查安全隐患。", date: SimpleDate(iso: "2020-05-01"))),
        .clean(note: "整理表试行前的文本", .text("各单位要澈底排查安全隐患。", date: SimpleDate(iso: "1998-03-05"))),
        .triggering("text.banned", note: "歧视性称谓", .text("要关心傻子等特殊困难群体。")),
        .triggering("text.serious", note: "严重表述", .text("积极参与“一带一路”战略建设。")),
        .clean(note: "规范表述", .text("积极参与“一带一路”倡议建设。")),
        .triggering("text.outdated-name", note: "更名后仍用旧名", .text("中国保险监督管理委员会发布通知。", date: SimpleDate(iso: "2020-05-01"))),
        .clean(note: "更名前的文本使用当时名称", .text("中国保险监督管理委员会发布通知。", date: SimpleDate(iso: "2015-05-01"))),
        .triggering("text.repealed-law", note: "引用已废止的实施细则",
                    .text("依据《中华人民共和国中外合作经营企业法实施细则》办理。", date: SimpleDate(iso: "2021-03-01"))),
    ]

    static let checks: [LexiconKind: CheckID] = [
        .typo: "text.typo", .variant: "text.typo", .banned: "text.banned", .serious: "text.serious",
        .outdatedName: "text.outdated-name", .repealedLaw: "text.repealed-law",
    ]
    static let names: [LexiconKind: String] = [
        .typo: "错别字", .variant: "异形词", .banned: "禁用词", .serious: "严重表述错误", .outdatedName: "过时的机构名称", .repealedLaw: "已失效的法律法规",
    ]

    /// Whether an entry applies to text dated `date` (nil: unknown).
    static func applies(_ entry: LexiconEntry, date: SimpleDate?) -> Bool {
        guard let effective = entry.effective, let date else { return true }
        return date >= effective
    }

    static func finding(_ match: LexiconMatch, date: SimpleDate?, page: String, excerpt: String) -> Finding {
        let entry = match.entry
        let name = names[entry.kind] ?? "问题表述"
        let severity = Severity(rawValue: entry.severity) ?? (entry.kind == .serious ? .veto : .deduct)
        var suggestion: String
        switch entry.kind {
        case .outdatedName:
            suggestion = "“\(entry.wrong)”已于 \(entry.effective.map(\.description) ?? "机构改革后") 更名或撤并，请改为“\(entry.suggested)”；确属历史表述的请保留并经审核确认。"
        case .repealedLaw:
            suggestion = "\(entry.wrong)已于 \(entry.effective.map(\.description) ?? "此前") 失效，请改为引用\(entry.suggested)，并核对条款序号。"
        case .variant:
            let since = entry.effective.map { "（\($0) 起试行）" } ?? ""
            suggestion = "《第一批异形词整理表》\(since)推荐使用“\(entry.suggested)”，请将“\(entry.wrong)”改为“\(entry.suggested)”。"
        case .serious:
            suggestion = "严重表述问题，须人工确认：建议改为“\(entry.suggested)”，并按程序报审。"
        default:
            suggestion = "请将“\(entry.wrong)”改为“\(entry.suggested)”。"
        }
        let undated = entry.effective != nil && date == nil && entry.kind != .variant
        if undated { suggestion += "（页面日期未知，请确认发布时间是否晚于变更日期。）" }
        return Finding(check: checks[entry.kind] ?? id, severity: severity, page: page,
                       evidence: "\(name)“\(entry.wrong)”：“…\(excerpt)…”（词库 \(entry.file)，来源：\(entry.source)）",
                       suggestion: suggestion, needsReview: entry.kind == .serious || undated,
                       wrongForm: entry.wrong, replacement: entry.suggested)
    }
}
