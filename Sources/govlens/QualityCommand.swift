import ArgumentParser
import Foundation
import GovLensChecks
import GovLensText

/// Developer tool behind scripts/quality-text: detection quality of the text checks on ground truth.
struct QualityText: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality-text", abstract: "（开发者）在标注数据上计算文字检查的精确率、召回率和误报率，输出 Markdown。",
        shouldDisplay: false)

    @Option(help: "ODW-format TSV files (label, wrong, corrected), e.g. the held-out split.") var pairs: [String] = []
    @Option(help: "Directory of clean government HTML pages.") var pages: String?

    func run() async throws {
        let inspector = try TextInspector.standard()
        var out = "| data | sentences | with errors | precision | recall | F1 | loose recall | clean sentences flagged |\n|---|---|---|---|---|---|---|---|\n"
        for file in pairs {
            let d = TextQuality.detection(TextQuality.readPairs(try String(contentsOfFile: file, encoding: .utf8)), matcher: inspector.matcher)
            func f(_ x: Double) -> String { String(format: "%.3f", x) }
            out += "| \(URL(fileURLWithPath: file).lastPathComponent) | \(d.sentences) | \(d.withErrors) | \(f(d.precision)) | \(f(d.recall)) | \(f(d.f1)) | \(f(Double(d.looseHits) / Double(max(1, d.withErrors)))) | \(d.cleanFlagged) / \(d.cleanSentences) |\n"
        }
        if let pages {
            out += "\n| clean page | characters | alarms |\n|---|---|---|\n"
            let files = try FileManager.default.contentsOfDirectory(atPath: pages).filter { $0.hasSuffix(".html") }.sorted()
            var alarmsList: [String] = []
            for name in files {
                let data = try Data(contentsOf: URL(fileURLWithPath: pages).appendingPathComponent(name))
                let r = TextQuality.alarms(onPage: data, name: name, inspector: inspector)
                out += "| \(name) | \(r.characters) | \(r.findings.count) |\n"
                alarmsList += r.findings.map { "- \(name): `\($0.check)` \($0.evidence)" }
            }
            if !alarmsList.isEmpty { out += "\n" + alarmsList.joined(separator: "\n") + "\n" }
        }
        print(out, terminator: "")
    }
}
