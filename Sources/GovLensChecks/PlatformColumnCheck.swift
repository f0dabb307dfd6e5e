import GovLensCore

/// `disclosure.platform-column-missing`: the 信息公开 platform lacks one of its four fixed
/// first-level columns (国办公开办函〔2019〕61号), or names it otherwise (统一名称: a warning).
public enum PlatformColumnCheck: Check {
    public static let rules = [
        CheckRule(.platformColumnMissing, "政府信息公开平台栏目缺失", .deduct,
                  basis: "国办公开办函〔2019〕61号：平台统一设置政府信息公开指南、制度、法定主动公开内容、年报四个一级栏目", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.platformColumnMissing, note: "平台缺少年报栏目",
                    .site(ExampleSite(asOf: "2023-06-30", platform: Array(ExampleSite.platformColumns.dropLast())))),
        .clean(note: "四个栏目齐全", .site(ExampleSite(asOf: "2023-06-30"))),
    ]

    /// Findings for each fixed platform column that is missing or named otherwise.
    public static func findings(_ model: SiteModel, catalogue: DisclosureCatalogue, site: String) -> [Finding] {
        guard let platform = model.platform else {
            return catalogue.platformColumns.map { c in
                Finding(check: id, severity: severity, page: site, column: c.name,
                        evidence: "首页未找到“政府信息公开”平台入口，无法找到“\(c.name)”栏目",
                        suggestion: "请在门户网站设置统一名称的“政府信息公开”平台，并设置“\(c.name)”等四个一级栏目（国办公开办函〔2019〕61号）。")
            }
        }
        let names = Set(platform.names + model.columns.filter { $0.parent == platform.url }.map(\.name))
        var out: [Finding] = []
        for c in catalogue.platformColumns where !names.contains(c.name) {
            if let alias = names.first(where: { n in c.aliases.contains(where: { n == $0 }) }) {
                out.append(Finding(check: id, severity: .warn, page: platform.url, column: c.name,
                                   evidence: "平台栏目名称“\(alias)”与统一名称“\(c.name)”不一致",
                                   suggestion: "请将“\(alias)”更名为“\(c.name)”，平台栏目应统一名称、统一格式。"))
            } else {
                out.append(Finding(check: id, severity: severity, page: platform.url, column: c.name,
                                   evidence: "政府信息公开平台未设置“\(c.name)”栏目",
                                   suggestion: "请在政府信息公开平台设置“\(c.name)”一级栏目并发布相应内容（国办公开办函〔2019〕61号）。"))
            }
        }
        return out
    }
}
