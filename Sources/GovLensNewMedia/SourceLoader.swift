import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GovLensCore

/// Finds and reads each account's source: a file in the sources directory named after the account
/// (`微信公众号-青山发布.csv`, `青山发布.xml` or `<账号ID>.xml`), else the register's address when it is
/// a feed. Whatever fails becomes the account's reason for being 未检查.
public struct SourceLoader: Sendable {
    public var directory: URL?
    public var adapters: [any PostAdapter]
    /// Fetch register addresses that look like feeds (off in tests: no network).
    public var fetchFeeds: Bool
    public var timeout: TimeInterval = 20

    public init(directory: URL?, adapters: [any PostAdapter] = PostAdapters.all, fetchFeeds: Bool = true) {
        self.directory = directory; self.adapters = adapters; self.fetchFeeds = fetchFeeds
    }

    static let extensions = ["xml", "rss", "atom", "csv", "tsv", "xlsx", "json"]

    /// The file names looked for, most specific first.
    public static func candidateNames(_ a: Account) -> [String] {
        var bases = ["\(a.platform.rawValue)-\(a.name)", "\(a.platform.rawValue)_\(a.name)", a.name]
        if let h = a.handle { bases.append(h) }
        return bases.flatMap { b in extensions.map { "\(b).\($0)" } }
    }

    /// Posts for every account, in register order.
    public func load(_ accounts: [Account], asOf: SimpleDate) async -> [AccountPosts] {
        var out: [AccountPosts] = []
        for a in accounts { out.append(await load(a, asOf: asOf)) }
        return out
    }

    public func load(_ account: Account, asOf: SimpleDate) async -> AccountPosts {
        var result = AccountPosts(account: account)
        let fm = FileManager.default
        if let directory, let file = Self.candidateNames(account).lazy.map({ directory.appendingPathComponent($0) })
            .first(where: { fm.fileExists(atPath: $0.path) }) {
            result.source = file.path
            guard let data = try? Data(contentsOf: file) else { result.error = "无法读取 \(file.lastPathComponent)"; return result }
            return read(data, name: file.lastPathComponent, into: result, asOf: asOf)
        }
        if let s = account.url, Self.looksLikeFeed(s) {
            result.source = s
            if let local = URL(string: s), local.isFileURL || !s.contains("://") {
                let path = local.isFileURL ? local.path : s
                guard let data = fm.contents(atPath: path) else { result.error = "订阅文件 \(path) 不存在"; return result }
                return read(data, name: (path as NSString).lastPathComponent, into: result, asOf: asOf)
            }
            guard fetchFeeds, let url = URL(string: s) else { result.error = "未获取订阅地址 \(s)（未开启联网读取）"; return result }
            do {
                var request = URLRequest(url: url, timeoutInterval: timeout)
                request.setValue("govlens (政务新媒体检查)", forHTTPHeaderField: "User-Agent")
                let (data, response) = try await URLSession.shared.data(for: request)
                if let http = response as? HTTPURLResponse, http.statusCode != 200 {
                    result.error = "订阅地址返回 HTTP \(http.statusCode)"; return result
                }
                return read(data, name: url.lastPathComponent.isEmpty ? s : url.lastPathComponent, into: result, asOf: asOf, feed: true)
            } catch {
                result.error = "无法获取订阅地址 \(s)：\(error.localizedDescription)"; return result
            }
        }
        result.error = directory == nil
            ? "没有内容来源：登记表中没有订阅地址，也未给出 --sources 目录"
            : "没有内容来源：--sources 目录中没有 \(account.name).xml/.csv 等文件，登记表中也没有订阅地址"
        return result
    }

    static func looksLikeFeed(_ s: String) -> Bool {
        let l = s.lowercased()
        return ["rss", "atom", "feed", ".xml"].contains { l.contains($0) }
    }

    func read(_ data: Data, name: String, into r: AccountPosts, asOf: SimpleDate, feed: Bool = false) -> AccountPosts {
        var r = r
        do {
            let chosen: [any PostAdapter] = feed ? adapters.filter { $0 is FeedAdapter } : adapters
            let (adapter, posts) = try PostAdapters.read(data, fileName: name, asOf: asOf, adapters: chosen)
            r.adapter = adapter; r.posts = posts.sorted { $0.time < $1.time }
        } catch { r.error = error.description }
        return r
    }
}
