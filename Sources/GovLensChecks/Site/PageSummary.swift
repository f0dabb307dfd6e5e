import GovLensCore
import Foundation
import GovLensCrawl
import GovLensHTML
import GovLensText

/// What the site model keeps of one crawled page: list entries with dates, the breadcrumb, the
/// pagination, and a fingerprint of its own text. Structure pages (homepage, 网站地图, the
/// 信息公开 platform, anything at depth ≤ 1) also keep their links. Small, so 20,000 pages fit.
struct PageSummary: Sendable {
    struct Link: Sendable {
        var url: String
        var text: String
        var region: PageRegion
        var heading: Bool
    }
    struct Item: Sendable {
        var url: String
        var title: String
        var date: ListDate?
    }
    struct Line: Sendable, Hashable {
        var hash: Int
        var characters: Int
    }

    var url: String
    var depth: Int
    var isHome: Bool
    var title: String?
    var columnName: String?
    var date: SimpleDate?
    var items: [Item]
    var crumbs: [Crumb]
    /// Further pages of the same list (下一页, 2, 3 … 尾页, index_1.html).
    var pagination: [String]
    /// Lines of text outside links, navigation and footer, for telling a blank page from a template.
    var lines: [Line]
    var blankPhrase: String?
    var scriptLoadsData: Bool
    var links: [Link]?
    var footer: String?
    var meta: [String: String]?

    static let maxLines = 40

    init(_ page: CrawledPage, rules: ColumnRules, keepLinks: Bool) {
        let model = page.page
        let base = model.baseHref.flatMap { try? WebURL(parsing: $0, relativeTo: page.url) } ?? page.url
        func resolve(_ raw: String, _ index: Int? = nil) -> String? {
            if let index, index < page.resolvedLinks.count { return page.resolvedLinks[index].map(SiteKey.of) }
            guard let u = try? WebURL(parsing: raw, relativeTo: base) else { return nil }
            return SiteKey.of(u)
        }
        url = SiteKey.of(page.url)
        depth = page.depth
        isHome = page.isHome
        title = model.title
        columnName = model.meta("ColumnName").flatMap { $0.isEmpty ? nil : $0 }
        date = page.date
        // An article's own lists (相关阅读) never make it a column: only other pages keep their entries.
        let article = page.date != nil && !page.isHome
        items = article ? [] : model.listItems.compactMap { i in
            resolve(i.url, i.linkIndex).map { Item(url: $0, title: i.title, date: i.date) }
        }
        crumbs = model.breadcrumb.map { c in Crumb(text: c.text, url: c.url.flatMap { resolve($0, c.linkIndex) }) }
        var pages: [String] = []
        for (i, l) in model.links.enumerated() where l.kind == .anchor && PageSummary.isPagerText(l.text) {
            if i < page.resolvedLinks.count, let u = page.resolvedLinks[i], Crawler.isPagination(u, from: page.url) {
                pages.append(SiteKey.of(u))
            }
        }
        pagination = pages
        let plain = model.plainText
        // Only a page without entries can be blank: the others need no text fingerprint.
        lines = !items.isEmpty || article ? [] : plain.split(separator: "\n").prefix(Self.maxLines).map { line in
            Line(hash: line.hashValue, characters: line.unicodeScalars.count { $0.value >= 0x3400 || $0.properties.isAlphabetic })
        }
        blankPhrase = rules.blankPhrases.first { UTF8Search.contains(plain, $0) }
        scriptLoadsData = model.scriptLoadsData
        if keepLinks || page.isHome {
            links = model.links.indices.compactMap { i in
                let l = model.links[i]
                guard l.kind == .anchor || l.kind == .area, let u = resolve(l.url, i) else { return nil }
                return Link(url: u, text: l.text, region: l.region, heading: l.heading)
            }
        }
        if page.isHome {
            footer = model.footerText.isEmpty ? model.text : model.footerText
            meta = model.meta
        }
    }

    static let pagerWords: Set<String> = ["下一页", "下页", "尾页", "末页", "上一页", "上页", "首页", ">", ">>", "»", "›"]

    static func isPagerText(_ text: String) -> Bool {
        // Link texts arrive trimmed and whitespace-collapsed from the parser.
        guard !text.isEmpty, text.utf8.count <= 12 else { return false }
        if text.utf8.count <= 4, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
        return pagerWords.contains(text)
    }
}

/// One key per page: `/col/` and `/col/index.html` are the same column, `#part` is the same page.
/// A page's identity in the site model: `/col/index.html` and `/col/` are one page.
public enum SiteKey {
    static let indexNames: Set<Substring> = ["index.html", "index.htm", "index.shtml", "default.html", "default.htm", "index.jsp", "index.php"]

    /// The key of a parsed URL.
    public static func of(_ url: WebURL) -> String {
        var path = Substring(url.path)
        if let slash = path.lastIndex(of: "/"), indexNames.contains(path[path.index(after: slash)...]) {
            path = path[...slash]
        }
        return url.origin + path + (url.query.map { "?" + $0 } ?? "")
    }

    /// The key of a URL string (the string itself when it does not parse).
    public static func of(_ raw: String) -> String {
        (try? WebURL(parsing: raw)).map(of) ?? raw
    }
}
