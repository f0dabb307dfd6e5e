import ArgumentParser
import Foundation
import GovLensChecks
import GovLensCore
import GovLensReports
import GovLensScan

struct CheckText: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-text",
        abstract: "发布前检查稿件（先审后发）：错别字、禁用词、严重表述、过时机构名称、失效法规、个人信息。",
        discussion: "支持 UTF-8/GBK 文本、HTML、DOCX、XLSX、PDF、DOC。退出码：0 无问题；1 有须修改的问题；2 文件无法读取或参数错误。")

    @Argument(help: "要检查的文件；- 或省略表示标准输入。") var file = "-"
    @Option(help: "稿件日期 YYYY-MM-DD：更名、废止规则和《第一批异形词整理表》只对各自生效日及以后的文本适用（默认今天）。") var date: String?
    @Option(help: "输出格式：text 或 json。") var format: TextFormat = .text
    @Option(name: .customLong("lexicon"), help: "追加的词库文件或目录（TSV，可重复）。") var lexicons: [String] = []
    @OptionGroup var spell: SpellOptions
    @Option(help: "文件大小上限（MB）。") var maxMb = 20

    enum TextFormat: String, ExpressibleByArgument { case text, json }

    func run() async throws {
        let day: SimpleDate
        do { day = try ScanSettings.date(date, option: "--date") } catch { throw ValidationError(error.description) }
        let inspector: TextInspector
        do { inspector = try TextInspector.standard(extraLexicons: lexicons, spellModel: try spell.modelURL(),
                                                           spellProfile: spell.spellProfile) } catch let e as ValidationError { throw e } catch {
            throw ValidationError("\(error)")
        }
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("无法读取文件 \(file)：文件不存在或没有读取权限")
        }
        // Findings are written as they are found (JSON) or kept as places only (text): memory
        // follows the file, not the number of findings.
        let out = FileHandle.standardOutput
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var text = TextFileScan.TextForm(), first = true
        let report: TextFileReport
        do {
            // Nothing reaches stdout before the file was read: a file that cannot be read gives
            // an error and no JSON that could pass for a clean result.
            report = try await TextFileScan.stream(data, name: file, date: day, inspector: inspector, maxBytes: maxMb << 20) { e in
                guard format == .json else { text.add(e); return }
                out.write(Data((first ? "{\"findings\":[\n" : ",\n").utf8) + ((try? encoder.encode(e)) ?? Data("null".utf8)))
                first = false
            }
        } catch {
            throw ValidationError("\(file == "-" ? "标准输入" : file)：\(error.description)")
        }
        if format == .json {
            if first { out.write(Data("{\"findings\":[".utf8)) }
            // The rest of the report after the findings, as one JSON object's remaining keys.
            var rest = try JSONSerialization.jsonObject(with: try encoder.encode(report)) as? [String: Any] ?? [:]
            rest["findings"] = nil
            let tail = try JSONSerialization.data(withJSONObject: rest, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            out.write(Data("\n],".utf8) + tail.dropFirst() + Data("\n".utf8))
        } else {
            out.write(Data(text.render(report).utf8))
        }
        throw ExitCode(report.mustFix > 0 ? 1 : 0)
    }
}
