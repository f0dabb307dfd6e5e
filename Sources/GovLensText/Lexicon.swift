import GovLensCore
import Foundation

/// What a lexicon entry means; the raw values are the `kind` column of lexicon files.
public enum LexiconKind: String, Sendable, Codable, CaseIterable {
    case typo, banned, serious
    /// A non-recommended form of 《第一批异形词整理表》 (GF 1001-2001), and only of that table: a norm
    /// from its trial date (`effective`), reported as a typo finding that names the standard.
    case variant
    case outdatedName = "outdated-name"
    case repealedLaw = "repealed-law"
    /// A correct form: wrong forms found inside it are not reported (农业部门 contains 农业部).
    case allow
}

extension LexiconKind {
    /// Typos and non-recommended variants: wrong spellings of a word, which the typo checks and
    /// the ground truth treat alike.
    public var isSpelling: Bool { self == .typo || self == .variant }
}

/// One row of a lexicon file.
public struct LexiconEntry: Sendable, Equatable {
    public var wrong: String
    public var suggested: String
    public var kind: LexiconKind
    /// `veto`, `deduct`, `warn` or `info`; empty means the check's default.
    public var severity: String
    /// For renames, repeals and variants: text dated before this day is not flagged.
    public var effective: SimpleDate?
    public var source: String
    /// File and line the entry came from, for error messages and for the evidence.
    public var file: String
    public var line: Int
    /// An `allow` context of another row (its `allow` column), as opposed to an `allow` row: a
    /// context only keeps longer words quiet, it never switches a wrong form off.
    public var isContext = false
}

/// A problem in a lexicon file, naming the file and line, with a Chinese message.
public struct LexiconError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "词库文件 \(file) 第 \(line) 行：\(message)" }
}

/// Lexicons are TSV files with a header row naming the columns: `wrong`, `suggested`, `kind`
/// (required), `severity`, `effective` (YYYY-MM-DD), `allow` (correct longer forms, `|`-separated)
/// and `source`. Lines starting with `#` are comments. A province adds its own file to a directory
/// passed with `--lexicon`; a later file overrides an earlier entry with the same wrong form, and an
/// `allow` row switches a shipped entry off.
public struct Lexicon: Sendable {
    public private(set) var entries: [LexiconEntry] = []

    /// A lexicon holding exactly these entries (none by default); add files with `add(contentsOf:)`.
    public init(entries: [LexiconEntry] = []) { self.entries = entries }

    /// Digest of every entry in force, for the report's provenance.
    public var contentHash: String {
        ContentHash.of(entries.map { e in
            [e.wrong, e.suggested, e.kind.rawValue, e.severity, e.effective?.description ?? ""].joined(separator: "\t")
        })
    }

    /// The lexicons shipped with govlens (Sources/GovLensText/Lexicons, see SOURCE.txt there).
    public static func shipped() throws -> Lexicon {
        guard let dir = Bundle.module.url(forResource: "Lexicons", withExtension: nil) else {
            throw LexiconError(file: "Lexicons", line: 0, message: "内置词库缺失")
        }
        var lexicon = Lexicon()
        try lexicon.add(contentsOf: dir)
        return lexicon
    }

    /// Adds a file, or every `.tsv` file of a directory in name order.
    public mutating func add(contentsOf url: URL) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw LexiconError(file: url.path, line: 0, message: "文件不存在")
        }
        if isDir.boolValue {
            let files = try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "tsv" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            for file in files { try add(contentsOf: file) }
            return
        }
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw LexiconError(file: url.path, line: 0, message: "无法读取，或不是 UTF-8 文本")
        }
        try add(tsv: text, file: url.lastPathComponent)
    }

    /// Parses lexicon TSV text and appends its entries and allow contexts; `file` names it in errors.
    public mutating func add(tsv: String, file: String) throws {
        var header: [String: Int]?
        for (number, raw) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let columns = header else {
                header = Dictionary(cells.enumerated().map { ($1.trimmingCharacters(in: .whitespaces), $0) }, uniquingKeysWith: { a, _ in a })
                for required in ["wrong", "suggested", "kind"] where header?[required] == nil {
                    throw LexiconError(file: file, line: number + 1, message: "表头缺少 \(required) 列")
                }
                continue
            }
            func cell(_ name: String) -> String {
                guard let i = columns[name], i < cells.count else { return "" }
                return cells[i].trimmingCharacters(in: .whitespaces)
            }
            let wrong = cell("wrong")
            guard !wrong.isEmpty else { throw LexiconError(file: file, line: number + 1, message: "wrong 列为空") }
            guard let kind = LexiconKind(rawValue: cell("kind")) else {
                let known = LexiconKind.allCases.map(\.rawValue).joined(separator: "、")
                throw LexiconError(file: file, line: number + 1, message: "未知的 kind “\(cell("kind"))”（可用：\(known)）")
            }
            var effective: SimpleDate?
            if !cell("effective").isEmpty {
                guard let date = SimpleDate(iso: cell("effective")) else {
                    throw LexiconError(file: file, line: number + 1, message: "effective 日期“\(cell("effective"))”应为 YYYY-MM-DD")
                }
                effective = date
            }
            let severity = cell("severity")
            guard ["", "veto", "deduct", "warn", "info"].contains(severity) else {
                throw LexiconError(file: file, line: number + 1, message: "未知的 severity “\(severity)”")
            }
            let entry = LexiconEntry(wrong: wrong, suggested: cell("suggested"), kind: kind, severity: severity,
                                     effective: effective, source: cell("source"), file: file, line: number + 1)
            entries.append(entry)
            for context in cell("allow").split(separator: "|") where !context.isEmpty {
                entries.append(LexiconEntry(wrong: String(context), suggested: "", kind: .allow, severity: "",
                                            effective: nil, source: "allow of \(wrong)", file: file, line: number + 1,
                                            isContext: true))
            }
        }
        if header == nil { throw LexiconError(file: file, line: 1, message: "文件为空，缺少表头") }
    }
}

/// A lexicon hit in a text, after allow-lists and overlaps are resolved.
public struct LexiconMatch: Sendable, Equatable {
    public var entry: LexiconEntry
    /// Offsets in Unicode scalars.
    public var offset: Int
    public var length: Int
}

/// The compiled form of a lexicon: one automaton for all wrong and allowed forms.
public struct LexiconMatcher: Sendable {
    let automaton: PatternAutomaton
    /// Per pattern: the entry it reports (nil for allowed forms).
    let reported: [LexiconEntry?]
    public var patternCount: Int { reported.count }
    public var stateCount: Int { automaton.stateCount }

    /// Compiles the lexicon, applying overrides and allow rows, into one automaton.
    public init(_ lexicon: Lexicon) {
        // Later entries override earlier ones with the same form; an allow row switches one off.
        var index: [String: Int] = [:]
        var patterns: [String] = []
        var reported: [LexiconEntry?] = []
        for entry in lexicon.entries {
            let value: LexiconEntry? = entry.kind == .allow ? nil : entry
            if let i = index[entry.wrong] {
                if !entry.isContext { reported[i] = value }
            } else {
                index[entry.wrong] = patterns.count
                patterns.append(entry.wrong); reported.append(value)
            }
        }
        self.automaton = PatternAutomaton(patterns: patterns)
        self.reported = reported
    }

    /// Every reported entry in `text`, leftmost-longest, none inside an allowed form.
    public func matches(in text: String) -> [LexiconMatch] {
        var hits: [(pattern: Int, start: Int, end: Int)] = []
        var allowed: [(start: Int, end: Int)] = []
        automaton.scan(text) { p, s, e in
            if reported[p] == nil { allowed.append((s, e)) } else { hits.append((p, s, e)) }
        }
        guard !hits.isEmpty else { return [] }
        hits.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        allowed.sort { $0.start < $1.start }
        var out: [LexiconMatch] = []
        var coveredUntil = 0
        var nextAllowed = 0, allowedUntil = 0
        for hit in hits where hit.start >= coveredUntil {
            // Sweep: the furthest end of any allowed form starting at or before this hit.
            while nextAllowed < allowed.count, allowed[nextAllowed].start <= hit.start {
                allowedUntil = max(allowedUntil, allowed[nextAllowed].end); nextAllowed += 1
            }
            if allowedUntil >= hit.end { continue }
            out.append(LexiconMatch(entry: reported[hit.pattern]!, offset: hit.start, length: hit.end - hit.start))
            coveredUntil = hit.end
        }
        return out
    }
}
