import Foundation
import GovLensChecks
import GovLensCore
import GovLensDocuments
import GovLensReports
import GovLensScoring
import Testing

/// The renderers on values built in the test: what a person reads for 未评估 items, template
/// repeats and statuses.
@Suite struct RendererTests {
    static let pack = """
        id: t
        name: 测试方案
        base: 100
        passMark: 60
        items:
          - {id: links, name: 链接可用, kind: deduct, source: findings, check: link.broken, points: 1, max: 10}
          - {id: board, name: 留言办理, kind: deduct, source: findings, check: interaction.unanswered, points: 1, max: 5}
        """

    static let noBoard = "网站未发现留言、信箱、咨询类栏目，未检查留言办理"

    func scores(complete: Bool = true) throws -> ScoreReport {
        let pack = try RulePack.parse(Self.pack, file: "t.yaml", catalog: CheckRegistry.catalog)
        let units = try UnitsFile.read(TableReader.csv(Data("单位名称,网站\n甲县,www.a.gov.cn\n乙县,www.b.gov.cn\n".utf8), file: "u.csv"))
        func scan(_ site: String, _ n: Int) -> ScanReport {
            let findings = (0..<n).map { i in
                Finding(check: .linkBroken, severity: .deduct, page: "http://\(site)/", target: "http://\(site)/x\(i).html",
                        evidence: "链接不可用", suggestion: "请删除。", status: "404", definite: true, scope: .home)
            }
            var report = ScanReport(site: "http://\(site)/", asOf: "2023-06-30", startedAt: Date(), finishedAt: Date(), stats: ScanStats(),
                                    complete: complete, incompleteReasons: complete ? [] : ["达到页面数上限"],
                                    homepage: HomepageStatus(url: site, reachable: true, status: "200", latencyMs: 1), pages: [],
                                    findings: findings, errors: [])
            // The scan found no message board: the board item cannot be judged from it.
            report.notChecked = ["interaction.unanswered": Self.noBoard]
            return report
        }
        return try Scorer(pack: pack).score(units: units, manual: nil, scans: ["甲县": scan("www.a.gov.cn", 2), "乙县": scan("www.b.gov.cn", 0)],
                                            asOf: "2023-06-30", deadline: "2023-07-21")
    }

    @Test func unassessedItemsArePrintedAsSuchEverywhere() throws {
        let s = try scores()
        let unit = try #require(s.groups[0].units.first { $0.unit == "甲县" })
        #expect(unit.notAssessed == [NotAssessed(item: "留言办理", reason: Self.noBoard)])
        #expect(unit.provisional && unit.total == 98)
        let report = AssessmentReport(scores: s, catalog: CheckRegistry.catalog)
        let row = try #require(report.rankingTables()[0].rows.first { $0[1] == "甲县" })
        #expect(row[3] == "未评估" && row[4] == "98（暂定）")
        #expect(report.markdown().contains("（二）未评估的指标") || report.markdown().contains("未评估的指标"))
        #expect(report.markdown().contains("留言办理未评估（\(Self.noBoard)）"))
        let rows = report.problemRows(unit)
        #expect(rows.contains { $0[1] == "未评估" && $0[2] == "留言办理" })
        #expect(rows.filter { $0[1] == "不可用链接" }.count == 2)
        #expect(s.warnings.contains { $0.contains("甲县") && $0.contains("未评估") })
    }

    @Test func anIncompleteScanLeavesEveryFindingsItemUnassessed() throws {
        let s = try scores(complete: false)
        for u in s.groups[0].units {
            #expect(Set(u.notAssessed.map(\.item)) == ["链接可用", "留言办理"], "\(u.unit)")
            #expect(u.notAssessed.first { $0.item == "链接可用" }?.reason.contains("扫描不完整") == true)
        }
    }

    @Test func scanReportShowsTemplateRepeatsAndChineseStatuses() {
        var f = Finding(check: .linkBroken, severity: .deduct, page: "http://www.a.gov.cn/p1.html", target: "http://old.a.gov.cn/",
                        evidence: "链接“旧版网站”指向 http://old.a.gov.cn/：域名无法解析", suggestion: "请删除或更换该链接。",
                        status: "dns", definite: true, scope: .other, external: true)
        f.pageCount = 120
        f.examplePages = ["http://www.a.gov.cn/p1.html"]
        let r = ScanReport(site: "http://www.a.gov.cn/", asOf: "2023-06-30", startedAt: Date(), finishedAt: Date(), stats: ScanStats(),
                           complete: true, incompleteReasons: [],
                           homepage: HomepageStatus(url: "http://www.a.gov.cn/", reachable: true, status: "200", latencyMs: 1),
                           pages: [PageRecord(url: "http://www.a.gov.cn/", status: 200, title: "首页_甲县人民政府", charset: "utf-8",
                                              declaredCharset: nil, date: nil, depth: 0)],
                           findings: [f], errors: [])
        let md = MarkdownReport.render(r)
        #expect(md.hasPrefix("# 网站巡检报告：甲县人民政府（http://www.a.gov.cn/）"))
        #expect(md.contains("等 120 个页面") && md.contains("| 无法解析域名 |"))
        #expect(md.contains("**结论：** 共发现问题 1 个"))
    }

    @Test func unreachableHomepageIsNeverReportedClean() {
        let r = ScanReport(site: "http://www.a.gov.cn/", asOf: "2023-06-30", startedAt: Date(), finishedAt: Date(), stats: ScanStats(),
                           complete: false, incompleteReasons: ["首页无法访问"],
                           homepage: HomepageStatus(url: "http://www.a.gov.cn/", reachable: false, status: "refused", latencyMs: nil),
                           pages: [], findings: [], errors: [])
        let md = MarkdownReport.render(r)
        #expect(md.contains("首页无法访问（拒绝连接）") && !md.contains("未发现问题"))
    }
}
