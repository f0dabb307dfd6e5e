import GovLensCore

/// A 留言 of an example board: dates as `yyyy-MM-dd` or `-N` days before the as-of date.
public struct ExampleMessage: Sendable {
    public var subject: String
    public var asked: String
    public var replied: String?
    public var reply: String?

    /// A message asked on `asked`, answered on `replied` with `reply` (nil: not answered).
    public init(_ subject: String, asked: String, replied: String? = nil, reply: String? = nil) {
        self.subject = subject; self.asked = asked; self.replied = replied; self.reply = reply
    }
}

extension ExampleSite {
    /// The healthy site with a 在线咨询 board listing `messages`, each on a detail page that prints
    /// 留言标题, 留言时间, 回复单位, 回复时间, 办理状态 and 回复内容 in a table, as the common CMSs do.
    public static func withBoard(asOf: String, _ messages: [ExampleMessage], name: String = "在线咨询") -> ExampleSite {
        let probe = ExampleSite(asOf: asOf)
        let list = messages.enumerated().map { i, m in probe.entry("/hdjl/zxzx/m\(i).html", m.subject, probe.day(m.asked)) }
        var site = ExampleSite(asOf: asOf, columns: healthyColumns + [
            Column(name, "/hdjl/zxzx/", dates: [], body: "<div class=\"list\"><ul>\(list.joined())</ul></div>"),
        ])
        for (i, m) in messages.enumerated() { site.pages["/hdjl/zxzx/m\(i).html"] = site.messagePage(m, board: name) }
        return site
    }

    /// A message's detail page.
    public func messagePage(_ m: ExampleMessage, board: String) -> String {
        let asked = day(m.asked)
        let replied = m.replied.map(day)
        func row(_ label: String, _ value: String) -> String { "<tr><td>\(label)</td><td>\(value)</td></tr>" }
        let rows = row("留言标题", m.subject) + row("留言时间", asked.description)
            + row("办理状态", replied == nil ? "办理中" : "已回复")
            + (replied.map { row("回复单位", "县政府办公室") + row("回复时间", $0.description) + row("回复内容", m.reply ?? "") } ?? "")
        return document(m.subject, column: board, siteIDCode: "3301230001", footer: ExampleSite.footer, pubDate: asked,
                        body: "<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; \(board) &gt; 正文</div>"
                            + "<table>\(rows)</table>")
    }

    /// The healthy site with a 意见征集 column holding one consultation open `from` … `to`, and, with
    /// `feedback`, the published result of it.
    public static func withConsultation(asOf: String, from: String, to: String, feedback: Bool = false) -> ExampleSite {
        let probe = ExampleSite(asOf: asOf)
        let title = "关于《某某县城市绿化管理办法（征求意见稿）》公开征求意见的公告"
        var list = [probe.entry("/yjzj/1.html", title, probe.day(from))]
        if feedback { list.append(probe.entry("/yjzj/2.html", "《某某县城市绿化管理办法（征求意见稿）》征求意见结果的反馈", probe.day(to).adding(days: 10))) }
        var site = ExampleSite(asOf: asOf, columns: healthyColumns + [
            Column("意见征集", "/yjzj/", dates: [], body: "<div class=\"list\"><ul>\(list.joined())</ul></div>"),
        ])
        site.pages["/yjzj/1.html"] = site.document(title, column: "意见征集", siteIDCode: "3301230001", footer: ExampleSite.footer,
                                                   pubDate: site.day(from),
                                                   body: "<h1>\(title)</h1><p>现将办法全文公布，征求社会各界意见。</p>"
                                                       + "<p>征求意见时间：\(site.day(from).chinese)至\(site.day(to).chinese)</p>")
        if feedback { site.add(site.article("/yjzj/2.html", "《某某县城市绿化管理办法（征求意见稿）》征求意见结果的反馈",
                                            site.day(to).adding(days: 10), column: "意见征集")) }
        return site
    }

    /// A county government's site (`level` county) that publishes, in a 公开事项 column, everything
    /// `periods.yaml` and `interaction.yaml` ask of a county as of mid-2023: budget and final
    /// accounts, 双随机 and 食品 inspection plans and results, the 重大行政决策事项目录, a recent
    /// consultation, a 回应关切 column and a 社会救助 column. `omit`: titles containing these words are
    /// left out; `responseDates` / `reliefDates`: the 回应关切 / 社会救助 columns' entries.
    public static func county(asOf: String, omit: Set<String> = [], responseDates: [String] = ["-7"],
                              reliefDates: [String] = ["-15"]) -> ExampleSite {
        let probe = ExampleSite(asOf: asOf)
        let year = probe.asOf.year
        let titles: [(String, String)] = [
            ("某某县\(year)年部门预算", "-60"), ("某某县\(year - 1)年部门决算", "-30"),
            ("某某县\(year)年双随机抽查计划", "-100"), ("某某县\(year)年第一季度双随机抽查结果", "-70"),
            ("某某县\(year)年食品安全监督检查计划", "-110"), ("某某县\(year)年第一季度食品抽检结果", "-65"),
            ("某某县\(year)年重大行政决策事项目录", "-140"),
        ].filter { t in !omit.contains(where: t.0.contains) }
        var columns = healthyColumns + [
            Column("公开事项", "/gksx/", dates: [], body: "<div class=\"list\"><ul>"
                + titles.enumerated().map { i, t in probe.entry("/gksx/\(i).html", t.0, probe.day(t.1)) }.joined() + "</ul></div>"),
            Column("回应关切", "/hygq/", dates: responseDates),
            Column("社会救助", "/shjz/", dates: reliefDates),
        ]
        if !omit.contains("意见征集") {
            columns.append(Column("意见征集", "/yjzj/", dates: [], body: "<div class=\"list\"><ul>"
                + probe.entry("/yjzj/1.html", "关于《某某县养老服务条例》公开征求意见的公告", probe.day("-60")) + "</ul></div>"))
        }
        var site = ExampleSite(asOf: asOf, columns: columns)
        site.level = "county"
        for (i, t) in titles.enumerated() { site.add(site.article("/gksx/\(i).html", t.0, site.day(t.1), column: "公开事项")) }
        if !omit.contains("意见征集") {
            let from = site.day("-60"), to = site.day("-25")
            site.pages["/yjzj/1.html"] = site.document("关于《某某县养老服务条例》公开征求意见的公告", column: "意见征集", siteIDCode: "3301230001",
                                                       footer: ExampleSite.footer, pubDate: from,
                                                       body: "<p>征求意见时间：\(from.chinese)至\(to.chinese)</p>")
        }
        return site
    }
}

extension SimpleDate {
    /// `2023年5月1日`.
    var chinese: String { "\(year)年\(month)月\(day)日" }
}
