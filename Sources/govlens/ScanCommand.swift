import ArgumentParser
import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensReports
import GovLensScan
import GovLensStore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case json, markdown }

/// Crawl limits and politeness shared by `scan` and `demo`.
struct CrawlOptions: ParsableArguments {
    @Option(help: "检查基准日 YYYY-MM-DD（默认今天），时间相关的检查都以它为准。")
    var asOf: String?
    @Option(help: "最多抓取的页面数。") var maxPages = 20_000
    @Option(help: "本次检查最多发出的请求数（默认每个页面 4 次、至少 1000 次）；超出的链接记为未检查。") var maxRequests: Int?
    @Option(help: "最大抓取深度（首页为 0）。") var maxDepth = 20
    @Option(help: "每个主机同时连接数。") var concurrency = 4
    @Option(help: "同一主机两次请求的最小间隔（秒）。") var interval = 0.1
    @Option(help: "单次访问超时（秒，默认取规则文件中的 15 秒）。") var timeout: Double?
    @Option(help: "单个页面正文上限（MB）。") var maxBodyMb = 10
    @Flag(help: "不遵守 robots.txt（仅限授权检查）。") var noRobots = false
    @Flag(help: "不检查外部链接。") var noExternal = false
    @Option(name: .customLong("host"), help: "同时抓取的其他主机（可重复）。") var hosts: [String] = []
    @Option(help: "主机名解析覆盖 host:ip（可重复），如 www.example.gov.cn:127.0.0.1。") var resolve: [String] = []
    @Option(help: "规则文件（YAML），默认使用内置规则。") var rules: String?
    @Option(name: .customLong("lexicon"), help: "追加的词库文件或目录（TSV，可重复），如本省的过时名称表。") var lexicons: [String] = []
    @Flag(help: "不下载、不检查附件正文。") var noAttachments = false
    @Option(help: "附件大小上限（MB），超过的记为“未检查”。") var attachmentMaxMb = 20
    @Option(help: "政府层级，决定《条例》第二十一条的公开事项：city（设区的市）、county（县级）、township（乡镇）；不指定则只查第二十条。")
    var level: String?
    @Flag(help: "不显示进度。") var quiet = false
    @OptionGroup var spell: ScanSpellOptions

    /// The scan options for `url`: defaults resolved by `ScanSettings`.
    func options(url: String) throws -> ScanOptions {
        var o = try ScanOptions(url: url, asOf: ScanSettings.date(asOf), rules: ScanSettings.ruleBook(rules))
        o.maxPages = maxPages
        o.maxRequests = maxRequests
        o.maxDepth = maxDepth
        o.setPoliteness(connections: concurrency, interval: interval)
        o.timeout = timeout
        o.respectRobots = !noRobots
        o.checkExternal = !noExternal
        o.extraHosts = hosts
        o.maxBodyBytes = maxBodyMb << 20
        o.resolve = try ScanSettings.resolve(resolve)
        o.extraLexicons = lexicons
        o.spellModel = try spell.modelURL()
        o.spellProfile = spell.spellProfile
        o.checkAttachments = !noAttachments
        o.attachmentMaxBytes = attachmentMaxMb << 20
        o.level = try ScanSettings.level(level, rules: o.rules)
        return o
    }
}

struct Scan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "巡检一个网站：抓取页面，检查链接、错敏字词、个人信息泄露、附件、栏目更新、信息公开平台和网站标识。")

    @Argument(help: "网站首页地址，如 https://www.example.gov.cn/") var url: String
    @OptionGroup var crawl: CrawlOptions
    @Option(help: "输出格式：json 或 markdown。") var format: OutputFormat = .json
    @Option(name: .shortAndLong, help: "输出文件（默认标准输出）。") var output: String?
    @Option(help: "同时保存到数据库（SQLite 文件或 postgres:// 地址）；检查过程中随时记录断点。") var db: String?
    @Flag(help: "从上次中断处继续（需要 --db，选项须与中断时相同）：已收到的页面和链接不再重复请求。") var resume = false

    func run() async throws {
        let progress = ProgressPrinter(quiet: crawl.quiet)
        let options: ScanOptions
        let store: ScanStore?
        let checkpoint: ScanCheckpoint?
        do {
            options = try crawl.options(url: url)
            if resume && db == nil { throw ValidationError("--resume 需要用 --db 指定记录断点的数据库") }
            store = try db.map { try ScanStore(path: $0) }
            checkpoint = try store.map { try ScanCheckpoints.open($0, options: options, use: resume ? .resume : .fresh) }
        } catch let e as CustomStringConvertible & Error { throw ValidationError(e.description) }
        if let n = checkpoint?.recordedCount, n > 0, !crawl.quiet { printErr("从断点继续：已收到的 \(n) 个应答不再重复请求。") }
        if let n = checkpoint?.dropped, n > 0 { printErr("注意：上次中断留下的断点（\(n) 个应答）已丢弃，本次从头检查；要续查请加 --resume。") }
        // Ctrl-C stops the crawl and still writes what was checked, marked incomplete; a second one quits.
        let scan = Task { try await SiteScanner.run(options, journal: checkpoint, progress: { progress.update($0) }) }
        let interrupt = Interrupt { printErr("\n正在停止：已检查的部分将写出（标记为不完整）。再按一次 Ctrl-C 立即退出。"); scan.cancel() }
        let report: ScanReport
        do { report = try await scan.value } catch let e as CustomStringConvertible & Error { throw ValidationError(e.description) }
        interrupt.cancel()
        progress.finish()
        try write(report, format: format, to: output)
        // An interrupted scan leaves its checkpoint for --resume; a finished one removes it.
        if let store, let checkpoint { try store.save(report, checkpoint: checkpoint, finished: !scan.isCancelled) }
        if scan.isCancelled { throw ExitCode(130) }
        throw ExitCode(report.findings.isEmpty ? 0 : 1)
    }
}

func write(_ report: ScanReport, format: OutputFormat, to path: String?) throws {
    let data = format == .json ? try JSONReport.encode(report) : Data(MarkdownReport.render(report).utf8)
    if let path {
        try data.write(to: URL(fileURLWithPath: path))
    } else {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
