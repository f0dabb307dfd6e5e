import ArgumentParser
import Foundation
import GovLensAnnualReport
import GovLensChecks
import GovLensCore
import GovLensScan

/// `govlens annual-report`: reads 政府信息公开工作年度报告 and says what is wrong, cell by cell.
struct AnnualReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual-report",
        abstract: "检查政府信息公开工作年度报告：表格勾稽关系、模板行列名称、正文与表格、章节、与上年衔接、发布期限、正文错别字和个人信息。",
        discussion: "支持 PDF（按文字坐标读表）、DOCX、HTML 网页和文本。给出目录时检查其中每一份报告，并另写一份汇总 XLSX。退出码：0 无问题；1 有问题或有文件无法检查；2 参数错误。")

    @Argument(help: "年度报告文件或目录（可多个）。") var files: [String]
    @Option(help: "上一年度的报告：用于照搬比对和跨年衔接检查。") var previous: String?
    @Option(help: "单位类型：government（县级以上人民政府，3月31日前发布）或 department（部门，1月31日前发布）；默认按标题推断。") var unitType: AnnualReportUnitType?
    @Option(help: "发布日期 YYYY-MM-DD（网页中有“发布时间”时可省略）。") var publishedOn: String?
    @Option(help: "输出格式：json、markdown 或 xlsx。") var format: OutputFormat = .markdown
    @Option(help: "输出文件（默认标准输出；xlsx 默认 年报检查汇总.xlsx）。") var output: String?
    @Flag(help: "不做正文错别字、严重表述和个人信息检查。") var noTextChecks = false
    @OptionGroup var spell: SpellOptions

    enum OutputFormat: String, ExpressibleByArgument { case json, markdown, xlsx }

    func run() async throws {
        let date: SimpleDate?
        do { date = try publishedOn.map { try ScanSettings.date($0, option: "--published-on") } } catch { throw ValidationError("\(error)") }
        let inspector: TextInspector?
        do { inspector = noTextChecks ? nil : try TextInspector.standard(spellModel: try spell.modelURL(), spellProfile: spell.spellProfile) }
        catch let e as ValidationError { throw e } catch { throw ValidationError("\(error)") }
        var last: AnnualReport?
        if let previous {
            do { last = try await AnnualReportScan.read(previous) } catch { throw ValidationError("上一年度报告 \(previous)：\(error.description)") }
        }
        let paths = files.flatMap { AnnualReportScan.expand($0) }
        guard !paths.isEmpty else { throw ValidationError("没有找到年度报告文件（支持 PDF、DOCX、HTML、TXT）") }
        // One unreadable file is reported and the batch goes on.
        let results = await AnnualReportScan.check(files: paths, previous: last, publishedOn: date, unitType: unitType, inspector: inspector)
        for r in results where !r.checked { FileHandle.standardError.write(Data("\(r.file)：\(r.error ?? "")\n".utf8)) }
        let checks = AnnualReportChecks.ids
        switch format {
        case .json: try write(try AnnualReportScan.json(results) + Data("\n".utf8), to: output)
        case .markdown: try write(Data(AnnualReportScan.markdown(results).utf8), to: output)
        case .xlsx: try write(try AnnualReportScan.summaryXLSX(results, checks: checks), to: output ?? "年报检查汇总.xlsx")
        }
        if format != .xlsx, files.contains(where: { AnnualReportScan.expand($0) != [$0] }) {
            let summary = "年报检查汇总.xlsx"
            try write(try AnnualReportScan.summaryXLSX(results, checks: checks), to: summary)
            FileHandle.standardError.write(Data("汇总表已写入 \(summary)\n".utf8))
        }
        throw ExitCode(results.contains { !$0.checked || $0.mustFix > 0 } ? 1 : 0)
    }

    func write(_ data: Data, to path: String?) throws {
        guard let path else { FileHandle.standardOutput.write(data); return }
        do { try data.write(to: URL(fileURLWithPath: path)) } catch { throw ValidationError("无法写入 \(path)") }
    }
}

extension AnnualReportUnitType: ExpressibleByArgument {}

/// The annual-report IDs, in the registry's order (the summary's columns).
enum AnnualReportChecks {
    static var ids: [CheckID] {
        CheckRegistry.checks.flatMap { $0.rules.map(\.id) }.filter { $0.rawValue.hasPrefix("annual-report.") }
    }
}
