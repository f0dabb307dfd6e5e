import GovLensCore

/// `period.missing`: something a level must publish every year or quarter (预算, 决算, 双随机抽查,
/// 食品药品监督检查 …) not found for the period once it is due, and named columns (社会救助, 养老服务,
/// 就业 …) without a new item in their window. What, for which levels and by when: `Rules/periods.yaml`.
public enum PeriodMissingCheck: Check {
    public static let rules = [
        CheckRule("period.missing", "应公开事项未按期公开", .deduct,
                  basis: "预算法 第十四条、国办发〔2019〕5号、基层政务公开标准目录（事项、层级和期限见 periods.yaml）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "六月底仍未公开本年度预算", .site(ExampleSite.county(asOf: "2023-06-30", omit: ["部门预算"]))),
        .triggering(id, note: "社会救助栏目半年未更新", .site(ExampleSite.county(asOf: "2023-06-30", reliefDates: ["-200"]))),
        .clean(note: "县级应公开事项均已按期公开", .site(ExampleSite.county(asOf: "2023-06-30"))),
    ]

    /// Whether an entry published in `period` (up to `asOf`) is `item`; an undated entry counts when
    /// its title names the period's year.
    static func published(_ item: PeriodRules.Item, in period: PublicationPeriod, entries: [InteractionInspector.Entry],
                          asOf: SimpleDate) -> Bool {
        entries.contains { e in
            guard item.matches(e.title) else { return false }
            if let d = e.date { return d >= period.start && d <= asOf }
            return e.title.contains("\(period.start.year)年")
        }
    }

    static func findings(_ entries: [InteractionInspector.Entry], model: SiteModel, site: String, level: String,
                         rules: PeriodRules) -> [Finding] {
        var out: [Finding] = []
        for item in rules.items where item.levels.contains(level) {
            let period = PublicationPeriod.judged(item, asOf: model.asOf)
            guard !published(item, in: period, entries: entries, asOf: model.asOf) else { continue }
            let due = item.every == "quarter" ? "季度结束后 \(item.dueDays ?? 0) 天内" : "\(period.start.year)-\(item.due ?? "12-31") 前"
            out.append(Finding(check: id, severity: severity, page: site,
                               evidence: "未找到\(period.label)\(item.name)（应于\(due)公开；按标题关键词“\(item.keywords.joined(separator: "、"))”查找）",
                               suggestion: "请按期公开\(period.label)\(item.name)；已在其他系统公开的，应在政府网站设置链接。",
                               needsReview: true, subject: "period:\(item.name):\(period.label)"))
        }
        for window in rules.columns where window.levels.contains(level) {
            let cutoff = model.asOf.adding(months: -window.months)
            for c in model.columns where c.judged && window.keywords.contains(where: c.name.contains) {
                guard let newest = c.newest, newest < cutoff else { continue }
                out.append(Finding(check: id, severity: severity, page: c.url, column: c.name,
                                   evidence: "\(window.name)栏目“\(c.name)”最新信息发布于 \(newest)，\(window.months) 个月内未更新",
                                   suggestion: "请按基层政务公开标准目录的时限更新“\(c.name)”栏目。", needsReview: c.needsReview))
            }
        }
        return out
    }
}

/// `column.duplicate`: two columns under one parent with the same name, or nearly (a dropped ending
/// such as 栏目/信息, or the same characters in another order): 平台栏目重复设置.
public enum ColumnDuplicateCheck: Check {
    public static let rules = [
        CheckRule("column.duplicate", "栏目重复设置", .warn,
                  basis: "国办发〔2017〕47号《政府网站发展指引》栏目设置；甘肃 2023 通报：平台栏目重复设置（规则见 interaction.yaml）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "导航里既有通知公告又有公告通知", .site(ExampleSite(asOf: "2023-06-30", columns: ExampleSite.healthyColumns + [
            ExampleSite.Column("公告通知", "/ggtz/", dates: ["-3"]),
        ]))),
        .clean(note: "部门预算和部门决算是两个栏目", .site(ExampleSite(asOf: "2023-06-30", columns: ExampleSite.healthyColumns + [
            ExampleSite.Column("部门预算", "/bmys/", dates: ["-3"]), ExampleSite.Column("部门决算", "/bmjs/", dates: ["-3"]),
        ]))),
    ]

    /// The form two names are compared in: no spaces or punctuation, no ignored ending.
    static func normalised(_ name: String, rules: InteractionRules.Duplicates) -> String {
        var s = String(name.unicodeScalars.filter { $0.properties.isAlphabetic || ($0.value >= 0x30 && $0.value <= 0x39) }.map(Character.init))
        for suffix in rules.ignoredSuffixes where s.hasSuffix(suffix) && s.count > suffix.count + 1 { s.removeLast(suffix.count) }
        return s
    }

    static func findings(_ model: SiteModel, rules: InteractionRules.Duplicates) -> [Finding] {
        var out: [Finding] = []
        var seen: [String: SiteModel.Column] = [:]
        for c in model.columns where c.status != .linkOut {
            let n = normalised(c.name, rules: rules)
            guard !n.isEmpty else { continue }
            let parent = c.parent ?? ""
            let keys = ["\(parent)|=\(n)"] + (n.count >= rules.minSameCharacters ? ["\(parent)|~\(String(n.sorted()))"] : [])
            if let first = keys.lazy.compactMap({ seen[$0] }).first, first.url != c.url {
                let under = c.parent.flatMap { p in model.columns.first { $0.url == p }?.name }.map { "“\($0)”下" } ?? "同一级"
                out.append(Finding(check: id, severity: severity, page: c.url, column: c.name,
                                   evidence: "\(under)栏目“\(c.name)”（\(c.url)）与“\(first.name)”（\(first.url)）重复设置",
                                   suggestion: "请合并重复栏目，保留一个，其余内容迁移后关停并做好跳转。", needsReview: true))
                continue
            }
            for k in keys { seen[k] = c }
        }
        return out
    }
}
