import GovLensCore

/// The message-board checks on one board's messages, and the board's statistics.
enum BoardChecks {
    static let rules = [InteractionUnansweredCheck.rules, InteractionSlowCheck.rules, InteractionEmptyReplyCheck.rules,
                        InteractionNoRecentRepliesCheck.rules].flatMap { $0 }

    static func run(board: SiteModel.Column, messages: [BoardMessage], record: inout BoardRecord, asOf: SimpleDate,
                    rules: InteractionRules.Boards) -> [Finding]
    {
        let days = messages.filter(\.answered).compactMap(\.replyDays).sorted()
        record.messages = messages.count
        record.answered = messages.filter(\.answered).count
        if !days.isEmpty {
            let mid = days.count / 2
            record.medianReplyDays = days.count % 2 == 1 ? Double(days[mid]) : Double(days[mid - 1] + days[mid]) / 2
        }
        record.newestReply = messages.compactMap(\.replied).filter { $0 <= asOf }.max()?.description
        var findings: [Finding] = []
        let lookback = asOf.adding(months: -rules.lookbackMonths)
        for m in messages {
            guard let asked = m.asked, asked >= lookback, asked <= asOf else { continue }
            if let f = InteractionUnansweredCheck.finding(m, board: board.name, asOf: asOf, rules: rules) {
                record.overdue += 1; findings.append(f); continue
            }
            if let f = InteractionSlowCheck.finding(m, board: board.name, rules: rules) { findings.append(f) }
            if let f = InteractionEmptyReplyCheck.finding(m, board: board.name, rules: rules) { findings.append(f) }
        }
        if let f = InteractionNoRecentRepliesCheck.finding(board, messages: messages, asOf: asOf, rules: rules) { findings.append(f) }
        return findings
    }
}

/// `interaction.unanswered`: a 留言 of the last 12 months still open after 3 months, or answered only
/// after 3 months (国办秘函〔2019〕19号 单项否决 互动回应差). Needs review: only a valid message counts.
public enum InteractionUnansweredCheck: Check {
    public static let rules = [
        CheckRule("interaction.unanswered", "留言超期未答复", .deduct,
                  basis: "国办秘函〔2019〕19号 单项否决：互动回应差（留言超过 3 个月未答复；窗口见 interaction.yaml）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "留言四个月未回复", .site(ExampleSite.withBoard(asOf: "2023-06-30", [
            ExampleMessage("关于小区停车难的问题", asked: "-120"),
            ExampleMessage("咨询社保缴费", asked: "-30", replied: "-29", reply: "您好，社保费可在税务APP缴纳，逾期可到县政务服务中心3号窗口补缴。"),
        ]))),
        .clean(note: "留言均已及时回复", .site(ExampleSite.withBoard(asOf: "2023-06-30", [
            ExampleMessage("咨询社保缴费", asked: "-30", replied: "-29", reply: "您好，社保费可在税务APP缴纳，逾期可到县政务服务中心3号窗口补缴。"),
            ExampleMessage("刚提交的留言", asked: "-10"),
        ]))),
    ]

    static func finding(_ m: BoardMessage, board: String, asOf: SimpleDate, rules: InteractionRules.Boards) -> Finding? {
        guard let asked = m.asked else { return nil }
        let deadline = asked.adding(months: rules.unansweredMonths)
        let evidence: String
        if !m.answered {
            guard deadline < asOf else { return nil }
            evidence = "“\(board)”留言“\(m.subject)”（留言时间 \(asked)）至检查日 \(asOf) 仍未答复"
                + (m.state.map { "（状态：\($0)）" } ?? "") + "，超过 \(rules.unansweredMonths) 个月"
        } else if let replied = m.replied, replied > deadline {
            evidence = "“\(board)”留言“\(m.subject)”（留言时间 \(asked)）于 \(replied) 才答复，超过 \(rules.unansweredMonths) 个月"
        } else { return nil }
        return Finding(check: id, severity: severity, page: m.url, column: board, evidence: evidence,
                       suggestion: "请尽快答复该留言，并核实是否为有效留言（重复、无效、辱骂等留言可不计入）；超过 3 个月未答复构成互动回应差。",
                       needsReview: true)
    }
}

/// `interaction.slow`: a 留言 answered, within the 3 months, but after more working days than the
/// rules allow (5 by default; a simple question answered within 1 working day is what 岳阳 praises).
public enum InteractionSlowCheck: Check {
    public static let rules = [
        CheckRule("interaction.slow", "留言答复不及时", .warn,
                  basis: "互动交流 留言办理时效（工作日数见 interaction.yaml，按国务院放假调休安排计算）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "留言 20 个工作日后才答复", .site(ExampleSite.withBoard(asOf: "2023-06-30", [
            ExampleMessage("咨询医保报销", asked: "2023-05-04", replied: "2023-06-01", reply: "您好，门诊费用可凭发票到县医保中心一楼窗口办理报销，需带身份证。"),
        ]))),
        .clean(note: "留言次日答复", .site(ExampleSite.withBoard(asOf: "2023-06-30", [
            ExampleMessage("咨询医保报销", asked: "2023-05-04", replied: "2023-05-05", reply: "您好，门诊费用可凭发票到县医保中心一楼窗口办理报销，需带身份证。"),
        ]))),
    ]

    static func finding(_ m: BoardMessage, board: String, rules: InteractionRules.Boards,
                        calendar: WorkingDayCalendar = .official) -> Finding? {
        guard m.answered, let asked = m.asked, let replied = m.replied else { return nil }
        let days = calendar.workingDays(from: asked, to: replied)
        guard days > rules.slowWorkingDays else { return nil }
        return Finding(check: id, severity: severity, page: m.url, column: board,
                       evidence: "“\(board)”留言“\(m.subject)”\(asked) 提交，\(replied) 答复，用时 \(days) 个工作日（要求 \(rules.slowWorkingDays) 个工作日内）",
                       suggestion: "请缩短留言办理时限，简单咨询当日或次个工作日答复。")
    }
}

/// `interaction.empty-reply`: a reply with no substance: once greeting and template phrases
/// (interaction.yaml), punctuation and the question's own words are taken out, little is left.
public enum InteractionEmptyReplyCheck: Check {
    public static let rules = [
        CheckRule("interaction.empty-reply", "留言答复无实质内容", .warn,
                  basis: "国办秘函〔2019〕19号 互动回应情况：答复敷衍、答非所问（模板语句见 interaction.yaml）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "答复只有客套话", .site(ExampleSite.withBoard(asOf: "2023-06-30", [
            ExampleMessage("道路破损何时维修", asked: "-20", replied: "-19", reply: "您好，感谢您的来信，已转相关部门办理。谢谢！"),
        ]))),
        .clean(note: "答复说明了办理结果", .site(ExampleSite.withBoard(asOf: "2023-06-30", [
            ExampleMessage("道路破损何时维修", asked: "-20", replied: "-19", reply: "您好，经县交通运输局核实，该路段已列入六月维修计划，预计6月25日前完成修补。"),
        ]))),
    ]

    static func finding(_ m: BoardMessage, board: String, rules: InteractionRules.Boards) -> Finding? {
        guard m.answered, let n = m.substantiveCharacters, n < rules.minReplyCharacters, let excerpt = m.replyExcerpt else { return nil }
        return Finding(check: id, severity: severity, page: m.url, column: board,
                       evidence: "“\(board)”留言“\(m.subject)”的答复只有模板语句：“\(excerpt)”",
                       suggestion: "答复应针对留言所问，说明办理结果、依据或办理途径，不得只作程序性回复。",
                       needsReview: true)
    }
}

/// `interaction.no-recent-replies`: a board that lists messages but published no reply in the 2
/// months before the check date (19号 扣分指标 留言答复 −3).
public enum InteractionNoRecentRepliesCheck: Check {
    public static let rules = [
        CheckRule("interaction.no-recent-replies", "留言答复长期未更新", .deduct,
                  basis: "国办秘函〔2019〕19号 扣分指标：监测时间点前 2 个月内无新增留言答复（窗口见 interaction.yaml）", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering(id, note: "最近一次答复在四个月前", .site(ExampleSite.withBoard(asOf: "2023-06-30", [
            ExampleMessage("咨询公积金提取", asked: "-125", replied: "-122", reply: "您好，租房提取公积金需提供租赁合同和身份证，到县公积金中心办理。"),
        ]))),
        .clean(note: "上周有答复", .site(ExampleSite.withBoard(asOf: "2023-06-30", [
            ExampleMessage("咨询公积金提取", asked: "-8", replied: "-7", reply: "您好，租房提取公积金需提供租赁合同和身份证，到县公积金中心办理。"),
        ]))),
    ]

    static func finding(_ board: SiteModel.Column, messages: [BoardMessage], asOf: SimpleDate,
                        rules: InteractionRules.Boards) -> Finding? {
        guard !messages.isEmpty else { return nil }
        let cutoff = asOf.adding(months: -rules.recentReplyMonths)
        let newest = messages.compactMap(\.replied).filter { $0 <= asOf }.max()
        if let newest, newest >= cutoff { return nil }
        let evidence = newest.map { "“\(board.name)”最近一次答复在 \($0)，检查日前 \(rules.recentReplyMonths) 个月内没有新的答复" }
            ?? "“\(board.name)”列出 \(messages.count) 条留言，均未见答复"
        return Finding(check: id, severity: severity, page: board.url, column: board.name, evidence: evidence,
                       suggestion: "请及时办理并公开留言答复；确无留言的，应核实留言渠道是否畅通。")
    }
}
