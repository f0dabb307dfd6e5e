import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GovLensCore
import GovLensText

/// RSS 2.0 and Atom feeds: one post per `item` / `entry`. A comments element (`comments`,
/// `slash:comments`, `wfw:commentRss`) means the item offers 评论; without one the feed does not say.
public struct FeedAdapter: PostAdapter {
    public init() {}
    public var name: String { "RSS/Atom" }

    public func accepts(fileName: String, data: Data) -> Bool {
        let head = String(decoding: data.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<rss") || head.contains("<feed") || head.contains("<?xml")
            || [".xml", ".rss", ".atom"].contains { fileName.lowercased().hasSuffix($0) }
    }

    public func posts(from data: Data, fileName: String, asOf: SimpleDate) throws(SourceError) -> [Post] {
        let utf8 = try Self.utf8(data, fileName: fileName)
        let parser = XMLParser(data: utf8)
        let reader = FeedReader()
        parser.delegate = reader
        // libxml2's push parser may accept a file cut mid-element: the root must have closed too.
        guard parser.parse(), reader.closed else {
            let line = parser.lineNumber
            throw SourceError("\(fileName) 第\(line)行 XML 无法解析（文件不完整或格式错误）")
        }
        guard reader.isFeed else { throw SourceError("\(fileName) 不是 RSS 或 Atom 订阅（根元素为 \(reader.root ?? "空")）") }
        var posts: [Post] = []
        for (n, item) in reader.items.enumerated() {
            guard let raw = item.date else { throw SourceError("\(fileName) 第\(n + 1)条内容没有发布时间") }
            guard let time = PostTime.parse(raw, asOf: asOf) else { throw SourceError("\(fileName) 第\(n + 1)条内容的发布时间“\(raw)”无法识别") }
            posts.append(Post(time: time, title: item.title, url: item.link, text: Self.plain(item.text),
                              interaction: item.comments ? true : nil))
        }
        return posts
    }

    /// The feed as UTF-8. A feed that declares GBK/GB2312/GB18030 is decoded here (the XML parser
    /// may lack those); a feed that claims UTF-8 but is not is refused with its cause, not misread.
    static func utf8(_ data: Data, fileName: String) throws(SourceError) -> Data {
        let head = String(decoding: data.prefix(200), as: UTF8.self).lowercased()
        if let r = head.range(of: #"encoding=["']([a-z0-9_-]+)["']"#, options: .regularExpression) {
            let label = head[r].dropFirst(10).dropLast().lowercased()
            if label.hasPrefix("gb") {
                let text = Charset.decode(data, contentType: "text/xml; charset=\(label)").text
                return Data(text.replacingOccurrences(of: String(head[r]), with: "encoding=\"utf-8\"", options: .caseInsensitive).utf8)
            }
        }
        guard String(data: data, encoding: .utf8) != nil else {
            throw SourceError("\(fileName) 编码错误：内容不是 UTF-8（可能是 GBK），且 XML 声明未注明编码")
        }
        return data
    }

    /// Descriptions carry HTML: the text checks want the words.
    static func plain(_ html: String) -> String {
        guard html.contains("<") else { return html }
        return html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// SAX reader for both feed shapes; elements are matched by local name.
final class FeedReader: NSObject, XMLParserDelegate {
    struct Item { var title = "", link: String?, text = "", date: String?, comments = false }
    var items: [Item] = []
    var root: String?
    var isFeed: Bool { root == "rss" || root == "feed" || root == "rdf" }
    /// Whether the root element ended (a truncated file never gets there).
    var closed = false
    private var depth = 0
    private var current: Item?
    private var buffer = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let local = name.split(separator: ":").last.map(String.init)?.lowercased() ?? name
        if root == nil { root = local }
        depth += 1
        buffer = ""
        if local == "item" || local == "entry" { current = Item(); return }
        guard current != nil else { return }
        if local == "link", let href = attributes["href"], attributes["rel"] == nil || attributes["rel"] == "alternate" { current?.link = href }
        if local == "link", attributes["rel"] == "replies" { current?.comments = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }
    func parser(_ parser: XMLParser, foundCDATA block: Data) { buffer += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let local = name.split(separator: ":").last.map(String.init)?.lowercased() ?? name
        let value = buffer.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { buffer = "" }
        depth -= 1
        if depth == 0 { closed = true }
        if local == "item" || local == "entry" {
            if let c = current { items.append(c) }
            current = nil
            return
        }
        guard current != nil else { return }
        switch local {
        case "title": current?.title = value
        case "link" where !value.isEmpty: current?.link = value
        case "description", "summary": if current?.text.isEmpty == true { current?.text = value }
        case "encoded", "content": current?.text = value
        case "pubdate", "published": current?.date = value
        case "date", "updated": if current?.date == nil { current?.date = value }
        case "comments", "commentrss": current?.comments = true
        default: break
        }
    }
}
