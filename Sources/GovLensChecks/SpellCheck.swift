import GovLensCore
import GovLensSpell

/// `text.typo` from the character language model: a character whose confusable replacement
/// (same sound or similar shape) makes its neighbourhood far more likely, as in 发展机智 → 发展机制.
/// Below the tuned confidence a person confirms it (`needsReview`).
public enum SpellCheck: Check {
    public static let id: CheckID = "text.typo"
    public static let title = "错别字（语言模型发现的词库外错字）"
    public static let severity = Severity.deduct
    public static let basis = "国办秘函〔2019〕19号内容准确性扣分；RULES-CN §12.5；阈值见 GovLensSpell/Data/spell.json"

    static func finding(_ t: SpellSuggestion, page: String, excerpt: String) -> Finding {
        var f = Finding(check: id, severity: severity, page: page,
                        evidence: "疑似错别字“\(t.wrong)”，应为“\(t.suggestion)”：“…\(excerpt)…”（语言模型，置信度 \(Int((t.confidence * 100).rounded()))%）",
                        suggestion: "请核对“\(t.wrong)”是否应为“\(t.suggestion)”；确属专有名称的可忽略。",
                        needsReview: t.needsReview, wrongForm: String(t.wrong), replacement: String(t.suggestion))
        f.confidence = t.confidence
        return f
    }
}
