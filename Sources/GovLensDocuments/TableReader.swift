import Foundation
import GovLensText
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A sheet of named columns as people keep them in Excel: a header row, then one row per record.
/// Every value remembers where it came from, so an error can name the file, row and column.
public struct DataTable: Sendable {
    /// One record of the table, with the row number an error message should show.
    public struct Row: Sendable {
        /// 1-based row number as the user sees it (the spreadsheet's own row number for XLSX).
        public var number: Int
        public var cells: [String]
        public subscript(_ column: Int) -> String { column < cells.count ? cells[column] : "" }
    }

    /// The file name as given, for messages.
    public var file: String
    /// The sheet read (XLSX only).
    public var sheet: String?
    public var isSpreadsheet: Bool { sheet != nil }
    public var header: [String]
    public var headerRow: Int
    public var rows: [Row]

    /// The first column whose header is one of `names` (case- and space-insensitive).
    public func column(_ names: [String]) -> Int? {
        let wanted = Set(names.map(DataTable.key))
        return header.firstIndex { wanted.contains(DataTable.key($0)) }
    }

    static func key(_ s: String) -> String {
        s.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" }
    }

    /// `units.xlsx 工作表“Sheet1”第3行C列（group）`, or `units.csv 第3行第2列（group）`.
    public func place(row: Int, column: Int? = nil) -> String {
        var s = file
        if let sheet { s += " 工作表“\(sheet)”" }
        s += " 第\(row)行"
        if let column {
            s += isSpreadsheet ? "\(DataTable.columnLetters(column))列" : "第\(column + 1)列"
            if column < header.count, !header[column].isEmpty { s += "（\(header[column])）" }
        }
        return s
    }

    /// Spreadsheet column letters for a 0-based index (0 → A, 26 → AA), as used in error places.
    public static func columnLetters(_ index: Int) -> String {
        var n = index + 1, out = ""
        while n > 0 { let r = (n - 1) % 26; out = String(UnicodeScalar(UInt8(65 + r))) + out; n = (n - 1) / 26 }
        return out
    }
}

/// A table that cannot be read, with a Chinese message naming the file and, where known, the row.
public struct TableError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// Wraps a ready-made Chinese message.
    public init(_ description: String) { self.description = description }
}

/// Reads CSV (UTF-8 or GBK, as Excel saves it in China; comma or tab separated) and XLSX (the
/// first sheet) into a `DataTable`.
public enum TableReader {
    /// Reads a table file, choosing XLSX or CSV/TSV by content and extension; legacy XLS, encrypted
    /// and oversized files are refused with a message saying what to do.
    public static func read(_ url: URL, maxBytes: Int = 50 << 20) throws(TableError) -> DataTable {
        let name = url.lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw TableError("无法读取文件 \(url.path)：文件不存在或没有读取权限") }
        guard data.count <= maxBytes else { throw TableError("\(name) 过大（超过 \(maxBytes >> 20) MB）") }
        let ext = url.pathExtension.lowercased()
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw TableError("\(name) 是旧版 XLS 或已加密的文件，请在 Excel 中另存为 XLSX 或 CSV（UTF-8）后再试")
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || ext == "xlsx" { return try xlsx(data, file: name) }
        if ext != "csv", ext != "tsv", ext != "txt" {
            throw TableError("\(name) 不是支持的表格格式（应为 .xlsx、.csv 或 .tsv）")
        }
        return try csv(data, file: name)
    }

    // MARK: CSV

    /// Parses CSV or TSV bytes (UTF-8 or GBK, quoted fields allowed); the first non-empty row is the
    /// header. `file` names the source in messages.
    public static func csv(_ data: Data, file: String) throws(TableError) -> DataTable {
        guard !data.contains(0) else { throw TableError("\(file) 含有二进制内容，不是文本格式的 CSV") }
        let text = Charset.decode(data, contentType: "text/csv").text
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = firstLine.contains("\t") && !firstLine.contains(",") ? "\t" : ","
        var records: [(Int, [String])] = []
        var field = "", fields: [String] = [], quoted = false, line = 1, recordLine = 1, afterQuote = false
        for ch in text {
            if quoted {
                if ch == "\"" { quoted = false; afterQuote = true } else {
                    field.append(ch)
                    if ch == "\n" || ch == "\r\n" { line += 1 }
                }
                continue
            }
            switch ch {
            case "\"" where field.isEmpty && !afterQuote: quoted = true
            case "\"" where afterQuote: field.append("\""); quoted = true; afterQuote = false  // "" inside quotes
            case separator: fields.append(field); field = ""; afterQuote = false
            case "\n", "\r\n", "\r":
                fields.append(field); records.append((recordLine, fields))
                field = ""; fields = []; afterQuote = false; line += 1; recordLine = line
            default: field.append(ch); afterQuote = false
            }
        }
        if quoted { throw TableError("\(file) 第\(recordLine)行：引号没有闭合") }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append((recordLine, fields)) }
        return try table(records.map { DataTable.Row(number: $0.0, cells: $0.1.map(trim)) }, file: file, sheet: nil)
    }

    static func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines.union(["\u{feff}"])) }

    /// First non-empty row is the header; empty rows are dropped.
    static func table(_ rows: [DataTable.Row], file: String, sheet: String?) throws(TableError) -> DataTable {
        let filled = rows.filter { $0.cells.contains { !$0.isEmpty } }
        guard let header = filled.first else { throw TableError("\(file) 是空表：没有表头行") }
        return DataTable(file: file, sheet: sheet, header: header.cells, headerRow: header.number, rows: Array(filled.dropFirst()))
    }

    // MARK: XLSX

    /// Reads the first sheet of an XLSX workbook, refusing archives that inflate past `maxUncompressed`.
    public static func xlsx(_ data: Data, file: String, maxUncompressed: Int = 200 << 20) throws(TableError) -> DataTable {
        var reader: OOXMLReader
        do { reader = try OOXMLReader(data, maxUncompressed: maxUncompressed) } catch {
            throw TableError("\(file) 不是有效的 XLSX 文件（无法按 ZIP 打开）")
        }
        func part(_ path: String) throws(TableError) -> Data? {
            do { return try reader.read(path) } catch { throw TableError("\(file) 无法读取 \(path)：\(error)") }
        }
        func parse(_ path: String, _ data: Data) throws(TableError) -> [XMLElementRecord] {
            do { return try XMLElementRecord.parse(data, part: path) } catch { throw TableError("\(file)：\(error)") }
        }
        guard let workbook = try part("xl/workbook.xml") else { throw TableError("\(file) 不是 XLSX 工作簿（缺少 xl/workbook.xml）") }
        guard let first = try parse("xl/workbook.xml", workbook).first(where: { $0.name == "sheet" }) else {
            throw TableError("\(file) 没有工作表")
        }
        let sheetName = first.attributes["name"] ?? "Sheet1"
        var path = "xl/worksheets/sheet1.xml"
        if let rid = first.attributes["r:id"], let rels = try part("xl/_rels/workbook.xml.rels"),
           let target = try parse("xl/_rels/workbook.xml.rels", rels).first(where: { $0.attributes["Id"] == rid })?.attributes["Target"]
        {
            path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        let shared: [String]
        if let s = try part("xl/sharedStrings.xml") {
            do { shared = try XMLText.sharedStrings(s) } catch { throw TableError("\(file)：\(error)") }
        } else { shared = [] }
        guard let sheetData = try part(path) else { throw TableError("\(file) 缺少工作表“\(sheetName)”的数据（\(path)）") }
        let cells = SheetCells(shared: shared)
        do { try XMLText.run(sheetData, cells, part: path) } catch { throw TableError("\(file)：\(error)") }
        let rows = cells.rows.map { number, byColumn -> DataTable.Row in
            var out = Array(repeating: "", count: (byColumn.keys.max() ?? -1) + 1)
            for (c, v) in byColumn { out[c] = v }
            return DataTable.Row(number: number, cells: out.map(trim))
        }
        return try table(rows, file: file, sheet: sheetName)
    }
}

/// An element and its attributes, for the small XLSX parts (workbook, relationships).
struct XMLElementRecord {
    var name: String
    var attributes: [String: String]

    final class Collector: NSObject, XMLParserDelegate {
        var out: [XMLElementRecord] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) { out.append(XMLElementRecord(name: name, attributes: attributes)) }
    }

    static func parse(_ data: Data, part: String) throws(DocumentError) -> [XMLElementRecord] {
        let c = Collector()
        try XMLText.run(data, c, part: part)
        return c.out
    }
}

/// Cells of one worksheet by row number and column index (cells may be skipped in the XML).
final class SheetCells: NSObject, XMLParserDelegate {
    let shared: [String]
    var rows: [(Int, [Int: String])] = []
    private var rowNumber = 0, column = 0, type = "", value = "", inText = false

    init(shared: [String]) { self.shared = shared }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:])
    {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            rows.append((rowNumber, [:]))
            column = -1
        case "c":
            type = attributes["t"] ?? ""; value = ""
            column = attributes["r"].flatMap(SheetCells.columnIndex) ?? column + 1
        case "v", "t": inText = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": inText = false
        case "c":
            guard !rows.isEmpty else { return }
            let text: String
            switch type {
            case "s": text = Int(value.trimmingCharacters(in: .whitespaces)).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
            case "inlineStr", "str", "e": text = value
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            default: text = SheetCells.number(value)
            }
            rows[rows.count - 1].1[column] = text
        default: break
        }
    }

    /// `C12` → 2.
    static func columnIndex(_ ref: String) -> Int? {
        var n = 0, any = false
        for u in ref.unicodeScalars {
            guard u.value >= 65, u.value <= 90 else { break }
            n = n * 26 + Int(u.value - 64); any = true
        }
        return any ? n - 1 : nil
    }

    /// A stored double as Excel shows it: `96.400000000000006` → `96.4`, `13957012345` stays whole.
    static func number(_ v: String) -> String {
        guard let d = Double(v), d.isFinite else { return v }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
