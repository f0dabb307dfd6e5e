import GovLensCore

/// `identity.domain-nonstandard`: portals use www.<xxx>.gov.cn, department sites <ooo>.<xxx>.gov.cn
/// (国办发〔2017〕47号, docs/RULES.md §9.2). A host starting with www. is judged as a portal.
public enum DomainCheck: Check {
    public static let rules = [
        CheckRule(.domainNonstandard, "域名不规范", .deduct, basis: "国办发〔2017〕47号《政府网站发展指引》域名规范", input: .page),
    ]
    public static let examples: [CheckExample] = [
        .clean(note: "门户网站 www.<地区>.gov.cn", .site(ExampleSite(asOf: "2023-06-30"))),
        .triggering(.domainNonstandard, note: "不以 .gov.cn 结尾", .site(ExampleSite(asOf: "2023-06-30", host: "www.example-county.com"))),
    ]

    /// A finding when `host` breaks the portal or department domain pattern of the rule file.
    public static func finding(host: String, page: String, rules: IdentityRules) -> Finding? {
        let host = host.lowercased()
        let portal = host.hasPrefix("www.")
        if IdentityPattern.firstMatch(portal ? rules.portalDomain : rules.departmentDomain, in: host) != nil { return nil }
        let why = host.hasSuffix(".gov.cn") ? "不符合\(portal ? "门户网站 www.<地区>.gov.cn" : "部门网站 <部门>.<地区>.gov.cn")的格式"
            : "不是以 .gov.cn 结尾的政府网站域名"
        return Finding(check: id, severity: severity, page: page, evidence: "网站域名 \(host) \(why)",
                       suggestion: "政府网站应使用 .gov.cn 域名：门户网站为 www.<地区>.gov.cn，部门网站使用本级门户的下级域名 <部门>.<地区>.gov.cn。",
                       subject: "domain")
    }
}
