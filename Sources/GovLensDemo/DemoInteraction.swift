import Foundation
import GovLensCore

/// The demo's 互动交流 and 重点领域 pages: a paginated 在线咨询 board with unanswered, late, slow and
/// template-only replies; an 意见征集 column with a short consultation and one without feedback; a
/// fresh 回应关切 column; a 重点领域信息 column that publishes the year's inspection plans and results
/// but neither the 预算 nor the 重大行政决策事项目录; and 新闻图片, a duplicate of 图片新闻. Every
/// planted defect goes into `truth.interaction`; nothing here draws on the generator's random source,
/// so the rest of the site is what it was.
extension DemoSiteGenerator {
    /// Sub-columns the parent pages list besides their own.
    static let interactionChildren = ["/xwzx/": [("xwtp/", "新闻图片")],
                                      "/hdjl/": [("zxzx/", "在线咨询"), ("xzxx/", "县长信箱"), ("yjzj/", "意见征集"), ("hygq/", "回应关切")]]

    /// A 留言: dates as yyyy-MM-dd, reply nil when not answered.
    struct PlantedMessage {
        var subject: String
        var asked: String
        var replied: String?
        var reply: String?
        var defect: String?
    }

    static let good = "您好，经县人力资源和社会保障局核实，您所反映的事项符合政策规定，请携带身份证和相关证明材料到县政务服务中心二楼社保窗口办理，工作日均可受理。"

    static let plantedMessages: [PlantedMessage] = [
        .init(subject: "关于县城区停车难问题的建议", asked: "2023-01-10", defect: "interaction.unanswered"),
        .init(subject: "农村道路破损何时维修", asked: "2023-02-20", defect: "interaction.unanswered"),
        .init(subject: "咨询生育补贴申领条件", asked: "2022-11-02", replied: "2023-03-15", reply: good, defect: "interaction.unanswered"),
        .init(subject: "咨询新生儿医保参保", asked: "2023-05-04", replied: "2023-06-01", reply: good, defect: "interaction.slow"),
        .init(subject: "咨询残疾人两项补贴", asked: "2023-04-03", replied: "2023-04-24", reply: good, defect: "interaction.slow"),
        .init(subject: "反映小区夜间施工噪音", asked: "2023-06-05", replied: "2023-06-06",
              reply: "您好，感谢您的来信，已转相关部门办理。谢谢！", defect: "interaction.empty-reply"),
        .init(subject: "学校门口上下学交通拥堵", asked: "2023-05-22", replied: "2023-05-23",
              reply: "您好，您的留言已收到，请咨询相关部门。此复。", defect: "interaction.empty-reply"),
        .init(subject: "咨询灵活就业人员社保缴费", asked: "2023-06-12", replied: "2023-06-13", reply: good),
        .init(subject: "咨询失业保险金申领", asked: "2023-06-01", replied: "2023-06-02", reply: good),
        .init(subject: "咨询退休人员待遇认证", asked: "2023-05-15", replied: "2023-05-16", reply: good),
        .init(subject: "咨询职业技能补贴", asked: "2023-04-20", replied: "2023-04-21", reply: good),
        .init(subject: "咨询城乡居民养老保险", asked: "2023-03-08", replied: "2023-03-09", reply: good),
        // Open for four days: not yet late.
        .init(subject: "咨询公租房申请材料", asked: "2023-06-26"),
        // Open for over a year, asked before the twelve months the rule looks at: not counted.
        .init(subject: "咨询老旧小区改造范围", asked: "2022-05-10"),
    ]

    mutating func emitInteraction(_ emit: (DemoFile) throws -> Void) throws {
        func crumbs(_ steps: [(String, String?)]) -> String {
            "<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; "
                + steps.map { s in s.1.map { "<a href=\"\($0)\">\(s.0)</a>" } ?? s.0 }.joined(separator: " &gt; ") + "</div>\n"
        }
        func list(_ entries: [(String, String, String)], pager: String = "") -> String {
            "<div class=\"list\"><ul>" + entries.map { "<li><a href=\"\($0.0)\">\($0.1)</a><span class=\"date\">\($0.2)</span></li>" }.joined()
                + "</ul>\(pager)</div>"
        }
        func article(_ path: String, _ title: String, _ date: String, column: (String, String), _ text: String) throws {
            try emit(html(path, title: title, column: column.0,
                          body: "<div class=\"article\"><h1>\(title)</h1><div class=\"info\">发布时间：\(date)</div><p>\(text)</p></div>",
                          crumbs: crumbs([("互动交流", "/hdjl/"), (column.0, column.1), ("正文", nil)])))
        }
        let asOf = config.asOf

        // 在线咨询: two list pages, each message on its own page; the first-quarter statistics beside them.
        let board = ("在线咨询", "/hdjl/zxzx/")
        var entries: [(String, String, String)] = []
        for (i, m) in Self.plantedMessages.enumerated() {
            let path = "/hdjl/zxzx/\(String(format: "%04d", i + 1)).html"
            entries.append((path, m.subject, m.asked))
            func row(_ l: String, _ v: String) -> String { "<tr><td>\(l)</td><td>\(v)</td></tr>" }
            var rows = row("留言标题", m.subject) + row("留言时间", m.asked) + row("办理状态", m.replied == nil ? "办理中" : "已办结")
            if let r = m.replied { rows += row("回复单位", "青山县人民政府办公室") + row("回复时间", r) + row("回复内容", m.reply ?? "") }
            // The page's date is the 留言时间, also in the date meta tag as the common CMSs write it.
            let page = document(title: m.subject, column: board.0,
                                body: crumbs([("互动交流", "/hdjl/"), (board.0, board.1), ("正文", nil)])
                                    + "<div class=\"article\"><table class=\"letter\">\(rows)</table></div>",
                                headExtra: "<meta name=\"PubDate\" content=\"\(m.asked)\">", charsetMeta: "<meta charset=\"utf-8\">")
            try emit(DemoFile(path: path, contentType: "text/html; charset=utf-8", body: Data(page.utf8)))
            if let d = m.defect { truth.interaction.append(.init(check: d, key: site + path, note: m.subject)) }
        }
        entries.sort { $0.2 > $1.2 }
        let half = entries.count / 2
        try emit(html("/hdjl/zxzx/index.html", title: board.0, column: board.0,
                      body: list(Array(entries[..<half]), pager: "<div class=\"page\">共2页 <a href=\"index_1.html\">下一页</a> <a href=\"index_1.html\">尾页</a></div>"),
                      crumbs: crumbs([("互动交流", "/hdjl/"), (board.0, nil)])))
        try emit(html("/hdjl/zxzx/index_1.html", title: board.0, column: board.0,
                      body: list(Array(entries[half...]), pager: "<div class=\"page\">共2页 <a href=\"index.html\">上一页</a></div>"),
                      crumbs: crumbs([("互动交流", "/hdjl/"), (board.0, nil)])))
        let answered = Self.plantedMessages.filter { $0.replied != nil }
        let days = answered.map { SimpleDate(iso: $0.replied!)!.dayNumber - SimpleDate(iso: $0.asked)!.dayNumber }.sorted()
        let median = days.count % 2 == 1 ? Double(days[days.count / 2]) : Double(days[days.count / 2 - 1] + days[days.count / 2]) / 2
        truth.boards.append(.init(name: board.0, url: site + board.1, status: "checked", messages: Self.plantedMessages.count,
                                  answered: answered.count, overdue: 3, medianReplyDays: median, statisticsPublished: false))
        truth.boards.append(.init(name: "领导信箱", url: site + "/hdjl/ldxx/", status: "unreachable", messages: 0, answered: 0,
                                  overdue: 0, medianReplyDays: nil, statisticsPublished: false))
        truth.columns.append(.init(name: board.0, url: site + board.1, status: "ok", category: "政务咨询", firstLevel: false,
                                   newest: entries.map(\.2).filter { $0 <= asOf.description }.max(), stale: false, needsReview: false))

        // 县长信箱: rendered by script from the site's own JSON endpoint, which the scan reads.
        let xzxx = ("县长信箱", "/hdjl/xzxx/")
        let letters: [(String, String, String?, String)] = [
            ("关于农村饮水安全的建议", "2023-02-01", nil, "办理中"),
            ("咨询农村危房改造补助", "2023-06-08", "2023-06-09", "已办结"),
            ("咨询高龄津贴发放时间", "2023-05-29", "2023-05-30", "已办结"),
        ]
        let records = letters.enumerated().map { i, l in
            "{\"title\":\"\(l.0)\",\"createTime\":\"\(l.1) 09:30:00\",\"statusName\":\"\(l.3)\",\"url\":\"/hdjl/xzxx/detail_\(i + 1).html\""
                + (l.2.map { ",\"replyTime\":\"\($0) 16:00:00\",\"replyDept\":\"青山县民政局\",\"replyContent\":\"\(Self.good)\"" } ?? "") + "}"
        }
        try emit(DemoFile(path: "/hdjl/xzxx/list.json", contentType: "application/json; charset=utf-8",
                          body: Data("{\"code\":0,\"data\":{\"total\":\(letters.count),\"list\":[\(records.joined(separator: ","))]}}".utf8)))
        try emit(html("/hdjl/xzxx/index.html", title: xzxx.0, column: xzxx.0,
                      body: "<div class=\"list\"><ul id=\"letters\"></ul></div><script>$.ajax({url: \"list.json\", dataType: \"json\", success: function (d) { render(d.data.list); }});</script>",
                      crumbs: crumbs([("互动交流", "/hdjl/"), (xzxx.0, nil)])))
        truth.interaction.append(.init(check: "interaction.unanswered", key: site + "/hdjl/xzxx/detail_1.html", note: "县长信箱（JSON）四个月未答复"))
        truth.boards.append(.init(name: xzxx.0, url: site + xzxx.1, status: "json", messages: letters.count, answered: 2, overdue: 1,
                                  medianReplyDays: 1, statisticsPublished: false))
        truth.columns.append(.init(name: xzxx.0, url: site + xzxx.1, status: "script-rendered", category: "政务咨询", firstLevel: false,
                                   newest: nil, stale: false, needsReview: true))

        // 意见征集: a ten-day consultation (its result published), one whose result never was, one still open.
        let yjzj = ("意见征集", "/hdjl/yjzj/")
        let consultations: [(String, String, String, String)] = [
            ("/hdjl/yjzj/202305/t20230510_1.html", "关于《青山县城乡环境卫生管理办法（征求意见稿）》公开征求意见的公告", "2023-05-10",
             "征求意见时间：2023年5月10日至5月19日"),
            ("/hdjl/yjzj/202303/t20230301_2.html", "关于《青山县养犬管理规定（征求意见稿）》公开征求意见的公告", "2023-03-01",
             "征求意见时间：2023年3月1日至2023年3月31日"),
            ("/hdjl/yjzj/202306/t20230615_3.html", "关于《青山县城市绿地管理办法（征求意见稿）》公开征求意见的公告", "2023-06-15",
             "意见反馈截止时间：2023年7月20日"),
        ]
        let feedback = ("/hdjl/yjzj/202306/t20230610_4.html", "《青山县城乡环境卫生管理办法（征求意见稿）》征求意见结果的反馈", "2023-06-10")
        for c in consultations {
            try article(c.0, c.1, c.2, column: yjzj, "为广泛听取社会各界意见，现将征求意见稿全文公布。\(c.3)。意见请通过电子邮件或信函提出。")
        }
        try article(feedback.0, feedback.1, feedback.2, column: yjzj, "征求意见期间共收到意见建议12条，采纳7条，未采纳的已说明理由。")
        truth.interaction.append(.init(check: "consultation.short", key: site + consultations[0].0, note: "征求意见 10 天"))
        truth.interaction.append(.init(check: "consultation.no-feedback", key: site + consultations[1].0, note: "结束三个月未公布结果"))
        let yjzjEntries = consultations.map { ($0.0, $0.1, $0.2) } + [feedback]
        try emit(html("/hdjl/yjzj/index.html", title: yjzj.0, column: yjzj.0, body: list(yjzjEntries.sorted { $0.2 > $1.2 }),
                      crumbs: crumbs([("互动交流", "/hdjl/"), (yjzj.0, nil)])))
        truth.columns.append(.init(name: yjzj.0, url: site + yjzj.1, status: "ok", category: "调查征集", firstLevel: false,
                                   newest: "2023-06-15", stale: false, needsReview: false))

        // 回应关切: updated this month.
        let hygq = ("回应关切", "/hdjl/hygq/")
        let responses = [("/hdjl/hygq/202306/t20230620_1.html", "关于群众反映城区内涝问题的回应", "2023-06-20"),
                         ("/hdjl/hygq/202305/t20230515_2.html", "关于学校招生政策热点问题的回应", "2023-05-15")]
        for r in responses { try article(r.0, r.1, r.2, column: hygq, "针对社会关注的问题，县有关部门作出如下说明。") }
        try emit(html("/hdjl/hygq/index.html", title: hygq.0, column: hygq.0, body: list(responses),
                      crumbs: crumbs([("互动交流", "/hdjl/"), (hygq.0, nil)])))
        truth.columns.append(.init(name: hygq.0, url: site + hygq.1, status: "ok", category: "其他", firstLevel: false,
                                   newest: "2023-06-20", stale: false, needsReview: false))

        // 重点领域信息: the year's inspection plans and results, and neither the 预算 nor the 决策事项目录.
        let zdly = [("/zdly/202302/t20230215_1.html", "青山县2023年双随机抽查计划", "2023-02-15"),
                    ("/zdly/202304/t20230412_2.html", "青山县2023年第一季度双随机抽查结果公示", "2023-04-12"),
                    ("/zdly/202302/t20230220_3.html", "青山县2023年食品安全监督检查计划", "2023-02-20"),
                    ("/zdly/202304/t20230420_4.html", "青山县2023年第一季度食品抽检结果公告", "2023-04-20")]
        for z in zdly {
            try emit(html(z.0, title: z.1, column: "重点领域信息",
                          body: "<div class=\"article\"><h1>\(z.1)</h1><div class=\"info\">发布时间：\(z.2)</div><p>现将有关情况予以公开。</p></div>",
                          crumbs: crumbs([("重点领域信息", "/zdly/"), ("正文", nil)])))
        }
        try emit(html("/zdly/index.html", title: "重点领域信息", column: "重点领域信息", body: list(zdly.sorted { $0.2 > $1.2 }),
                      crumbs: crumbs([("重点领域信息", nil)])))
        truth.columns.append(.init(name: "重点领域信息", url: site + "/zdly/", status: "ok", category: "其他", firstLevel: true,
                                   newest: "2023-04-20", stale: false, needsReview: false))
        truth.interaction.append(.init(check: "period.missing", key: "部门预算（政府预算）", note: "2023年预算未公开"))
        truth.interaction.append(.init(check: "decision.catalogue-missing", key: "decision-catalogue:2023", note: "2023年目录未公布"))

        // 新闻图片: the same column as 图片新闻 under 新闻中心 (平台栏目重复设置).
        let pictures = [("/xwzx/xwtp/202306/t20230618_1.html", "青山县举办夏季农产品展销会", "2023-06-18"),
                        ("/xwzx/xwtp/202306/t20230602_2.html", "青山县开展防汛应急演练", "2023-06-02")]
        for p in pictures {
            try emit(html(p.0, title: p.1, column: "新闻图片",
                          body: "<div class=\"article\"><h1>\(p.1)</h1><div class=\"info\">发布时间：\(p.2)</div><p>现场图片。</p></div>",
                          crumbs: crumbs([("新闻中心", "/xwzx/"), ("新闻图片", "/xwzx/xwtp/"), ("正文", nil)])))
        }
        try emit(html("/xwzx/xwtp/index.html", title: "新闻图片", column: "新闻图片", body: list(pictures),
                      crumbs: crumbs([("新闻中心", "/xwzx/"), ("新闻图片", nil)])))
        truth.columns.append(.init(name: "新闻图片", url: site + "/xwzx/xwtp/", status: "ok", category: "动态要闻", firstLevel: false,
                                   newest: "2023-06-18", stale: false, needsReview: false))
        truth.interaction.append(.init(check: "column.duplicate", key: "新闻图片", note: "与图片新闻重复"))
    }
}
