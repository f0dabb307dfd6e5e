import GovLensCore

extension CheckID {
    public static let annualReportArithmetic: CheckID = "annual-report.arithmetic"
    public static let annualReportTemplate: CheckID = "annual-report.template"
    public static let annualReportTextTable: CheckID = "annual-report.text-table"
    public static let annualReportSection: CheckID = "annual-report.section"
    public static let annualReportCopied: CheckID = "annual-report.copied"
    public static let annualReportCrossYear: CheckID = "annual-report.cross-year"
    public static let annualReportDeadline: CheckID = "annual-report.deadline"
    public static let annualReportAuthor: CheckID = "annual-report.author-name"
    public static let annualReportSiteCount: CheckID = "annual-report.site-count"
}

/// One problem of a report, cell by cell: which table, row and column, what the report states and
/// what it should be.
public struct AnnualReportFinding: Codable, Sendable, Hashable {
    public var check: CheckID
    public var severity: Severity
    /// What is wrong, in Chinese.
    public var message: String
    public var suggestion: String
    public var needsReview: Bool = false
    /// 表二, 表三, 表四, or nil for text findings.
    public var table: String?
    public var row: String?
    public var column: String?
    /// The figure the report prints (or states in its text).
    public var stated: Double?
    /// The figure the form's identity (or last year's report) gives.
    public var computed: Double?
    /// For text-table: the cell compared and its value.
    public var cell: String?
    public var value: Double?
    /// For copied: the share of the section and the passages.
    public var share: Double?
    public var passages: [String]?

    /// The general finding a site scan or scorer consumes (`page`: the report's address).
    public func finding(page: String) -> Finding {
        var f = Finding(check: check, severity: severity, page: page, column: column, evidence: message,
                        suggestion: suggestion, needsReview: needsReview,
                        subject: [table, row, column, cell].compactMap { $0 }.joined(separator: "/"))
        if f.subject?.isEmpty == true { f.subject = nil }
        return f
    }
}
