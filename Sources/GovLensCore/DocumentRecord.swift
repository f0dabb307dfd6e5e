/// One policy document of a scanned site (`documents[]` in the scan JSON): a page that carries the
/// 信息公开 metadata table, or the same facts in its text (文号 under the title, 成文日期 at the end).
/// Only these facts are kept, never the page body.
public struct DocumentRecord: Codable, Sendable, Equatable {
    public var url: String
    public var title: String?
    /// 索引号.
    public var indexNumber: String?
    /// 发文机关.
    public var issuer: String?
    /// 发文字号 as printed (〔〕, [], () or 【】).
    public var docNumber: String?
    /// 成文日期 (yyyy-MM-dd).
    public var writtenDate: String?
    /// 发布日期 (yyyy-MM-dd).
    public var publishedDate: String?
    /// 主题分类.
    public var subject: String?
    /// 有效, 失效, 废止 or 未标注.
    public var validity: String
    /// A 行政规范性文件: by its column, by its 文号, or by a 规范性文件 marking on the page.
    public var normative: Bool
    /// Why it counts as 规范性文件: `column`, `docNumber` or `marking` (nil when it does not).
    public var normativeBy: String?
    /// The column that lists it (its breadcrumb or ColumnName).
    public var column: String?
    /// URLs of its 政策解读 (linked either way or matched by title).
    public var interpretations: [String]
    /// URLs of its attachments.
    public var attachments: [String]

    /// A record with every field; empty lists when it has no 解读 or attachments.
    public init(url: String, title: String?, indexNumber: String?, issuer: String?, docNumber: String?,
                writtenDate: String?, publishedDate: String?, subject: String?, validity: String, normative: Bool,
                normativeBy: String?, column: String?, interpretations: [String] = [], attachments: [String] = [])
    {
        self.url = url; self.title = title; self.indexNumber = indexNumber; self.issuer = issuer
        self.docNumber = docNumber; self.writtenDate = writtenDate; self.publishedDate = publishedDate
        self.subject = subject; self.validity = validity; self.normative = normative; self.normativeBy = normativeBy
        self.column = column; self.interpretations = interpretations; self.attachments = attachments
    }
}

/// Counts of documents and 解读 for one period (this quarter, this year), which the 年报 and the
/// provincial indicators compare with their tables.
public struct DocumentPeriodCount: Codable, Sendable, Equatable {
    /// `2023` or `2023Q2`.
    public var period: String
    public var start: String
    public var end: String
    /// Documents published in the period (by 发布日期).
    public var documents: Int
    /// 规范性文件 among them.
    public var normative: Int
    /// 解读 published in the period.
    public var interpretations: Int
    /// 解读 by form: 文字, 图解, 视频, H5, 新闻发布会, 在线访谈.
    public var interpretationForms: [String: Int]

    /// A period's counts.
    public init(period: String, start: String, end: String, documents: Int, normative: Int, interpretations: Int,
                interpretationForms: [String: Int])
    {
        self.period = period; self.start = start; self.end = end; self.documents = documents
        self.normative = normative; self.interpretations = interpretations; self.interpretationForms = interpretationForms
    }
}
