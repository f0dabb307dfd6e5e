import CLibXML2
import Foundation
import GovLensText
#if canImport(Glibc)
import Glibc
#endif

/// libxml2's HTML parser in recover mode, no network. Thread-safe: each call owns its document.
/// `XML_PARSE_HUGE` lifts libxml2's nesting limit (256 levels): without it, everything below that
/// depth was dropped silently, text and links alike. The walk over the tree is iterative, so depth
/// costs no stack.
public enum HTMLParser {
    private static let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        | HTML_PARSE_NOBLANKS.rawValue | UInt32(XML_PARSE_HUGE.rawValue))

    private static let initialised: Bool = {
        xmlInitParser()
        xmlThrDefSetStructuredErrorFunc(nil) { _, _ in }
        return true
    }()

    /// Sniffs the charset (see `Charset.detect`) and parses.
    public static func parse(_ data: Data, contentType: String? = nil) -> (page: PageModel, charset: CharsetDecision) {
        let decision = Charset.detect(data, contentType: contentType)
        return (parse(data, charset: decision), decision)
    }

    /// Parses bytes already known to be in `charset`. Always passes the encoding explicitly:
    /// with none, libxml2 believes a `<meta charset>` that lies.
    public static func parse(_ data: Data, charset: CharsetDecision) -> PageModel {
        _ = initialised
        // libxml2 converts GB18030 itself; anything else exotic goes through iconv to UTF-8 first.
        if charset.charset == "UTF-8" || charset.charset == "GB18030" {
            return data.withUnsafeBytes { raw in
                parse(UnsafeRawBufferPointer(rebasing: raw[charset.bomLength...]), encoding: charset.charset)
            }
        }
        let text = Charset.decode(data).text
        var utf8 = Data(text.utf8)
        return utf8.withUnsafeMutableBytes { parse(UnsafeRawBufferPointer($0), encoding: "UTF-8") }
    }

    /// Parses HTML already held as a string (taken as UTF-8, no sniffing); handy for tests and generated pages.
    public static func parse(html: String) -> PageModel {
        let data = Data(html.utf8)
        return parse(data, charset: CharsetDecision(charset: "UTF-8", declared: nil, source: "string", bomLength: 0))
    }

    static func parse(_ bytes: UnsafeRawBufferPointer, encoding: String) -> PageModel {
        xmlSetStructuredErrorFunc(nil) { _, _ in }  // per thread in 2.9: silence iconv noise
        guard bytes.count > 0, let base = bytes.baseAddress,
              let doc = htmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(clamping: bytes.count),
                                       nil, encoding, options)
        else { return PageModel() }
        defer { xmlFreeDoc(doc) }
        var walker = Walker()
        // Walk every top-level node: a stray </html> mid-page makes libxml2 start a second <html>.
        var top = doc.pointee.children
        while let root = top {
            walker.walk(root)
            top = root.pointee.next
        }
        return walker.finish()
    }
}

/// Iterative pre-order walk (no recursion: deeply nested junk must not blow the stack).
private struct Walker {
    var title: String?
    var baseHref: String?
    var links: [RawLink] = []
    var meta: [String: String] = [:]
    var text: [UInt8] = []
    var needSpace = false

    // Structure for the site model: regions (navigation, breadcrumb, footer), list items, headings.
    struct RegionFrame { let node: xmlNodePtr; let region: PageRegion; let textStart: Int; let linkStart: Int }
    struct ItemFrame { let node: xmlNodePtr; let linkStart: Int; var outside: [UInt8] = []; var hasChild = false }
    var regions: [RegionFrame] = []
    var items: [ItemFrame] = []
    var headings: [xmlNodePtr] = []
    var anchor: xmlNodePtr?
    var footerRanges: [Range<Int>] = []
    var plain: [UInt8] = []
    var listItems: [ListItem] = []
    var breadcrumb: [Crumb] = []
    var scriptLoadsData = false
    var dataEndpoints: [String] = []
    /// Prose kept per page: the spelling model reads it, so it holds a long article whole.
    static let plainCap = 512 << 10

    var region: PageRegion { regions.last?.region ?? .main }

    mutating func walk(_ root: xmlNodePtr) {
        var node: xmlNodePtr? = root
        while let n = node {
            var descend = true
            switch n.pointee.type {
            case XML_ELEMENT_NODE:
                descend = element(n)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let c = n.pointee.content { appendText(c) }
            default:
                descend = false
            }
            if descend, let c = n.pointee.children { node = c; continue }
            // Next sibling, or climb until an ancestor has one.
            var cur: xmlNodePtr? = n
            node = nil
            while let cc = cur {
                if isBlock(cc) { newline() }
                leave(cc)
                if cc == root { break }
                if let nx = cc.pointee.next { node = nx; break }
                cur = cc.pointee.parent
            }
        }
    }

    /// Closes whatever frame `n` opened.
    mutating func leave(_ n: xmlNodePtr) {
        if anchor == n { anchor = nil }
        if headings.last == n { headings.removeLast() }
        if items.last?.node == n { closeItem() }
        if let r = regions.last, r.node == n {
            regions.removeLast()
            if r.region == .footer {
                // Footers nested in this one are inside its range.
                footerRanges.removeAll { $0.lowerBound >= r.textStart }
                footerRanges.append(r.textStart..<text.count)
            } else if r.region == .breadcrumb, breadcrumb.isEmpty {
                breadcrumb = Walker.crumbs(String(decoding: text[r.textStart...], as: UTF8.self), links[r.linkStart...])
            }
        }
    }

    /// Handles one element; returns whether to descend into it.
    mutating func element(_ n: xmlNodePtr) -> Bool {
        guard let name = n.pointee.name else { return true }
        let tag = UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self)
        func isTag(_ s: StaticString) -> Bool {
            strcmp(tag, UnsafeRawPointer(s.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
        }
        if isTag("script") {
            if let src = attr(n, "src") {
                links.append(RawLink(url: src, kind: .script))
                if Walker.loadsData(src) { scriptLoadsData = true }
            } else if let c = xmlNodeGetContent(n) {
                let script = String(cString: UnsafeRawPointer(c).assumingMemoryBound(to: CChar.self))
                free(c)
                if Walker.loadsData(script) {
                    scriptLoadsData = true
                    if dataEndpoints.count < 5 { dataEndpoints += Walker.endpoints(in: script).prefix(5 - dataEndpoints.count) }
                }
            }
            return false
        }
        if isTag("style") || isTag("noscript") || isTag("template") { return false }
        let packed = Walker.packed(name)
        if Walker.regionTags.contains(packed), let r = regionOf(n, packed) {
            regions.append(RegionFrame(node: n, region: r, textStart: text.count, linkStart: links.count))
        }
        if Walker.itemTags.contains(packed) { items.append(ItemFrame(node: n, linkStart: links.count)) }
        if Walker.headingTags.contains(packed) { headings.append(n) }
        if isTag("a") {
            if let href = attr(n, "href") {
                links.append(RawLink(url: href, kind: .anchor, text: nodeText(n), region: region, heading: !headings.isEmpty))
                if anchor == nil { anchor = n }
            }
        } else if isTag("img") {
            if let src = attr(n, "src") { links.append(RawLink(url: src, kind: .image, text: attr(n, "alt") ?? "", region: region)) }
        } else if isTag("link") {
            if let href = attr(n, "href") {
                let rel = attr(n, "rel")?.lowercased() ?? ""
                // Only resources a browser loads; alternate/canonical are metadata, not broken-link material.
                if rel.contains("stylesheet") || rel.contains("icon") {
                    links.append(RawLink(url: href, kind: .stylesheet))
                }
            }
        } else if isTag("iframe") || isTag("frame") {
            if let src = attr(n, "src") { links.append(RawLink(url: src, kind: isTag("iframe") ? .iframe : .frame, region: region)) }
        } else if isTag("area") {
            if let href = attr(n, "href") { links.append(RawLink(url: href, kind: .area, text: attr(n, "alt") ?? "", region: region)) }
        } else if isTag("embed") || isTag("source") || isTag("video") || isTag("audio") {
            if let src = attr(n, "src") { links.append(RawLink(url: src, kind: .embed)) }
        } else if isTag("object") {
            if let d = attr(n, "data") { links.append(RawLink(url: d, kind: .embed)) }
        } else if isTag("meta") {
            let key = attr(n, "name") ?? attr(n, "http-equiv") ?? attr(n, "property")
            if let key, let content = attr(n, "content") {
                let k = key.lowercased()
                if meta[k] == nil { meta[k] = content.trimmingCharacters(in: .whitespacesAndNewlines) }
            }
            return false
        } else if isTag("title") {
            if title == nil {
                let t = nodeText(n, limit: 300)
                if !t.isEmpty { title = t }
            }
            return false
        } else if isTag("base") {
            if baseHref == nil, let href = attr(n, "href") { baseHref = href }
        } else if isTag("br") {
            newline()
        }
        return true
    }

    /// The region an element opens, from its tag or its class and id (`footer`, `crumb`, `nav` …).
    /// Reads the attribute bytes in place: this runs for most elements of every page.
    func regionOf(_ n: xmlNodePtr, _ packed: UInt64) -> PageRegion? {
        if packed == Walker.pack("footer") { return .footer }
        if packed == Walker.pack("nav") { return .navigation }
        var found: PageRegion?
        var hidden = false
        var a = n.pointee.properties
        while let p = a {
            defer { a = p.pointee.next }
            guard let pn = p.pointee.name, let value = p.pointee.children?.pointee.content else { continue }
            let name = UnsafeRawPointer(pn).assumingMemoryBound(to: CChar.self)
            if strcasecmp(name, "style") == 0 {
                hidden = hidden || Walker.lowercasedContains(value, Walker.hiddenStyles)
                continue
            }
            guard strcasecmp(name, "class") == 0 || strcasecmp(name, "id") == 0 else { continue }
            for (words, region) in Walker.regionWords where found.map({ $0 != .breadcrumb }) ?? true {
                if Walker.lowercasedContains(value, words) {
                    // Breadcrumb beats footer beats navigation (BreadcrumbNav is a breadcrumb).
                    if found == nil || region == .breadcrumb || (region == .footer && found == .navigation) { found = region }
                }
            }
        }
        // Hidden copies (`display:none` data holders) are not what a visitor sees.
        return hidden ? nil : found
    }

    static let regionWords: [([[UInt8]], PageRegion)] = [
        (["crumb", "position", "location", "weizhi", "dqwz", "curpos", "current-path"].map { Array($0.utf8) }, .breadcrumb),
        (["footer", "foot", "copyright", "banquan", "bottom"].map { Array($0.utf8) }, .footer),
        (["nav", "menu", "daohang"].map { Array($0.utf8) }, .navigation),
    ]
    static let hiddenStyles = [Array("display:none".utf8), Array("display: none".utf8)]

    /// Whether the NUL-terminated attribute value contains one of `words` (lower-case ASCII), ignoring case.
    static func lowercasedContains(_ value: UnsafePointer<xmlChar>, _ words: [[UInt8]]) -> Bool {
        let count = strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
        guard count > 0 else { return false }
        var lower = [UInt8](repeating: 0, count: count)
        for i in 0..<count { let b = value[i]; lower[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        return lower.withUnsafeBufferPointer { h in words.contains { UTF8Search.find($0, in: h) != nil } }
    }

    static let dataWords = ["ajax", "xmlhttprequest", "fetch(", "axios", "getjson", ".json", "jsonp", "trsapi", "/api/"]

    nonisolated(unsafe) static let endpointPattern = try! NSRegularExpression(
        pattern: #"(?:url\s*:\s*|getJSON\(\s*|fetch\(\s*|\.(?:get|post)\(\s*)["']([^"'\s]+)["']|["']([^"'\s]+\.json(?:\?[^"'\s]*)?)["']"#)

    /// URLs an inline script loads its data from (`url: "list.json"`, `fetch('/api/letters?page=1')`).
    static func endpoints(in script: String) -> [String] {
        let ns = script as NSString
        var out: [String] = []
        for m in endpointPattern.matches(in: script, range: NSRange(location: 0, length: min(ns.length, 20_000))) {
            for g in 1...2 where m.range(at: g).location != NSNotFound {
                let url = ns.substring(with: m.range(at: g))
                if !out.contains(url) { out.append(url) }
            }
        }
        return out
    }

    static func loadsData(_ script: String) -> Bool {
        let s = script.lowercased()
        return dataWords.contains { UTF8Search.contains(s, $0) }
    }

    /// Ends a list entry: its first titled link, with the date shown beside the link (or at the
    /// end of the link's text). Entries holding other entries are containers, not entries.
    mutating func closeItem() {
        let f = items.removeLast()
        defer { if !items.isEmpty { items[items.count - 1].hasChild = true } }
        guard !f.hasChild, region == .main, f.linkStart < links.count else { return }
        let inside = links[f.linkStart...]
        // A titled link; else a picture link (图片新闻), titled by the picture's alt text.
        guard let i = inside.firstIndex(where: { $0.kind == .anchor && !$0.text.isEmpty })
            ?? inside.indices.first(where: { inside[$0].kind == .anchor && $0 + 1 < inside.endIndex && inside[$0 + 1].kind == .image })
        else { return }
        let link = inside[i]
        let title = link.text.isEmpty ? inside[i + 1].text : link.text
        let outside = String(decoding: f.outside, as: UTF8.self)
        let date = ListDate.find(in: outside) ?? ListDate.trailing(in: title).map(ListDate.full)
        listItems.append(ListItem(url: link.url, title: title.isEmpty ? "（图片）" : title, date: date, linkIndex: i))
    }

    /// `当前位置：首页 > 政务公开 > 通知公告`: the steps, each with its link when it has one.
    static func crumbs(_ text: String, _ links: ArraySlice<RawLink>) -> [Crumb] {
        let separators: Set<Character> = [">", "›", "»", "＞", "→", "/", "\n", "\u{3000}"]
        var anchors = links.indices.filter { links[$0].kind == .anchor && !links[$0].text.isEmpty }[...]
        var out: [Crumb] = []
        for raw in text.split(whereSeparator: separators.contains) {
            var step = raw.trimmingCharacters(in: .whitespaces)
            for label in ["当前位置", "您的位置", "您现在的位置", "所在位置", "位置"] where step.hasPrefix(label) {
                step = String(step.dropFirst(label.count)).trimmingCharacters(in: CharacterSet(charactersIn: "：: "))
                break
            }
            guard !step.isEmpty, step != "正文", step != "详情" else { continue }
            if let i = anchors.firstIndex(where: { step == links[$0].text || step.hasPrefix(links[$0].text + " ") }) {
                let link = links[anchors[i]]
                out.append(Crumb(text: link.text, url: link.url, linkIndex: anchors[i]))
                anchors = anchors[(i + 1)...]
            } else {
                out.append(Crumb(text: step, url: nil))
            }
        }
        return out
    }

    func attr(_ n: xmlNodePtr, _ name: StaticString) -> String? {
        let wanted = UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
        var a = n.pointee.properties
        while let p = a {
            if let pn = p.pointee.name,
               strcasecmp(UnsafeRawPointer(pn).assumingMemoryBound(to: CChar.self), wanted) == 0 {
                var value = ""
                var child = p.pointee.children
                while let c = child {
                    if let content = c.pointee.content {
                        value += String(cString: UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                    }
                    child = c.pointee.next
                }
                return value.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            a = p.pointee.next
        }
        return nil
    }

    /// Text under an element, whitespace collapsed, cut to `limit` characters.
    func nodeText(_ n: xmlNodePtr, limit: Int = 80) -> String {
        guard let c = xmlNodeGetContent(n) else { return "" }
        defer { free(c) }
        let raw = String(cString: UnsafeRawPointer(c).assumingMemoryBound(to: CChar.self))
        let collapsed = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return collapsed.count > limit ? String(collapsed.prefix(limit)) + "…" : collapsed
    }

    mutating func appendText(_ c: UnsafePointer<xmlChar>) {
        var p = c
        while p.pointee != 0 {
            let b = p.pointee
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                needSpace = true
            } else {
                if needSpace, let last = text.last, last != 0x0A {
                    text.append(0x20)
                    if anchor == nil, !items.isEmpty { items[items.count - 1].outside.append(0x20) }
                }
                needSpace = false
                text.append(b)
                if anchor == nil {
                    if !items.isEmpty, items[items.count - 1].outside.count < 256 { items[items.count - 1].outside.append(b) }
                    if regions.isEmpty, plain.count < Walker.plainCap { plain.append(b) }
                }
            }
            p += 1
        }
    }

    mutating func newline() {
        needSpace = false
        if let last = text.last, last != 0x0A { text.append(0x0A) }
        if regions.isEmpty, let last = plain.last, last != 0x0A, plain.count < Walker.plainCap { plain.append(0x0A) }
        if !items.isEmpty, let last = items[items.count - 1].outside.last, last != 0x20 { items[items.count - 1].outside.append(0x20) }
    }

    func isBlock(_ n: xmlNodePtr) -> Bool {
        guard n.pointee.type == XML_ELEMENT_NODE, let name = n.pointee.name else { return false }
        return Walker.blockTags.contains(Walker.packed(name))
    }

    static func pack(_ name: String) -> UInt64 { name.utf8.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
    static let regionTags: Set<UInt64> = Set(["div", "ul", "ol", "table", "td", "section", "nav", "footer", "header", "p", "dl"].map(pack))
    static let itemTags: Set<UInt64> = Set(["li", "tr", "dd"].map(pack))
    static let headingTags: Set<UInt64> = Set(["h1", "h2", "h3", "h4", "h5", "h6", "dt", "strong", "b", "th"].map(pack))

    /// A tag name of up to 8 bytes packed into an integer, so the hot path allocates nothing.
    static func packed(_ p: UnsafePointer<UInt8>) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<9 {
            let b = p[i]
            if b == 0 { return v }
            if i == 8 { return 0 }  // longer than any block tag
            v = v << 8 | UInt64(b)
        }
        return v
    }

    static let blockTags: Set<UInt64> = Set([
        "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
        "section", "article", "header", "footer", "nav", "dd", "dt", "dl", "form", "blockquote", "pre",
        "body", "html", "title", "option", "center",
    ].map(pack))

    mutating func finish() -> PageModel {
        while let r = regions.last { leave(r.node) }
        var page = PageModel(title: title, baseHref: baseHref, links: links, meta: meta,
                             text: String(decoding: text, as: UTF8.self))
        page.footerText = footerRanges.map { String(decoding: text[$0], as: UTF8.self) }.joined(separator: "\n")
        if footerRanges.isEmpty {
            page.footerText = Walker.footerByMarkers(page.text)
            page.textOutsideFooter = page.footerText.isEmpty ? page.text : String(page.text.dropLast(page.footerText.count))
        } else {
            var outside: [UInt8] = []
            var at = 0
            for r in footerRanges { outside += text[at..<r.lowerBound]; at = r.upperBound }
            outside += text[at...]
            page.textOutsideFooter = String(decoding: outside, as: UTF8.self)
        }
        page.plainText = String(decoding: plain, as: UTF8.self)
        page.listItems = listItems
        page.breadcrumb = breadcrumb.isEmpty ? Walker.crumbsFromText(page.text, links) : breadcrumb
        page.scriptLoadsData = scriptLoadsData
        page.dataEndpoints = dataEndpoints
        return page
    }

    static let footerMarkers = ["版权所有", "Copyright", "©", "ICP备", "网站标识码", "主办单位", "公网安备"]

    /// Pages without footer markup: from the first of the last 30 lines that reads like a footer.
    static func footerByMarkers(_ text: String) -> String {
        let lines = text.split(separator: "\n")
        let tail = lines.suffix(30)
        guard let start = tail.firstIndex(where: { line in footerMarkers.contains { UTF8Search.contains(String(line), $0) } }) else { return "" }
        return lines[start...].joined(separator: "\n")
    }

    /// Pages without breadcrumb markup: a line that starts with 当前位置 and the like.
    static func crumbsFromText(_ text: String, _ links: [RawLink]) -> [Crumb] {
        for line in text.split(separator: "\n") where line.count < 200 {
            if ["当前位置", "您的位置", "您现在的位置", "所在位置"].contains(where: line.hasPrefix) {
                return crumbs(String(line), links[...])
            }
        }
        return []
    }
}
