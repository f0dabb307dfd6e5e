import ArgumentParser
import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensNewMedia
import GovLensScan

/// `govlens newmedia`: the 政务新媒体 register checked account by account.
struct NewMediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newmedia",
        abstract: "政务新媒体检查：读取账号登记表和各账号的订阅源或导出文件，检查更新、互动、僵尸、重复、关停仍发布和发布内容。",
        subcommands: [NewMediaCheckCommand.self, NewMediaSampleCommand.self, NewMediaImportCommand.self])
}

struct NewMediaCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "按登记表检查政务新媒体账号。",
        discussion: """
            登记表为 CSV（UTF-8 或 GBK）或 XLSX，列：账号名称、平台、主办单位、账号ID、链接、开设日期、状态。\
            每个账号的内容来源：--sources 目录中以“平台-账号名称”“账号名称”或账号ID 命名的 RSS/Atom（.xml）或文章列表导出（.csv/.xlsx），\
            或登记表中的订阅地址。无法读取的来源列为“未检查”并说明原因，不计为“未更新”。\
            退出码：0 无问题；1 有问题或有账号未检查；2 参数错误或登记表无法读取。
            """)

    @Argument(help: "政务新媒体登记表（.csv 或 .xlsx）。") var register: String
    @Option(help: "内容来源目录：每个账号一个订阅源或导出文件。") var sources: String?
    @Option(help: "检查时间点 YYYY-MM-DD（“3天前”等相对时间以该日为准）。") var asOf: String
    @Option(help: "输出格式：json、markdown、xlsx（超期未更新账号清单与全部账号）或 docx（通报附件：内容超期更新政务新媒体名单）。") var format: OutputFormat = .markdown
    @Option(help: "输出文件（默认标准输出；xlsx 默认 政务新媒体检查.xlsx）。") var output: String?
    @Option(help: "规则文件（YAML，默认内置 国办秘函〔2019〕19号 口径）。") var rules: String?
    @Flag(help: "不检查发布内容的错别字、严重表述和个人信息。") var noTextChecks = false
    @Flag(help: "不联网读取登记表中的订阅地址。") var offline = false
    @OptionGroup var spell: SpellOptions

    enum OutputFormat: String, ExpressibleByArgument { case json, markdown, xlsx, docx }

    func run() async throws {
        let day: SimpleDate
        do { day = try ScanSettings.date(asOf) } catch { throw ValidationError(error.description) }
        let book: NewMediaRules
        do { book = try rules.map { try NewMediaRules.load(URL(fileURLWithPath: $0)) } ?? NewMediaRules.bundled() }
        catch { throw ValidationError("\(error)") }
        if let sources {
            var dir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: sources, isDirectory: &dir), dir.boolValue else {
                throw ValidationError("--sources 目录不存在：\(sources)")
            }
        }
        var textCheck: NewMediaChecker.TextCheck?
        if !noTextChecks {
            let inspector: TextInspector
            do { inspector = try TextInspector.standard(spellModel: try spell.modelURL(), spellProfile: spell.spellProfile) }
            catch let e as ValidationError { throw e } catch { throw ValidationError("\(error)") }
            textCheck = { text, page, date in inspector.inspect(text, page: page, date: date) }
        }
        let report: NewMediaReport
        do {
            report = try await NewMediaCheck.run(register: URL(fileURLWithPath: register), sources: sources.map { URL(fileURLWithPath: $0) },
                                                 asOf: day, rules: book, textCheck: textCheck, fetchFeeds: !offline)
        } catch { throw ValidationError(error.description) }
        for i in report.registerIssues { FileHandle.standardError.write(Data("登记表 \(i.place)：\(i.message)\n".utf8)) }
        for a in report.notChecked { FileHandle.standardError.write(Data("未检查 \(a.account.label)：\(a.reason ?? "")\n".utf8)) }
        let titles = Dictionary(CheckRegistry.catalog.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        switch format {
        case .json: try write(try report.json() + Data("\n".utf8), to: output)
        case .markdown: try write(Data(report.markdown(titles: titles).utf8), to: output)
        case .xlsx: try write(try report.xlsx(staleDays: book.staleDays, titles: titles), to: output ?? "政务新媒体检查.xlsx")
        case .docx: try write(try report.docx(staleDays: book.staleDays, titles: titles), to: output ?? "内容超期更新政务新媒体名单.docx")
        }
        throw ExitCode(report.findings.isEmpty && report.notChecked.isEmpty ? 0 : 1)
    }

    func write(_ data: Data, to path: String?) throws {
        guard let path else { FileHandle.standardOutput.write(data); return }
        do { try data.write(to: URL(fileURLWithPath: path)) } catch { throw ValidationError("无法写入 \(path)") }
    }
}

/// `govlens newmedia sample`: the synthetic register the tests and the benchmark use.
struct NewMediaSampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "生成示例登记表、内容来源和标准答案（全部为虚构数据）。",
        discussion: "不加 --accounts 时生成十个各有典型问题的账号（含 truth.json）；加 --accounts 时生成基准测试用的健康账号。")

    @Argument(help: "输出目录。") var directory: String
    @Option(help: "检查时间点 YYYY-MM-DD。") var asOf = "2024-06-30"
    @Option(help: "基准测试：账号数。") var accounts: Int?
    @Option(help: "基准测试：每个账号的发布数。") var posts = 200

    func run() async throws {
        guard let day = SimpleDate(iso: asOf) else { throw ValidationError("--as-of 日期格式应为 YYYY-MM-DD") }
        let dir = URL(fileURLWithPath: directory)
        if let accounts {
            guard accounts > 0, posts > 0 else { throw ValidationError("--accounts 和 --posts 须为正数") }
            try NewMediaSample.writeBench(to: dir, asOf: day, accounts: accounts, posts: posts)
        } else {
            try NewMediaSample.writeTen(to: dir, asOf: day)
        }
        print("已写入 \(dir.path)/register.csv 和 sources/")
    }
}

/// `govlens newmedia import`: the register into the platform's store, each account under its unit.
struct NewMediaImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "把政务新媒体登记表导入巡检平台：账号归入主办单位（或 --unit 指定的单位），按平台的计划检查。",
        discussion: "登记表的坏行列出并跳过；主办单位不是平台上的单位时不导入任何一行。")

    @Argument(help: "政务新媒体登记表（.csv 或 .xlsx）。") var register: String
    @Option(help: "全部账号归入这个单位（单位名称，与单位名单一致）；不给时按“主办单位”列。") var unit: String?
    @OptionGroup var store: StoreOption

    func run() throws {
        let url = URL(fileURLWithPath: register)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw ValidationError("无法读取登记表 \(register)") }
        let result: NewMediaMonitor.ImportResult
        do { result = try NewMediaMonitor.importRegister(data, fileName: url.lastPathComponent, unit: unit, store: try store.open()) }
        catch let e as CustomStringConvertible & Error { throw ValidationError(e.description) }
        for i in result.issues { FileHandle.standardError.write(Data("登记表 \(i.place)：\(i.message)\n".utf8)) }
        print("已导入：新增 \(result.added) 个账号，更新 \(result.updated) 个账号\(result.issues.isEmpty ? "" : "，\(result.issues.count) 行未导入")。")
    }
}
