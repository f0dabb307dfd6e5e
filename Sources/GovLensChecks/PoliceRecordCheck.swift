import GovLensCore

/// `identity.police-record-missing`: the footer shows no 公安机关备案编号 in the standard form
/// (京公网安备11010202000001号, 14 digits).
public enum PoliceRecordCheck: Check {
    public static let id = CheckID.policeRecordMissing
    public static let title = "公安机关备案编号缺失"
    public static let severity = Severity.deduct
    public static let basis = "《政府网站发展指引》页脚要素；RULES-CN §12.7 格式"

    public static func finding(footer: String, page: String, rules: IdentityRules) -> Finding? {
        if IdentityPattern.firstMatch(rules.policeRecord, in: footer) != nil { return nil }
        let mention = IdentityPattern.line(rules.policeMention, in: footer)
        return Finding(check: id, severity: severity, page: page,
                       evidence: mention.map { "页脚公安机关备案编号格式不规范：“\($0)”" } ?? "页脚未展示公安机关备案编号",
                       suggestion: "请在页脚展示公安机关备案标识和编号，格式如“浙公网安备 33010202000123号”（14 位数字）。")
    }
}
