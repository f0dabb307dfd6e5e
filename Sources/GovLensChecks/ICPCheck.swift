import GovLensCore

/// `identity.icp-missing`: the footer shows no ICP备案编号 in the standard form (闽ICP备09032658号).
public enum ICPCheck: Check {
    public static let id = CheckID.icpMissing
    public static let title = "ICP备案编号缺失"
    public static let severity = Severity.deduct
    public static let basis = "《政府网站发展指引》页脚要素；RULES-CN §12.7 格式"

    public static func finding(footer: String, page: String, rules: IdentityRules) -> Finding? {
        if IdentityPattern.firstMatch(rules.icp, in: footer) != nil { return nil }
        let mention = IdentityPattern.line(rules.icpMention, in: footer)
        return Finding(check: id, severity: severity, page: page,
                       evidence: mention.map { "页脚 ICP 备案编号格式不规范：“\($0)”" } ?? "页脚未展示 ICP 备案编号",
                       suggestion: "请在页脚展示 ICP 备案编号，格式如“浙ICP备12345678号”。")
    }
}
