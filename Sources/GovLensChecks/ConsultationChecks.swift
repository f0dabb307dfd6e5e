import GovLensCore

/// `consultation.short`: a 征求意见 open for fewer days than the rules' period (30:
/// 重大行政决策程序暂行条例 第十四条, 征求意见期限一般不少于 30 日).
public enum ConsultationShortCheck: Check {
    public static let rules = [
        CheckRule("consultation.short", "征求意见期限不足", .warn,
                  basis: "重大行政决策程序暂行条例 第十四条：公开征求意见的期限一般不少于 30 日（天数见 interaction.yaml）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "征求意见只有十天", .site(ExampleSite.withConsultation(asOf: "2023-06-30", from: "2023-05-01", to: "2023-05-10"))),
        .clean(note: "征求意见三十一天", .site(ExampleSite.withConsultation(asOf: "2023-06-30", from: "2023-05-01", to: "2023-05-31"))),
    ]

    static func findings(_ list: [InteractionInspector.Consultation], rules: InteractionRules.Consultations) -> [Finding] {
        list.compactMap { c in
            guard let start = c.start, let end = c.end, end >= start else { return nil }
            let days = end.dayNumber - start.dayNumber + 1
            guard days < rules.minDays else { return nil }
            return Finding(check: id, severity: severity, page: c.url,
                           evidence: "“\(c.title)”征求意见时间 \(start) 至 \(end)，共 \(days) 天，少于 \(rules.minDays) 天",
                           suggestion: "公开征求意见的期限一般不少于 30 日；因情况紧急等原因需要缩短的，应在征求意见时予以说明。",
                           needsReview: true)
        }
    }
}

/// `consultation.no-feedback`: a consultation closed (30 days ago by default) whose 征集结果 / 意见采纳
/// 情况 is not published anywhere the crawl reached (matched by the document's name in 《》).
public enum ConsultationNoFeedbackCheck: Check {
    public static let rules = [
        CheckRule("consultation.no-feedback", "意见征集未反馈结果", .deduct,
                  basis: "国办发〔2016〕80号 及各地政务公开工作要点：意见征集应公开征集结果和意见采纳情况（期限见 interaction.yaml）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "征求意见结束两个月未公布结果", .site(ExampleSite.withConsultation(asOf: "2023-06-30", from: "2023-03-01", to: "2023-04-01"))),
        .clean(note: "已公布征求意见结果", .site(ExampleSite.withConsultation(asOf: "2023-06-30", from: "2023-03-01", to: "2023-04-01",
                                                                                 feedback: true))),
    ]

    /// The name a consultation and its feedback share: the 《…》 title, else the title without the consultation words.
    static func subject(_ title: String, rules: InteractionRules.Consultations) -> String {
        if let open = title.firstIndex(of: "《"), let close = title[open...].firstIndex(of: "》"), title.index(after: open) < close {
            return String(title[title.index(after: open)..<close])
        }
        var s = title
        for w in rules.titleKeywords + ["关于", "公开", "的公告", "的通知", "的"] { s = s.replacingOccurrences(of: w, with: "") }
        return String(s.prefix(10))
    }

    static func findings(_ list: [InteractionInspector.Consultation], entries: [InteractionInspector.Entry], asOf: SimpleDate,
                         rules: InteractionRules.Consultations) -> [Finding] {
        let feedback = entries.filter { e in rules.feedbackKeywords.contains(where: e.title.contains) }
        return list.compactMap { c in
            guard let end = c.end, end.adding(days: rules.feedbackDays) < asOf else { return nil }
            let name = subject(c.title, rules: rules)
            guard name.count >= 2, !feedback.contains(where: { $0.title.contains(name) }) else { return nil }
            return Finding(check: id, severity: severity, page: c.url,
                           evidence: "“\(c.title)”征求意见已于 \(end) 结束，超过 \(rules.feedbackDays) 天未见征集结果或意见采纳情况",
                           suggestion: "请公开意见征集结果，说明收到的意见、采纳情况和不予采纳的理由。",
                           needsReview: true)
        }
    }
}

/// `consultation.none`: no 意见征集 published in the period (12 months by default) by a government
/// of a level that must hold them.
public enum ConsultationNoneCheck: Check {
    public static let rules = [
        CheckRule("consultation.none", "未开展意见征集", .deduct,
                  basis: "重大行政决策程序暂行条例 第十四条；19号 互动回应情况：调查征集类栏目开展次数（周期见 interaction.yaml）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "县政府网站一年内没有意见征集", .site(ExampleSite.county(asOf: "2023-06-30", omit: ["意见征集"]))),
        .clean(note: "两个月前征求过意见", .site(ExampleSite.county(asOf: "2023-06-30"))),
    ]

    static func finding(_ held: [InteractionInspector.Entry], columns: [SiteModel.Column], site: String, asOf: SimpleDate,
                        rules: InteractionRules.Consultations) -> Finding? {
        let cutoff = asOf.adding(months: -rules.periodMonths)
        if held.contains(where: { $0.date.map { $0 >= cutoff && $0 <= asOf } ?? false }) { return nil }
        let unread = columns.filter { !$0.judged && $0.status != .blank }
        let evidence = columns.isEmpty ? "网站未发现意见征集栏目，\(rules.periodMonths) 个月内也没有征求意见的信息"
            : "意见征集栏目（\(columns.map(\.name).joined(separator: "、"))）\(rules.periodMonths) 个月内没有新的征求意见"
        return Finding(check: id, severity: severity, page: columns.first?.url ?? site, evidence: evidence,
                       suggestion: "涉及群众切身利益的政策和重大行政决策，应通过政府网站公开征求意见。",
                       needsReview: columns.isEmpty || !unread.isEmpty, subject: "consultation")
    }
}

/// `decision.catalogue-missing`: the year's 重大行政决策事项目录 not published by the rules' date.
public enum DecisionCatalogueCheck: Check {
    public static let rules = [
        CheckRule("decision.catalogue-missing", "未公布年度重大行政决策事项目录", .deduct,
                  basis: "重大行政决策程序暂行条例 第十条：决策机关应当确定年度决策事项目录并向社会公布（期限见 interaction.yaml）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "六月底仍未公布本年度目录", .site(ExampleSite.county(asOf: "2023-06-30", omit: ["重大行政决策事项目录"]))),
        .clean(note: "二月公布了本年度目录", .site(ExampleSite.county(asOf: "2023-06-30"))),
    ]

    static func finding(_ entries: [InteractionInspector.Entry], site: String, asOf: SimpleDate,
                        rules: InteractionRules.Decisions) -> Finding? {
        let item = PeriodRules.Item(name: "重大行政决策事项目录", keywords: rules.keywords, every: "year", due: rules.due, levels: [])
        let period = PublicationPeriod.judged(item, asOf: asOf)
        guard !PeriodMissingCheck.published(item, in: period, entries: entries, asOf: asOf) else { return nil }
        return Finding(check: id, severity: severity, page: site,
                       evidence: "未找到\(period.label)重大行政决策事项目录（应于 \(period.start.year)-\(rules.due) 前公布）",
                       suggestion: "请编制并在政府网站公布年度重大行政决策事项目录，并及时公开调整情况。",
                       needsReview: true, subject: "decision-catalogue:\(period.start.year)")
    }
}

/// `response.stale`: a 回应关切 column without a new item in the period (3 months by default), or
/// none at all on a site of a level that must have one.
public enum ResponseStaleCheck: Check {
    public static let rules = [
        CheckRule("response.stale", "回应关切未及时更新", .deduct,
                  basis: "国务院办公厅政务公开工作要点：及时回应社会关切（周期见 interaction.yaml）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "回应关切半年未更新", .site(ExampleSite.county(asOf: "2023-06-30", responseDates: ["-180"]))),
        .clean(note: "回应关切上周更新", .site(ExampleSite.county(asOf: "2023-06-30"))),
    ]

    static func findings(_ model: SiteModel, site: String, rules: InteractionRules.Responses) -> [Finding] {
        let columns = model.columns.filter { c in rules.keywords.contains(where: c.name.contains) }
        guard !columns.isEmpty else {
            return [Finding(check: id, severity: severity, page: site, evidence: "网站未发现回应关切栏目",
                            suggestion: "请设置回应关切栏目，及时回应社会关切。", needsReview: true, subject: "responses")]
        }
        let cutoff = model.asOf.adding(months: -rules.months)
        return columns.compactMap { c in
            guard c.judged || c.status == .blank else { return nil }
            if let newest = c.newest, newest >= cutoff { return nil }
            let evidence = c.newest.map { "“\(c.name)”最新信息发布于 \($0)，\(rules.months) 个月内未更新" } ?? "“\(c.name)”没有信息"
            return Finding(check: id, severity: severity, page: c.url, column: c.name, evidence: evidence,
                           suggestion: "请针对社会关注的热点及时发布回应信息。", needsReview: c.needsReview)
        }
    }
}
