import Foundation
import GovLensCore
import GovLensDocuments

/// A platform's published-article list saved as CSV (UTF-8 or GBK) or XLSX — the shape the
/// 公众号 back office's 已发表 list gives when copied out, and what most vendors' exports share:
///
/// | column | required | content |
/// |---|---|---|
/// | 发布时间 | yes | `2024-05-03 10:00`, `2024年5月3日`, `昨天 12:30`, `3天前`, Unix seconds |
/// | 标题 | yes | the post's title |
/// | 链接 | no | the post's address |
/// | 正文 (or 摘要) | no | its text (the text checks read title and text) |
/// | 留言 (or 评论, 互动) | no | 开启/是/已开启 or 关闭/否/未开启: whether 留言/评论 is offered |
/// | 回复时间 | no | times the account answered, separated by `;` or `；` |
public struct ExportTableAdapter: PostAdapter {
    public init() {}
    public var name: String { "文章列表导出（CSV/XLSX）" }

    static let timeColumns = ["发布时间", "发表时间", "发布日期", "时间", "publish_time", "create_time"]
    static let titleColumns = ["标题", "文章标题", "title"]
    static let urlColumns = ["链接", "文章链接", "URL", "url"]
    static let textColumns = ["正文", "内容", "摘要", "content", "digest"]
    static let interactionColumns = ["留言", "评论", "互动", "留言功能", "评论功能", "comment_enabled"]
    static let replyColumns = ["回复时间", "作者回复时间", "reply_times"]

    public func accepts(fileName: String, data: Data) -> Bool {
        let n = fileName.lowercased()
        return n.hasSuffix(".csv") || n.hasSuffix(".tsv") || n.hasSuffix(".xlsx")
    }

    public func posts(from data: Data, fileName: String, asOf: SimpleDate) throws(SourceError) -> [Post] {
        let table: DataTable
        do {
            table = fileName.lowercased().hasSuffix(".xlsx") ? try TableReader.xlsx(data, file: fileName) : try TableReader.csv(data, file: fileName)
        } catch { throw SourceError(error.description) }
        return try posts(from: table, fileName: fileName, asOf: asOf)
    }

    /// The posts of a table already read (the JSON export goes through here too).
    func posts(from table: DataTable, fileName: String, asOf: SimpleDate) throws(SourceError) -> [Post] {
        var missing: [String] = []
        let timeCol = table.column(Self.timeColumns), titleCol = table.column(Self.titleColumns)
        if timeCol == nil { missing.append("发布时间") }
        if titleCol == nil { missing.append("标题") }
        guard let timeCol, let titleCol else {
            throw SourceError("\(fileName) 缺少列：\(missing.joined(separator: "、"))（现有列：\(table.header.joined(separator: "、"))）")
        }
        let urlCol = table.column(Self.urlColumns), textCol = table.column(Self.textColumns)
        let interactionCol = table.column(Self.interactionColumns), replyCol = table.column(Self.replyColumns)
        var posts: [Post] = []
        for row in table.rows {
            let raw = row[timeCol]
            guard let time = PostTime.parse(raw, asOf: asOf) else {
                throw SourceError("\(table.place(row: row.number, column: timeCol)) 发布时间“\(raw)”无法识别")
            }
            var post = Post(time: time, title: row[titleCol])
            if let c = urlCol, !row[c].isEmpty { post.url = row[c] }
            if let c = textCol { post.text = row[c] }
            if let c = interactionCol { post.interaction = Self.flag(row[c]) }
            if let c = replyCol {
                post.replies = row[c].split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "|" })
                    .compactMap { PostTime.parse(String($0), asOf: asOf) }.sorted()
            }
            posts.append(post)
        }
        return posts
    }

    /// 开启/是/有 → true, 关闭/否/无 → false, anything else → not said.
    static func flag(_ s: String) -> Bool? {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        if ["开启", "已开启", "是", "有", "开", "true", "1", "y", "yes"].contains(t) { return true }
        if ["关闭", "已关闭", "未开启", "否", "无", "关", "false", "0", "n", "no"].contains(t) { return false }
        return nil
    }
}
