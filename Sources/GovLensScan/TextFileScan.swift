import Foundation
import GovLensChecks
import GovLensCore
import GovLensDocuments
import GovLensSpell
import GovLensText

/// `govlens check-text`: an editor's file (plain text in UTF-8 or GBK, HTML, DOCX, XLSX, PDF, DOC)
/// checked before publishing (先审后发), with each finding's line and column.
public struct TextFileReport: Codable, Sendable {
    public var file: String
    public var format: String
    public var characters: Int
    public var date: String?
    public var findings: [Entry]
    /// Findings that must be fixed (not just reviewed or noted).
    public var mustFix: Int
    /// Invalid byte sequences replaced while decoding (nil when none): the text around them was checked.
    public var decodeErrors: Int?
    /// Whether the spelling model judged the text (and if not, why).
    public var spelling: SpellingStatus?

    /// A finding flattened for editors: position first.
    public struct Entry: Codable, Sendable {
        public var line: Int
        public var column: Int
        public var check: CheckID
        public var severity: Severity
        public var wrong: String?
        public var replacement: String?
        public var evidence: String
        public var suggestion: String
        public var needsReview: Bool
        /// For the language-model check: how sure it is (0…1).
        public var confidence: Double?
    }
}

/// The 先审后发 pipeline: a file's text through every text check, findings with their positions.
public enum TextFileScan {
    /// Checks a file's bytes (any format the extractor reads) as text dated `date`.
    public static func check(_ data: Data, name: String, date: SimpleDate?, inspector: TextInspector,
                             maxBytes: Int = 20 << 20) async throws(DocumentError) -> TextFileReport
    {
        var entries: [TextFileReport.Entry] = []
        var report = try await stream(data, name: name, date: date, inspector: inspector, maxBytes: maxBytes) { entries.append($0) }
        report.findings = entries
        return report
    }

    /// The same check, handing each finding to `emit` as soon as its block of lines is read and
    /// keeping none: memory follows the text, not the number of findings (a 200 MB file with a
    /// finding on every line). The report returned has everything but `findings`.
    public static func stream(_ data: Data, name: String, date: SimpleDate?, inspector: TextInspector, maxBytes: Int = 20 << 20,
                              emit: (TextFileReport.Entry) -> Void) async throws(DocumentError) -> TextFileReport
    {
        var extractor = DocumentExtractor()
        extractor.maxBytes = maxBytes
        let extracted = try await extractor.extract(data, name: name == "-" ? nil : name)
        if extracted.text.allSatisfy(\.isWhitespace) { throw .empty }
        var mustFix = 0, firstLine = 0
        // Blocks of whole lines, about 64 KiB each: every check works within a line or a sentence,
        // except the spelling model's view of the document's own terms, which is the whole text's.
        let uses = inspector.spell == nil ? nil : TermUses(extracted.text)
        var block: [Substring] = [], size = 0
        func flush() {
            guard !block.isEmpty else { return }
            for f in inspector.inspect(block.joined(separator: "\n"), page: name, date: date, positions: true, uses: uses) {
                let e = TextFileReport.Entry(line: firstLine + (f.position?.line ?? 1), column: f.position?.column ?? 0, check: f.check,
                                             severity: f.severity, wrong: f.wrongForm, replacement: f.replacement,
                                             evidence: f.evidence, suggestion: f.suggestion, needsReview: f.needsReview,
                                             confidence: f.confidence)
                if e.severity != .info { mustFix += 1 }
                emit(e)
            }
            firstLine += block.count
            block.removeAll(keepingCapacity: true); size = 0
        }
        for line in extracted.text.split(separator: "\n", omittingEmptySubsequences: false) {
            block.append(line); size += line.utf8.count + 1
            if size >= 64 << 10 { flush() }
        }
        flush()
        return TextFileReport(file: name, format: extracted.kind.rawValue, characters: extracted.text.unicodeScalars.count,
                              date: date?.description, findings: [], mustFix: mustFix,
                              decodeErrors: extracted.decodeErrors > 0 ? extracted.decodeErrors : nil,
                              spelling: inspector.spellingStatus)
    }

    /// The Chinese text form: one line per finding, `第L行第C列`.
    public static func render(_ r: TextFileReport) -> String {
        var text = TextForm()
        for e in r.findings { text.add(e) }
        return text.render(r)
    }

    /// The text form built as findings stream in: one error repeated is one item with all its
    /// places (the editor fixes it once, everywhere), so it keeps each error once and only the
    /// places of its repeats.
    public struct TextForm {
        private var order: [String] = []
        private var groups: [String: (first: TextFileReport.Entry, places: [(line: Int, column: Int)])] = [:]
        private var count = 0, review = 0

        public init() {}

        public mutating func add(_ e: TextFileReport.Entry) {
            let key = e.wrong.map { "\(e.check)|\($0)|\(e.replacement ?? "")" } ?? "\(e.check)|\(e.line)|\(e.column)|\(e.evidence)"
            if groups[key] == nil { order.append(key); groups[key] = (e, []) }
            groups[key]!.places.append((e.line, e.column))
            count += 1
            if e.needsReview && e.severity != .info { review += 1 }
        }

        /// The whole text, with the header and totals of `r` (its `findings` are not read).
        public func render(_ r: TextFileReport) -> String {
            var out = "检查 \(r.file)（\(r.format)，\(r.characters) 字）"
            if let d = r.date { out += "，按 \(d) 适用的规则" }
            out += "\n"
            if let n = r.decodeErrors { out += "注意：有 \(n) 处字节无法按文件编码解码，已替换为“�”，其余文字照常检查。\n" }
            if let s = r.spelling, s.state != "run" { out += "注意：\(s.reason ?? "未运行错别字语言模型")。\n" }
            if count == 0 { return out + "未发现问题。\n" }
            for key in order {
                let (e, all) = groups[key]!
                let review = e.needsReview ? "【需人工确认】" : ""
                let places = all.map { "第\($0.line)行第\($0.column)列" }
                let where_ = all.count == 1 ? places[0] : "\(places[0])等 \(all.count) 处（\(places.joined(separator: "、"))）"
                out += "\(where_) [\(e.check)] \(review)\(e.evidence)\n    建议：\(e.suggestion)\n"
            }
            out += "共 \(count) 处，其中须修改 \(r.mustFix) 处" + (review > 0 ? "（含需人工确认 \(review) 处）" : "") + "。\n"
            return out
        }
    }
}
