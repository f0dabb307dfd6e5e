import GovLensCore
import GovLensSpell

/// `text.typo` from the character language model: a character whose confusable replacement
/// (same sound or similar shape) makes its neighbourhood far more likely, as in 发展机智 → 发展机制.
/// Below the tuned confidence a person confirms it (`needsReview`).
public enum SpellCheck: Check {
    public static let rules = [
        CheckRule("text.typo", "错别字", .deduct,
                  basis: "国办秘函〔2019〕19号 内容准确性：错别字（语言模型，阈值见 GovLensSpell/Data/spell.json）", input: .text),
    ]
    public static let examples: [CheckExample] = [
        .triggering("text.typo", note: "同音别字（词库外）", .text("各级领导干部要认真履行职责，切实加强对安全生产工作的监督管理，坚持以人民为中心的发展思想，健全工作机智。")),
        .clean(note: "正确的公文句子", .text("各级领导干部要认真履行职责，切实加强对安全生产工作的监督管理，坚持以人民为中心的发展思想，健全工作机制。")),
    ]

    /// One finding for one replacement: a character, or a two-character word (竞技 → 经济) read as one.
    static func finding(_ r: [SpellSuggestion], page: String, excerpt: String) -> Finding {
        let t = r[0], wrong = String(r.map(\.wrong)), right = String(r.map(\.suggestion))
        var f = Finding(check: id, severity: severity, page: page,
                        evidence: "疑似错别字“\(wrong)”，应为“\(right)”：“…\(excerpt)…”（语言模型，置信度 \(Int((t.confidence * 100).rounded()))%）",
                        suggestion: "请核对“\(wrong)”是否应为“\(right)”；确属专有名称的可忽略。",
                        needsReview: t.needsReview, wrongForm: wrong, replacement: right)
        f.confidence = t.confidence
        return f
    }
}
