import GovLensCore

/// W-V4 site-level veto: stale 动态要闻 + stale first-level 通知公告/政策文件 columns ≥ 5
/// (`column.stale-veto`), long-stale columns ≥ 10 (`column.long-stale-veto`), blank columns ≥ 5
/// (`column.blank-veto`). Thresholds from `Rules/columns.yaml`.
public enum ColumnVetoCheck: Check {
    public static let id = CheckID.columnStaleVeto
    public static let title = "栏目不更新（单项否决）"
    public static let severity = Severity.veto
    public static let basis = "国办秘函〔2019〕19号 单项否决 W-V4：动态要闻及通知公告政策文件类一级栏目不更新≥5个，或长期未更新≥10个，或空白栏目≥5个"

    public static func findings(_ model: SiteModel, rules: ColumnRules, site: String) -> [Finding] {
        let counted = model.columns.filter { c in c.stale && rules.freshness[c.category]?.countsForVeto == true }
        let long = model.columns.filter(\.longStale)
        let blank = model.columns.filter { $0.status == .blank }
        var out: [Finding] = []
        func veto(_ check: CheckID, _ columns: [SiteModel.Column], _ threshold: Int, _ what: String) {
            guard columns.count >= threshold else { return }
            let names = columns.prefix(12).map { "“\($0.name)”" }.joined(separator: "、") + (columns.count > 12 ? "等" : "")
            out.append(Finding(check: check, severity: .veto, page: site,
                               evidence: "\(what) \(columns.count) 个（达到 \(threshold) 个即单项否决）：\(names)",
                               suggestion: "请立即更新或归并上述栏目，并复核其他栏目的更新情况。",
                               needsReview: columns.contains(where: \.needsReview)))
        }
        veto(.columnStaleVeto, counted, rules.veto.staleDynamicAndNotice, "未按时更新的动态要闻类栏目和通知公告、政策文件类一级栏目")
        veto(.columnLongStaleVeto, long, rules.veto.longStale, "应更新但长期未更新的栏目")
        veto(.columnBlankVeto, blank, rules.veto.blank, "空白栏目")
        return out
    }
}
