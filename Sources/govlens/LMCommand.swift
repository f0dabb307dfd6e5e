import ArgumentParser
import Foundation
import GovLensHTML
import GovLensSpell

struct LM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lm", abstract: "错别字检查的字符语言模型：训练、调参、评测。",
        subcommands: [LMBuild.self, LMTune.self, LMEval.self])
}

/// Where the model lives unless `--model` says otherwise: `$GOVLENS_LM`, else beside the executable.
enum ModelLocation {
    static var `default`: URL {
        if let env = ProcessInfo.processInfo.environment["GOVLENS_LM"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("govlens-lm.bin")
    }

    static func checker(_ path: String?, profile: SpellProfile = .official) throws -> SpellChecker {
        do { return try SpellChecker.load(model: path.map(URL.init(fileURLWithPath:)) ?? self.default, profile: profile) } catch {
            throw ValidationError("\(error)")
        }
    }
}

struct LMBuild: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "由语料（.txt 或 .txt.gz，每行一段）训练字符 n 元语言模型。")
    @Option(help: "语料文件或目录（可重复；默认仓库的 Corpus/）。") var corpus: [String] = []
    @Option(help: "输出文件（默认与 govlens 程序同目录的 govlens-lm.bin）。") var output: String?
    @Option(help: "阶数。") var order = 5
    @Option(help: "三元及以上出现少于此次数的删去。") var minCount: UInt32 = 2
    @Flag(help: "模型已存在且比语料新时跳过。") var ifNeeded = false

    func run() throws {
        let sources = try LMCorpus.files(corpus.isEmpty ? [LMCorpus.repositoryCorpus.path] : corpus)
        let out = output.map(URL.init(fileURLWithPath:)) ?? ModelLocation.default
        if ifNeeded, LMCorpus.isFresh(out, than: sources) { print("语言模型已是最新：\(out.path)"); return }
        let start = Date()
        var builder = NGramModelBuilder(order: order, minCount: minCount)
        for file in sources {
            let text = try LMCorpus.read(file)
            if file.lastPathComponent.contains(".words.") {
                // `word<TAB>frequency`: weighted by the frequency's order of magnitude.
                for line in text.split(separator: "\n") {
                    let cols = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
                    guard let word = cols.first else { continue }
                    let freq = cols.count > 1 ? max(1, Double(cols[1]) ?? 1) : 1
                    builder.add(word: word, weight: 1 + UInt32(log2(freq)))
                }
            } else {
                for line in text.split(separator: "\n") { builder.add(line: line) }
            }
            print("已读入 \(file.lastPathComponent)：累计 \(builder.characters) 字，\(builder.distinctNGrams) 个不同 n 元组")
        }
        let kept = try builder.write(to: out)
        print(String(format: "语言模型：%@（%d 阶，保留 %d 个 n 元组，%.1f MB，用时 %.1f 秒）", out.path, order, kept,
                     Double((try? FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0) / 1e6,
                     Date().timeIntervalSince(start)))
    }
}

struct LMTune: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tune", abstract: "在调参集上选定报告阈值和需人工确认的阈值。")
    @Option(help: "调参用句对（label<TAB>错句<TAB>正句，或 错句<TAB>正句）。") var pairs: String
    @Option(help: "语言模型文件。") var model: String?
    @Option(help: "阈值方案：official（公文：在误报上限内求查准率）或 general（通用文本：求 pycorrector 口径的 F1）。") var profile: SpellProfile = .official
    @Option(help: "目标句级查准率（official）。") var precision = 0.85
    @Option(help: "写出参数文件（spell.json 或 spell-general.json）。") var write: String?

    func run() throws {
        let checker = try ModelLocation.checker(model, profile: profile)
        let data = SpellEvaluation.readPairs(try String(contentsOfFile: pairs, encoding: .utf8))
        let (settings, table) = SpellEvaluation.tune(data, checker: checker, objective: profile == .official ? .precision : .f1,
                                                     targetPrecision: precision)
        for (t, s) in table where s.flaggedSentences > 0 { print(String(format: "gain > %.2f  %@", t, s.description)) }
        print(settings.note)
        if let write {
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            try e.encode(settings).write(to: URL(fileURLWithPath: write))
        }
    }
}

struct LMEval: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "评测：句级查准率、查全率、F1，干净文本每万字误报数，速度。")
    @Option(help: "评测句对文件（可重复）。") var pairs: [String] = []
    @Option(help: "干净文本（每行一句，或 HTML 页面；可重复）。") var clean: [String] = []
    @Option(help: "语言模型文件。") var model: String?
    @Flag(help: "输出 Markdown 表格。") var markdown = false
    @Flag(help: "列出判错的句子。") var verbose = false
    @Option(help: "覆盖报告阈值（调参用）。") var threshold: Double?
    @Option(help: "阈值方案：official（公文，默认）或 general（通用文本）。") var profile: SpellProfile = .official

    func run() throws {
        let loadStart = Date()
        var checker = try ModelLocation.checker(model, profile: profile)
        let load = Date().timeIntervalSince(loadStart)
        if let threshold { checker.settings.threshold = threshold; checker.settings.followThreshold = min(threshold, checker.settings.followThreshold) }
        if markdown {
            print("| Set | Sentences (wrong) | Detection P / R / F1 | Correction P / R / F1 | pycorrector's metric P / R / F1 | Alarms per 10k (right sides) | Sentences/s |")
            print("|---|---|---|---|---|---|---|")
        }
        for file in pairs {
            let data = SpellEvaluation.readPairs(try String(contentsOfFile: file, encoding: .utf8))
            let s = SpellEvaluation.score(data, checker: checker)
            let start = Date()
            for p in data { _ = checker.check(p.wrong) }
            let rate = Double(data.count) / max(1e-9, Date().timeIntervalSince(start))
            let name = URL(fileURLWithPath: file).lastPathComponent
            if verbose {
                for p in data {
                    let found = checker.check(p.wrong)
                    let gold = zip(p.wrong.unicodeScalars, p.right.unicodeScalars).enumerated().filter { $0.element.0 != $0.element.1 }
                        .map { "\($0.offset):\($0.element.0)→\($0.element.1)" }
                    let got = found.map { "\($0.offset):\($0.wrong)→\($0.suggestion)(\(String(format: "%.1f", $0.gain)))" }
                    if Set(found.map(\.offset)) != Set(gold.map { Int($0.split(separator: ":")[0])! }) {
                        print("gold \(gold) got \(got) | \(p.wrong)")
                    }
                }
            }
            if markdown {
                print(String(format: "| %@ | %d (%d) | %.3f / %.3f / %.3f | %.3f / %.3f / %.3f | %.3f / %.3f / %.3f | %.2f (%d in %d chars) | %.0f |", name,
                             s.sentences, s.wrongSentences, s.detectionPrecision, s.detectionRecall, s.detectionF1,
                             s.correctionPrecision, s.correctionRecall, s.correctionF1,
                             s.pycorrectorPrecision, s.pycorrectorRecall, s.pycorrectorF1,
                             s.alarmsPer10k, s.cleanAlarms, s.cleanCharacters, rate))
            } else {
                print("\(name): \(s)" + String(format: "; alarms on the right sides %.2f per 10k chars; %.0f sentences/s", s.alarmsPer10k, rate))
            }
        }
        var alarms = 0, chars = 0, examples: [String] = []
        for file in clean {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            // Pages: the visible text as scans read it (charset sniffing, libxml2), one line per block.
            let text = file.hasSuffix(".html") ? HTMLParser.parse(data).page.text : String(decoding: data, as: UTF8.self)
            let lines = text.split(separator: "\n").map(String.init)
            let r = SpellEvaluation.alarms(lines, checker: checker)
            alarms += r.alarms; chars += r.characters; examples += r.examples
        }
        if !clean.isEmpty {
            print(String(format: "\n干净文本：%d 字，误报 %d 处，每万字 %.2f 处", chars, alarms, chars == 0 ? 0 : Double(alarms) * 1e4 / Double(chars)))
            for e in examples.prefix(10) { print("  误报：\(e)") }
        }
        print(String(format: "\n模型加载 %.3f 秒", load))
    }
}

/// Corpus files: plain or gzip-compressed text, one paragraph per line.
enum LMCorpus {
    /// `Corpus/` of the source tree this binary was built from (…/.build/debug/govlens → …/Corpus).
    static var repositoryCorpus: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let c = dir.appendingPathComponent("Corpus")
            if FileManager.default.fileExists(atPath: c.path) { return c }
            dir.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "Corpus")
    }

    static func files(_ paths: [String]) throws -> [URL] {
        var out: [URL] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else { throw ValidationError("找不到语料：\(p)") }
            if isDir.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: p).filter { $0.hasSuffix(".txt") || $0.hasSuffix(".txt.gz") }
                    .filter { $0 != "SOURCE.txt" }.sorted()
                out += names.map { URL(fileURLWithPath: p).appendingPathComponent($0) }
            } else { out.append(URL(fileURLWithPath: p)) }
        }
        guard !out.isEmpty else { throw ValidationError("没有语料文件（.txt 或 .txt.gz）") }
        return out
    }

    static func isFresh(_ model: URL, than sources: [URL]) -> Bool {
        func date(_ u: URL) -> Date? { try? FileManager.default.attributesOfItem(atPath: u.path)[.modificationDate] as? Date }
        guard let built = date(model) else { return false }
        return sources.allSatisfy { (date($0) ?? .distantFuture) < built }
    }

    static func read(_ url: URL) throws -> String {
        guard url.pathExtension == "gz" else { return try String(contentsOf: url, encoding: .utf8) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw ValidationError("无法解压语料 \(url.path)") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// `--lm` / `--no-lm` for `check-text`, where the model check is on by default (drafts of
/// official documents: the text it was tuned on).
struct SpellOptions: ParsableArguments {
    @Option(help: "错别字检查的语言模型文件（默认与 govlens 程序同目录的 govlens-lm.bin，由 govlens lm build 生成）。") var lm: String?
    @Flag(help: "不用语言模型，只用词库检查错别字。") var noLm = false
    @Option(help: "错别字阈值方案：official（公文，默认）或 general（通用文本：查得更多，误报也多得多）。") var spellProfile: SpellProfile = .official

    func modelURL() throws -> URL? { noLm ? nil : try ModelLocation.resolve(lm) }
}

/// `--spell` for `scan` and `demo`: on web pages (names, news, poetry) the model raises far more
/// false alarms than on 公文 (docs/QUALITY.md), so it is opt-in there.
struct ScanSpellOptions: ParsableArguments {
    @Flag(help: "同时用语言模型检查词库外的错别字（网页上误报较多，结果均需人工确认；见 docs/QUALITY.md）。") var spell = false
    @Option(help: "语言模型文件（用于 --spell）。") var lm: String?
    @Option(help: "错别字阈值方案：official（公文，默认）或 general（通用文本）。") var spellProfile: SpellProfile = .official

    func modelURL() throws -> URL? { spell || lm != nil ? try ModelLocation.resolve(lm) : nil }
}

extension SpellProfile: ExpressibleByArgument {}

extension ModelLocation {
    /// The model to use, or nil (with a note on stderr when the default one is missing).
    static func resolve(_ path: String?) throws -> URL? {
        if let path {
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("找不到语言模型文件：\(path)") }
            return URL(fileURLWithPath: path)
        }
        if FileManager.default.fileExists(atPath: self.default.path) { return self.default }
        FileHandle.standardError.write(Data("注意：未找到语言模型 \(self.default.path)（运行 govlens lm build 生成），错别字只按词库检查。\n".utf8))
        return nil
    }
}
