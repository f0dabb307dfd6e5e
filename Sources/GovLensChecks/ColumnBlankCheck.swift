import GovLensCore

/// `column.blank`: a column that has never carried content (有栏目无内容), or only says 暂无信息 /
/// 建设中 / 正在更新. A page whose list is loaded by script is not judged blank.
public enum ColumnBlankCheck: Check {
    public static let rules = [
        CheckRule(.columnBlank, "空白栏目", .deduct, basis: "国办秘函〔2019〕19号 单项否决第4项及扣分指标：空白栏目", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.columnBlank, note: "栏目只写“暂无信息”",
                    .site(ExampleSite(asOf: "2023-06-30", columns: ExampleSite.replacing("通知公告", body: "<div class=\"list\"><p>暂无信息</p></div>")))),
        .clean(note: "栏目有内容", .site(ExampleSite(asOf: "2023-06-30"))),
    ]

    /// One finding per blank column of the site model.
    public static func findings(_ model: SiteModel) -> [Finding] {
        model.columns.filter { $0.status == .blank }.map { c in
            Finding(check: id, severity: severity, page: c.url, column: c.name,
                    evidence: "栏目“\(c.name)”无任何信息：" + c.notes.joined(separator: "；"),
                    suggestion: "请为“\(c.name)”栏目补充应公开的内容；无内容可发布的栏目应删除或与相近栏目归并，不得保留空白栏目。")
        }
    }
}
