import GovLensCore

/// A small county site for check examples, built from a few facts: a homepage whose navigation
/// links to each column, a 政府信息公开 platform page with its four fixed columns and the Article 20
/// catalogue, list pages with dated entries, article pages, the footer and the meta tags. The
/// default is a site on which no site check fires; each example changes one thing.
public struct ExampleSite: Sendable {
    /// A column: a list page at `path` with one entry per date (each entry an article page).
    public struct Column: Sendable {
        public var name: String
        public var path: String
        public var dates: [String]
        /// Replaces the list (e.g. `<p>暂无信息</p>` for a blank column).
        public var body: String?
        /// Linked from the platform page instead of the homepage navigation.
        public var onPlatform: Bool

        /// A column named `name` at `path` with one entry per date (`yyyy-MM-dd` or `-N` days before the as-of date).
        public init(_ name: String, _ path: String, dates: [String], body: String? = nil, onPlatform: Bool = false) {
            self.name = name; self.path = path; self.dates = dates; self.body = body; self.onPlatform = onPlatform
        }
    }

    /// The host the site is scanned as (resolved to loopback).
    public var host = "www.example.gov.cn"
    public static let footer = "主办单位：某某县人民政府办公室 网站标识码：3301230001 浙ICP备12345678号 浙公网安备 33012302000123号"

    public var asOf: SimpleDate
    /// Government level the site is scanned as (`--level`; nil: none given).
    public var level: String?
    /// Path → HTML.
    public var pages: [String: String] = [:]

    /// The site as of `asOf` (`yyyy-MM-dd`). Dates given as `-N` are N days before `asOf`.
    public init(asOf: String, columns: [Column]? = nil, homeDates: [String] = ["-1", "-3", "-5"], footer: String = ExampleSite.footer,
                siteIDCode: String? = "3301230001", platform: [String] = ExampleSite.platformColumns,
                homeExtra: String = "", host: String = "www.example.gov.cn")
    {
        self.asOf = SimpleDate(iso: asOf)!
        self.host = host
        let columns = columns ?? ExampleSite.healthyColumns
        let nav = columns.filter { !$0.onPlatform }.map { "<a href=\"\($0.path)\">\($0.name)</a>" }.joined(separator: " ")
        let home = homeDates.enumerated().map { i, d in entry("/home/\(i).html", "县政府召开工作会议\(i)", day(d)) }
        for (i, d) in homeDates.enumerated() { add(article("/home/\(i).html", "县政府召开工作会议\(i)", day(d), column: "首页")) }
        let platformLinks = platform.map { "<li><a href=\"/zwgk/\(slug($0))/\">\($0)</a></li>" }
            + columns.filter(\.onPlatform).map { "<li><a href=\"\($0.path)\">\($0.name)</a></li>" }
        pages["/"] = document("首页", column: "首页", siteIDCode: siteIDCode, footer: footer,
                              body: "<div class=\"nav\"><a href=\"/\">首页</a> \(nav) <a href=\"/zwgk/\">政府信息公开</a></div>"
                                  + "<div class=\"list\"><ul>\(home.joined())</ul></div>\(homeExtra)")
        pages["/zwgk/"] = document("政府信息公开", column: "政府信息公开", siteIDCode: siteIDCode, footer: footer,
                                   body: "<div class=\"list\"><ul>\(platformLinks.joined())</ul></div>")
        for name in platform {
            let path = "/zwgk/\(slug(name))/"
            add(article(path + "1.html", name, self.asOf.adding(days: -30), column: name))
            pages[path] = document(name, column: name, siteIDCode: siteIDCode, footer: footer,
                                   body: "<div class=\"list\"><ul>\(entry(path + "1.html", name, self.asOf.adding(days: -30)))</ul></div>")
        }
        for c in columns {
            let dates = c.dates.map(day)
            for (i, d) in dates.enumerated() { add(article(c.path + "\(i).html", "\(c.name)信息\(i)", d, column: c.name)) }
            let list = c.body ?? "<div class=\"list\"><ul>"
                + dates.enumerated().map { i, d in entry(c.path + "\(i).html", "\(c.name)信息\(i)", d) }.joined() + "</ul></div>"
            pages[c.path] = document(c.name, column: c.name, siteIDCode: siteIDCode, footer: footer, body: list)
        }
        pages["/robots.txt"] = "User-agent: *\nAllow: /\n"
    }

    public static let platformColumns = ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]

    /// Three news columns and one column per Article 20 category, all updated recently.
    public static let healthyColumns: [Column] = [
        Column("工作动态", "/gzdt/", dates: ["-2", "-9"]),
        Column("通知公告", "/tzgg/", dates: ["-4", "-20"]),
        Column("政策文件", "/zcwj/", dates: ["-10", "-40"]),
    ] + [
        "机构职能", "规划计划", "统计信息", "行政许可", "行政处罚", "财政预决算", "行政事业性收费", "政府采购", "重大建设项目",
        "社会保障和就业", "应急管理", "监督检查", "人事信息", "其他法定公开信息",
    ].enumerated().map { i, name in Column(name, "/zwgk/c\(i)/", dates: ["-20"], onPlatform: true) }

    /// The healthy columns with the column `name` changed.
    public static func replacing(_ name: String, dates: [String] = [], body: String? = nil) -> [Column] {
        healthyColumns.map { c in c.name == name ? Column(c.name, c.path, dates: dates, body: body, onPlatform: c.onPlatform) : c }
    }

    /// The site with the page at `path` replaced (nil: removed, so it answers 404).
    public func with(_ path: String, _ html: String?) -> ExampleSite {
        var copy = self
        copy.pages[path] = html
        return copy
    }

    /// `-N` → N days before the as-of date; otherwise an ISO date.
    func day(_ s: String) -> SimpleDate {
        if s.hasPrefix("-"), let n = Int(s.dropFirst()) { return asOf.adding(days: -n) }
        return SimpleDate(iso: s)!
    }

    mutating func add(_ page: (String, String)) { pages[page.0] = page.1 }

    func slug(_ name: String) -> String {
        ["政府信息公开指南": "zn", "政府信息公开制度": "zd", "法定主动公开内容": "fdzdgk", "政府信息公开年报": "nb"][name]
            ?? String(name.unicodeScalars.map { String($0.value, radix: 16) }.joined().prefix(12))
    }

    func entry(_ path: String, _ title: String, _ date: SimpleDate) -> String {
        "<li><a href=\"\(path)\">\(title)</a><span class=\"date\">\(date)</span></li>"
    }

    func article(_ path: String, _ title: String, _ date: SimpleDate, column: String) -> (String, String) {
        (path, document(title, column: column, siteIDCode: "3301230001", footer: ExampleSite.footer, pubDate: date,
                        body: "<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; \(column) &gt; 正文</div>"
                            + "<h1>\(title)</h1><p>发布日期：\(date)</p><p>为做好有关工作，现将有关事项通知如下。</p>"))
    }

    func document(_ title: String, column: String, siteIDCode: String?, footer: String, pubDate: SimpleDate? = nil,
                  body: String) -> String
    {
        let code = siteIDCode.map { "<meta name=\"SiteIDCode\" content=\"\($0)\">" } ?? ""
        let article = pubDate.map { "<meta name=\"ArticleTitle\" content=\"\(title)\"><meta name=\"PubDate\" content=\"\($0)\"><meta name=\"ContentSource\" content=\"县政府办公室\">" } ?? ""
        return """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(title)_某某县人民政府</title>
        <meta name="SiteName" content="某某县人民政府"><meta name="SiteDomain" content="\(host)">\(code)
        <meta name="ColumnName" content="\(column)">\(article)</head><body>
        \(body)
        <div class="footer"><p>\(footer)</p></div></body></html>
        """
    }
}
