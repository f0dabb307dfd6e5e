import Foundation
import Yams

/// The fixed form of the annual report (国办公开办函〔2021〕30号, and the superseded 2019 form) and
/// the checks' defaults, read from `Resources/template.yaml`: the values live in data, not in code.
public struct AnnualReportTemplate: Codable, Sendable {
    /// One edition of the form.
    public struct Format: Codable, Sendable {
        public var id: String
        public var basis: String
        public var sections: [String]
        public var table2: [Table2Block]
        public var table3: Table3
        public var table4: Table4
        public var identities: [Identity]

        /// Table 3's row key for a printed or template label, if the label is a row of this form.
        public func table3Row(_ key: String) -> Table3Row? { table3.rows.first { $0.key == key } }
    }

    /// A block of table 2 (第二十条第（一）项 …) with its rows and columns.
    public struct Table2Block: Codable, Sendable {
        public var block: String
        public var columns: [String]
        public var rows: [String]
    }

    /// One row of table 3: its stable key (一, 三(三)2 …) and the form's label.
    public struct Table3Row: Codable, Sendable, Hashable {
        public var key: String
        public var label: String
        public init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            key = try c.decode(String.self); label = try c.decode(String.self)
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(key); try c.encode(label)
        }
    }

    public struct Table3: Codable, Sendable {
        public var columns: [String]
        /// Headings spanning several rows, without numbers of their own.
        public var groups: [String]
        public var rows: [Table3Row]
        /// Rows of the superseded form: a template finding when printed in a report of this form.
        public var superseded: [Table3Row]
    }

    public struct Table4: Codable, Sendable {
        public var blocks: [String]
        public var columns: [String]
    }

    /// `left = right`, each side a sum of cells, repeated per row, column or block (see the YAML).
    public struct Identity: Codable, Sendable {
        public enum Each: String, Codable, Sendable { case row, column, block }
        public var id: String
        public var table: Int
        public var each: Each
        public var left: [String]
        public var right: [String]
        public var title: String
    }

    /// A sentence of the text that states a table cell (受理申请 N 件 …).
    public struct Statement: Codable, Sendable {
        public var name: String
        public var pattern: String
        public var table: Int
        public var row: String
        public var column: String
    }

    public struct Thresholds: Codable, Sendable {
        public var copyRun: Int
        public var copyShare: Double
        public var copyShareOverview: Double
        /// annual-report.site-count: a finding when the site lists fewer 规范性文件 than this share
        /// of the 现行有效 figure of table 2.
        public var siteCountShare: Double
    }

    public struct MonthDay: Codable, Sendable {
        public var month: Int
        public var day: Int
    }

    public var formats: [Format]
    public var statements: [Statement]
    public var thresholds: Thresholds
    public var deadlines: [String: MonthDay]

    /// The current form (2021).
    public var current: Format { formats[0] }
    /// A form by its ID ("2021", "2019").
    public func format(_ id: String) -> Format? { formats.first { $0.id == id } }

    /// The template shipped in the module's resources.
    public static func bundled() throws -> AnnualReportTemplate {
        guard let url = Bundle.module.url(forResource: "template", withExtension: "yaml", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "template", withExtension: "yaml")
        else { throw AnnualReportError.notReadable("年度报告模板文件缺失") }
        return try load(String(contentsOf: url, encoding: .utf8))
    }

    /// A template from YAML text (tests, or a rule book's override).
    public static func load(_ yaml: String) throws -> AnnualReportTemplate {
        try YAMLDecoder().decode(AnnualReportTemplate.self, from: yaml)
    }

    /// The shipped template, loaded once; a broken resource is a build error, caught by the tests.
    public static let standard: AnnualReportTemplate = {
        do { return try bundled() } catch { fatalError("template.yaml: \(error)") }
    }()
}
