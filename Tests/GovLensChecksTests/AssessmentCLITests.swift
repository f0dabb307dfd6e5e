import Foundation
import GovLensCore
import GovLensReports
import Testing

/// `govlens score` on a real scan of the demo site under the shipped 19号 pack: every point lost
/// is traceable to the scan's findings, and bad input exits 2 without writing anything.
@Suite struct AssessmentCLITests {
    let cli = CLITests()

    func folder(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-score-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func inputs(site: String) throws -> URL {
        let dir = try folder("in")
        try Data("单位名称,分组,网站,门户网站,有办事服务\n青山县人民政府,县级,\(site),是,是\n".utf8).write(to: dir.appendingPathComponent("units.csv"))
        let header = "单位名称,政策文件,办事指南,在线办理,办事统计数据,留言答复,征集调查与在线访谈,搜索、IPv6与找错入口,集约化与数据开放,智能搜索与问答,创新应用"
        try Data("\(header)\n青山县人民政府,0,2,0,0,0,1,0,6,4,3\n".utf8).write(to: dir.appendingPathComponent("manual.csv"))
        return dir
    }

    @Test func scoresTheDemoScanTraceably() async throws {
        let (report, _) = try await DemoScan.result.value
        let dir = try inputs(site: report.site)
        let scans = dir.appendingPathComponent("scans")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        try JSONReport.encode(report).write(to: scans.appendingPathComponent("scan.json"))
        let out = dir.appendingPathComponent("out")
        let r = try cli.run(["score", "--pack", "website-2019", "--units", dir.appendingPathComponent("units.csv").path,
                             "--manual", dir.appendingPathComponent("manual.csv").path, "--scans", scans.path, "--output", out.path])
        #expect(r.status == 0, "\(r.err)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("scores.json"))) as! [String: Any]
        let unit = ((json["groups"] as! [[String: Any]])[0]["units"] as! [[String: Any]])[0]
        let lost = unit["lost"] as! [[String: Any]]
        func lostPoints(_ item: String) -> Double { (lost.first { $0["item"] as? String == item }?["points"] as? Double) ?? 0 }
        // Recompute the link items from the scan itself: confirmed findings only, capped at 5.
        let confirmed = report.findings.filter { $0.check == .linkBroken && !$0.needsReview }
        let home = confirmed.filter { $0.scope == .home }.count, other = confirmed.filter { $0.scope == .other }.count
        #expect(home > 0 && other > 0)
        #expect(lostPoints("首页不可用链接") == min(5, Double(home)))
        #expect(abs(lostPoints("其他页面不可用链接") - min(5, Double(other) * 0.1)) < 1e-9)
        let blank = report.findings.filter { $0.check == .columnBlank && !$0.needsReview }.count
        #expect(lostPoints("空白栏目") == min(10, Double(blank) * 2))
        // Every finding behind a lost point is one of the scan's findings.
        let scanned = Set(report.findings.map { "\($0.check) \($0.page) \($0.target ?? "") \($0.column ?? "")" })
        for l in lost {
            for f in l["findings"] as? [[String: Any]] ?? [] {
                #expect(scanned.contains("\(f["check"]!) \(f["page"]!) \(f["target"] as? String ?? "") \(f["column"] as? String ?? "")"))
            }
        }
        // 100 − Σ lost, and the bonus only above 80.
        let total = unit["total"] as! Double, sum = lost.reduce(0.0) { $0 + ($1["points"] as! Double) }
        #expect(abs(total - (100 - sum + (100 - sum > 80 ? 13 : 0))) < 0.01)
        // Suspected links and unconfirmed serious wording wait for a person instead of costing points.
        let review = unit["toReview"] as! [[String: Any]]
        #expect(review.contains { $0["check"] as? String == "text.serious" })
        #expect(review.filter { $0["check"] as? String == "link.broken" }.count == report.findings.filter { $0.check == .linkBroken && $0.needsReview }.count)
        for f in ["通报.docx", "通报.md", "通报.html", AssessmentReport.rankingName, "问题清单/青山县人民政府.xlsx", "问题清单/青山县人民政府.md"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f)")
        }
        // No personal number in clear outside URLs (TRS names attachments P020230609124449.pdf).
        let md = try String(contentsOf: out.appendingPathComponent("问题清单/青山县人民政府.md"), encoding: .utf8)
        let text = md.replacingOccurrences(of: #"https?://[^\s|（）]+"#, with: "", options: .regularExpression)
        #expect(md.contains("330***********4521") && text.range(of: #"\d{11,}"#, options: .regularExpression) == nil)
        // `govlens report` re-renders the same files from scores.json.
        let again = dir.appendingPathComponent("again")
        #expect(try cli.run(["report", "--scores", out.appendingPathComponent("scores.json").path, "--output", again.path]).status == 0)
        #expect(try String(contentsOf: again.appendingPathComponent("通报.md"), encoding: .utf8)
            == String(contentsOf: out.appendingPathComponent("通报.md"), encoding: .utf8))
    }

    @Test func badInputExitsTwoAndWritesNothing() throws {
        let dir = try inputs(site: "http://www.qingshan.gov.cn/")
        let out = dir.appendingPathComponent("out")
        let units = dir.appendingPathComponent("units.csv").path, manual = dir.appendingPathComponent("manual.csv")
        try Data("单位名称,政策文件,办事指南\n青山县人民政府,0,99\n".utf8).write(to: manual)
        let r = try cli.run(["score", "--pack", "website-2019", "--units", units, "--manual", manual.path, "--output", out.path])
        #expect(r.status == 2)
        #expect(r.err.contains("缺少评分项“在线办理”"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let header = "单位名称,政策文件,办事指南,在线办理,办事统计数据,留言答复,征集调查与在线访谈,搜索、IPv6与找错入口,集约化与数据开放,智能搜索与问答,创新应用"
        try Data("\(header)\n青山县人民政府,0,99,0,0,0,1,0,6,4,3\n".utf8).write(to: manual)
        // (A unit without a site needs no scan: the manual sheet is all there is to check.)
        let noSite = dir.appendingPathComponent("nosite.csv").path
        try Data("单位名称,分组\n青山县人民政府,县级\n".utf8).write(to: URL(fileURLWithPath: noSite))
        let over = try cli.run(["score", "--pack", "website-2019", "--units", noSite, "--manual", manual.path, "--output", out.path])
        #expect(over.status == 2 && over.err.contains("manual.csv 第2行第3列（办事指南）") && over.err.contains("最高分 13"), "\(over.err)")
        // A unit with a site but no scan, under a pack that scores findings.
        let noScan = try cli.run(["score", "--pack", "website-2019", "--units", units, "--manual", manual.path, "--scans", dir.path,
                                  "--output", out.path])
        #expect(noScan.status == 2 && noScan.err.contains("没有对应的扫描结果"))
        #expect(try cli.run(["score", "--pack", "no-such-pack", "--units", units, "--output", out.path]).err.contains("无法读取考核方案 no-such-pack"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
