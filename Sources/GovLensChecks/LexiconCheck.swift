import GovLensCore
import GovLensText

/// `text.typo`, `text.banned`, `text.serious`, `text.outdated-name`, `text.repealed-law`: wrong
/// forms from the lexicons (RULES-CN §12.5). Renames and repeals count only in text dated on or
/// after the change; with no date known they are reported for review.
public enum LexiconCheck: Check {
    public static let id: CheckID = "text.typo"
    public static let title = "错敏字词、过时名称与失效法规"
    public static let severity = Severity.deduct
    public static let basis = "国办秘函〔2019〕19号“严重表述错误”单项否决及内容准确性扣分；RULES-CN §12.5"

    static let checks: [LexiconKind: CheckID] = [
        .typo: "text.typo", .banned: "text.banned", .serious: "text.serious",
        .outdatedName: "text.outdated-name", .repealedLaw: "text.repealed-law",
    ]
    static let names: [LexiconKind: String] = [
        .typo: "错别字", .banned: "禁用词", .serious: "严重表述错误", .outdatedName: "过时的机构名称", .repealedLaw: "已失效的法律法规",
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
        case .serious:
            suggestion = "严重表述问题，须人工确认：建议改为“\(entry.suggested)”，并按程序报审。"
        default:
            suggestion = "请将“\(entry.wrong)”改为“\(entry.suggested)”。"
        }
        let undated = entry.effective != nil && date == nil
        if undated { suggestion += "（页面日期未知，请确认发布时间是否晚于变更日期。）" }
        return Finding(check: checks[entry.kind] ?? id, severity: severity, page: page,
                       evidence: "\(name)“\(entry.wrong)”：“…\(excerpt)…”（词库 \(entry.file)，来源：\(entry.source)）",
                       suggestion: suggestion, needsReview: entry.kind == .serious || undated,
                       wrongForm: entry.wrong, replacement: entry.suggested)
    }
}
