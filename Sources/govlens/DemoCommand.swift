import ArgumentParser
import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensReports
import GovLensScoring
import GovLensStore
import GovLensText

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "在本机启动内置的演示县政府网站，对它完整巡检一遍，并与预埋问题清单对照。")

    @Option(help: "输出目录。") var outputDir = "govlens-demo"
    @Option(help: "演示网站的检查基准日。") var asOf = "2023-06-30"
    @Option(help: "每个栏目的文章数。") var articles = 12
    @Option(help: "超时（秒）。") var timeout: Double?
    @Flag(help: "不显示进度。") var quiet = false
    @OptionGroup var spell: ScanSpellOptions

    func run() async throws {
        guard let date = SimpleDate(iso: asOf) else { throw ValidationError("--as-of 日期格式应为 YYYY-MM-DD") }
        let rules = RuleBook.bundled()
        let limit = timeout ?? rules.availability.timeoutSeconds
        let server = try await DemoServer.start(asOf: date, articlesPerColumn: articles, slowSeconds: limit + 2)
        printErr("演示网站：\(server.homepage)（\(server.fileCount) 个文件，解析到 127.0.0.1:\(server.port)）")
        var options = ScanOptions(url: server.homepage, asOf: date, rules: rules)
        options.resolve = server.resolve
        options.timeout = limit
        options.level = server.truth.level
        options.spellModel = try spell.modelURL()
        options.spellProfile = spell.spellProfile
        let progress = ProgressPrinter(quiet: quiet)
        let report = try await SiteScanner.run(options, progress: { progress.update($0) })
        progress.finish()
        await server.shutdown()

        let dir = URL(fileURLWithPath: outputDir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try JSONReport.encode(report).write(to: dir.appendingPathComponent("report.json"))
        try Data(MarkdownReport.render(report).utf8).write(to: dir.appendingPathComponent("report.md"))
        try JSONReport.encode(server.truth).write(to: dir.appendingPathComponent("truth.json"))
        let dbPath = dir.appendingPathComponent("govlens.sqlite").path
        try? FileManager.default.removeItem(atPath: dbPath)
        let scanID = try ScanStore(path: dbPath).save(report)

        let eval = DemoEvaluation(findings: report.findings, truth: server.truth)
        print("巡检完成：\(report.stats.pages) 个页面，\(report.stats.links) 个链接，\(report.findings.count) 个问题，"
              + "\(report.stats.errors) 个访问错误，\(report.stats.requests) 次请求。")
        print(String(format: "与预埋问题对照（link.broken）：查准率 %.2f，查全率 %.2f（命中 %d，误报 %d，漏报 %d）",
                     eval.precision, eval.recall, eval.truePositives.count, eval.falsePositives.count,
                     eval.falseNegatives.count))
        for (name, score) in [("错敏字词、过时名称、失效法规（text.*）", eval.text), ("个人信息泄露（privacy.*，含附件）", eval.privacy),
                              ("栏目更新、空白栏目、公开平台和法定公开目录（column.* home.* disclosure.*）", eval.columns)] {
            print(String(format: "\(name)：查准率 %.2f，查全率 %.2f（命中 %d，误报 %d，漏报 %d）", score.precision, score.recall,
                         score.truePositives.count, score.falsePositives.count, score.falseNegatives.count))
            for k in score.falsePositives.prefix(10) { print("  误报：\(k)") }
            for k in score.falseNegatives.prefix(10) { print("  漏报：\(k)") }
        }
        let judged = report.columns.filter { $0.status == "ok" || $0.status == "single-page" }
        print("栏目：\(report.columns.count) 个（判定更新情况 \(judged.count) 个，不更新 \(report.columns.filter(\.stale).count) 个，"
              + "空白 \(report.columns.filter(\.blank).count) 个，需人工核实 \(report.columns.filter(\.needsReview).count) 个）")
        let unchecked = report.attachments.filter { !$0.checked }
        print("附件：检查 \(report.attachments.count - unchecked.count) 个，未检查 \(unchecked.count) 个（\(Set(unchecked.compactMap(\.problem)).sorted().joined(separator: "、"))）")
        for l in eval.falsePositives.prefix(10) { print("  误报：\(l.page) → \(l.target) [\(l.status)]") }
        for l in eval.falseNegatives.prefix(10) { print("  漏报：\(l.page) → \(l.target) [\(l.status)] \(l.note)") }
        print("报告：\(dir.path)/report.md、report.json；预埋清单：truth.json；数据库：govlens.sqlite（扫描编号 \(scanID)）")
        try assess(report, in: dir)
    }

    /// Scores the scan under the 19号 website pack, and an example 政务公开 assessment of twelve
    /// units from manual sheets: the 通报, 附件 and 问题清单 the inspection ends in.
    func assess(_ report: ScanReport, in dir: URL) throws {
        let scans = dir.appendingPathComponent("scans")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        try JSONReport.encode(report).write(to: scans.appendingPathComponent("qingshan.json"))
        let inputs = try DemoAssessment.write(to: dir.appendingPathComponent("inputs"), site: report.site)
        var website = AssessmentJob(pack: "website-2019", units: inputs.websiteUnits, manual: inputs.websiteManual, scans: scans,
                                    output: dir.appendingPathComponent("网站考核"))
        website.issuer = "青山县人民政府办公室"
        var disclosure = AssessmentJob(pack: "disclosure-example", units: inputs.disclosureUnits, manual: inputs.disclosureManual,
                                       output: dir.appendingPathComponent("政务公开考核"))
        disclosure.asOf = SimpleDate(iso: asOf)
        disclosure.issuer = "青山县政务公开工作领导小组办公室"
        for (name, job) in [("网站考核（19号方案）", website), ("政务公开考核（示例方案）", disclosure)] {
            print("\n\(name)：")
            let (scores, files) = try job.run()
            printSummary(scores, files: files.count)
            print("通报：\(job.output.path)/通报.docx；附件：\(AssessmentWriter.rankingName)；问题清单：\(AssessmentWriter.problemsFolder)/")
        }
    }
}

struct DemoSite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-site",
        abstract: "生成演示网站的静态文件（供 nginx 等服务器使用），或在本机持续提供演示网站。")

    @Option(help: "把静态文件写到此目录。") var write: String?
    @Option(help: "网站地址（写文件时使用），如 http://127.0.0.1:8089。") var origin = "http://127.0.0.1:8089"
    @Option(help: "每个栏目的文章数。") var articles = 12
    @Option(help: "检查基准日。") var asOf = "2023-06-30"
    @Flag(help: "在本机持续提供演示网站，直到按 Ctrl-C。") var serve = false

    func run() async throws {
        guard let date = SimpleDate(iso: asOf) else { throw ValidationError("--as-of 日期格式应为 YYYY-MM-DD") }
        if let write {
            var cfg = DemoSiteConfig(siteOrigin: origin, externalOrigin: "http://\(DemoSiteConfig.externalHost)",
                                     refusedOrigin: "http://127.0.0.1:9", asOf: date)
            cfg.articlesPerColumn = articles
            let truth = try DemoServer.writeSite(config: cfg, to: URL(fileURLWithPath: write))
            try JSONReport.encode(truth).write(to: URL(fileURLWithPath: write).appendingPathComponent("truth.json"))
            print("已写出 \(truth.pageCount) 个网页到 \(write)")
        } else if serve {
            let server = try await DemoServer.start(asOf: date, articlesPerColumn: articles)
            print("演示网站：\(server.homepage)  解析：\(DemoSiteConfig.siteHost) → 127.0.0.1:\(server.port)")
            print("扫描示例：govlens scan \(server.homepage) --resolve \(DemoSiteConfig.siteHost):127.0.0.1 --as-of \(asOf)")
            while true { try await Task.sleep(for: .seconds(3600)) }
        } else {
            throw ValidationError("请指定 --write DIR 或 --serve")
        }
    }
}
