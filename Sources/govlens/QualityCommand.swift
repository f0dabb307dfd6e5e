import ArgumentParser
import Foundation
import GovLensChecks
import GovLensSpell

/// Developer tool behind scripts/quality-text: detection quality of the text checks on ground truth.
struct QualityText: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality-text", abstract: "（开发者）在标注数据上计算文字检查的精确率、召回率和误报率，输出 Markdown。",
        shouldDisplay: false)

    @Option(help: "Sentence pairs (label<TAB>wrong<TAB>right, or wrong<TAB>right), e.g. the held-out ODW fold.") var pairs: [String] = []
    @Option(help: "Directory of clean government HTML pages.") var pages: String?
    @Option(help: "Spelling model: score lexicons and model together, as check-text runs them.") var lm: String?
    @Option(help: "Named typos in sentences (sentence<TAB>wrong<TAB>right<TAB>source), e.g. named-typos/dev.tsv.") var named: [String] = []
    @Option(help: "Clean official text, one paragraph a line: typo alarms per 10,000 characters.") var official: [String] = []

    func run() async throws {
        let inspector = try TextInspector.standard(spellModel: lm.map(URL.init(fileURLWithPath:)))
        var out = "| data | sentences | with errors | precision | recall | F1 | pycorrector's metric P / R / F1 | correct sentences flagged |\n|---|---|---|---|---|---|---|---|\n"
        for file in pairs {
            let data = SpellEvaluation.readPairs(try readText(file))
            let s = SpellEvaluation.score(data) { inspector.typoCorrections($0) }
            func f(_ x: Double) -> String { String(format: "%.3f", x) }
            out += "| \(URL(fileURLWithPath: file).lastPathComponent) | \(s.sentences) | \(s.wrongSentences) | \(f(s.detectionPrecision)) | "
                + "\(f(s.detectionRecall)) | \(f(s.detectionF1)) | \(f(s.pycorrectorPrecision)) / \(f(s.pycorrectorRecall)) / \(f(s.pycorrectorF1)) | "
                + "\(s.flaggedCorrect) / \(s.sentences - s.wrongSentences) |\n"
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
        if !named.isEmpty {
            out += "\n| named typos | sentences | found | corrected exactly | alarms on the corrected sentences |\n|---|---|---|---|---|\n"
            for file in named {
                let r = TextQuality.namedTypos(try readText(file), inspector: inspector)
                out += "| \(URL(fileURLWithPath: file).lastPathComponent) | \(r.cases) | \(r.found) | \(r.corrected) | \(r.alarms) |\n"
            }
        }
        for file in official {
            let (characters, alarms) = TextQuality.officialAlarms(try readText(file), inspector: inspector)
            out += "\nClean official text \(URL(fileURLWithPath: file).lastPathComponent): \(characters) Han characters, \(alarms.count) typo alarms "
                + String(format: "(%.2f per 10,000; %d need review).\n", Double(alarms.count) * 10_000 / Double(max(1, characters)),
                         alarms.filter(\.needsReview).count)
            out += alarms.map { "- \($0.evidence)" }.joined(separator: "\n") + "\n"
        }
        print(out, terminator: "")
    }
}

/// Developer tool behind scripts/bench-text: throughput of the lexicon automaton and the privacy
/// detectors over one large text, with the shipped lexicons plus a pattern file.
struct BenchText: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-text", abstract: "（开发者）文字检查吞吐量基准。", shouldDisplay: false)

    @Option(help: "Extra patterns, one per line (added as kind banned).") var patterns: String?
    @Argument(help: "UTF-8 text file.") var text: String

    func run() async throws {
        let t = try TextQuality.throughput(textFile: URL(fileURLWithPath: text), patterns: try patterns.map(readText))
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        print(String(decoding: try e.encode(t), as: UTF8.self))
    }
}
