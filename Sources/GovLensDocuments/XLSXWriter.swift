import Foundation

/// A workbook as people expect one from an office: a title row, a bold bordered header that
/// stays in view, numbers as numbers (so they sort and sum), text as text (so ID-like strings stay
/// exact), sensible column widths.
public struct XLSXWorkbook {
    /// A cell value: text (kept exactly, for IDs), a number (so it sorts and sums), or nothing.
    public enum Cell {
        case text(String)
        case number(Decimal)
        case empty
    }

    /// One worksheet: its tab name, an optional title row above the header, the header and the rows.
    public struct Sheet {
        public var name: String
        public var title: String?
        public var header: [String]
        public var rows: [[Cell]]
        /// A sheet; `name` is cleaned of characters Excel forbids and made unique when written.
        public init(name: String, title: String? = nil, header: [String], rows: [[Cell]]) {
            self.name = name; self.title = title; self.header = header; self.rows = rows
        }
    }

    public var sheets: [Sheet]
    /// A workbook with these sheets, in tab order.
    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// Renders the workbook as the bytes of an `.xlsx` file.
    public func data() throws -> Data {
        let names = XLSXWorkbook.sheetNames(sheets.map(\.name))
        var parts: [(String, String)] = []
        var overrides = ""
        var workbookSheets = "", rels = ""
        for (i, sheet) in sheets.enumerated() {
            let n = i + 1
            overrides += "<Override PartName=\"/xl/worksheets/sheet\(n).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            workbookSheets += "<sheet name=\"\(OOXMLWriter.escape(names[i]))\" sheetId=\"\(n)\" r:id=\"rId\(n)\"/>"
            rels += "<Relationship Id=\"rId\(n)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(n).xml\"/>"
            parts.append(("xl/worksheets/sheet\(n).xml", worksheet(sheet)))
        }
        let styleRel = sheets.count + 1
        rels += "<Relationship Id=\"rId\(styleRel)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        parts.insert(contentsOf: [
            ("[Content_Types].xml", OOXMLWriter.xmlHeader + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\(overrides)</Types>"),
            ("_rels/.rels", OOXMLWriter.xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", OOXMLWriter.xmlHeader + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>\(workbookSheets)</sheets><definedNames>\(printTitles(names))</definedNames></workbook>"),
            ("xl/_rels/workbook.xml.rels", OOXMLWriter.xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>"),
            ("xl/styles.xml", XLSXWorkbook.styles),
        ], at: 0)
        return try OOXMLWriter.package(parts)
    }

    /// Style indexes in `styles`: 0 plain, 1 header (bold, bordered, shaded), 2 bordered text,
    /// 3 bordered number, 4 title (bold, large).
    static let styles = OOXMLWriter.xmlHeader + """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>\
        <font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>\
        <font><b/><sz val="14"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>\
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
        <border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>\
        <top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>\
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs>\
        <cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """

    func worksheet(_ sheet: Sheet) -> String {
        let columns = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        var rows = "", r = 1
        var merge = ""
        if let title = sheet.title {
            rows += "<row r=\"1\" ht=\"28\" customHeight=\"1\">" + cell("A1", .text(title), style: 4) + "</row>"
            if columns > 1 { merge = "<mergeCells count=\"1\"><mergeCell ref=\"A1:\(DataTable.columnLetters(columns - 1))1\"/></mergeCells>" }
            r = 2
        }
        // Widths from the longest text per column (CJK characters count double), at most 60; headers wrap.
        var widths = sheet.header.map { min(12, XLSXWorkbook.displayWidth($0)) }
        widths += Array(repeating: 4, count: max(0, columns - widths.count))
        for values in sheet.rows {
            for (c, v) in values.enumerated() where c < widths.count { widths[c] = max(widths[c], Self.width(v)) }
        }
        widths = widths.map { min(60, max(6, $0 + 2)) }
        /// A row as tall as its most wrapped cell (15 points a line), so wrapped text never runs
        /// under the next row; one-line rows keep the default height.
        func row(_ number: Int, _ cells: [Cell], _ render: (Int, Cell) -> String) -> String {
            let lines = cells.enumerated().map { c, v in c < widths.count ? (Self.width(v) + widths[c] - 3) / max(1, widths[c] - 2) : 1 }.max() ?? 1
            let height = lines > 1 ? " ht=\"\(lines * 15)\" customHeight=\"1\"" : ""
            return "<row r=\"\(number)\"\(height)>" + cells.enumerated().map { render($0.offset, $0.element) }.joined() + "</row>"
        }
        let headerRow = r
        rows += row(r, sheet.header.map { .text($0) }) { c, v in cell(ref(c, headerRow), v, style: 1) }
        for values in sheet.rows {
            r += 1
            let n = r
            rows += row(n, values) { c, v in
                if case .number = v { return cell(ref(c, n), v, style: 3) }
                return cell(ref(c, n), v, style: 2)
            }
        }
        let cols = widths.enumerated().map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\($0.element)\" customWidth=\"1\"/>" }.joined()
        let pane = "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(headerRow)\" topLeftCell=\"A\(headerRow + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        // Printed: A4 landscape, all columns on one page wide, the header repeated on every page.
        return OOXMLWriter.xmlHeader + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>\(pane)<cols>\(cols)</cols><sheetData>\(rows)</sheetData>\(merge)<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/><pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>"
    }

    /// Each sheet's header row (under the title, if any) repeats on every printed page.
    func printTitles(_ names: [String]) -> String {
        sheets.enumerated().map { i, sheet in
            let row = sheet.title == nil ? 1 : 2
            let quoted = "'" + names[i].replacingOccurrences(of: "'", with: "''") + "'"
            return "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">\(OOXMLWriter.escape(quoted))!$\(row):$\(row)</definedName>"
        }.joined()
    }

    func ref(_ column: Int, _ row: Int) -> String { DataTable.columnLetters(column) + String(row) }

    func cell(_ ref: String, _ value: Cell, style: Int) -> String {
        switch value {
        case .text(let s): return "<c r=\"\(ref)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(OOXMLWriter.escape(s))</t></is></c>"
        case .number(let d): return "<c r=\"\(ref)\" s=\"\(style)\"><v>\(d)</v></c>"
        case .empty: return "<c r=\"\(ref)\" s=\"\(style)\"/>"
        }
    }

    static func width(_ v: Cell) -> Int {
        switch v { case .text(let s): displayWidth(s); case .number(let d): "\(d)".count; case .empty: 0 }
    }

    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
    }

    /// Sheet names: at most 31 characters, none of `[]:*?/\`, unique.
    static func sheetNames(_ names: [String]) -> [String] {
        var out: [String] = []
        for name in names {
            var n = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(28))
            if n.isEmpty { n = "Sheet" }
            var candidate = n, k = 2
            while out.contains(candidate) { candidate = "\(n)\(k)"; k += 1 }
            out.append(candidate)
        }
        return out
    }
}
