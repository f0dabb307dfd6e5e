import GovLensCore

/// `identity.meta-missing` (warning): pages without the meta tags their kind should carry
/// (SiteName, SiteIDCode, ColumnName, PubDate … from `identity.requiredMeta`), one finding per tag
/// with the number of pages and an example.
public enum MetaTagCheck: Check {
    public static let rules = [
        CheckRule(.metaMissing, "网页元数据标签缺失", .warn,
                  basis: "《政府网站发展指引》网页标签规范（SiteName、SiteDomain、SiteIDCode、ColumnName 等；标签清单见 inspection.yaml）", input: .page),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.metaMissing, .siteCodeMissing, note: "网页缺少 SiteIDCode 标签", .site(ExampleSite(asOf: "2023-06-30", siteIDCode: nil))),
        .clean(note: "标签齐全", .site(ExampleSite(asOf: "2023-06-30"))),
    ]

    /// Tags missing on one page: `all` on every page, `column` on list pages, `article` on dated pages.
    static func missing(meta: [String: String], isList: Bool, isArticle: Bool, rules: IdentityRules) -> [String] {
        var wanted = rules.requiredMeta.all
        if isList { wanted += rules.requiredMeta.column }
        if isArticle { wanted += rules.requiredMeta.article }
        var seen: Set<String> = []
        return wanted.filter { seen.insert($0).inserted && (meta[$0.lowercased()] ?? "").isEmpty }
    }

    /// One finding per missing tag, with how many pages lack it and an example page.
    public static func findings(missing: [String: (count: Int, example: String)], pages: Int) -> [Finding] {
        missing.sorted { $0.key < $1.key }.map { tag, m in
            Finding(check: id, severity: severity, page: m.example,
                    evidence: "\(m.count) / \(pages) 个页面缺少 <meta name=\"\(tag)\"> 标签，例如本页",
                    suggestion: "请在网页模板头部加入 <meta name=\"\(tag)\" content=\"…\">，便于全国政府网站统一检索和监测。",
                    subject: "meta:\(tag)")
        }
    }
}
