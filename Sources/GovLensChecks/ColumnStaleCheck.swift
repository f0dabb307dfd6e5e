import GovLensCore
import GovLensText

/// `column.stale`: a column not updated within its category's window (动态要闻 14 days, first-level
/// 通知公告/政策文件 6 months, 人事/规划计划 12 months), or not for a long time (应更新但长期未更新).
/// Windows come from `Rules/columns.yaml`. Unreachable, undated and script-rendered columns are never stale.
public enum ColumnStaleCheck: Check {
    public static let rules = [
        CheckRule(.columnStale, "栏目不更新", .deduct,
                  basis: "国办秘函〔2019〕19号 单项否决第4项及扣分指标（动态要闻 2 周，通知公告、政策文件 6 个月，人事、规划计划 1 年；见 columns.yaml）",
                  input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.columnStale, note: "工作动态一个月未更新",
                    .site(ExampleSite(asOf: "2023-06-30", columns: ExampleSite.replacing("工作动态", dates: ["-30", "-60"])))),
        .clean(note: "各栏目按时更新", .site(ExampleSite(asOf: "2023-06-30"))),
    ]

    /// Marks stale columns in `model` and returns one finding per stale column.
    public static func apply(_ model: inout SiteModel, rules: ColumnRules) -> [Finding] {
        var findings: [Finding] = []
        for i in model.columns.indices where model.columns[i].judged {
            let c = model.columns[i]
            guard let newest = c.newest else { continue }
            let age = model.asOf.dayNumber - newest.dayNumber
            var reasons: [String] = []
            if let window = rules.freshness[c.category], window.firstLevelOnly != true || c.firstLevel,
               newest < window.cutoff(asOf: model.asOf)
            {
                model.columns[i].stale = true
                reasons.append("超过\(c.category)类\(window.firstLevelOnly == true ? "一级" : "")栏目 \(window.text)的更新要求")
            }
            let long = ColumnRules.Window(days: nil, months: rules.longStale.months)
            if rules.longStale.categories.contains(c.category), newest < long.cutoff(asOf: model.asOf) {
                model.columns[i].longStale = true
                reasons.append("超过 \(long.text)未更新（应更新但长期未更新）")
            }
            guard !reasons.isEmpty else { continue }
            let level = c.firstLevel ? "一级栏目" : "栏目"
            findings.append(Finding(
                check: id, severity: severity, page: c.url, column: c.name,
                evidence: "\(level)“\(c.name)”最新信息发布于 \(newest)（距检查日 \(age) 天），" + reasons.joined(separator: "；")
                    + (c.notes.isEmpty ? "" : "。" + c.notes.joined(separator: "；")),
                suggestion: "请按时更新“\(c.name)”栏目。确实无内容可持续发布的栏目，应按国办发〔2017〕47号要求归并或关停，不得长期不更新。",
                needsReview: c.needsReview))
        }
        return findings
    }
}
