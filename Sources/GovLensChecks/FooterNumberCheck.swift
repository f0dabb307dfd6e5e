import GovLensCore

/// `identity.icp-missing`, `identity.police-record-missing`: the homepage footer must show each
/// registration number of `identity.footerNumbers` in the rule file in its standard form
/// (浙ICP备12345678号, 浙公网安备 33010202000123号). A number that is mentioned but malformed is
/// quoted in the evidence.
public enum FooterNumberCheck: Check {
    public static let rules = [
        CheckRule(.icpMissing, "ICP备案编号缺失", .deduct,
                  basis: "国办发〔2017〕47号《政府网站发展指引》页脚要素：ICP 备案编号", input: .page),
        CheckRule(.policeRecordMissing, "公安机关备案编号缺失", .deduct,
                  basis: "国办发〔2017〕47号《政府网站发展指引》页脚要素：公安机关备案标识和编号", input: .page),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.icpMissing, note: "页脚没有 ICP 备案编号", .site(ExampleSite(
            asOf: "2023-06-30", footer: "网站标识码：3301230001 浙公网安备 33012302000123号"))),
        .triggering(.policeRecordMissing, note: "公安备案编号只有 12 位", .site(ExampleSite(
            asOf: "2023-06-30", footer: "网站标识码：3301230001 浙ICP备12345678号 浙公网安备 330123020001号"))),
        .clean(note: "两个编号格式正确", .site(ExampleSite(asOf: "2023-06-30"))),
    ]

    /// One finding per registration number the footer lacks or shows in a non-standard form.
    public static func findings(footer: String, page: String, rules: IdentityRules) -> [Finding] {
        rules.footerNumbers.compactMap { n in
            if IdentityPattern.firstMatch(n.pattern, in: footer) != nil { return nil }
            let mention = IdentityPattern.line(n.mention, in: footer)
            let gap = n.name.first?.isASCII == true ? " " : ""  // 页脚 ICP 备案编号: a space between Chinese and Latin
            return Finding(check: n.check, severity: .deduct, page: page,
                           evidence: mention.map { "页脚\(gap)\(n.name)格式不规范：“\($0)”" } ?? "页脚未展示\(n.name)",
                           suggestion: "请在页脚展示\(n.name)，格式如“\(n.example)”。", subject: "footer")
        }
    }
}
