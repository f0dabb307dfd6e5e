import Foundation

/// Reads a site's 政务新媒体 column: each entry is a link or a QR-code picture whose text (anchor
/// text, alt text or caption) names a platform and an account — `微信公众号：青山发布`,
/// `青山发布（新浪微博）`, `“青山发布”抖音号二维码`. Pure text in, accounts out; the site scan feeds it
/// the page's links.
public enum SiteListing {
    /// Words that make a page a 政务新媒体 column (title, breadcrumb or heading).
    public static let columnWords = ["政务新媒体", "新媒体矩阵", "新媒体平台", "政务微博微信"]

    /// Platform words as sites print them, longest first so `微信公众号` wins over `微信`.
    static let platformWords: [(String, NewMediaPlatform)] = {
        var words: [(String, NewMediaPlatform)] = NewMediaPlatform.allCases.map { ($0.rawValue, $0) }
        words += NewMediaPlatform.aliases.map { ($0.key, $0.value) }
        words += [("微信号", .wechat), ("公众号", .wechat), ("微博", .weibo), ("抖音号", .douyin), ("快手号", .kuaishou),
                  ("今日头条号", .toutiao), ("客户端", .app)]
        return words.sorted { $0.0.count > $1.0.count }
    }()

    /// Decoration around a name on such pages.
    static let noise = ["二维码", "扫码关注", "扫一扫", "关注", "官方账号", "官方", "账号", "名称", "平台", "图片"]

    /// Whether a page titled `title` (or with this breadcrumb text) is a 政务新媒体 column.
    public static func isColumn(_ text: String) -> Bool { columnWords.contains { text.contains($0) } }

    /// The account one entry names, or nil when the text names no platform or no name remains.
    public static func account(text: String, url: String? = nil) -> SeenAccount? {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, let (word, platform) = platformWords.first(where: { t.contains($0.0) }) else { return nil }
        t = t.replacingOccurrences(of: word, with: " ")
        for n in noise { t = t.replacingOccurrences(of: n, with: " ") }
        let name = t.components(separatedBy: CharacterSet(charactersIn: " :：()（）[]【】“”\"'‘’「」《》@|·-—、,，。"))
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .max { $0.count < $1.count } ?? ""
        guard name.count >= 2 else { return nil }
        return SeenAccount(name: name, platform: platform, url: url)
    }

    /// The accounts a column's entries name, each once (a QR picture and its caption link often
    /// say the same account twice).
    public static func accounts(_ entries: [(text: String, url: String?)]) -> [SeenAccount] {
        var seen = Set<String>(), out: [SeenAccount] = []
        for e in entries {
            guard let a = account(text: e.text, url: e.url) else { continue }
            if seen.insert("\(a.platform?.rawValue ?? "")/\(NameSimilarity.key(a.name))").inserted { out.append(a) }
        }
        return out
    }

    /// Registered, running accounts the site's column does not list (matched as `unregistered`
    /// matches: address, 账号ID, then name on the same platform).
    public static func unlisted(_ register: [Account], seen: [SeenAccount]) -> [Account] {
        register.filter { a in
            a.status == .active && !seen.contains { s in
                if let u = s.url, let v = a.url, NameSimilarity.normalizedURL(u) == NameSimilarity.normalizedURL(v) { return true }
                if let h = s.handle, h == a.handle { return true }
                return NameSimilarity.key(s.name) == NameSimilarity.key(a.name) && (s.platform == nil || s.platform == a.platform)
            }
        }
    }
}
