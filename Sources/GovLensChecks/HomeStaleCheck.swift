import GovLensCore
import GovLensText

/// `home.stale`: no dated item on the homepage within the window (14 days); undated items do not
/// count (W-V3). A homepage with no list at all (a navigation entry) passes if a first-level
/// column was updated in the window.
public enum HomeStaleCheck: Check {
    public static let rules = [
        CheckRule(.homeStale, "首页不更新", .veto,
                  basis: "国办秘函〔2019〕19号 单项否决第3项：监测时间点前 2 周内首页无更新", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.homeStale, note: "首页最新信息是一个月前", .site(ExampleSite(asOf: "2023-06-30", homeDates: ["-30", "-45"]))),
        .clean(note: "首页三天前有更新", .site(ExampleSite(asOf: "2023-06-30", homeDates: ["-3"]))),
    ]

    /// A finding when the homepage shows no dated item within the window (W-V3).
    public static func finding(_ model: SiteModel, rules: ColumnRules) -> Finding? {
        guard let home = model.homepage else { return nil }
        let cutoff = SimpleDate(dayNumber: model.asOf.dayNumber - rules.homeWindowDays)
        let newest = home.datedItems.max()
        if let newest, newest >= cutoff { return nil }
        var notes: [String] = []
        if home.futureItems > 0 { notes.append("另有 \(home.futureItems) 条信息日期晚于检查日，未计入") }
        var needsReview = home.futureItems > 0
        let evidence: String
        if let newest {
            evidence = "首页最新一条有日期的信息发布于 \(newest)，\(rules.homeWindowDays) 天内没有新信息"
                + (home.undatedItems > 0 ? "（另有 \(home.undatedItems) 条未显示日期，视为未更新）" : "")
        } else if home.undatedItems > 0 {
            evidence = "首页 \(home.undatedItems) 条信息均未显示发布日期，按规定视为未更新"
        } else {
            // A navigation-only homepage: judged by its first-level columns (W-V3).
            let firstLevel = model.columns.filter { $0.firstLevel && $0.judged }
            if firstLevel.contains(where: { $0.newest.map { $0 >= cutoff } ?? false }) { return nil }
            if home.scriptLoadsData { needsReview = true; notes.append("首页内容由脚本加载，请人工核实") }
            evidence = "首页没有信息列表，各一级栏目 \(rules.homeWindowDays) 天内也没有新信息"
        }
        return Finding(check: id, severity: severity, page: home.url,
                       evidence: ([evidence] + notes).joined(separator: "；"),
                       suggestion: "首页应及时发布本地区、本部门的最新动态，并标明发布日期；两周内无更新即构成单项否决。",
                       needsReview: needsReview, subject: "homepage")
    }
}
