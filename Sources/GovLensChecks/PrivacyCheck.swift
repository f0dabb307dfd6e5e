import GovLensCore
import GovLensCrawl
import GovLensText

/// `privacy.id-number`, `privacy.mobile`, `privacy.bank-card`: personal numbers published in page
/// text (docs/RULES.md §12.6). Evidence is an excerpt in which every personal number is masked.
public enum PrivacyCheck: Check {
    public static let rules = [
        CheckRule("privacy.id-number", "泄露身份证号码", .deduct,
                  basis: "《政府信息公开条例》第十五条；各地考核方案“泄露个人隐私”扣分项", input: .text),
        CheckRule("privacy.mobile", "泄露手机号码", .deduct,
                  basis: "《政府信息公开条例》第十五条；各地考核方案“泄露个人隐私”扣分项", input: .text),
        CheckRule("privacy.bank-card", "泄露银行卡号", .deduct,
                  basis: "《政府信息公开条例》第十五条；各地考核方案“泄露个人隐私”扣分项", input: .text),
    ]
    /// GB 11643's own example number, assembled here so that no file carries it whole.
    static let sampleID = "110105" + "19491231" + "002X"
    // The mobile and card numbers are synthetic: valid prefixes and checksums, no real person's.
    public static let examples: [CheckExample] = [
        .triggering("privacy.id-number", note: "公示名单中的身份证号码", .text("补贴发放名单：张某，身份证号 \(sampleID)，金额 500 元。")),
        .triggering("privacy.mobile", note: "个人手机号码", .text("申请人李某，联系电话 13812345678，住址略。")),
        .clean(note: "单位的服务热线不是个人信息", .text("咨询电话：0571-87654321，服务热线：12345。")),
        .triggering("privacy.bank-card", note: "银行卡号", .text("补助资金已打入其银行卡号 6222021234567890128 的账户。")),
    ]

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
