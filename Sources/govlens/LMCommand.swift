import ArgumentParser
import Foundation
import GovLensScan
import GovLensSpell

struct LM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lm", abstract: "错别字检查的字符语言模型：训练、调参、评测。",
        subcommands: [LMBuild.self, LMTune.self, LMEval.self])
}

/// The spelling checker from `--model`, or the default model.
func loadChecker(_ path: String?, profile: SpellProfile = .official) throws -> SpellChecker {
    let url = path.map(URL.init(fileURLWithPath:)) ?? ModelLocation.defaultURL
    guard FileManager.default.fileExists(atPath: url.path) else {
        throw ValidationError("找不到语言模型文件 \(url.path)（先运行 govlens lm build 生成）")
    }
    do { return try SpellChecker.load(model: url, profile: profile) } catch { throw ValidationError("语言模型 \(url.path) 无法读取：\(error)") }
}

/// A text file the user named, or a Chinese error.
func readText(_ path: String) throws -> String {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw ValidationError("无法读取 \(path)：文件不存在、没有读取权限或不是 UTF-8 文本")
    }
    return text
}

struct LMBuild: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "由语料（.txt 或 .txt.gz，每行一段）训练字符 n 元语言模型。")
    @Option(help: "语料文件或目录（可重复；默认仓库的 Corpus/）。") var corpus: [String] = []
    @Option(help: "输出文件（默认与 govlens 程序同目录的 govlens-lm.bin）。") var output: String?
    @Option(help: "阶数。") var order = 5
    @Option(help: "三元及以上出现少于此次数的删去。") var minCount: UInt32 = 2
    @Flag(help: "模型已存在且比语料新时跳过。") var ifNeeded = false

    func run() throws {
        do {
            let sources = try Corpus.files(corpus.isEmpty ? [Corpus.repositoryFolder.path] : corpus)
            let out = output.map(URL.init(fileURLWithPath:)) ?? ModelLocation.defaultURL
            if ifNeeded, Corpus.isFresh(out, than: sources) { print("语言模型已是最新：\(out.path)"); return }
            let r = try Corpus.build(sources, to: out, order: order, minCount: minCount) { print($0) }
            print(String(format: "语言模型已写到 %@（%d 阶，保留 %d 个 n 元组，%.1f MB，用时 %.1f 秒）", out.path, order, r.kept,
                         Double(r.bytes) / 1e6, r.seconds))
        } catch let e as CorpusError { throw ValidationError(e.description) }
    }
}

struct LMTune: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tune", abstract: "在调参集上选定报告阈值和需人工确认的阈值。")
    @Option(help: "调参用句对（label<TAB>错句<TAB>正句，或 错句<TAB>正句）。") var pairs: String
    @Option(help: "语言模型文件。") var model: String?
    @Option(help: "阈值方案：official（公文：在误报上限内求查准率）或 general（通用文本：求 pycorrector 口径的 F1）。") var profile: SpellProfile = .official
    @Option(help: "目标句级查准率（official）。") var precision = 0.85
    @Option(help: "写出参数文件（spell.json 或 spell-general.json）。") var write: String?
    @Option(help: "真实公文（每行一段，# 开头的行跳过；可重复）：其误报也计入误报上限。") var clean: [String] = []
    @Option(help: "误报上限：每万字不超过几处（official）。") var maxAlarms = 1.0

    func run() throws {
        let checker = try loadChecker(model, profile: profile)
        let data = SpellEvaluation.readPairs(try readText(pairs))
        let text = try clean.flatMap { try readText($0).split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init) }
        let (settings, table) = SpellEvaluation.tune(data, checker: checker, objective: profile == .official ? .precision : .f1,
                                                     targetPrecision: precision, maxAlarmsPer10k: maxAlarms, clean: text)
        for (t, s) in table where s.flaggedSentences > 0 {
            print(String(format: "gain > %.2f  %@; %.2f alarms per 10k clean characters", t, s.description, s.alarmsPer10k))
        }
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
        var checker = try loadChecker(model, profile: profile)
        let load = Date().timeIntervalSince(loadStart)
        if let threshold { checker.settings.threshold = threshold; checker.settings.followThreshold = min(threshold, checker.settings.followThreshold) }
        if markdown {
            print("| Set | Sentences (wrong) | Detection P / R / F1 | Correction P / R / F1 | pycorrector's metric P / R / F1 | Alarms per 10k (right sides) | Sentences/s |")
            print("|---|---|---|---|---|---|---|")
        }
        for file in pairs {
            let data = SpellEvaluation.readPairs(try readText(file))
            let s = SpellEvaluation.score(data, checker: checker)
            let rate = SpellEvaluation.speed(data, checker: checker)
            let name = URL(fileURLWithPath: file).lastPathComponent
            if verbose { SpellEvaluation.mismatches(data, checker: checker).forEach { print($0) } }
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
            guard let lines = CleanText.lines(URL(fileURLWithPath: file)) else { throw ValidationError("无法读取 \(file)：文件不存在或没有读取权限") }
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

/// `--lm` / `--no-lm` for `check-text`, where the model check is on by default (drafts of
/// official documents: the text it was tuned on).
struct SpellOptions: ParsableArguments {
    @Option(help: "错别字检查的语言模型文件（默认与 govlens 程序同目录的 govlens-lm.bin，由 govlens lm build 生成）。") var lm: String?
    @Flag(help: "不用语言模型，只用词库检查错别字。") var noLm = false
    @Option(help: "错别字阈值方案：official（公文，默认）或 general（通用文本：查得更多，误报也多得多）。") var spellProfile: SpellProfile = .official

    func modelURL() throws -> URL? { noLm ? nil : try ModelChoice.resolve(lm) }
}

/// Spelling for `scan`, `serve` and `demo`: on by default (the model reads only the pages' prose,
/// not menus or pagination); `--no-spell` turns it off, and the report then says so.
struct ScanSpellOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "用语言模型检查词库外的错别字（默认开启，只检查正文；--no-spell 关闭）。") var spell = true
    @Option(help: "语言模型文件（默认与 govlens 程序同目录的 govlens-lm.bin）。") var lm: String?
    @Option(help: "错别字阈值方案：official（公文，默认）或 general（通用文本）。") var spellProfile: SpellProfile = .official

    func modelURL() throws -> URL? { spell || lm != nil ? try ModelChoice.resolve(lm) : nil }
}

extension SpellProfile: ExpressibleByArgument {}

enum ModelChoice {
    /// The model to use, or nil (with a note on stderr when the default one is missing).
    static func resolve(_ path: String?) throws -> URL? {
        if let path {
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("找不到语言模型文件：\(path)") }
            return URL(fileURLWithPath: path)
        }
        let url = ModelLocation.defaultURL
        if FileManager.default.fileExists(atPath: url.path) { return url }
        FileHandle.standardError.write(Data("注意：未找到语言模型 \(url.path)（运行 govlens lm build 生成），错别字只按词库检查。\n".utf8))
        return nil
    }
}
