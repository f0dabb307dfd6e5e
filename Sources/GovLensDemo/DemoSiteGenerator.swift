import Foundation
import GovLensText
import GovLensCore
import GovLensDocuments

/// Generates the 青山县人民政府 demo site: TRS-style paths, a 政务公开 platform, paginated
/// column lists, articles in several date styles and charsets, attachments, robots.txt,
/// spider traps, and planted defects written to a truth file.
public struct DemoSiteGenerator {
    public let config: DemoSiteConfig
    public private(set) var special: [String: SpecialRoute] = [:]
    var truth: DemoTruth
    private var random: SeededRandom
    private var nextID = 123_456

    static let pageSize = 20

    let columns: [ColumnSpec] = [
        ColumnSpec(path: "/xwzx/zwyw/", name: "政务要闻", newestDaysAgo: 1, gapDays: 2),
        ColumnSpec(path: "/xwzx/bmdt/", name: "部门动态", newestDaysAgo: 2, gapDays: 3, gbk: true),
        ColumnSpec(path: "/xwzx/xzdt/", name: "乡镇动态", newestDaysAgo: 3, gapDays: 4),
        ColumnSpec(path: "/tzgg/", name: "通知公告", newestDaysAgo: 5, gapDays: 9, attachment: "docx"),
        ColumnSpec(path: "/zwgk/fdzdgknr/zcwj/", name: "政策文件", newestDaysAgo: 20, gapDays: 15, attachment: "pdf"),
        ColumnSpec(path: "/zwgk/fdzdgknr/jgzn/", name: "机构职能", newestDaysAgo: 200, gapDays: 120, items: 3),
        ColumnSpec(path: "/zwgk/fdzdgknr/ghjh/", name: "规划计划", newestDaysAgo: 420, gapDays: 90, items: 4),
        ColumnSpec(path: "/zwgk/fdzdgknr/tjxx/", name: "统计信息", newestDaysAgo: 30, gapDays: 30),
        ColumnSpec(path: "/zwgk/fdzdgknr/czyjs/", name: "财政预决算", newestDaysAgo: 60, gapDays: 30, attachment: "xls"),
        ColumnSpec(path: "/zwgk/fdzdgknr/rsxx/", name: "人事信息", newestDaysAgo: 40, gapDays: 30),
        ColumnSpec(path: "/zwgk/zfxxgknb/", name: "政府信息公开年报", newestDaysAgo: 300, gapDays: 365, items: 5),
        ColumnSpec(path: "/hdjl/zxft/", name: "在线访谈", newestDaysAgo: 0, gapDays: 0, blank: true),
        // Column defects (issue 4): a stale news column whose first entry is dated ten years ahead,
        // a picture list without dates, a first-level 公示公告 column with a pinned old entry.
        ColumnSpec(path: "/xwzx/gzdt/", name: "工作动态", newestDaysAgo: 30, gapDays: 7, items: 6, futureFirst: true),
        ColumnSpec(path: "/xwzx/tpxw/", name: "图片新闻", newestDaysAgo: 3, gapDays: 5, items: 4, undated: true),
        ColumnSpec(path: "/gsgg/", name: "公示公告", newestDaysAgo: 200, gapDays: 20, items: 5, pinnedOld: true),
        // The rest of the statutory catalogue (Article 20, Article 21 for a county): 政府采购 and
        // 治安管理 are missing, 重大建设项目 is blank, 监督检查 is rendered by script.
        ColumnSpec(path: "/zwgk/fdzdgknr/xzxk/", name: "行政许可", newestDaysAgo: 15, gapDays: 20, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/xzcf/", name: "行政处罚", newestDaysAgo: 25, gapDays: 20, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/sfml/", name: "收费目录", newestDaysAgo: 100, gapDays: 200, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/zdxm/", name: "重大建设项目", newestDaysAgo: 0, gapDays: 0, blank: true),
        ColumnSpec(path: "/zwgk/fdzdgknr/shbz/", name: "社会保障", newestDaysAgo: 10, gapDays: 30, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/yjgl/", name: "应急管理", newestDaysAgo: 45, gapDays: 30, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/jdjc/", name: "监督检查", newestDaysAgo: 0, gapDays: 0, scripted: true),
        ColumnSpec(path: "/zwgk/fdzdgknr/qtfd/", name: "其他法定公开信息", newestDaysAgo: 70, gapDays: 30, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/szjs/", name: "市政建设", newestDaysAgo: 35, gapDays: 30, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/ggfw/", name: "公共服务", newestDaysAgo: 12, gapDays: 30, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/gysy/", name: "公益事业", newestDaysAgo: 50, gapDays: 30, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/tdzs/", name: "土地征收", newestDaysAgo: 80, gapDays: 30, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/fwzs/", name: "房屋征收", newestDaysAgo: 90, gapDays: 30, items: 2),
        ColumnSpec(path: "/zwgk/fdzdgknr/shjz/", name: "社会救助", newestDaysAgo: 22, gapDays: 30, items: 2),
        ColumnSpec(path: "/hdjl/zjdc/", name: "征集调查", newestDaysAgo: 0, gapDays: 0, emptyList: true),
    ]

    /// Categories the column checks must give (the rest are 其他), and the columns stale at `asOf`.
    static let categories = ["政务要闻": "动态要闻", "部门动态": "动态要闻", "乡镇动态": "动态要闻", "工作动态": "动态要闻",
                             "图片新闻": "动态要闻", "新闻中心": "动态要闻", "通知公告": "通知公告", "公示公告": "通知公告",
                             "政策文件": "政策文件", "规划计划": "规划计划", "人事信息": "人事", "在线访谈": "互动访谈",
                             "征集调查": "调查征集", "领导信箱": "政务咨询", "专题专栏": "专题"]
    static let staleAtAsOf: Set<String> = ["规划计划", "工作动态", "公示公告"]

    /// Parent pages: path → name, for breadcrumbs.
    static let parents = ["/xwzx/": "新闻中心", "/zwgk/": "政府信息公开", "/zwgk/fdzdgknr/": "法定主动公开内容", "/hdjl/": "互动交流"]

    /// A generator seeded from `config.seed`, so the same config always yields the same site;
    /// call `generate` to emit the files.
    public init(config: DemoSiteConfig) {
        self.config = config
        self.random = SeededRandom(seed: config.seed)
        self.truth = DemoTruth(site: config.siteOrigin + "/", asOf: config.asOf.description, brokenLinks: [],
                               notBroken: [], robotsDisallowed: ["/admin/", "/search/"], mustCrawl: [],
                               articleDates: [:], gbkTitles: [:], charsetMismatchPage: "", errorPages: [:],
                               pageCount: 0)
    }

    var site: String { config.siteOrigin }

    // MARK: - generation

    /// Emits every static file; returns the truth. Special routes are in `special` afterwards.
    public mutating func generate(_ emitFile: (DemoFile) throws -> Void) throws -> DemoTruth {
        var htmlPages = 0
        func emit(_ file: DemoFile) throws {
            if file.contentType.hasPrefix("text/html") { htmlPages += 1 }
            try emitFile(file)
        }
        try emit(DemoFile(path: "/robots.txt", contentType: "text/plain",
                          body: Data("User-agent: *\nDisallow: /admin/\nDisallow: /search/\n\nSitemap: \(site)/sitemap.xml\n".utf8)))
        try emit(DemoFile(path: "/css/style.css", contentType: "text/css", body: Data("body{font-family:SimSun}".utf8)))
        try emit(DemoFile(path: "/js/common.js", contentType: "application/javascript", body: Data("var site=1;".utf8)))
        try emit(DemoFile(path: "/images/logo.png", contentType: "image/png", body: Data(DemoContent.png)))
        // Pages robots.txt forbids: served if asked, never to be asked.
        try emit(html("/admin/login.html", title: "后台登录", column: "后台", body: "<p>管理员登录</p>"))
        try emit(html("/search/index.html", title: "站内搜索", column: "搜索", body: "<p>搜索</p>"))

        var newestByColumn: [String: [(title: String, url: String, date: SimpleDate)]] = [:]
        for column in columns {
            newestByColumn[column.path] = try generateColumn(column, emit)
        }
        try emit(homepage(newestByColumn))
        try emitParents(emit)
        let documents = DemoDocuments(site: site)
        for f in documents.files(html: { html($0, title: $1, column: $2, body: $3) }) { try emit(f) }
        documents.record(into: &truth)
        try emitSpecials(emit)
        try emitInteraction(emit)
        truth.pageCount = htmlPages
        return truth
    }

    private mutating func generateColumn(_ c: ColumnSpec, _ emit: (DemoFile) throws -> Void)
        throws -> [(title: String, url: String, date: SimpleDate)]
    {
        var truthColumn = DemoTruth.ColumnTruth(
            name: c.name, url: site + c.path, status: "ok", category: Self.categories[c.name] ?? "其他",
            firstLevel: c.path.split(separator: "/").count == 1, newest: nil, stale: Self.staleAtAsOf.contains(c.name),
            needsReview: c.futureFirst || c.pinnedOld || c.undated || c.scripted)
        defer { truth.columns.append(truthColumn) }
        let crumbs = crumbTrail(c.path, current: c.name)
        if c.blank || c.emptyList || c.scripted {
            truthColumn.status = c.scripted ? "script-rendered" : "blank"
            let body = c.blank ? "<div class=\"list\"><p class=\"empty\">暂无信息</p></div>"
                : c.emptyList ? "<div class=\"list\"><ul></ul></div>"
                : "<div class=\"list\"><ul id=\"list\"></ul></div><script>$.ajax({url: \"list.json\", success: function (d) { render(d); }});</script>"
            try emit(html(c.path + "index.html", title: c.name, column: c.name, body: body, crumbs: crumbs))
            return []
        }
        let count = c.items ?? config.articlesPerColumn
        var items: [(title: String, url: String, date: SimpleDate)] = []
        let reports = c.name == "政府信息公开年报" ? annualReports(count: count) : []
        for i in 0..<count {
            var date = day(daysAgo: c.newestDaysAgo + i * c.gapDays + (c.gapDays > 2 ? random.int(2) : 0))
            if c.futureFirst && i == 0 { date = SimpleDate(year: date.year + 10, month: date.month, day: min(date.day, 28))! }
            var title = DemoContent.articleTitle(&random, column: c.name)
            if i < reports.count { date = reports[i].published; title = reports[i].title }
            let path = articlePath(c.path, date)
            items.append((title, site + path, date))
            // The article is generated either way, so the random stream (and every later page) is unchanged.
            let page = article(c, index: i, path: path, title: title, date: date)
            if i < reports.count {
                truth.annualReports[site + path] = reports[i].year
                try emit(html(path, title: title, column: c.name,
                              body: "<div class=\"article\">" + reports[i].body() + "</div>", crumbs: crumbTrail(c.path, current: nil)))
            } else {
                try emit(page)
            }
        }
        for d in plantedReportDefects { truth.annualReportDefects.append(.init(page: items[d.index].url, check: d.check, note: d.note)) }
        if !reports.isEmpty { plantedReportDefects = [] }
        truthColumn.newest = c.undated ? nil : items.map(\.date).filter { $0 <= config.asOf }.max()?.description
        truthColumn.status = c.undated ? "undated" : "ok"
        var listed = items
        if c.pinnedOld, let oldest = listed.popLast() { listed.insert(oldest, at: 0) }
        // Paginated list pages: index.html, index_1.html, … (TRS style).
        let pages = max(1, (listed.count + Self.pageSize - 1) / Self.pageSize)
        for p in 0..<pages {
            let slice = listed[(p * Self.pageSize)..<min(listed.count, (p + 1) * Self.pageSize)]
            var body = "<div class=\"list\"><ul>\n"
            for item in slice {
                let rel = "." + item.url.dropFirst(site.count + c.path.count - 1)
                if c.undated {
                    body += "<li><a href=\"\(rel)\" target=\"_blank\"><img src=\"/images/logo.png\" alt=\"\(item.title)\"></a></li>\n"
                } else {
                    body += "<li><a href=\"\(rel)\" target=\"_blank\">\(item.title)</a><span class=\"date\">\(item.date)</span></li>\n"
                }
            }
            body += "</ul>\n" + pager(p, pages) + "</div>"
            if c.name == "政策文件" && p == 0 {  // a survey link that never answers in time
                body += "<p><a href=\"/hdjl/dczj/survey.jsp\">政策文件意见征集问卷</a></p>"
                plantBroken(page: c.path + "index.html", target: "/hdjl/dczj/survey.jsp", status: "timeout",
                            definite: false, note: "响应超过超时时间")
                special["/hdjl/dczj/survey.jsp"] = .slow
            }
            if c.name == "乡镇动态" && p == 0 {
                body += "<p><a href=\"/xwzx/xzdt/binary.html\">乡镇动态视频</a></p>"
                special["/xwzx/xzdt/binary.html"] = .binary
                truth.errorPages[site + "/xwzx/xzdt/binary.html"] = "binary"
            }
            try emit(html(c.path + (p == 0 ? "index.html" : "index_\(p).html"), title: c.name, column: c.name, body: body,
                          crumbs: crumbs))
        }
        return items
    }

    private var plantedReportDefects: [(index: Int, check: String, note: String)] = []

    /// The 年报 column's reports, newest first, one a year before `asOf`'s, with three planted
    /// defects: the newest has a table 3 total off by one, the second copies 五 from the third,
    /// the third was published after 31 March.
    private mutating func annualReports(count: Int) -> [DemoAnnualReport] {
        let newest = config.asOf.year - 1
        let years = (0..<count).map { newest - $0 }
        let published = years.enumerated().map { k, y in
            SimpleDate(year: y + 1, month: k == 2 ? 5 : 3, day: k == 2 ? 12 : 20 + k)!
        }
        var reports = DemoAnnualReport.series(years: years, published: published)
        guard reports.count >= 3 else { return reports }
        reports[0].table3["三(七)"]![6] += 1
        plantedReportDefects.append((0, "annual-report.arithmetic", "表三（七）总计多计 1 件"))
        reports[1].problems = reports[2].problems
        plantedReportDefects.append((1, "annual-report.copied", "“五”照搬上一年度"))
        plantedReportDefects.append((2, "annual-report.deadline", "5 月 12 日发布，晚于 3 月 31 日"))
        return reports
    }

    /// 首页 > parents > the column: linked steps, the current page unlinked.
    func crumbTrail(_ path: String, current: String?) -> String {
        var steps = ["<a href=\"/\">首页</a>"]
        var prefix = "/"
        let parts = path.split(separator: "/")
        for (i, part) in parts.enumerated() {
            prefix += part + "/"
            let name = Self.parents[prefix] ?? columns.first { $0.path == prefix }?.name
            guard let name else { continue }
            steps.append(i == parts.count - 1 && current != nil ? name : "<a href=\"\(prefix)\">\(name)</a>")
        }
        if current == nil { steps.append("正文") }
        return "<div class=\"position\">当前位置：" + steps.joined(separator: " &gt; ") + "</div>\n"
    }

    private func pager(_ p: Int, _ pages: Int) -> String {
        guard pages > 1 else { return "" }
        var s = "<div class=\"page\">共\(pages)页 "
        if p > 0 { s += "<a href=\"\(p == 1 ? "index.html" : "index_\(p - 1).html")\">上一页</a> " }
        if p + 1 < pages { s += "<a href=\"index_\(p + 1).html\">下一页</a> " }
        s += "<a href=\"index_\(pages - 1).html\">尾页</a></div>"
        return s
    }

    private mutating func articlePath(_ column: String, _ d: SimpleDate) -> String {
        nextID += 1 + random.int(40)
        return column + String(format: "%04d%02d/t%04d%02d%02d_%d.html", d.year, d.month, d.year, d.month, d.day, nextID)
    }

    private func day(daysAgo: Int) -> SimpleDate {
        SimpleDate(dayNumber: config.asOf.dayNumber - daysAgo)
    }

    // MARK: - articles

    private mutating func article(_ c: ColumnSpec, index i: Int, path: String, title: String, date: SimpleDate)
        -> DemoFile
    {
        var meta = "<meta name=\"ContentSource\" content=\"青山县人民政府办公室\">"
        var info: String
        let hh = 8 + random.int(10), mm = random.int(60)
        switch c.undated ? -1 : i % 4 {
        case -1: info = "来源：青山县融媒体中心"
        case 0:
            meta += "<meta name=\"PubDate\" content=\"\(date) \(String(format: "%02d:%02d", hh, mm))\">"
            info = "发布时间：\(date) \(String(format: "%02d:%02d", hh, mm))"
        case 1: info = "发布时间：\(date)"
        case 2: info = "日期：\(date.year)年\(date.month)月\(date.day)日"
        default: info = "来源：青山县人民政府办公室　时间：" + String(format: "%04d/%02d/%02d", date.year, date.month, date.day)
        }
        if !c.undated { truth.articleDates[site + path] = date.description }
        var body = crumbTrail(c.path, current: nil) + "<div class=\"article\"><h1>\(title)</h1><div class=\"info\">\(info)　浏览次数：\(100 + random.int(900))</div>\n"
        for p in DemoContent.paragraphs(&random, count: 2 + random.int(3)) { body += "<p>\(p)</p>\n" }
        if let ext = c.attachment {
            let file = c.path + String(format: "%04d%02d/P0%04d%02d%02d%06d.%@", date.year, date.month, date.year,
                                       date.month, date.day, nextID, ext)
            body += "<p>附件：<a href=\"\(file)\">\(title).\(ext)</a></p>\n"
            attachmentFiles.append((file, ext))
        }
        body += plantArticleDefects(c, index: i, path: path)
        body += "</div>"
        var contentMeta = meta
        var charset = "utf-8"
        if c.gbk || (c.name == "政务要闻" && i == 7) {
            charset = "gb2312"
            contentMeta += "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
        }
        let page = document(title: title, column: c.name, body: body, headExtra: contentMeta,
                            charsetMeta: charset == "utf-8" ? "<meta charset=\"utf-8\">" : "")
        if c.gbk {
            truth.gbkTitles[site + path] = title
            return DemoFile(path: path, contentType: "text/html",
                            body: Charset.iconvEncode(page, to: "GB18030") ?? Data(page.utf8))
        }
        if charset == "gb2312" {  // declares gb2312 in <meta>, no charset in the header, bytes are UTF-8
            truth.charsetMismatchPage = site + path
            return DemoFile(path: path, contentType: "text/html", body: Data(page.utf8))
        }
        if c.name == "政务要闻" && i == 6 { return malformed(path: path, title: title, meta: meta) }
        return DemoFile(path: path, contentType: "text/html; charset=utf-8", body: Data(page.utf8))
    }

    private var attachmentFiles: [(String, String)] = []

    /// Defects placed on particular articles (scope `other`).
    private mutating func plantArticleDefects(_ c: ColumnSpec, index i: Int, path: String) -> String {
        func link(_ target: String, _ text: String) -> String { "<p>相关链接：<a href=\"\(target)\">\(text)</a></p>\n" }
        switch (c.name, i) {
        case ("政务要闻", 2):
            plantBroken(page: path, target: "/xwzx/zwyw/201912/t20191203_100086.html", status: "404", definite: true,
                        note: "链接指向已删除的旧稿件")
            return link("/xwzx/zwyw/201912/t20191203_100086.html", "往期报道")
        case ("政务要闻", 3):
            plantText(page: path, check: "text.typo", wrong: "再接再砺")
            // 农业部门 contains the old name 农业部 but is correct; the official hotline is not a leak.
            return "<p>全县农业部门再接再砺，推动各项工作落地见效。咨询电话：13857012346。</p>\n"
        case ("乡镇动态", 3):  // the classic typos offices name: 成语 with one character changed
            for wrong in ["一愁莫展", "熟视无赌", "迫不急待", "既往不究"] { plantText(page: path, check: "text.typo", wrong: wrong) }
            return "<p>面对新情况，个别干部一愁莫展，对群众诉求熟视无赌。群众迫不急待盼整改，对发现的问题决不既往不究。</p>\n"
        case ("部门动态", 3):  // and common words written wrong
            for wrong in ["松驰", "震憾", "坐阵", "追朔"] { plantText(page: path, check: "text.typo", wrong: wrong) }
            return "<p>景区管理松驰的问题得到整改，游客直呼震憾。县领导坐阵指挥，追朔问题源头。</p>\n"
        case ("部门动态", 2):  // a GBK page
            plantText(page: path, check: "text.serious", wrong: "两岸三地")
            return "<p>推进两岸三地文旅交流合作。</p>\n"
        case ("政策文件", 1):
            plantText(page: path, check: "text.repealed-law", wrong: "《中华人民共和国合同法》")
            plantText(page: path, check: "text.outdated-name", wrong: "环境保护局")
            let old = "/zwgk/fdzdgknr/zcwj/201806/t20180610_100900.html"
            let oldBody = "<div class=\"article\"><h1>青山县政府合同管理办法（2018年）</h1><div class=\"info\">发布日期：2018-06-10</div><p>依据《中华人民共和国合同法》制定本办法，由县环境保护局负责解释。</p></div>"
            extraFiles.append(html(old, title: "青山县政府合同管理办法（2018年）", column: "政策文件", body: oldBody))
            truth.beforeChangePages.append(site + old)
            truth.articleDates[site + old] = "2018-06-10"
            return "<p>依据《中华人民共和国合同法》有关规定修订本办法，由县环境保护局负责解释。</p>" + link(old, "原办法（2018年）")
        case ("政策文件", 2):
            let big = "/zwgk/fdzdgknr/zcwj/202301/P020230105_scan.pdf"
            special[big] = .largeFile(bytes: 25 << 20, contentType: "application/pdf")
            truth.attachments.append(.init(url: site + big, checked: false, problem: "too-large"))
            return "<p>附件：<a href=\"\(big)\">文件扫描件.pdf</a></p>\n"
        case ("政务要闻", 4):
            special["/_fail/flaky.html"] = .flaky
            truth.notBroken.append(site + "/_fail/flaky.html")
            return link("/_fail/flaky.html", "专题报道（首次访问返回503）")
        case ("政务要闻", 5):
            special["/xwzx/zwyw/video_big.html"] = .huge
            plantBroken(page: path, target: "/xwzx/zwyw/video_big.html", status: "too-large", definite: false,
                        note: "正文超过大小上限")
            return link("/xwzx/zwyw/video_big.html", "视频全文")
        case ("部门动态", 1):
            special["/xwzx/tpxw/202201/t20220110_100001.html"] = .softNotFound
            plantBroken(page: path, target: "/xwzx/tpxw/202201/t20220110_100001.html", status: "soft-404",
                        definite: false, note: "返回200但内容为“页面不存在”")
            return link("/xwzx/tpxw/202201/t20220110_100001.html", "图片新闻")
        case ("乡镇动态", 2):
            special["/old/index.html"] = .redirect("/old/index2.html")
            special["/old/index2.html"] = .redirect("/old/index.html")
            plantBroken(page: path, target: "/old/index.html", status: "redirect-loop", definite: false, note: "循环跳转")
            return link("/old/index.html", "旧版网站")
        case ("通知公告", 1):
            special["/tzgg/202301/P020230110_gone.doc"] = .status(410)
            plantBroken(page: path, target: "/tzgg/202301/P020230110_gone.doc", status: "410", definite: true,
                        note: "附件已被删除")
            return "<p>附件：<a href=\"/tzgg/202301/P020230110_gone.doc\">报名表.doc</a></p>\n"
        case ("通知公告", 2):
            special["/_fail/busy.html"] = .rateLimited
            truth.notBroken.append(site + "/_fail/busy.html")
            return link("/_fail/busy.html", "报名系统（限流，Retry-After）")
        case ("政策文件", 0):
            special["/zwgk/internal/notice.html"] = .status(403)
            plantBroken(page: path, target: "/zwgk/internal/notice.html", status: "403", definite: true,
                        note: "内部页面禁止访问")
            return link("/zwgk/internal/notice.html", "政策解读")
        case ("统计信息", 0):
            special["/zwgk/fdzdgknr/tjxx/gz.html"] = .truncatedGzip
            plantBroken(page: path, target: "/zwgk/fdzdgknr/tjxx/gz.html", status: "decode", definite: false,
                        note: "gzip 压缩内容被截断")
            return link("/zwgk/fdzdgknr/tjxx/gz.html", "统计公报全文")
        case ("人事信息", 1):
            // A 公示 table that leaks a resident ID and a mobile, next to a properly masked ID.
            let idNumber = Self.syntheticID("33012319900307452")
            let mobile = "13957012345"
            let page = site + path
            truth.privacy.append(.init(page: page, check: "privacy.id-number", masked: String(idNumber.prefix(6)) + "********" + String(idNumber.suffix(4))))
            truth.privacy.append(.init(page: page, check: "privacy.mobile", masked: "139****2345"))
            let sheet = "/rsxx/202305/P020230512_mingdan.xlsx"
            spreadsheets.append((sheet, [["序号", "姓名", "手机号码"], ["1", "赵某某", "13657012347"], ["2", "钱某某", "136****2348"]]))
            truth.privacy.append(.init(page: site + sheet, check: "privacy.mobile", masked: "136****2347"))
            return "<p>附件：<a href=\"\(sheet)\">拟聘用人员名单.xlsx</a></p>\n" + """
                <table class="gs"><tr><th>姓名</th><th>身份证号码</th><th>联系电话</th></tr>
                <tr><td>张某某</td><td>\(idNumber)</td><td>\(mobile)</td></tr>
                <tr><td>李某某</td><td>330123********4521</td><td>138****6789</td></tr></table>\n
                """
        case ("人事信息", 0):
            let bad = "http://www.qingshan.gov.cn:abc/rsxx/"
            plantBroken(page: path, target: bad, status: "invalid-url", definite: true, note: "链接地址格式错误", raw: true)
            return link(bad, "招聘报名入口")
        default:
            return ""
        }
    }

    /// A made-up ID number whose GB 11643 check character is right.
    static func syntheticID(_ first17: String) -> String {
        for c in "0123456789X" where PersonalNumberDetector.isValidID18(first17 + String(c)) { return first17 + String(c) }
        fatalError("no check character for \(first17)")
    }

    /// A page with unclosed tags, a stray </html> halfway and content after it: the only way to
    /// the page it links is through this broken markup.
    private mutating func malformed(path: String, title: String, meta: String) -> DemoFile {
        let hidden = articlePath("/xwzx/zwyw/", day(daysAgo: 40))
        truth.mustCrawl.append(site + hidden)
        truth.articleDates[site + hidden] = day(daysAgo: 40).description
        let hiddenPage = document(title: "青山县召开基层治理工作会议", column: "政务要闻",
                                  body: "<div class=\"article\"><h1>青山县召开基层治理工作会议</h1><div class=\"info\">发布时间：\(day(daysAgo: 40))</div><p>\(DemoContent.sentences[0])</p></div>",
                                  headExtra: "", charsetMeta: "<meta charset=\"utf-8\">")
        extraFiles.append(DemoFile(path: hidden, contentType: "text/html; charset=utf-8", body: Data(hiddenPage.utf8)))
        let broken = """
            <html><head><meta charset="utf-8">\(meta)<title>\(title)</title></head><body>
            <div class="article"><h1>\(title)<h1><div class="info">发布时间：\(truth.articleDates[site + path]!)
            <p>\(DemoContent.sentences[1])<p><b>\(DemoContent.sentences[2])</i>
            <table><tr><td>未闭合的表格
            </html>
            <div><p>相关阅读：<a href="\(hidden)">青山县召开基层治理工作会议</a></p></div>
            """
        return DemoFile(path: path, contentType: "text/html; charset=utf-8", body: Data(broken.utf8))
    }

    private var extraFiles: [DemoFile] = []

    private mutating func plantBroken(page: String, target: String, status: String, definite: Bool,
                                      note: String, external: Bool = false, raw: Bool = false)
    {
        let pageURL = page == "/" ? site + "/" : site + page
        let targetURL = raw || target.hasPrefix("http") ? target : site + target
        truth.brokenLinks.append(DemoTruth.Link(page: pageURL, target: targetURL, status: status, definite: definite,
                                                scope: page == "/" ? "home" : "other", external: external, note: note))
    }

    // MARK: - homepage, parents, specials

    private mutating func homepage(_ newest: [String: [(title: String, url: String, date: SimpleDate)]]) -> DemoFile {
        func block(_ name: String, _ path: String, _ n: Int) -> String {
            var s = "<div class=\"block\"><h2><a href=\"\(path)\">\(name)</a></h2><ul>\n"
            for item in (newest[path] ?? []).prefix(n) {
                s += "<li><a href=\"\(item.url.dropFirst(site.count))\">\(item.title)</a><span>\(item.date)</span></li>\n"
            }
            return s + "</ul></div>\n"
        }
        var body = "<div class=\"banner\"><img src=\"/images/banner_2022.jpg\" alt=\"青山县欢迎您\"></div>\n"
        plantBroken(page: "/", target: "/images/banner_2022.jpg", status: "404", definite: true, note: "首页横幅图片缺失")
        body += block("政务要闻", "/xwzx/zwyw/", 8) + block("部门动态", "/xwzx/bmdt/", 6)
            + block("乡镇动态", "/xwzx/xzdt/", 6) + block("通知公告", "/tzgg/", 6)
        body += "<div class=\"block\"><h2>热点</h2><ul>"
        body += "<li><a href=\"/xwzx/zwyw/202301/t20230105_404404.html\">县政府常务会议研究部署重点工作</a></li>"
        plantBroken(page: "/", target: "/xwzx/zwyw/202301/t20230105_404404.html", status: "404", definite: true,
                    note: "首页链接指向已删除稿件")
        // Session ids in links: the same pages, queued once.
        body += "<li><a href=\"/xwzx/zwyw/index.html;jsessionid=A1B2C3D4E5\">更多要闻</a></li>"
        body += "<li><a href=\"/tzgg/index.html?sid=9f8e7d6c\">更多公告</a></li>"
        body += "<li><a href=\"/hdjl/hdrl/index.html?date=\(config.asOf)\">活动日历</a></li>"
        body += "<li><a href=\"/zt/index.html\">历史专题</a></li>"
        body += "<li><a href=\"/hdjl/zxft/live.jsp\">在线访谈直播</a></li></ul></div>\n"
        special["/hdjl/zxft/live.jsp"] = .status(500)
        plantBroken(page: "/", target: "/hdjl/zxft/live.jsp", status: "500", definite: false, note: "服务器内部错误")
        body += "<div class=\"service\"><a href=\"\(config.refusedOrigin)/\">青山县政务服务网</a></div>\n"
        plantBroken(page: "/", target: config.refusedOrigin + "/", status: "refused", definite: true,
                    note: "政务服务系统端口拒绝连接", external: true)
        body += "<div class=\"friend\">友情链接：<a href=\"\(config.externalOrigin)/\">某某市人民政府</a> "
        body += "<a href=\"\(config.externalOrigin)/zwgk/old_column.html\">市政府信息公开</a> "
        plantBroken(page: "/", target: config.externalOrigin + "/zwgk/old_column.html", status: "404", definite: true,
                    note: "外部链接已失效", external: true)
        body += "<a href=\"http://\(DemoSiteConfig.deadHost)/\">青山县旧版网站</a></div>\n"
        plantBroken(page: "/", target: "http://\(DemoSiteConfig.deadHost)/", status: "dns", definite: true,
                    note: "域名已不存在", external: true)
        body += "<div class=\"zwgk\"><a href=\"/zwgk/\">政府信息公开</a> <a href=\"/zwgk/zfxxgkzn/index.html\">政府信息公开指南</a> "
        body += "<a href=\"/zwgk/fdzdgknr/czyjs/index.html\">财政预决算</a> <a href=\"/zwgk/gfxwj/\">行政规范性文件</a> "
        body += "<a href=\"/zwgk/zcjd/\">政策解读</a> <a href=\"/zwgk/bmjd/\">部门政策解读</a></div>\n"
        return html("/index.html", title: "青山县人民政府", column: "首页", body: body)
    }

    private mutating func emitParents(_ emit: (DemoFile) throws -> Void) throws {
        func list(_ links: [(String, String)]) -> String {
            "<ul class=\"sub\">" + links.map { "<li><a href=\"\($0.0)\">\($0.1)</a></li>" }.joined() + "</ul>"
        }
        func parent(_ path: String, _ children: [(String, String)]) throws {
            let name = Self.parents[path]!
            try emit(html(path + "index.html", title: name, column: name, body: list(children),
                          crumbs: crumbTrail(path, current: name)))
            truth.columns.append(.init(name: name, url: site + path, status: "parent", category: Self.categories[name] ?? "其他",
                                       firstLevel: path.split(separator: "/").count == 1, newest: nil, stale: false,
                                       needsReview: false))
        }
        try parent("/xwzx/", [("zwyw/", "政务要闻"), ("bmdt/", "部门动态"), ("xzdt/", "乡镇动态"), ("gzdt/", "工作动态"),
                              ("tpxw/", "图片新闻")] + Self.interactionChildren["/xwzx/"]!)
        // The 信息公开 platform (61号) — without its 政府信息公开制度 column.
        try parent("/zwgk/", [("zfxxgkzn/index.html", "政府信息公开指南"), ("fdzdgknr/index.html", "法定主动公开内容"),
                              ("zfxxgknb/index.html", "政府信息公开年报")])
        truth.missingPlatformColumns = ["政府信息公开制度"]
        let catalogue = columns.filter { $0.path.hasPrefix("/zwgk/fdzdgknr/") }
        try parent("/zwgk/fdzdgknr/", catalogue.map { (String($0.path.dropFirst("/zwgk/fdzdgknr/".count)), $0.name) })
        truth.missingCategories = [.init(name: "政府集中采购", kind: "missing"), .init(name: "重大建设项目", kind: "blank"),
                                   .init(name: "环保、公共卫生、安全生产、食品药品、产品质量监督检查", kind: "review"),
                                   .init(name: "治安管理", kind: "missing")]
        try emit(html("/zwgk/zfxxgkzn/index.html", title: "政府信息公开指南", column: "政府信息公开指南",
                      body: "<div class=\"article\"><h1>青山县人民政府信息公开指南</h1><div class=\"info\">发布日期：2023-03-01</div><p>为了更好地提供政府信息公开服务，依据《中华人民共和国政府信息公开条例》，编制本指南。公民、法人和其他组织可以通过政府网站、政务服务中心查阅主动公开的政府信息。</p></div>",
                      crumbs: crumbTrail("/zwgk/zfxxgkzn/", current: "政府信息公开指南")))
        truth.columns.append(.init(name: "政府信息公开指南", url: site + "/zwgk/zfxxgkzn/", status: "single-page", category: "其他",
                                   firstLevel: false, newest: "2023-03-01", stale: false, needsReview: false))
        // 领导信箱 answers 500: unreachable, never stale or blank.
        special["/hdjl/ldxx/index.html"] = .status(500)
        try parent("/hdjl/", [("zxft/", "在线访谈"), ("zjdc/", "征集调查"), ("ldxx/index.html", "领导信箱"),
                              ("hdrl/index.html?date=\(config.asOf)", "活动日历")] + Self.interactionChildren["/hdjl/"]!)
        plantBroken(page: "/hdjl/index.html", target: "/hdjl/ldxx/index.html", status: "500", definite: false, note: "栏目页面服务器错误")
        truth.columns.append(.init(name: "领导信箱", url: site + "/hdjl/ldxx/", status: "unreachable", category: "政务咨询",
                                   firstLevel: false, newest: nil, stale: false, needsReview: true))
        truth.columns.append(.init(name: "政务服务", url: config.externalOrigin + "/", status: "link-out", category: "其他",
                                   firstLevel: true, newest: nil, stale: false, needsReview: true))
        truth.columns.append(.init(name: "专题专栏", url: site + "/zt/", status: "excluded", category: "专题",
                                   firstLevel: true, newest: nil, stale: false, needsReview: false))
        // 网站地图: group titles and their columns.
        var map = "<div class=\"map\">"
        func group(_ path: String, _ name: String, _ children: [(String, String)]) {
            map += "<dl><dt><a href=\"\(path)\">\(name)</a></dt><dd>"
                + children.map { "<a href=\"\($0.0)\">\($0.1)</a>" }.joined(separator: " ") + "</dd></dl>\n"
        }
        group("/xwzx/", "新闻中心", columns.filter { $0.path.hasPrefix("/xwzx/") }.map { ($0.path, $0.name) })
        group("/tzgg/", "通知公告", [])
        group("/gsgg/", "公示公告", [])
        group("/zwgk/", "政府信息公开", [("/zwgk/zfxxgkzn/index.html", "政府信息公开指南"), ("/zwgk/fdzdgknr/", "法定主动公开内容"),
                                   ("/zwgk/zfxxgknb/", "政府信息公开年报")] + catalogue.map { ($0.path, $0.name) })
        group("/hdjl/", "互动交流", [("/hdjl/zxft/", "在线访谈"), ("/hdjl/zjdc/", "征集调查"), ("/hdjl/ldxx/index.html", "领导信箱")])
        group("/zt/index.html", "专题专栏", [])
        group("/zdly/", "重点领域信息", [])
        plantBroken(page: "/wzdt/index.html", target: "/hdjl/ldxx/index.html", status: "500", definite: false, note: "栏目页面服务器错误")
        try emit(html("/wzdt/index.html", title: "网站地图", column: "网站地图", body: map + "</div>"))
        for f in extraFiles { try emit(f) }
        // Attachments: small real files; the first PDF cites a repealed regulation, the first DOCX
        // leaks an ID number, the XLS is corrupt (reported as not checked).
        var firstOf: Set<String> = []
        for (path, ext) in attachmentFiles {
            let first = firstOf.insert(ext).inserted
            switch ext {
            case "pdf":
                var lines = ["青山县人民政府关于进一步做好政策文件公开工作的通知", "各乡镇人民政府，县政府各部门：", DemoContent.sentences[3]]
                if first {
                    lines.append("依据《疫苗流通和预防接种管理条例》，做好预防接种异常反应补偿工作。")
                    plantText(page: path, check: "text.repealed-law", wrong: "《疫苗流通和预防接种管理条例》")
                }
                try emit(DemoFile(path: path, contentType: "application/pdf", body: DemoContent.pdf(lines: lines)))
                truth.attachments.append(.init(url: site + path, checked: true, problem: nil))
            case "docx":
                var paragraphs = ["报名须知", DemoContent.sentences[4]]
                if first {
                    let id = Self.syntheticID("33012319850612301")
                    paragraphs.append("报名人：王某某　身份证号：\(id)")
                    truth.privacy.append(.init(page: site + path, check: "privacy.id-number", masked: Masking.idNumber(id)))
                }
                try emit(DemoFile(path: path, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                  body: try OOXMLWriter.docx(paragraphs: paragraphs)))
                truth.attachments.append(.init(url: site + path, checked: true, problem: nil))
            case "xls":
                special[path] = .headWrong
                truth.notBroken.append(site + path)
                try emit(DemoFile(path: path, contentType: "application/vnd.ms-excel", body: Data(repeating: 0xD0, count: 512)))
                truth.attachments.append(.init(url: site + path, checked: false, problem: "malformed"))
            default:
                try emit(DemoFile(path: path, contentType: "application/octet-stream", body: Data(repeating: 0xD0, count: 512)))
            }
        }
        for (path, rows) in spreadsheets {
            try emit(DemoFile(path: path, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              body: try OOXMLWriter.xlsx(rows: rows)))
            truth.attachments.append(.init(url: site + path, checked: true, problem: nil))
        }
    }

    private var spreadsheets: [(String, [[String]])] = []

    private mutating func plantText(page: String, check: String, wrong: String) {
        truth.text.append(.init(page: site + page, check: check, wrong: wrong))
    }

    private mutating func emitSpecials(_ emit: (DemoFile) throws -> Void) throws {
        special["/hdjl/hdrl/index.html"] = .calendar
        special["/zt/"] = .topicLoop
        truth.notBroken.append(config.externalOrigin + "/")
    }

    // MARK: - page templates

    func html(_ path: String, title: String, column: String, body: String, crumbs: String = "") -> DemoFile {
        DemoFile(path: path, contentType: "text/html; charset=utf-8",
                 body: Data(document(title: title, column: column, body: crumbs + body, headExtra: "",
                                     charsetMeta: "<meta charset=\"utf-8\">").utf8))
    }

    func document(title: String, column: String, body: String, headExtra: String, charsetMeta: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head>\(charsetMeta)
        <title>\(title)_青山县人民政府</title>
        <meta name="SiteName" content="青山县人民政府">
        <meta name="SiteDomain" content="\(DemoSiteConfig.siteHost)">
        <meta name="SiteIDCode" content="3301230001">
        <meta name="ColumnName" content="\(column)">
        <meta name="ArticleTitle" content="\(title)">
        \(headExtra)
        <link rel="stylesheet" href="/css/style.css"><script src="/js/common.js"></script>
        </head><body>
        <div class="header"><img src="/images/logo.png" alt="青山县人民政府"></div>
        <div class="nav"><a href="/">首页</a> <a href="/xwzx/index.html">新闻中心</a> <a href="/tzgg/">通知公告</a>
        <a href="/gsgg/">公示公告</a> <a href="/zwgk/">政府信息公开</a> <a href="/hdjl/index.html">互动交流</a>
        <a href="\(config.externalOrigin)/">政务服务</a> <a href="/search/index.html">搜索</a></div>
        \(body)
        <div class="footer">
        <p>主办单位：青山县人民政府办公室　联系电话：0571-12345678</p>
        <p>网站标识码：3301230001　<a href="\(config.icpOrigin)/">浙ICP备12345678号-1</a>　浙公网安备 33012302000123号</p>
        <p>Copyright © 2008-\(config.asOf.year) 青山县人民政府 版权所有　本站自 2019年1月1日 起累计访问 1234567 次</p>
        <p><a href="/wzdt/index.html">网站地图</a>　<a href="/admin/login.html">网站管理</a></p>
        </div></body></html>
        """
    }

    /// Renders special routes that have a body (calendar, topic loop, soft-404).
    public static func renderSpecial(_ route: SpecialRoute, path: String, query: String?, asOf: SimpleDate) -> String? {
        switch route {
        case .calendar:
            let date = query?.split(separator: "&").first(where: { $0.hasPrefix("date=") })
                .flatMap { SimpleDate(iso: String($0.dropFirst(5))) } ?? asOf
            let prev = SimpleDate(dayNumber: date.dayNumber - 1), next = SimpleDate(dayNumber: date.dayNumber + 1)
            return "<html><head><meta charset=\"utf-8\"><title>活动日历 \(date)</title></head><body><h1>\(date) 活动安排</h1><p>当日无活动。</p><a href=\"index.html?date=\(prev)\">前一天</a> <a href=\"index.html?date=\(next)\">后一天</a></body></html>"
        case .topicLoop:
            return "<html><head><meta charset=\"utf-8\"><title>历史专题</title></head><body><h1>历史专题</h1><a href=\"zt/index.html\">更多专题</a> <a href=\"/\">首页</a></body></html>"
        case .softNotFound:
            return "<html><head><meta charset=\"utf-8\"><title>页面不存在</title></head><body><p>对不起，您访问的页面不存在或已被删除。</p><a href=\"/\">返回首页</a></body></html>"
        default:
            return nil
        }
    }
}

