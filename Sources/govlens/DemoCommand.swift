import ArgumentParser
import Foundation
import GovLensAssessment
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensMonitor
import GovLensReports
import GovLensScan
import GovLensServer
import GovLensStore

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "在本机启动内置的演示县政府网站，对它完整巡检一遍，并与预埋问题清单对照。")

    @Option(help: "输出目录。") var outputDir = "govlens-demo"
    @Option(help: "演示网站的检查基准日。") var asOf = "2023-06-30"
    @Option(help: "每个栏目的文章数。") var articles = 12
    @Option(help: "超时（秒，默认取规则文件中的 15 秒）。") var timeout: Double?
    @Option(help: "规则文件（YAML），默认使用内置规则。") var rules: String?
    @Flag(help: "不显示进度。") var quiet = false
    @Flag(help: "建好演示平台、完成首次检查后退出（不启动网页服务）。") var once = false
    @Option(help: "演示平台的端口。") var port = 8080
    @OptionGroup var spell: ScanSpellOptions

    func run() async throws {
        let (date, book): (SimpleDate, RuleBook)
        do { (date, book) = (try ScanSettings.date(asOf), try ScanSettings.ruleBook(rules)) } catch { throw ValidationError(error.description) }
        let limit = ScanSettings.timeout(timeout, rules: book)
        let server = try await DemoServer.start(asOf: date, articlesPerColumn: articles, slowSeconds: limit + 2)
        printErr("演示网站：\(server.homepage)（\(server.fileCount) 个文件，解析到 127.0.0.1:\(server.port)）")
        var options = ScanOptions(url: server.homepage, asOf: date, rules: book)
        options.resolve = server.resolve
        options.timeout = limit
        options.level = server.truth.level
        options.spellModel = try spell.modelURL()
        options.spellProfile = spell.spellProfile
        let progress = ProgressPrinter(quiet: quiet)
        let report = try await SiteScanner.run(options, progress: { progress.update($0) })
        progress.finish()

        let dir = URL(fileURLWithPath: outputDir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try JSONReport.encode(report).write(to: dir.appendingPathComponent("report.json"))
        try Data(MarkdownReport.render(report).utf8).write(to: dir.appendingPathComponent("report.md"))
        try JSONReport.encode(server.truth).write(to: dir.appendingPathComponent("truth.json"))
        let dbPath = dir.appendingPathComponent("govlens.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
        let store = try ScanStore(path: dbPath)

        print(DemoEvaluation(findings: report.findings, truth: server.truth).summary(of: report))
        print("报告：\(dir.path)/report.md、report.json；预埋清单：truth.json")
        try assess(report, in: dir)
        try await platform(store, portal: server, report: report, date: date, book: book, dbPath: dbPath)
    }

    /// The demo county on the platform: units, users, the first scans through the job queue, then
    /// the web UI until Ctrl-C (or, with `--once`, a summary and exit).
    func platform(_ store: ScanStore, portal: DemoServer, report: ScanReport, date: SimpleDate, book: RuleBook, dbPath: String) async throws {
        let demo = try await DemoPlatform.seed(store, portal: portal, asOf: date)
        // The portal's scan above is its first platform scan, stored through the queue.
        if let site = try store.sites(.all).first(where: { $0.url == portal.homepage }) {
            let job = try store.enqueueScan(siteID: site.id)
            _ = try store.claimJob(worker: "demo")
            try store.finishScanJob(job, report: report)
        }
        let scanned = try await demo.firstScans(store, asOf: date, spellModel: try spell.modelURL())
        let open = try store.trackedFindings(.all, limit: 100_000).filter { $0.state != .fixed }
        print("\n巡检平台：\(try store.units(.all).count) 个单位，首次检查 \(scanned + 1) 个网站，发现问题 \(open.count) 个（数据库 \(dbPath)）")
        let accounts = try await demo.checkAccounts(store, asOf: date, spellModel: try spell.modelURL())
        let unregistered = try store.trackedFindings(.all, .init(check: "newmedia.unregistered")).count
        print("政务新媒体：检查 \(accounts) 个账号，发现问题 \(try store.accountFindings(.all, includeFixed: false).count) 个；网站列出但未登记的账号 \(unregistered) 个")
        print("登录账号（密码只显示这一次）：")
        for l in demo.logins { print("  \(l.username)\t\(l.password)\t\(l.unit ?? "")（\(l.role.rawValue)）") }
        defer { Task { await demo.shutdown(); await portal.shutdown() } }
        let loop = demo.rectification(store, asOf: date, spellModel: try spell.modelURL())
        try await firstRound(demo, store, date: date, loop: loop)
        guard !once else { return }
        var config = ServerConfig()
        config.port = port
        let inspector = try TextInspector.standard(spellModel: try spell.modelURL(), spellProfile: spell.spellProfile)
        let app = try await buildApplication(store: store, config: config, inspector: inspector, rectification: loop)
        let runner = demo.runner(store, asOf: date, spellModel: try spell.modelURL())
        print("打开 http://127.0.0.1:\(port)/ 登录（按 Ctrl-C 结束）")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await runner.run() }
            group.addTask { try await app.runService() }
            try await group.next()
            group.cancelAll()
        }
    }

    /// The platform's first 考核 and 整改 round, as the office would see it.
    func firstRound(_ demo: DemoPlatform, _ store: ScanStore, date: SimpleDate, loop: Rectification) async throws {
        let round = try await demo.firstRound(store, asOf: date, loop: loop)
        if var (_, scores) = try PlatformAssessment(store: store).scores(round.assessment) {
            print("\n平台考核（\(scores.pack.name)）：演示未上传手工评分表，人工评分指标未评估，得分为暂定分。")
            scores.warnings = []  // the same 未评估 list for every unit: said once above
            printSummary(scores, files: 0)
        }
        let items = round.tickets.flatMap(\.items)
        print("整改任务 \(round.tickets.count) 个，问题 \(items.count) 个；部分单位修复后反馈，复核结果："
              + "已整改 \(items.filter { $0.state == .fixed }.count) 个，仍存在 \(items.filter { $0.state == .reopened }.count) 个，"
              + "待人工复核 \(items.filter { !$0.state.isSettled && $0.state != .reopened }.count) 个")
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
        disclosure.schemes[DemoAssessment.departmentsGroup] = .init(pack: "disclosure-departments-example", manual: inputs.departmentsManual)
        disclosure.asOf = SimpleDate(iso: asOf)
        disclosure.issuer = "青山县政务公开工作领导小组办公室"
        for (name, job) in [("网站考核（19号方案）", website), ("政务公开考核（示例方案）", disclosure)] {
            print("\n\(name)：")
            let (scores, files) = try job.run()
            printSummary(scores, files: files.count)
            let rankings = files.map(\.lastPathComponent).filter { $0.hasPrefix("附件") && $0.hasSuffix(".xlsx") }
            print("通报：\(job.output.path)/通报.docx；附件：\(rankings.joined(separator: "、"))；问题清单：\(AssessmentReport.problemsFolder)/")
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
        let date: SimpleDate
        do { date = try ScanSettings.date(asOf) } catch { throw ValidationError(error.description) }
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

/// Developer tool behind scripts/bench-platform: fills a store with a benchmark load.
struct BenchSeed: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-seed", abstract: "（开发者）为平台基准测试生成数据。",
                                                    shouldDisplay: false)
    @OptionGroup var store: StoreOption
    @Option(help: "Units (one site each).") var units = 50
    @Option(help: "Findings per site.") var findings = 2000
    @Option(help: "Password of the users admin and unit1.") var password = "bench-password"

    func run() throws {
        try DemoPlatform.seedLoad(try store.open(), units: units, findings: findings, password: password)
        print("seeded \(units) units × \(findings) findings")
    }
}
