import GovLensCore
import GovLensText
/// What the checks need from one HTML page; the parse tree is freed once this is built.
public struct PageModel: Sendable {
    public var title: String?
    /// `<base href>`, which relative links resolve against.
    public var baseHref: String?
    public var links: [RawLink]
    /// `<meta name|http-equiv|property>` → content, keys lower-cased (first occurrence wins).
    public var meta: [String: String]
    /// Visible text, one block per line (script, style and noscript excluded).
    public var text: String
    /// Visible text of the footer (页脚: 网站标识码, ICP, 公安备案, copyright, visit counter).
    public var footerText = ""
    /// Visible text without the footer, where an article's own date is looked for.
    public var textOutsideFooter: String?
    /// Visible text outside links, navigation, breadcrumb and footer (capped at 512 KiB): the
    /// prose a person wrote, which spelling judges, and what a column page says besides its list
    /// (暂无信息).
    public var plainText = ""
    /// List entries of the main content: a link with the date shown beside it, if any.
    public var listItems: [ListItem] = []
    /// The 当前位置 trail, 首页 first; the last entry may have no link (the current page).
    public var breadcrumb: [Crumb] = []
    /// An inline or linked script fetches data (ajax, fetch, JSON): the list may be rendered by script.
    public var scriptLoadsData = false
    /// URLs (as written) that the page's inline scripts load their data from, at most five.
    public var dataEndpoints: [String] = []

    /// A model with the given basics and every other field empty; the parser fills in the rest.
    public init(title: String? = nil, baseHref: String? = nil, links: [RawLink] = [],
                meta: [String: String] = [:], text: String = "")
    {
        self.title = title; self.baseHref = baseHref; self.links = links; self.meta = meta; self.text = text
    }

    /// Government meta tags (SiteName, SiteIDCode, ColumnName, ArticleTitle, PubDate …).
    public func meta(_ name: String) -> String? { meta[name.lowercased()] }

    /// Meta tags that carry an article's publication date (gov.cn uses `firstpublishedtime`).
    public static let dateMetaNames = ["PubDate", "firstpublishedtime", "publishdate", "pubtime"]

    /// The article's publication date: a date meta tag, else a labelled date (发布时间：, 发布日期：,
    /// 日期：, 成文日期 …) in the text outside the footer.
    public var publicationDate: SimpleDate? {
        for name in Self.dateMetaNames {
            if let d = meta(name).flatMap(ChineseDate.parse) { return d }
        }
        return ChineseDate.labelled(in: textOutsideFooter ?? text)
    }
}

/// Where on the page a link sits.
public enum PageRegion: String, Sendable, Codable {
    case main, navigation, breadcrumb, footer
}

/// One entry of a list page (or a homepage block).
public struct ListItem: Sendable, Hashable {
    public var url: String
    public var title: String
    public var date: ListDate?
    /// The entry's link in `links` (so a caller that resolved the links need not resolve it again).
    public var linkIndex: Int?
    /// An entry with its link as written, its title and the date shown beside it.
    public init(url: String, title: String, date: ListDate?, linkIndex: Int? = nil) {
        self.url = url; self.title = title; self.date = date; self.linkIndex = linkIndex
    }
}

/// One step of a breadcrumb trail.
public struct Crumb: Sendable, Hashable {
    public var text: String
    public var url: String?
    /// The step's link in `links`, when it has one.
    public var linkIndex: Int?
    /// A step with its text and, unless it is the current page, its link.
    public init(text: String, url: String?, linkIndex: Int? = nil) { self.text = text; self.url = url; self.linkIndex = linkIndex }

    /// Equal when text and URL match; the link index is ignored.
    public static func == (a: Crumb, b: Crumb) -> Bool { a.text == b.text && a.url == b.url }
    /// Hashes text and URL only, consistent with `==`.
    public func hash(into h: inout Hasher) { h.combine(text); h.combine(url) }
}

/// A URL as written in the page, before resolution.
public struct RawLink: Sendable, Hashable {
    public var url: String
    public var kind: LinkKind
    /// Anchor text or alt text, trimmed and shortened, to find the link on the page.
    public var text: String
    public var region: PageRegion
    /// Inside a heading (h1–h6, dt, strong, b, th): a group title on a 网站地图 page.
    public var heading: Bool
    /// A link as found: its URL as written, the element kind, anchor text, page region and heading flag.
    public init(url: String, kind: LinkKind, text: String = "", region: PageRegion = .main, heading: Bool = false) {
        self.url = url; self.kind = kind; self.text = text; self.region = region; self.heading = heading
    }
}

/// The element a link came from (`<a>`, `<area>`, `<img>`, `<script>`, …), which decides how it is checked.
public enum LinkKind: String, Sendable, Codable {
    case anchor, area, image, script, stylesheet, iframe, frame, embed, media

    /// Whether following the link can lead to more pages of the site.
    public var isNavigation: Bool { self == .anchor || self == .area || self == .iframe || self == .frame }
}

/// Attachment links the indicators count: documents and archives published for download.
public enum Attachment {
    public static let extensions: Set<String> = [
        "pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ofd", "zip", "rar", "7z", "ppt", "pptx", "txt", "csv",
    ]

    /// The attachment extension of a URL's path, if it has one.
    public static func fileExtension(ofPath path: Substring) -> String? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let ext = path[path.index(after: dot)...].lowercased()
        return extensions.contains(ext) ? ext : nil
    }

    /// Whether a URL (query and fragment ignored) points to a downloadable attachment by its extension.
    public static func isAttachment(url: String) -> Bool {
        var s = Substring(url)
        if let q = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s = s[..<q] }
        return fileExtension(ofPath: s) != nil
    }
}
