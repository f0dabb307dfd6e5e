import GovLensCore

/// `column.blank`: a column that has never carried content (有栏目无内容), or only says 暂无信息 /
/// 建设中 / 正在更新. A page whose list is loaded by script is not judged blank.
public enum ColumnBlankCheck: Check {
    public static let id = CheckID.columnBlank
    public static let title = "空白栏目"
    public static let severity = Severity.deduct
    public static let basis = "国办秘函〔2019〕19号 单项否决 W-V4(3) 及扣分指标：空白栏目"

    public static func findings(_ model: SiteModel) -> [Finding] {
        model.columns.filter { $0.status == .blank }.map { c in
            Finding(check: id, severity: severity, page: c.url, column: c.name,
                    evidence: "栏目“\(c.name)”无任何信息：" + c.notes.joined(separator: "；"),
                    suggestion: "请为“\(c.name)”栏目补充应公开的内容；无内容可发布的栏目应删除或与相近栏目归并，不得保留空白栏目。")
        }
    }
}
