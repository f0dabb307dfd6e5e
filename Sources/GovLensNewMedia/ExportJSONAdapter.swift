import Foundation
import GovLensCore
import GovLensDocuments

/// The same article list as JSON — an array of objects, or `{"articles": [...]}` / `{"list": [...]}`
/// — with the CSV's column names or `publish_time`, `title`, `url`, `content`/`digest`,
/// `comment_enabled`, `reply_times` (a string or an array) as keys. Values become table cells and
/// go through `ExportTableAdapter`, so both shapes read dates and flags the same way.
public struct ExportJSONAdapter: PostAdapter {
    public init() {}
    public var name: String { "文章列表导出（JSON）" }

    public func accepts(fileName: String, data: Data) -> Bool { fileName.lowercased().hasSuffix(".json") }

    public func posts(from data: Data, fileName: String, asOf: SimpleDate) throws(SourceError) -> [Post] {
        guard let root = try? JSONSerialization.jsonObject(with: data) else {
            throw SourceError("\(fileName) 不是有效的 JSON（文件不完整或编码错误）")
        }
        let dict = root as? [String: Any]
        guard let items = (root as? [Any]) ?? (dict?["articles"] as? [Any]) ?? (dict?["list"] as? [Any]) ?? (dict?["items"] as? [Any]) else {
            throw SourceError("\(fileName) 中没有文章列表（应为数组，或含 articles/list 数组的对象）")
        }
        let objects = items.compactMap { $0 as? [String: Any] }
        var header: [String] = []
        for o in objects { for k in o.keys.sorted() where !header.contains(k) { header.append(k) } }
        guard !header.isEmpty else { return [] }
        // As CSV text, so the table reader's rules (trimming, header matching) apply unchanged.
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var csv = header.map(quoted).joined(separator: ",") + "\n"
        for o in objects { csv += header.map { quoted(Self.cell(o[$0])) }.joined(separator: ",") + "\n" }
        let table: DataTable
        do { table = try TableReader.csv(Data(csv.utf8), file: fileName) } catch { throw SourceError(error.description) }
        return try ExportTableAdapter().posts(from: table, fileName: fileName, asOf: asOf)
    }

    static func cell(_ v: Any?) -> String {
        switch v {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue  // booleans read as true/false or 1/0: both are flags
        case let b as Bool: return b ? "是" : "否"
        case let a as [Any]: return a.map { cell($0) }.joined(separator: ";")
        default: return ""
        }
    }
}
