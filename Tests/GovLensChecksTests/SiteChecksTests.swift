import Foundation
@testable import GovLensChecks
import GovLensScan
import GovLensCore
import GovLensDemo
import GovLensHTML
import GovLensText
import Testing

/// Columns, homepage, platform, catalogue and identity on the demo site (planted truth) and on
/// real pages.
@Suite struct ColumnChecksTests {
    @Test func columnFindingsMatchThePlantedTruth() async throws {
        let (report, server) = try await DemoScan.result.value
        let eval = DemoEvaluation(findings: report.findings, truth: server.truth).columns
        print("column/home/disclosure on the demo site: precision \(eval.precision), recall \(eval.recall), "
              + "TP \(eval.truePositives.count), FP \(eval.falsePositives.count), FN \(eval.falseNegatives.count)")
        #expect(eval.falsePositives.isEmpty, "false alarms: \(eval.falsePositives)")
        #expect(eval.falseNegatives.isEmpty, "missed: \(eval.falseNegatives)")
        // The truth exercises every kind: stale (incl. under review), blank, missing, blank-only and unreadable categories.
        #expect(eval.truePositives.count == 11)
    }

    @Test func everyColumnIsFoundAndReadAsPlanted() async throws {
        let (report, server) = try await DemoScan.result.value
        let records = Dictionary(report.columns.map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
        for t in server.truth.columns {
            let c = try #require(records[t.url], "column not found: \(t.name) \(t.url)")
            #expect(c.name == t.name)
            #expect(c.status == t.status, "\(t.name)")
            #expect(c.category == t.category, "\(t.name)")
            #expect(c.firstLevel == t.firstLevel, "\(t.name)")
            #expect(c.newest == t.newest, "\(t.name)")
            #expect(c.stale == t.stale, "\(t.name)")
            #expect(c.needsReview == t.needsReview, "\(t.name): \(c.notes)")
            #expect(c.blank == (t.status == "blank"))
        }
        // Nothing but the site's columns: no articles, functions (搜索) or calendar pages.
        #expect(Set(report.columns.map(\.url)) == Set(server.truth.columns.map(\.url)))
        // Paginated lists are read to the end.
        #expect(records[server.truth.site + "xwzx/zwyw/"]?.items == 12)
    }

    @Test func unreadableColumnsAreNeverPenalised() async throws {
        let (report, _) = try await DemoScan.result.value
        let unreadable = Set(report.columns.filter { ["unreachable", "script-rendered", "undated", "link-out", "excluded", "parent"]
            .contains($0.status) }.map(\.name))
        #expect(unreadable.count == 10)  // with 县长信箱, a board read from its JSON endpoint
        let penalised = report.findings.filter { $0.check == .columnStale || $0.check == .columnBlank }.compactMap(\.column)
        #expect(Set(penalised).isDisjoint(with: unreadable))
    }

    @Test func theDemoSiteHasACompliantIdentity() async throws {
        let (report, _) = try await DemoScan.result.value
        let identity = report.findings.filter { $0.check.rawValue.hasPrefix("identity.") }
        #expect(identity.allSatisfy { $0.check == .metaMissing && $0.severity == .warn })
        // 3/4 of the articles have no PubDate meta; every page has SiteIDCode except the special routes.
        #expect(identity.contains { $0.evidence.contains("PubDate") })
        #expect(!report.findings.contains { $0.check == .homeStale || $0.severity == .veto && $0.check.rawValue.hasPrefix("column.") })
    }

    /// The same site two months later: every news column and the homepage are out of date, and
    /// the stale count reaches the W-V4 veto. Expected values come from the truth's dates.
    @Test func twoMonthsLaterTheHomepageAndNewsColumnsAreStale() async throws {
        let (_, server) = try await DemoScan.result.value
        let later = SimpleDate(dayNumber: DemoScan.asOf.dayNumber + 60)
        var o = ScanOptions(url: server.homepage, asOf: later)
        o.resolve = server.resolve
        o.timeout = 2
        o.recheckDelay = 0.2
        o.checkAttachments = false
        let report = try await SiteScanner.run(o)
        func cutoff(days: Int = 0, months: Int = 0) -> SimpleDate {
            SimpleDate(dayNumber: later.adding(months: -months).dayNumber - days)
        }
        var expected: Set<String> = []
        var vetoCount = 0
        for t in server.truth.columns where t.status == "ok" || t.status == "single-page" {
            guard let newest = t.newest.flatMap(SimpleDate.init(iso:)) else { continue }
            let dynamic = t.category == "动态要闻" && newest < cutoff(days: 14)
            let notice = ["通知公告", "政策文件"].contains(t.category) && t.firstLevel && newest < cutoff(months: 6)
            let yearly = ["人事", "规划计划"].contains(t.category) && newest < cutoff(months: 12)
            let long = ["动态要闻", "通知公告", "政策文件", "人事", "规划计划"].contains(t.category) && newest < cutoff(months: 12)
            if dynamic || notice { vetoCount += 1 }
            if dynamic || notice || yearly || long { expected.insert(t.name) }
        }
        #expect(vetoCount >= 5)
        let stale = Set(report.findings.filter { $0.check == .columnStale }.compactMap(\.column))
        #expect(stale == expected)
        let veto = try #require(report.findings.first { $0.check == .columnStaleVeto })
        #expect(veto.evidence.contains("\(vetoCount) 个"))
        let home = try #require(report.findings.first { $0.check == .homeStale })
        let newestNews = try #require(server.truth.columns.first { $0.name == "政务要闻" }?.newest)
        #expect(home.severity == .veto && home.evidence.contains("发布于 \(newestNews)"))
        #expect(!report.findings.contains { $0.check == .columnBlankVeto || $0.check == .columnLongStaleVeto })
    }
}

@Suite struct IdentityChecksTests {
    let rules = RuleBook.bundled().identity

    func page(_ name: String) throws -> PageModel {
        let url = TextQualityTests.tests.appendingPathComponent("GovLensHTMLTests/Fixtures/\(name).html")
        return HTMLParser.parse(try Data(contentsOf: url)).page
    }

    func identity(_ footer: String, meta: [String: String]) -> [String] {
        var out = SiteCodeCheck.findings(footer: footer, meta: meta, page: "p", rules: rules).map(\.evidence)
        out += FooterNumberCheck.findings(footer: footer, page: "p", rules: rules).map(\.evidence)
        return out
    }

    @Test func realFootersAndMetaTags() throws {
        let shanxi = try page("www.shanxi.gov.cn-article")
        #expect(identity(shanxi.footerText, meta: shanxi.meta).isEmpty)
        // fgw.zj.gov.cn carries an empty SiteIDCode tag: a real defect.
        let fgw = try page("fgw.zj.gov.cn-article")
        #expect(identity(fgw.footerText, meta: fgw.meta) == ["首页 SiteIDCode 标签内容为空"])
        // www.gov.cn shows bm01000001 in the footer but has no SiteIDCode tag.
        let gov = try page("www.gov.cn-gongbao-article")
        #expect(identity(gov.footerText, meta: gov.meta) == ["首页缺少 <meta name=\"SiteIDCode\"> 标签"])
    }

    /// The 平潭 portal footer shows 公安备案号：35012899001-19002, an old form that is not the
    /// 14-digit 公网安备 number.
    @Test func pingtanFooterHasANonstandardPoliceRecord() throws {
        let url = TextQualityTests.tests.appendingPathComponent("GovLensHTMLTests/Fixtures/pingtan/zfxxgknb-list-page.index.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        let found = identity(text, meta: ["siteidcode": "3590000001"])
        #expect(found.count == 1)
        #expect(found.first?.contains("格式不规范") == true && found.first?.contains("35012899001-19002") == true)
    }

    @Test func siteCodeMismatchAndMissingFooterItems() {
        let found = identity("主办单位：某某县人民政府 网站标识码：3301230001 浙ICP备1234号", meta: ["siteidcode": "3301230002"])
        #expect(found == ["页脚网站标识码 3301230001 与 SiteIDCode 标签 3301230002 不一致", "页脚未展示公安机关备案编号"])
        #expect(identity("版权所有", meta: [:]).count == 4)
        #expect(identity("ICP 备案：12345", meta: ["siteidcode": "x"]).contains("页脚 ICP 备案编号格式不规范：“ICP 备案：12345”"))
    }

    @Test(arguments: [("www.gov.cn", true), ("www.qingshan.gov.cn", true), ("slj.bd.gov.cn", true), ("fzggw.zj.gov.cn", true),
                      ("qingshan.gov.cn", false), ("www.qingshan.com", false), ("127.0.0.1", false), ("www.a.b.gov.cn", false)])
    func domains(host: String, standard: Bool) {
        #expect((DomainCheck.finding(host: host, page: "p", rules: rules) == nil) == standard)
    }

    @Test func provinceRulesReplaceTheShippedWindows() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inspection = try String(contentsOf: RuleFile.bundled("inspection"), encoding: .utf8)
        let columns = try String(contentsOf: RuleFile.bundled("columns"), encoding: .utf8)
            .replacingOccurrences(of: "规划计划: {months: 12}", with: "规划计划: {months: 24}")
        try inspection.write(to: dir.appendingPathComponent("inspection.yaml"), atomically: true, encoding: .utf8)
        try columns.write(to: dir.appendingPathComponent("columns.yaml"), atomically: true, encoding: .utf8)
        let book = try RuleBook.load(dir.appendingPathComponent("inspection.yaml"))
        #expect(book.columns.freshness["规划计划"]?.months == 24)
        #expect(RuleBook.bundled().columns.freshness["规划计划"]?.months == 12)
        try "categories: [".write(to: dir.appendingPathComponent("columns.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: RuleBook.LoadError.self) { try RuleBook.load(dir.appendingPathComponent("inspection.yaml")) }
    }
}
