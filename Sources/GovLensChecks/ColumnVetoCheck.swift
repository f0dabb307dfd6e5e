import GovLensCore

/// W-V4 site-level veto: stale 动态要闻 + stale first-level 通知公告/政策文件 columns ≥ 5
/// (`column.stale-veto`), long-stale columns ≥ 10 (`column.long-stale-veto`), blank columns ≥ 5
/// (`column.blank-veto`). Thresholds from `Rules/columns.yaml`.
public enum ColumnVetoCheck: Check {
    public static let rules = [
        CheckRule(.columnStaleVeto, "栏目不更新（单项否决）", .veto,
                  basis: "国办秘函〔2019〕19号 单项否决第4项：动态要闻类栏目及通知公告、政策文件类一级栏目不更新累计≥5个", input: .siteModel),
        CheckRule(.columnLongStaleVeto, "栏目长期未更新（单项否决）", .veto,
                  basis: "国办秘函〔2019〕19号 单项否决第4项：应更新但长期未更新的栏目≥10个", input: .siteModel),
        CheckRule(.columnBlankVeto, "空白栏目（单项否决）", .veto,
                  basis: "国办秘函〔2019〕19号 单项否决第4项：空白栏目≥5个", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.columnStaleVeto, note: "五个动态和通知类栏目不更新", .site(ExampleSite(asOf: "2023-06-30", columns: ExampleSite.healthyColumns + [
            ExampleSite.Column("乡镇动态", "/xzdt/", dates: ["-40"]), ExampleSite.Column("部门动态", "/bmdt/", dates: ["-40"]),
            ExampleSite.Column("图片新闻", "/tpxw/", dates: ["-40"]), ExampleSite.Column("基层动态", "/jcdt/", dates: ["-40"]),
            ExampleSite.Column("政务要闻", "/zwyw/", dates: ["-40"]),
        ]))),
        .triggering(.columnBlankVeto, note: "五个空白栏目", .site(ExampleSite(asOf: "2023-06-30", columns: ExampleSite.healthyColumns
            + ["办事指南", "便民服务", "招商引资", "旅游资讯", "投资环境"].enumerated().map { i, n in
                ExampleSite.Column(n, "/blank\(i)/", dates: [], body: "<div class=\"list\"><p>暂无信息</p></div>")
            }))),
        .triggering(.columnLongStaleVeto, .columnStaleVeto, note: "十个栏目一年以上未更新",
                    .site(ExampleSite(asOf: "2023-06-30", columns: ExampleSite.healthyColumns + (0..<10).map { i in
                        ExampleSite.Column("工作信息\(i)", "/old\(i)/", dates: ["-400"])
                    }))),
        .clean(note: "一个栏目不更新不构成否决",
               .site(ExampleSite(asOf: "2023-06-30", columns: ExampleSite.replacing("工作动态", dates: ["-30"])))),
    ]

    /// The W-V4 vetoes whose counts reach the rule file's thresholds.
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
                               needsReview: columns.contains(where: \.needsReview), subject: "site"))
        }
        veto(.columnStaleVeto, counted, rules.veto.staleDynamicAndNotice, "未按时更新的动态要闻类栏目和通知公告、政策文件类一级栏目")
        veto(.columnLongStaleVeto, long, rules.veto.longStale, "应更新但长期未更新的栏目")
        veto(.columnBlankVeto, blank, rules.veto.blank, "空白栏目")
        return out
    }
}
