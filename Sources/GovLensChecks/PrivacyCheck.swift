import GovLensCore
import GovLensCrawl
import GovLensText

/// `privacy.id-number`, `privacy.mobile`, `privacy.bank-card`: personal numbers published in page
/// text (RULES-CN §12.6). Evidence is an excerpt in which every personal number is masked.
public enum PrivacyCheck: Check {
    public static let id: CheckID = "privacy.id-number"
    public static let title = "泄露个人信息"
    public static let severity = Severity.deduct
    public static let basis = "政府信息公开条例 第十五条；各地考核方案“隐私泄露”扣分项（RULES-CN §12.6）"

    static let ids: [PersonalNumberMatch.Kind: CheckID] = [
        .idNumber: "privacy.id-number", .legacyIDNumber: "privacy.id-number",
        .mobile: "privacy.mobile", .bankCard: "privacy.bank-card",
    ]
    static let names: [PersonalNumberMatch.Kind: String] = [
        .idNumber: "居民身份证号码", .legacyIDNumber: "15位旧版身份证号码", .mobile: "手机号码", .bankCard: "银行卡号",
    ]

    static func finding(_ m: PersonalNumberMatch, page url: String, excerpt: String) -> Finding {
        Finding(check: ids[m.kind]!, severity: severity, page: url,
                evidence: "公开了\(names[m.kind]!) \(m.masked)：“…\(excerpt)…”",
                suggestion: "请删除或遮盖该\(names[m.kind]!)（如 \(m.masked)），按最小必要原则公开个人信息，并检查同批发布的其他页面和附件。",
                needsReview: m.kind == .legacyIDNumber || m.kind == .bankCard, wrongForm: m.masked)
    }
}
