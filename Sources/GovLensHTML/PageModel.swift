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

    public init(title: String? = nil, baseHref: String? = nil, links: [RawLink] = [],
                meta: [String: String] = [:], text: String = "")
    {
        self.title = title; self.baseHref = baseHref; self.links = links; self.meta = meta; self.text = text
    }

    /// Government meta tags (SiteName, SiteIDCode, ColumnName, ArticleTitle, PubDate …).
    public func meta(_ name: String) -> String? { meta[name.lowercased()] }

    /// The article's publication date: `<meta name="PubDate">`, else a labelled date in the text.
    public var publicationDate: SimpleDate? {
        meta("PubDate").flatMap(ChineseDate.parse) ?? ChineseDate.labelled(in: text)
    }
}

/// A URL as written in the page, before resolution.
public struct RawLink: Sendable, Hashable {
    public var url: String
    public var kind: LinkKind
    /// Anchor text or alt text, trimmed and shortened, to find the link on the page.
    public var text: String
    public init(url: String, kind: LinkKind, text: String = "") {
        self.url = url; self.kind = kind; self.text = text
    }
}

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

    public static func isAttachment(url: String) -> Bool {
        var s = Substring(url)
        if let q = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s = s[..<q] }
        return fileExtension(ofPath: s) != nil
    }
}
