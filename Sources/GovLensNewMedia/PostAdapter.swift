import Foundation
import GovLensCore

/// Turns one kind of source into posts. A platform that changes its export format touches one
/// adapter; the checks only ever see `Post`.
public protocol PostAdapter: Sendable {
    /// How reports name the adapter (`RSS/Atom`, `公众号文章列表导出`).
    var name: String { get }
    /// Whether this adapter reads the file (by name and first bytes), before trying it.
    func accepts(fileName: String, data: Data) -> Bool
    /// The posts of `data`; relative times are resolved against `asOf`. Throws with a Chinese reason.
    func posts(from data: Data, fileName: String, asOf: SimpleDate) throws(SourceError) -> [Post]
}

/// The adapters govlens ships, tried in order.
public enum PostAdapters {
    public static let all: [any PostAdapter] = [FeedAdapter(), ExportTableAdapter(), ExportJSONAdapter()]

    /// The posts of a source read by the first adapter that accepts it.
    public static func read(_ data: Data, fileName: String, asOf: SimpleDate,
                            adapters: [any PostAdapter] = all) throws(SourceError) -> (adapter: String, posts: [Post]) {
        guard !data.isEmpty else { throw SourceError("\(fileName) 是空文件") }
        guard let adapter = adapters.first(where: { $0.accepts(fileName: fileName, data: data) }) else {
            throw SourceError("\(fileName) 不是可识别的来源（应为 RSS/Atom 订阅或公众号文章列表导出 CSV/XLSX）")
        }
        return (adapter.name, try adapter.posts(from: data, fileName: fileName, asOf: asOf))
    }
}
