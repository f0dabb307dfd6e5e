import GovLensCore
import GovLensSpell

/// `text.typo` from the 成语 list: a four-character run one same-sound or similar-shape character
/// away from a known idiom, which clean text never uses (一愁莫展 for 一筹莫展). Idioms are closed
/// forms, so such a run is a typo with high confidence; no model is needed.
public enum IdiomCheck: Check {
    public static let rules = [
        CheckRule("text.typo", "错别字", .deduct,
                  basis: "国办秘函〔2019〕19号 内容准确性：错别字（成语近形，成语表见 GovLensSpell/Data/SOURCE.txt）", input: .text),
    ]
    public static let examples: [CheckExample] = [
        .triggering("text.typo", note: "成语中的同音字", .text("面对困难，一些干部一愁莫展，缺乏担当。")),
        .triggering("text.typo", note: "成语中的形近字", .text("对群众反映的问题，要做到知无不言、言无不尽，不能熟视无赌。")),
        .clean(note: "正确的成语", .text("面对困难，一些干部一筹莫展，缺乏担当。")),
        .clean(note: "与成语只差一字但常用的说法", .text("本市服务业管理水平不断提高。")),
    ]

    /// How sure the rule is: the measured precision of near-misses on held-out official text
    /// (docs/QUALITY.md) is high, so findings need no review.
    static let confidence = 0.95

    static func finding(_ m: IdiomMiss, page: String, excerpt: String) -> Finding {
        var f = Finding(check: id, severity: severity, page: page,
                        evidence: "疑似错别字“\(m.wrong)”，应为“\(m.idiom)”：“…\(excerpt)…”（成语近形）",
                        suggestion: "请将“\(m.wrong)”改为“\(m.idiom)”；确属专有名称或特意改写的可忽略。",
                        needsReview: false, wrongForm: m.wrong, replacement: m.idiom)
        f.confidence = confidence
        return f
    }
}
