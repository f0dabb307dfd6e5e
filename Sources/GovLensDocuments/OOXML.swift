import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the text of DOCX and XLSX packages. Every entry is read against a running limit on the
/// uncompressed size, whatever the ZIP headers claim: a zip bomb dressed as DOCX stops there.
struct OOXMLReader {
    let archive: Archive
    let maxUncompressed: Int
    private var budget: Int

    init(_ data: Data, maxUncompressed: Int) throws(DocumentError) {
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw .malformed("不是有效的 ZIP 包")
        }
        self.maxUncompressed = maxUncompressed
        self.budget = maxUncompressed
    }

    static func guessKind(_ data: Data) -> DocumentKind? {
        guard let archive = try? Archive(data: data, accessMode: .read) else { return nil }
        if archive["word/document.xml"] != nil { return .docx }
        if archive["xl/workbook.xml"] != nil { return .xlsx }
        return nil
    }

    mutating func read(_ path: String) throws(DocumentError) -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        var over = false
        let limit = budget
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                data.append(chunk)
                if data.count > limit { over = true; throw CocoaError(.fileReadTooLarge) }
            }
        } catch {
            if over { throw .archiveTooLarge(limit: maxUncompressed) }
            throw .malformed("\(path) 解压失败")
        }
        budget -= data.count
        return data
    }

    /// Body, then headers, footers, footnotes and endnotes: each paragraph on its own line.
    mutating func documentText() throws(DocumentError) -> String {
        guard let body = try read("word/document.xml") else { throw .malformed("缺少 word/document.xml") }
        var parts = [try XMLText.wordprocessing(body, part: "word/document.xml")]
        let extra = archive.map(\.path).filter {
            $0.hasPrefix("word/") && $0.hasSuffix(".xml")
                && ["word/header", "word/footer", "word/footnotes", "word/endnotes"].contains(where: $0.hasPrefix)
        }.sorted()
        for path in extra { if let d = try read(path) { parts.append(try XMLText.wordprocessing(d, part: path)) } }
        return parts.joined(separator: "\n")
    }

    /// Every sheet, one row per line, cells separated by tabs (shared strings resolved).
    mutating func workbookText() throws(DocumentError) -> String {
        let shared = try read("xl/sharedStrings.xml").map { d throws(DocumentError) in try XMLText.sharedStrings(d) } ?? []
        let sheets = archive.map(\.path).filter { $0.hasPrefix("xl/worksheets/") && $0.hasSuffix(".xml") }
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        guard !sheets.isEmpty else { throw .malformed("没有工作表") }
        var out: [String] = []
        for path in sheets { if let d = try read(path) { out.append(try XMLText.sheet(d, shared: shared, part: path)) } }
        return out.joined(separator: "\n")
    }
}

/// SAX readers for the three OOXML parts whose text matters.
final class XMLText: NSObject, XMLParserDelegate {
    enum Mode { case word, sharedStrings, sheet }
    let mode: Mode
    var shared: [String] = []
    var out = ""
    var strings: [String] = []
    var current = ""
    var inText = false
    var cellType = ""
    var cellValue = ""
    var row: [String] = []

    init(_ mode: Mode) { self.mode = mode }

    static func run(_ data: Data, _ delegate: XMLParserDelegate, part: String) throws(DocumentError) {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        // FoundationXML can return true and still set parserError (unclosed or mismatched tags).
        guard parser.parse(), parser.parserError == nil else {
            throw .malformed("\(part) 第 \(parser.lineNumber) 行 XML 错误")
        }
    }

    static func wordprocessing(_ data: Data, part: String) throws(DocumentError) -> String {
        let r = XMLText(.word)
        try run(data, r, part: part)
        return r.out
    }

    static func sharedStrings(_ data: Data) throws(DocumentError) -> [String] {
        let r = XMLText(.sharedStrings)
        try run(data, r, part: "xl/sharedStrings.xml")
        return r.strings
    }

    static func sheet(_ data: Data, shared: [String], part: String) throws(DocumentError) -> String {
        let r = XMLText(.sheet)
        r.shared = shared
        try run(data, r, part: part)
        return r.out
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:])
    {
        switch (mode, name) {
        case (.word, "w:t"), (.sharedStrings, "t"), (.sheet, "t"), (.sheet, "v"): inText = true
        case (.word, "w:tab"): out += "\t"
        case (.word, "w:br"), (.word, "w:cr"): out += "\n"
        case (.sharedStrings, "si"): current = ""
        case (.sheet, "row"): row = []
        case (.sheet, "c"): cellType = attributes["t"] ?? ""; cellValue = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText else { return }
        switch mode {
        case .word: out += string
        case .sharedStrings: current += string
        case .sheet: cellValue += string
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch (mode, name) {
        case (.word, "w:t"), (.sharedStrings, "t"), (.sheet, "t"), (.sheet, "v"): inText = false
        case (.word, "w:p"): out += "\n"
        case (.sharedStrings, "si"): strings.append(current)
        case (.sheet, "c"):
            if cellType == "s", let i = Int(cellValue.trimmingCharacters(in: .whitespaces)), shared.indices.contains(i) {
                row.append(shared[i])
            } else {
                row.append(XMLText.plainNumber(cellValue))
            }
        case (.sheet, "row"): out += row.joined(separator: "\t") + "\n"
        default: break
        }
    }

    /// Numbers stored as `1.3957012345E10` are shown as Excel shows them: 13957012345.
    static func plainNumber(_ v: String) -> String {
        guard v.contains("E"), let d = Double(v), d == d.rounded(), abs(d) < 1e16 else { return v }
        return String(Int64(d))
    }
}

/// OOXML packaging shared by the document writers (`DOCXDocument`, `XLSXWorkbook`), and the
/// one-call forms the demo's attachments use.
public enum OOXMLWriter {
    /// Paragraphs as a plain DOCX.
    public static func docx(paragraphs: [String]) throws -> Data {
        var doc = DOCXDocument(title: paragraphs.first ?? "")
        for p in paragraphs { doc.add(.plain(p)) }
        return try doc.data()
    }

    /// One sheet, first row as header; every cell is text (keeps ID numbers exact).
    public static func xlsx(rows: [[String]]) throws -> Data {
        try XLSXWorkbook(sheets: [XLSXWorkbook.Sheet(name: "Sheet1", header: rows.first ?? [],
                                                     rows: rows.dropFirst().map { $0.map(XLSXWorkbook.Cell.text) })]).data()
    }

    /// Zips `(path, XML text)` parts (deflate) into an OOXML package; the DOCX and XLSX writers build on it.
    public static func package(_ parts: [(String, String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        return archive.data ?? Data()
    }

    static let xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// XML (and HTML) text escaping, dropping the control characters XML 1.0 forbids (they come
    /// from scraped pages).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if u.value < 0x20, u != "\t", u != "\n", u != "\r" { continue }
                if u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
