import ArgumentParser
import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensScan
import GovLensServer
import GovLensStore
import Hummingbird

/// Options shared by the platform commands.
struct StoreOption: ParsableArguments {
    @Option(help: "数据库：SQLite 文件路径（默认 govlens.sqlite）或 postgres://用户:密码@主机:端口/库名。") var db = "govlens.sqlite"

    func open() throws -> ScanStore { try Self.open(db) }

    static func open(_ path: String) throws -> ScanStore {
        do { return try ScanStore(path: path) } catch { throw ValidationError("无法打开数据库 \(ScanStore.redacted(path))：\(ErrorText.chinese(error))") }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "启动巡检平台：网页界面、API 和检查任务（同一进程）。",
        discussion: "先用 govlens units import 导入单位名单，用 govlens users add 添加用户。")

    @Option(help: "配置文件（YAML，见 scripts/govlens.example.yaml）；命令行选项优先。") var config: String?
    @Option(help: "数据库：SQLite 文件路径（默认 govlens.sqlite）或 postgres://用户:密码@主机:端口/库名。") var db: String?
    @Option(help: "监听地址（默认 127.0.0.1）。") var host: String?
    @Option(help: "监听端口（默认 8080）。") var port: Int?
    @Option(help: "同时运行的检查任务数（默认 1；0 表示由 govlens worker 运行检查）。") var workers: Int?
    @Option(help: "主机名解析覆盖 host:ip（可重复，用于内网或演示）。") var resolve: [String] = []
    @Option(help: "规则文件（YAML），默认使用内置规则。") var rules: String?
    @Flag(help: "不按计划自动探测和检查（只在有人提交时检查）。") var noSchedule = false
    @Flag(help: "会话 Cookie 只走 HTTPS（在 TLS 反向代理之后运行时使用）。") var secureCookies = false
    @OptionGroup var spell: ScanSpellOptions

    func run() async throws {
        let file: PlatformConfig
        do { file = try config.map(PlatformConfig.load) ?? PlatformConfig() } catch { throw ValidationError("\(error)") }
        let path = db ?? file.db ?? "govlens.sqlite"
        let store = try StoreOption.open(path)
        var server = ServerConfig()
        server.host = host ?? file.host ?? server.host
        server.port = port ?? file.port ?? server.port
        server.secureCookies = secureCookies || file.secureCookies == true
        if let office = file.office { server.office = office }
        if let pack = file.dashboardPack {
            guard PlatformAssessment.packs.contains(pack) else {
                throw ValidationError("dashboardPack 应为内置方案之一（\(PlatformAssessment.packs.joined(separator: "、"))）：\(pack)")
            }
            server.dashboardPack = pack
        }
        let workerCount = workers ?? file.workers ?? 1
        guard workerCount >= 0 else { throw ValidationError("--workers 不能为负数：\(workerCount)") }
        let hosts = resolve.isEmpty ? file.resolve ?? [] : resolve
        let book: RuleBook
        do { book = try ScanSettings.ruleBook(rules ?? file.rules) } catch { throw ValidationError(error.description) }
        let inspector = try TextInspector.standard(spellModel: try spell.modelURL(), spellProfile: spell.spellProfile)
        let runner = try jobRunner(store, resolve: hosts, rules: rules ?? file.rules, spell: spell)
        let recovered = try runner.recover()
        if recovered > 0 { printErr("重新排队 \(recovered) 个中断的检查任务") }
        var configured = Scheduler(store: store, rules: book, defaults: file.defaultSchedule,
                                   resolve: (try? ScanSettings.resolve(hosts)) ?? [:])
        let newMedia = try NewMediaMonitor.standard(store: store, inspector: inspector)
        configured.newMedia = newMedia
        let scheduler = configured
        var loop = Rectification(store: store, recheck: Recheck(store: store, options: runner.options))
        loop.autoIssue = file.rectification?.autoIssue ?? []
        loop.feedbackFiles = file.rectification?.feedbackFiles ?? FeedbackFilePolicy()
        loop.newMedia = newMedia
        let app = try await buildApplication(store: store, config: server, inspector: inspector, rectification: loop)
        printErr("巡检平台：http://\(server.host):\(server.port)/（数据库 \(path)）")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<workerCount { group.addTask { await runner.run() } }
            if !noSchedule {
                group.addTask { await scheduler.run() }
                group.addTask { [loop] in await loop.run() }
                group.addTask { await Reminders(store: store, settings: file.reminders ?? ReminderSettings()).run() }
            }
            group.addTask { try await app.runService() }
            try await group.next()
            group.cancelAll()
        }
    }
}

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "只运行检查任务（从数据库的任务队列领取），可在多台机器上运行。")
    @OptionGroup var store: StoreOption
    @Option(help: "主机名解析覆盖 host:ip（可重复）。") var resolve: [String] = []
    @Option(help: "规则文件（YAML），默认使用内置规则。") var rules: String?
    @OptionGroup var spell: ScanSpellOptions
    @Option(help: "每个主机同时连接数。") var concurrency = 4
    @Option(help: "同一主机两次请求的最小间隔（秒）。") var interval = 0.1
    @Option(help: "检查任务多少秒没有心跳即视为中断、重新排队。") var lease = 60.0
    @Flag(help: "队列空了就退出。") var once = false

    func run() async throws {
        var runner = try jobRunner(try store.open(), resolve: resolve, rules: rules, spell: spell, concurrency: concurrency, interval: interval)
        runner.lease = lease
        if once {
            while try await runner.runOnce() {}
        } else {
            await runner.run()
        }
    }
}

/// A job runner whose scans use today's date, the rule book and the spelling model given.
func jobRunner(_ db: ScanStore, resolve: [String], rules: String?, spell: ScanSpellOptions, concurrency: Int = 4,
               interval: Double = 0.1) throws -> JobRunner
{
    let (book, hosts): (RuleBook, [String: String])
    do { (book, hosts) = (try ScanSettings.ruleBook(rules), try ScanSettings.resolve(resolve)) } catch { throw ValidationError(error.description) }
    let model = try spell.modelURL(), profile = spell.spellProfile
    return JobRunner(store: db) { site in
        var o = ScanOptions(url: site.url, asOf: .today(), rules: book)
        o.resolve = hosts
        o.spellModel = model
        o.spellProfile = profile
        o.setPoliteness(connections: concurrency, interval: interval)
        return o
    }
}

struct Units: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "管理单位。", subcommands: [UnitsImport.self])
}

struct UnitsImport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import",
        abstract: "导入单位名单（CSV 或 XLSX：单位名称、分组、网站）；有错误时不导入任何一行。")
    @Argument(help: "单位名单文件。") var file: String
    @OptionGroup var store: StoreOption

    func run() throws {
        do {
            let (added, updated) = try PlatformSetup.importUnits(URL(fileURLWithPath: file), into: try store.open())
            print("已导入：新增 \(added) 个单位，更新 \(updated) 个单位。")
        } catch let e as CustomStringConvertible & Error { throw ValidationError(e.description) }
    }
}

struct Users: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "管理用户。", subcommands: [UsersAdd.self])
}

extension Role: ExpressibleByArgument {}

struct UsersAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "添加用户（密码从标准输入读取，只保存其 bcrypt 摘要）。")
    @Argument(help: "用户名。") var name: String
    @Option(help: "角色：admin（政务公开办）、inspector（评估人员）、unit（单位网站编辑）。") var role: Role
    @Option(help: "单位用户所属单位（单位名称）。") var unit: String?
    @Flag(help: "从标准输入读取密码（一行）。") var passwordStdin = false
    @OptionGroup var store: StoreOption

    func run() throws {
        guard passwordStdin else { throw ValidationError("请用 --password-stdin 从标准输入提供密码（不在命令行上明文出现）") }
        let password = (readLine(strippingNewline: true) ?? "")
        do {
            try PlatformSetup.addUser(name, role: role, unit: unit, password: password, store: try store.open())
            print("已添加用户 \(name)（\(role.rawValue)\(unit.map { "，\($0)" } ?? "")）")
        } catch let e as CustomStringConvertible & Error { throw ValidationError(e.description) }
    }
}
