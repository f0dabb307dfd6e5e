import Foundation

/// A WordprocessingML document laid out the way 党政机关公文 are (GB/T 9704-2012): A4, margins
/// 37/35/28/26 mm, title in 方正小标宋简体 二号, first-level headings in 黑体 三号, second-level in
/// 楷体_GB2312 三号, body in 仿宋_GB2312 三号 with a two-character first-line indent and 28-point
/// line spacing, tables in 仿宋_GB2312 小四. Fonts are named as official templates name them;
/// Word and LibreOffice substitute an installed CJK font where they are missing.
public struct DOCXDocument {
    /// One block of the document body, in reading order; each case is rendered in its 公文 style.
    public enum Block {
        case title(String)
        /// Left-aligned, no indent (the 主送机关 line, 附件 labels).
        case plain(String)
        case heading1(String)
        case heading2(String)
        case paragraph(String)
        /// Right-aligned (the issuing office and the date).
        case right(String)
        /// Centred, no indent (the 发文字号).
        case centered(String)
        case table(header: [String], rows: [[String]])
        /// A table that may be too wide for the page: its columns are split into several tables,
        /// each repeating the first `key` columns (排名, 单位), so no cell has to wrap.
        case splitTable(header: [String], rows: [[String]], key: Int)
        case pageBreak
        /// From here on, pages are A4 landscape (a wide 附件 table); what came before stays portrait.
        case landscapePages
    }

    public var title: String
    public var blocks: [Block] = []
    /// An empty document; `title` goes into the file's properties (add a `.title` block to print it).
    public init(title: String) { self.title = title }

    /// Appends a block after the ones already added.
    public mutating func add(_ b: Block) { blocks.append(b) }

    /// Renders the document as the bytes of a `.docx` file (package, styles, body, page-number footers).
    public func data() throws -> Data {
        var body = "", landscape = false
        for b in blocks {
            if case .landscapePages = b, !landscape {
                // A section ends with the paragraph that carries its properties: the pages so far stay portrait.
                body += "<w:p><w:pPr>\(Self.section(landscape: false))</w:pPr></w:p>"
                landscape = true
            } else {
                body += render(b, width: Self.textWidth(landscape: landscape))
            }
        }
        let document = OOXMLWriter.xmlHeader
            + "<w:document xmlns:w=\"\(ns)\" xmlns:r=\"\(Self.relNS)\"><w:body>\(body)\(Self.section(landscape: landscape))</w:body></w:document>"
        return try OOXMLWriter.package([
            ("[Content_Types].xml", OOXMLWriter.xmlHeader + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/><Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>"),
            ("_rels/.rels", OOXMLWriter.xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>"),
            ("docProps/core.xml", OOXMLWriter.xmlHeader + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>\(OOXMLWriter.escape(title))</dc:title><dc:creator>govlens</dc:creator></cp:coreProperties>"),
            ("word/_rels/document.xml.rels", OOXMLWriter.xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/><Relationship Id=\"rIdFooterOdd\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/><Relationship Id=\"rIdFooterEven\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/></Relationships>"),
            ("word/styles.xml", DOCXDocument.styles),
            ("word/settings.xml", OOXMLWriter.xmlHeader + "<w:settings xmlns:w=\"\(ns)\"><w:evenAndOddHeaders/></w:settings>"),
            ("word/footer1.xml", Self.footer(odd: true)),
            ("word/footer2.xml", Self.footer(odd: false)),
            ("word/document.xml", document),
        ])
    }

    let ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A4 (11906×16838 twips) with the GB/T 9704 margins (top 37 mm = 2098, bottom 35 mm = 1984,
    /// left 28 mm = 1588, right 26 mm = 1474), turned for landscape pages, and the page-number footers.
    static func section(landscape: Bool) -> String {
        let size = landscape ? "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>" : "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
        let margins = landscape
            ? "<w:pgMar w:top=\"1588\" w:right=\"2098\" w:bottom=\"1474\" w:left=\"1984\" w:header=\"851\" w:footer=\"850\" w:gutter=\"0\"/>"
            : "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
        return "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/><w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>"
            + size + margins + "</w:sectPr>"
    }

    /// The width of the text block in twips.
    public static func textWidth(landscape: Bool) -> Int { landscape ? 16838 - 2098 - 1984 : 11906 - 1588 - 1474 }

    /// GB/T 9704 page numbers: 4号半角宋体 digits between two 一字线, odd pages right and even pages
    /// left, one character in from the edge.
    static func footer(odd: Bool) -> String {
        let side = odd ? "<w:jc w:val=\"right\"/><w:ind w:right=\"280\"/>" : "<w:jc w:val=\"left\"/><w:ind w:left=\"280\"/>"
        let font = "<w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>"
        func text(_ t: String) -> String { "<w:r>\(font)<w:t xml:space=\"preserve\">\(t)</w:t></w:r>" }
        let page = "<w:r>\(font)<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>\(font)<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
            + "<w:r>\(font)<w:fldChar w:fldCharType=\"separate\"/></w:r>\(text("1"))<w:r>\(font)<w:fldChar w:fldCharType=\"end\"/></w:r>"
        return OOXMLWriter.xmlHeader + "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:p><w:pPr>\(side)<w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\(text("— "))\(page)\(text(" —"))</w:p></w:ftr>"
    }

    static func fonts(_ name: String) -> String {
        "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"\(name)\" w:cs=\"Times New Roman\"/>"
    }

    /// Named styles so an editor can restyle the whole document in Word at once.
    static let styles = OOXMLWriter.xmlHeader + """
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr>\(fonts("仿宋_GB2312"))<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:before="0" w:after="560" w:line="700" w:lineRule="exact"/></w:pPr><w:rPr>\(fonts("方正小标宋简体"))<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>\(fonts("黑体"))</w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr>\(fonts("楷体_GB2312"))</w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="320" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>\
        <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>\
        <w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
        </w:tblBorders><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        </w:styles>
        """

    /// A title too long for one line, cut into lines of even length (GB/T 9704 7.3.3: never a line
    /// of one or two characters under a long one). 二号 is 440 twips a Chinese character; Latin
    /// letters and digits count half.
    public static func titleLines(_ title: String, width: Int) -> [String] {
        let chars = Array(title)
        func weight(_ c: Character) -> Int { c.isASCII ? 1 : 2 }
        let total = chars.reduce(0) { $0 + weight($1) }, perLine = max(2, width / 440 * 2)
        guard total > perLine else { return [title] }
        let count = (total + perLine - 1) / perLine, each = (total + count - 1) / count
        var lines: [String] = [], line = "", used = 0
        for c in chars {
            if used + weight(c) > each, lines.count < count - 1 { lines.append(line); line = ""; used = 0 }
            line.append(c); used += weight(c)
        }
        return lines + [line]
    }

    /// `size` in half-points (nil: the style's).
    func run(_ text: String, bold: Bool = false, size: Int? = nil) -> String {
        let props = (bold ? "<w:b/>" : "") + (size.map { "<w:sz w:val=\"\($0)\"/><w:szCs w:val=\"\($0)\"/>" } ?? "")
        return "<w:r>\(props.isEmpty ? "" : "<w:rPr>\(props)</w:rPr>")<w:t xml:space=\"preserve\">\(OOXMLWriter.escape(text))</w:t></w:r>"
    }

    func paragraph(_ text: String, style: String, extra: String = "", bold: Bool = false, size: Int? = nil) -> String {
        "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>\(extra)</w:pPr>\(run(text, bold: bold, size: size))</w:p>"
    }

    func render(_ block: Block, width: Int) -> String {
        switch block {
        case .title(let t):
            let lines = Self.titleLines(t, width: width).map { run($0) }
            return "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>" + lines.joined(separator: "<w:r><w:br/></w:r>") + "</w:p>"
        case .plain(let t): return paragraph(t, style: "Normal")
        case .heading1(let t): return paragraph(t, style: "Heading1")
        case .heading2(let t): return paragraph(t, style: "Heading2")
        case .paragraph(let t): return paragraph(t, style: "BodyText")
        case .right(let t): return paragraph(t, style: "Normal", extra: "<w:jc w:val=\"right\"/>")
        case .centered(let t): return paragraph(t, style: "Normal", extra: "<w:jc w:val=\"center\"/>")
        case .pageBreak: return "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        case .landscapePages: return ""
        case .splitTable(let header, let rows, let key):
            return Self.columnGroups(header: header, rows: rows, key: key, width: width).map { cols in
                render(.table(header: cols.map { header[$0] }, rows: rows.map { r in cols.map { $0 < r.count ? r[$0] : "" } }), width: width)
            }.joined()
        case .table(let header, let rows):
            // 小四 where the table fits, else 五号 (a 20-column ranking table on a landscape page).
            var need = Self.neededWidths(header: header, rows: rows)
            let small = need.reduce(0, +) > width
            if small { need = Self.neededWidths(header: header, rows: rows, unit: 105) }
            let size: Int? = small ? 21 : nil
            let widths = Self.columnWidths(need, total: width, unit: small ? 105 : 120)
            // Header rows repeat on every page; no row is split across two pages.
            func row(_ cells: [String], header: Bool) -> String {
                "<w:tr><w:trPr><w:cantSplit/>\(header ? "<w:tblHeader/>" : "")</w:trPr>" + cells.enumerated().map { i, c in
                    "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[min(i, widths.count - 1)])\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
                        + paragraph(c, style: "TableText", bold: header, size: size) + "</w:tc>"
                }.joined() + "</w:tr>"
            }
            let grid = "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            return "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr>\(grid)"
                + row(header, header: true) + rows.map { row($0, header: false) }.joined() + "</w:tbl><w:p/>"
        }
    }

    /// The width in twips each column needs to keep its cells on one line (a Chinese character
    /// counts two half-widths, a digit one; headers may wrap after four characters, long text after nine).
    /// `unit`: half a character in twips (120 for 小四, 105 for 五号).
    public static func neededWidths(header: [String], rows: [[String]], unit: Int = 120) -> [Int] {
        func span(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value < 0x2E80 ? 1 : 2) } }
        var need = header.map { min(span($0), 8) }
        // Cells up to nine characters stay on one line; longer text (a 结论 with its reason) wraps.
        for r in rows { for (i, c) in r.enumerated() where i < need.count { need[i] = max(need[i], min(span(c), 18)) } }
        // At least two characters; one more half-width for the space Word and LibreOffice put
        // between Chinese and Latin text; cell margins 2 × 60.
        return need.map { (max($0, 4) + 1) * unit + 130 }
    }

    /// The columns of each part of a split table: the `key` columns, then as many of the others
    /// as fit at 五号 without wrapping; one part when everything fits.
    public static func columnGroups(header: [String], rows: [[String]], key: Int, width: Int) -> [[Int]] {
        let need = neededWidths(header: header, rows: rows, unit: 105)
        let keyCols = Array(0..<min(key, header.count)), keyWidth = keyCols.reduce(0) { $0 + need[$1] }
        var groups: [[Int]] = [], current = keyCols, used = keyWidth
        for i in keyCols.count..<header.count {
            if used + need[i] > width, current.count > keyCols.count { groups.append(current); current = keyCols; used = keyWidth }
            current.append(i); used += need[i]
        }
        return groups + [current]
    }

    /// Column widths in twips that fill `total`: each column as wide as its longest cell (a
    /// Chinese character counts two, a digit one; headers may wrap after four characters), so
    /// numbers and short names never break; when the table is too wide, the widest columns give.
    /// `need`: `neededWidths` at `unit`.
    static func columnWidths(_ need: [Int], total: Int, unit: Int) -> [Int] {
        var widths = need
        let sum = need.reduce(0, +)
        if sum > total {
            // Shrink the wide columns down to a common cap until the table fits.
            var lo = 0, hi = need.max() ?? 0
            while lo < hi {
                let cap = (lo + hi + 1) / 2
                if need.reduce(0, { $0 + min($1, cap) }) <= total { lo = cap } else { hi = cap - 1 }
            }
            widths = need.map { min($0, max(lo, 4 * unit + 130)) }
        }
        let spare = total - widths.reduce(0, +)
        if spare > 0, !widths.isEmpty {
            // Share what is left in proportion, so the table spans the text block.
            let base = widths.reduce(0, +)
            widths = widths.map { $0 + spare * $0 / base }
        }
        return widths
    }
}
