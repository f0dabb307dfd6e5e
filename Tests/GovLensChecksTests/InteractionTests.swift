import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensReports
import GovLensScan
import Testing

/// Message boards, consultations, 决策目录, 回应关切, period rules and duplicate columns: against the
/// demo site's planted truth, on example sites served on loopback, and on the readers' bad input.
@Suite struct InteractionTests {
    /// Scans an example site on loopback.
    static func scan(_ site: ExampleSite, maxPages: Int = 20_000, rules: RuleBook = .bundled()) async throws -> ScanReport {
        let server = try await DemoServer.serve(pages: site.pages, asOf: site.asOf, host: site.host)
        var o = ScanOptions(url: server.homepage, asOf: site.asOf, rules: rules)
        o.resolve = [site.host: "127.0.0.1"]
        o.minInterval = 0
        o.recheckDelay = 0
        o.timeout = 5
        o.maxPages = maxPages
        o.level = site.level
        let report = try await SiteScanner.run(o)
        await server.shutdown()
        return report
    }

    static let interactionIDs = Set(CheckRegistry.checks.flatMap { $0.rules }.map(\.id.rawValue)).filter { id in
        ["interaction.", "consultation.", "decision.", "response.", "period."].contains(where: id.hasPrefix) || id == "column.duplicate"
    }

    @Test func plantedDefectsFoundExactlyOnTheDemoSite() async throws {
        let (report, server) = try await DemoScan.result.value
        let eval = DemoEvaluation(findings: report.findings, truth: server.truth)
        let s = eval.interaction
        print("interaction on the demo site: precision \(s.precision), recall \(s.recall), TP \(s.truePositives.count), "
              + "FP \(s.falsePositives.count), FN \(s.falseNegatives.count)")
        #expect(s.falsePositives.isEmpty, "false alarms: \(s.falsePositives)")
        #expect(s.falseNegatives.isEmpty, "missed: \(s.falseNegatives)")
        // Every family is planted, and no finding hides a second one behind the same key.
        let planted = Set(server.truth.interaction.map(\.check))
        #expect(planted.isSuperset(of: ["interaction.unanswered", "interaction.slow", "interaction.empty-reply", "consultation.short",
                                        "consultation.no-feedback", "decision.catalogue-missing", "period.missing", "column.duplicate"]))
        #expect(report.findings.filter { Self.interactionIDs.contains($0.check.rawValue) }.count == server.truth.interaction.count)
        #expect(Self.interactionIDs == DemoEvaluation.interactionChecks)
    }

    @Test func boardStatisticsInTheScanJSON() async throws {
        let (report, server) = try await DemoScan.result.value
        let boards = try #require(report.boards)
        for t in server.truth.boards {
            let b = try #require(boards.first { $0.url == t.url }, "board \(t.name) not listed")
            #expect(b.status == t.status && b.name == t.name, "\(b)")
            #expect(b.messages == t.messages && b.answered == t.answered && b.overdue == t.overdue, "\(b)")
            #expect(b.medianReplyDays == t.medianReplyDays && b.statisticsPublished == t.statisticsPublished, "\(b)")
            if !["checked", "json"].contains(t.status) { #expect(b.needsReview && b.note != nil) }
        }
        let json = try JSONSerialization.jsonObject(with: JSONReport.encode(report)) as! [String: Any]
        let listed = try #require(json["boards"] as? [[String: Any]])
        #expect(listed.count == boards.count && listed.allSatisfy { $0["medianReplyDays"] != nil || $0["status"] as? String != "checked" })
        #expect(try JSONReport.decodeScan(JSONReport.encode(report)).boards == boards)
        let md = MarkdownReport.render(report)
        #expect(md.contains("## 留言办理情况（\(boards.count) 个留言板块）") && md.contains("| 已读取（数据接口） | 3 | 2 | 1 | 1 |"))
    }

    @Test func messageReaderReadsLabelsOnTheLineOrInTheNextCell() {
        let reader = MessageReader(rules: RuleBook.bundled().interaction.boards)
        let inline = reader.message(url: "u", title: "标题", text: "留言主题：咨询社保\n留言时间：2023年5月4日 10:21\n回复单位：县人社局\n回复时间：2023-05-08\n回复内容：您好，\n可到县政务服务中心社保窗口办理参保登记手续。")
        #expect(inline?.subject == "咨询社保" && inline?.asked == SimpleDate(iso: "2023-05-04") && inline?.replied == SimpleDate(iso: "2023-05-08"))
        #expect(inline?.replier == "县人社局" && inline?.answered == true && (inline?.substantiveCharacters ?? 0) >= 15)
        let cells = reader.message(url: "u", title: nil, text: "信件标题\n道路维修\n来信时间\n2023/04/01\n办理状态\n办理中")
        #expect(cells?.subject == "道路维修" && cells?.asked == SimpleDate(iso: "2023-04-01") && cells?.answered == false && cells?.replied == nil)
        // A page that only mentions a time is no message; a state of 已办结 without a date is answered.
        #expect(reader.message(url: "u", title: nil, text: "发布时间：2023-05-04\n正文") == nil)
        #expect(reader.message(url: "u", title: nil, text: "留言时间：2023-05-04\n状态：已办结")?.answered == true)
        #expect(reader.substantive("您好，感谢您的来信，已转相关部门办理。谢谢！", question: "道路维修") == 0)
        // A number a citizen wrote into the subject or the office into the reply never leaves the reader in clear.
        let leaky = reader.message(url: "u", title: nil, text: "留言主题：请回电13912345678\n留言时间：2023-05-04\n回复内容：已联系，电话13812345678")
        #expect(leaky?.subject == "请回电139****5678" && leaky?.replyExcerpt?.contains("13812345678") == false, "\(String(describing: leaky))")
    }

    @Test(arguments: [("请先登录后查看留言。", "login", "登录"), ("请输入验证码后查看留言。", "captcha", "验证码")])
    func aBoardBehindALoginOrCaptchaIsNotCheckedWithItsReason(_ text: String, _ status: String, _ word: String) async throws {
        var site = ExampleSite.withBoard(asOf: "2023-06-30", [ExampleMessage("停车难", asked: "-200")])
        site = site.with("/hdjl/zxzx/", "<html><head><title>在线咨询</title></head><body><div class=\"list\"><p>\(text)</p>"
                         + "<a href=\"/login.html\">登录</a></div></body></html>")
        let report = try await Self.scan(site)
        let board = try #require(report.boards?.first { $0.name == "在线咨询" })
        #expect(board.status == status && board.needsReview && board.note?.contains(word) == true)
        #expect(!report.findings.contains { $0.check.rawValue.hasPrefix("interaction.") })
        #expect(report.notChecked?["interaction.unanswered"]?.contains(word) == true)
    }

    @Test func publishedStatisticsAreSeenAndMedianDaysCounted() async throws {
        let reply = "您好，可携带身份证到县政务服务中心一楼综合窗口办理，当场出具证明材料。"
        var site = ExampleSite.withBoard(asOf: "2023-06-30", [
            ExampleMessage("甲", asked: "2023-06-01", replied: "2023-06-02", reply: reply),
            ExampleMessage("乙", asked: "2023-06-01", replied: "2023-06-05", reply: reply),
            ExampleMessage("丙", asked: "2023-06-01", replied: "2023-06-11", reply: reply),
        ])
        let clean = try #require(try await Self.scan(site).boards?.first)
        #expect(clean.messages == 3 && clean.answered == 3 && clean.medianReplyDays == 4 && clean.newestReply == "2023-06-11")
        #expect(!clean.statisticsPublished)
        let home = try #require(site.pages["/"])
        site = site.with("/", home.replacingOccurrences(of: "</ul></div>", with:
            "<li><a href=\"/home/0.html\">2023年一季度留言受理反馈情况统计</a><span class=\"date\">2023-04-10</span></li></ul></div>"))
        #expect(try await Self.scan(site).boards?.first?.statisticsPublished == true)
    }

    @Test func aScriptRenderedBoardIsListedForReviewNeverClean() async throws {
        var site = ExampleSite.withBoard(asOf: "2023-06-30", [])
        site = site.with("/hdjl/zxzx/", "<html><head><title>在线咨询</title></head><body><div class=\"list\"><ul id=\"list\"></ul></div>"
                         + "<script>$.ajax({url: \"list.json\", success: function (d) { render(d); }});</script></body></html>")
        let report = try await Self.scan(site)
        let board = try #require(report.boards?.first { $0.name == "在线咨询" })
        #expect(board.status == "script-rendered" && board.needsReview && board.messages == 0)
        #expect(report.notChecked?["interaction.unanswered"] != nil)
    }

    @Test func aBoardRenderedFromTheSitesJSONEndpointIsRead() async throws {
        var site = ExampleSite.withBoard(asOf: "2023-06-30", [])
        site = site.with("/hdjl/zxzx/", "<html><head><title>在线咨询</title></head><body><div class=\"list\"><ul id=\"list\"></ul></div>"
                         + "<script>fetch('/api/letters?page=1').then(r => r.json()).then(render);</script></body></html>")
        // Times as a Java CMS gives them (milliseconds), a numeric status code, one open for five months.
        site = site.with("/api/letters", """
            {"rows": [{"letterTitle": "停车难", "submitTime": 1672537800000, "status": 0},
                      {"letterTitle": "路灯不亮", "submitTime": "2023-06-01 10:00", "replyTime": "2023-06-02", "replyContent": "您好，县城管局已于6月2日更换该路段损坏的路灯灯泡共计三处。", "status": 1}]}
            """)
        let report = try await Self.scan(site)
        let board = try #require(report.boards?.first { $0.name == "在线咨询" })
        #expect(board.status == "json" && board.messages == 2 && board.answered == 1 && board.overdue == 1, "\(board)")
        #expect(report.findings.filter { $0.check.rawValue == "interaction.unanswered" }.map(\.evidence).contains { $0.contains("停车难") && $0.contains("2023-01-01") })
        // robots.txt that forbids the endpoint is honoured: the board stays for review, with the reason.
        let forbidden = try await Self.scan(site.with("/robots.txt", "User-agent: *\nDisallow: /api/\n"))
        let kept = try #require(forbidden.boards?.first { $0.name == "在线咨询" })
        #expect(kept.status == "script-rendered" && kept.needsReview && kept.note?.contains("robots.txt") == true, "\(kept)")
    }

    /// 600 messages over 12 list pages: every page followed, every message read; with a page limit the
    /// scan says it is incomplete and the board is marked for review, never clean.
    @Test func thousandsOfMessagesFollowPaginationWithinTheLimits() async throws {
        let n = 600, perPage = 50
        let messages = (0..<n).map { i in
            i % 100 == 0 ? ExampleMessage("未答复留言\(i)", asked: "-\(100 + i / 100)")
                : ExampleMessage("咨询事项\(i)", asked: "-\(20 + i % 40)", replied: "-\(19 + i % 40)", reply: "您好，该事项可到县政务服务中心一楼综合窗口办理，需携带身份证原件。")
        }
        var site = ExampleSite.withBoard(asOf: "2023-06-30", messages)
        let pages = n / perPage
        for p in 0..<pages {
            let entries = (p * perPage..<(p + 1) * perPage).map { i in
                "<li><a href=\"/hdjl/zxzx/m\(i).html\">\(messages[i].subject)</a><span class=\"date\">2023-05-01</span></li>"
            }.joined()
            let next = p + 1 < pages ? "<div class=\"page\"><a href=\"/hdjl/zxzx/index_\(p + 1).html\">下一页</a></div>" : ""
            site = site.with(p == 0 ? "/hdjl/zxzx/" : "/hdjl/zxzx/index_\(p).html",
                             "<html><head><title>在线咨询</title></head><body><div class=\"list\"><ul>\(entries)</ul>\(next)</div></body></html>")
        }
        let started = Date()
        let full = try await Self.scan(site)
        let seconds = Date().timeIntervalSince(started)
        let board = try #require(full.boards?.first { $0.name == "在线咨询" })
        print("board of \(n) messages over \(pages) pages: \(full.stats.pages) pages in \(String(format: "%.1f", seconds)) s")
        #expect(board.messages == n && board.answered == n - n / 100 && board.overdue == n / 100, "\(board)")
        #expect(full.findings.filter { $0.check.rawValue == "interaction.unanswered" }.count == n / 100)

        let limited = try await Self.scan(site, maxPages: 150)
        let cut = try #require(limited.boards?.first { $0.name == "在线咨询" })
        #expect(!limited.complete && cut.messages < n)
    }

    @Test func periodsTurnOverAtTheirDueDate() {
        let item = PeriodRules.Item(name: "预算", keywords: ["预算"], excluded: nil, every: "year", due: "04-30", dueDays: nil, levels: [])
        #expect(PublicationPeriod.judged(item, asOf: SimpleDate(iso: "2023-04-29")!).label == "2022年")
        #expect(PublicationPeriod.judged(item, asOf: SimpleDate(iso: "2023-04-30")!).label == "2023年")
        let quarterly = PeriodRules.Item(name: "结果", keywords: ["结果"], excluded: nil, every: "quarter", due: nil, dueDays: 30, levels: [])
        #expect(PublicationPeriod.judged(quarterly, asOf: SimpleDate(iso: "2023-04-29")!).label == "2022年第4季度")
        #expect(PublicationPeriod.judged(quarterly, asOf: SimpleDate(iso: "2023-05-01")!).label == "2023年第1季度")
        #expect(PublicationPeriod.judged(quarterly, asOf: SimpleDate(iso: "2023-01-15")!).label == "2022年第3季度")
    }

    /// A province's own periods.yaml beside its inspection.yaml adds an item without code.
    @Test func aProvinceAddsAPeriodItemWithoutCode() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-rules-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let shipped = try #require(Bundle.allBundles.lazy.compactMap { $0.url(forResource: "inspection", withExtension: "yaml", subdirectory: "Rules") }.first
            ?? Self.shippedRules())
        try FileManager.default.copyItem(at: shipped, to: dir.appendingPathComponent("inspection.yaml"))
        let periods = """
            version: province-test
            items:
              - {name: 政务督查结果, keywords: [督查结果], every: year, due: "03-31", levels: [county]}
            columns: []
            """
        try periods.write(to: dir.appendingPathComponent("periods.yaml"), atomically: true, encoding: .utf8)
        let rules = try RuleBook.load(dir.appendingPathComponent("inspection.yaml"))
        #expect(rules.periods.items.map(\.name) == ["政务督查结果"])
        let report = try await Self.scan(ExampleSite.county(asOf: "2023-06-30"), rules: rules)
        let missing = report.findings.filter { $0.check.rawValue == "period.missing" }
        #expect(missing.count == 1 && missing[0].evidence.contains("2023年政务督查结果"), "\(missing.map(\.evidence))")
        #expect(rules.contentHash != RuleBook.bundled().contentHash)
    }

    /// The shipped inspection.yaml, found beside the sources when the bundle is not on the test's path.
    static func shippedRules() -> URL? {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/GovLensChecks/Rules/inspection.yaml")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
