import GovLensCore

/// `disclosure.category-missing`: an Article 20 category (and, by government level, an Article 21
/// item) with no matching non-empty column (keywords in `Rules/disclosure.yaml`). A category whose
/// only columns could not be read is reported for review, not as missing.
public enum DisclosureCategoryCheck: Check {
    public static let rules = [
        CheckRule(.categoryMissing, "法定主动公开内容不全", .deduct,
                  basis: "《政府信息公开条例》第二十条、第二十一条；国办公开办函〔2019〕61号", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.categoryMissing, note: "没有财政预决算栏目", .site(ExampleSite(
            asOf: "2023-06-30", columns: ExampleSite.healthyColumns.filter { $0.name != "财政预决算" }))),
        .clean(note: "第二十条各项都有栏目", .site(ExampleSite(asOf: "2023-06-30"))),
    ]

    /// One finding per catalogue item (Article 20, and 21 for `level`) without a readable, non-empty column.
    public static func findings(_ model: SiteModel, catalogue: DisclosureCatalogue, level: String?, site: String) -> [Finding] {
        let page = model.platform?.url ?? site
        var out: [Finding] = []
        for item in catalogue.items(level: level) {
            let matches = model.columns.filter { c in item.keywords.contains(where: c.name.contains) }
            let article = item.id.hasPrefix("21.") ? "第二十一条" : "第二十条"
            func finding(_ evidence: String, review: Bool = false) -> Finding {
                Finding(check: id, severity: severity, page: page, column: item.name, evidence: evidence,
                        suggestion: "请在“法定主动公开内容”下设置“\(item.name)”栏目并公开相应信息（《政府信息公开条例》\(article)）。",
                        needsReview: review)
            }
            let present: Set<SiteModel.ColumnStatus> = [.ok, .singlePage, .undated, .linkOut]
            if matches.contains(where: { present.contains($0.status) }) { continue }
            let names = matches.map { "“\($0.name)”" }.joined(separator: "、")
            if let unread = matches.first(where: { $0.status != .blank && $0.status != .excluded }) {
                out.append(finding("\(article)“\(item.name)”的对应栏目\(names)无法读取（\(unread.notes.first ?? unread.status.rawValue)），请人工核实",
                                   review: true))
            } else if !matches.isEmpty {
                out.append(finding("\(article)“\(item.name)”的对应栏目\(names)为空白栏目，没有公开内容"))
            } else {
                out.append(finding("未找到\(article)“\(item.name)”对应的栏目"))
            }
        }
        return out
    }
}
