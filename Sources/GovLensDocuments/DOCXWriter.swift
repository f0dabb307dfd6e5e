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
        case table(header: [String], rows: [[String]])
        case pageBreak
    }

    public var title: String
    public var blocks: [Block] = []
    /// An empty document; `title` goes into the file's properties (add a `.title` block to print it).
    public init(title: String) { self.title = title }

    /// Appends a block after the ones already added.
    public mutating func add(_ b: Block) { blocks.append(b) }

    /// Renders the document as the bytes of a `.docx` file (package, styles and body).
    public func data() throws -> Data {
        let body = blocks.map(render).joined()
        // A4 11906×16838 twips; top 37 mm = 2098, bottom 35 mm = 1984, left 28 mm = 1588, right 26 mm = 1474.
        let section = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>"
        let document = OOXMLWriter.xmlHeader + "<w:document xmlns:w=\"\(ns)\"><w:body>\(body)\(section)</w:body></w:document>"
        return try OOXMLWriter.package([
            ("[Content_Types].xml", OOXMLWriter.xmlHeader + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>"),
            ("_rels/.rels", OOXMLWriter.xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>"),
            ("docProps/core.xml", OOXMLWriter.xmlHeader + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>\(OOXMLWriter.escape(title))</dc:title><dc:creator>govlens</dc:creator></cp:coreProperties>"),
            ("word/_rels/document.xml.rels", OOXMLWriter.xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"),
            ("word/styles.xml", DOCXDocument.styles),
            ("word/document.xml", document),
        ])
    }

    let ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

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

    func run(_ text: String, bold: Bool = false) -> String {
        let props = bold ? "<w:rPr><w:b/></w:rPr>" : ""
        return "<w:r>\(props)<w:t xml:space=\"preserve\">\(OOXMLWriter.escape(text))</w:t></w:r>"
    }

    func paragraph(_ text: String, style: String, extra: String = "", bold: Bool = false) -> String {
        "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>\(extra)</w:pPr>\(run(text, bold: bold))</w:p>"
    }

    func render(_ block: Block) -> String {
        switch block {
        case .title(let t): return paragraph(t, style: "Title")
        case .plain(let t): return paragraph(t, style: "Normal")
        case .heading1(let t): return paragraph(t, style: "Heading1")
        case .heading2(let t): return paragraph(t, style: "Heading2")
        case .paragraph(let t): return paragraph(t, style: "BodyText")
        case .right(let t): return paragraph(t, style: "Normal", extra: "<w:jc w:val=\"right\"/>")
        case .pageBreak: return "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        case .table(let header, let rows):
            func row(_ cells: [String], header: Bool) -> String {
                let repeatHeader = header ? "<w:trPr><w:tblHeader/></w:trPr>" : ""
                return "<w:tr>\(repeatHeader)" + cells.map { c in
                    "<w:tc><w:tcPr><w:vAlign w:val=\"center\"/></w:tcPr>\(paragraph(c, style: "TableText", bold: header))</w:tc>"
                }.joined() + "</w:tr>"
            }
            let grid = "<w:tblGrid>" + header.map { _ in "<w:gridCol/>" }.joined() + "</w:tblGrid>"
            return "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:jc w:val=\"center\"/><w:tblLayout w:type=\"autofit\"/></w:tblPr>\(grid)"
                + row(header, header: true) + rows.map { row($0, header: false) }.joined() + "</w:tbl><w:p/>"
        }
    }
}
