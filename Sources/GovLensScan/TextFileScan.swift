import Foundation
import GovLensChecks
import GovLensCore
import GovLensDocuments
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
        var extractor = DocumentExtractor()
        extractor.maxBytes = maxBytes
        let extracted = try await extractor.extract(data, name: name == "-" ? nil : name)
        if extracted.text.allSatisfy(\.isWhitespace) { throw .empty }
        let findings = inspector.inspect(extracted.text, page: name, date: date, positions: true)
        let entries = findings.map { f in
            TextFileReport.Entry(line: f.position?.line ?? 0, column: f.position?.column ?? 0, check: f.check,
                                 severity: f.severity, wrong: f.wrongForm, replacement: f.replacement,
                                 evidence: f.evidence, suggestion: f.suggestion, needsReview: f.needsReview,
                                 confidence: f.confidence)
        }
        return TextFileReport(file: name, format: extracted.kind.rawValue, characters: extracted.text.unicodeScalars.count,
                              date: date?.description, findings: entries,
                              mustFix: entries.filter { $0.severity != .info }.count,
                              decodeErrors: extracted.decodeErrors > 0 ? extracted.decodeErrors : nil,
                              spelling: inspector.spellingStatus)
    }

    /// The Chinese text form: one line per finding, `第L行第C列`.
    public static func render(_ r: TextFileReport) -> String {
        var out = "检查 \(r.file)（\(r.format)，\(r.characters) 字）"
        if let d = r.date { out += "，按 \(d) 适用的规则" }
        out += "\n"
        if let n = r.decodeErrors { out += "注意：有 \(n) 处字节无法按文件编码解码，已替换为“�”，其余文字照常检查。\n" }
        if let s = r.spelling, s.state != "run" { out += "注意：\(s.reason ?? "未运行错别字语言模型")。\n" }
        if r.findings.isEmpty { return out + "未发现问题。\n" }
        // One error repeated is one item with all its places (the editor fixes it once, everywhere).
        var order: [String] = [], groups: [String: [TextFileReport.Entry]] = [:]
        for e in r.findings {
            let key = e.wrong.map { "\(e.check)|\($0)|\(e.replacement ?? "")" } ?? "\(e.check)|\(e.line)|\(e.column)|\(e.evidence)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(e)
        }
        for key in order {
            let all = groups[key]!, e = all[0]
            let review = e.needsReview ? "【需人工确认】" : ""
            let places = all.map { "第\($0.line)行第\($0.column)列" }
            let where_ = all.count == 1 ? places[0] : "\(places[0])等 \(all.count) 处（\(places.joined(separator: "、"))）"
            out += "\(where_) [\(e.check)] \(review)\(e.evidence)\n    建议：\(e.suggestion)\n"
        }
        let review = r.findings.filter { $0.needsReview && $0.severity != .info }.count
        out += "共 \(r.findings.count) 处，其中须修改 \(r.mustFix) 处" + (review > 0 ? "（含需人工确认 \(review) 处）" : "") + "。\n"
        return out
    }
}
