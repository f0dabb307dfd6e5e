import Foundation
import GovLensCore

/// A parsed 政府信息公开工作年度报告: its six sections and tables 2, 3 and 4 with the form's row and
/// column names and every number, so that a person can verify the parse against the document.
public struct AnnualReport: Codable, Sendable {
    /// The file or page the report came from.
    public var source: String
    /// How it was read: `pdf-layout` (positions of the PDF's words) or `text` (a page, DOCX or text).
    public var readAs: String
    /// The form it follows: "2021" or the superseded "2019".
    public var format: String
    public var title: String?
    /// The year reported on (from the title), when found.
    public var year: Int?
    /// The publication date, when the page or the PDF says it.
    public var publishedOn: SimpleDate?
    /// The PDF's author field; masked when it is a personal name (itself a finding).
    public var authorField: String?
    public var authorIsPersonalName: Bool?
    public var sections: [Section]
    public var table2: [Table2Cell]
    public var table3: Table3
    public var table4: [Table4Cell]
    /// What the parser could not do cleanly (a table cut off, digits that run together), in Chinese.
    public var notes: [String]
    /// The whole text, for the text checks (not written to JSON: the sections carry it).
    public var text: String

    enum CodingKeys: String, CodingKey {
        case source, readAs, format, title, year, publishedOn, authorField, authorIsPersonalName, sections, table2, table3, table4, notes
    }

    public init(source: String, readAs: String, format: String = "2021", text: String) {
        self.source = source; self.readAs = readAs; self.format = format; self.text = text
        sections = []; table2 = []; table3 = Table3(columns: [], rows: []); table4 = []; notes = []
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        readAs = try c.decode(String.self, forKey: .readAs)
        format = try c.decode(String.self, forKey: .format)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        publishedOn = try c.decodeIfPresent(SimpleDate.self, forKey: .publishedOn)
        authorField = try c.decodeIfPresent(String.self, forKey: .authorField)
        authorIsPersonalName = try c.decodeIfPresent(Bool.self, forKey: .authorIsPersonalName)
        sections = try c.decode([Section].self, forKey: .sections)
        table2 = try c.decode([Table2Cell].self, forKey: .table2)
        table3 = try c.decode(Table3.self, forKey: .table3)
        table4 = try c.decode([Table4Cell].self, forKey: .table4)
        notes = try c.decode([String].self, forKey: .notes)
        text = sections.map { $0.heading + "\n" + $0.text }.joined(separator: "\n")
    }

    /// One of the six sections, by its number (一 … 六), with the heading as printed.
    public struct Section: Codable, Sendable, Hashable {
        public var number: String
        public var heading: String
        public var text: String
    }

    /// One number of table 2.
    public struct Table2Cell: Codable, Sendable, Hashable {
        public var block: String
        public var row: String
        public var column: String
        public var value: Double?
        /// The row name as printed, when it differs from the form's.
        public var printedRow: String?
        /// The column name as printed, when it differs from the form's.
        public var printedColumn: String?
    }

    /// Table 3: the applicant columns and one entry per printed row.
    public struct Table3: Codable, Sendable {
        public var columns: [String]
        public var rows: [Table3Row]
        /// The column names as printed (whitespace removed), in order.
        public var printedColumns: [String]?

        /// The row with this key (一, 三(三)2 …).
        public func row(_ key: String) -> Table3Row? { rows.first { $0.key == key } }
        /// The value at row `key`, column `column`.
        public func value(_ key: String, _ column: String) -> Int? {
            guard let c = columns.firstIndex(of: column), let r = row(key), c < r.values.count else { return nil }
            return r.values[c]
        }
    }

    public struct Table3Row: Codable, Sendable, Hashable {
        /// The form's key: 一, 二, 三(一) … 三(七), 四.
        public var key: String
        /// The form's label.
        public var label: String
        /// The label as printed (line wrapping joined).
        public var printed: String
        /// One value per column; nil where the cell is empty or could not be read.
        public var values: [Int?]
    }

    /// One number of table 4: block (行政复议, 行政诉讼/未经复议直接起诉, 行政诉讼/复议后起诉) and column.
    public struct Table4Cell: Codable, Sendable, Hashable {
        public var block: String
        public var column: String
        public var value: Int?
    }

    /// A table 2 value.
    public func table2Value(row: String, column: String) -> Double? {
        table2.first { $0.row == row && $0.column == column }?.value
    }

    /// A table 4 value.
    public func table4Value(block: String, column: String) -> Int? {
        table4.first { $0.block == block && $0.column == column }?.value
    }

    /// The section numbered `number`.
    public func section(_ number: String) -> Section? { sections.first { $0.number == number } }
}

/// Why a file could not be checked as an annual report. The file is then reported with
/// `checked: false`, never as clean.
public enum AnnualReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case imageOnly
    case encrypted
    case notReadable(String)
    case notAReport

    /// Chinese, for the report.
    public var description: String {
        switch self {
        case .imageOnly: "无法读取：仅含图片（扫描件），没有文字层，需人工核对"
        case .encrypted: "无法读取：文件已加密"
        case let .notReadable(why): "无法读取：\(why)"
        case .notAReport: "不是政府信息公开工作年度报告：未找到年度报告的章节和表格"
        }
    }

    /// A short class for JSON.
    public var code: String {
        switch self {
        case .imageOnly: "image-only"
        case .encrypted: "encrypted"
        case .notReadable: "unreadable"
        case .notAReport: "not-a-report"
        }
    }
}

extension AnnualReport {
    /// Records a document's author field, masked when it is a personal name (itself a finding).
    public mutating func setAuthor(_ author: String) {
        guard !author.isEmpty else { return }
        let personal = AuthorCheck.isPersonalName(author)
        authorIsPersonalName = personal
        authorField = personal ? AuthorCheck.masked(author) : author
    }
}
