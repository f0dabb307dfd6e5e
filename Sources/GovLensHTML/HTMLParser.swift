import CLibXML2
import Foundation
import GovLensText
#if canImport(Glibc)
import Glibc
#endif

/// libxml2's HTML parser in recover mode, no network. Thread-safe: each call owns its document.
public enum HTMLParser {
    private static let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        | HTML_PARSE_NOBLANKS.rawValue)

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
                if cc == root { break }
                if let nx = cc.pointee.next { node = nx; break }
                cur = cc.pointee.parent
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
            if let src = attr(n, "src") { links.append(RawLink(url: src, kind: .script)) }
            return false
        }
        if isTag("style") || isTag("noscript") || isTag("template") { return false }
        if isTag("a") {
            if let href = attr(n, "href") { links.append(RawLink(url: href, kind: .anchor, text: nodeText(n))) }
        } else if isTag("img") {
            if let src = attr(n, "src") { links.append(RawLink(url: src, kind: .image, text: attr(n, "alt") ?? "")) }
        } else if isTag("link") {
            if let href = attr(n, "href") {
                let rel = attr(n, "rel")?.lowercased() ?? ""
                // Only resources a browser loads; alternate/canonical are metadata, not broken-link material.
                if rel.contains("stylesheet") || rel.contains("icon") {
                    links.append(RawLink(url: href, kind: .stylesheet))
                }
            }
        } else if isTag("iframe") || isTag("frame") {
            if let src = attr(n, "src") { links.append(RawLink(url: src, kind: isTag("iframe") ? .iframe : .frame)) }
        } else if isTag("area") {
            if let href = attr(n, "href") { links.append(RawLink(url: href, kind: .area, text: attr(n, "alt") ?? "")) }
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
                if needSpace, let last = text.last, last != 0x0A { text.append(0x20) }
                needSpace = false
                text.append(b)
            }
            p += 1
        }
    }

    mutating func newline() {
        needSpace = false
        if let last = text.last, last != 0x0A { text.append(0x0A) }
    }

    func isBlock(_ n: xmlNodePtr) -> Bool {
        guard n.pointee.type == XML_ELEMENT_NODE, let name = n.pointee.name else { return false }
        return Walker.blockTags.contains(Walker.packed(name))
    }

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
    ].map { name in name.utf8.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } })

    func finish() -> PageModel {
        PageModel(title: title, baseHref: baseHref, links: links, meta: meta,
                  text: String(decoding: text, as: UTF8.self))
    }
}
