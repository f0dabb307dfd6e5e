import Foundation

/// A word of a PDF page with its box, from poppler's `pdftotext -bbox-layout` (points, origin top left).
public struct PDFWord: Sendable, Hashable {
    public var page: Int
    public var xMin: Double, yMin: Double, xMax: Double, yMax: Double
    public var text: String
    public var xMid: Double { (xMin + xMax) / 2 }
    public var yMid: Double { (yMin + yMax) / 2 }
    public init(page: Int, xMin: Double, yMin: Double, xMax: Double, yMax: Double, text: String) {
        self.page = page; self.xMin = xMin; self.yMin = yMin; self.xMax = xMax; self.yMax = yMax; self.text = text
    }
}

/// The words of a PDF with their positions, and its document information: what a table parser
/// needs that flattened text loses (which number sits under which column).
public enum PDFLayout {
    /// Every word of every page, in poppler's reading order, and the number of pages.
    public static func words(_ data: Data, timeout: Double = 30) async throws(DocumentError) -> (words: [PDFWord], pages: Int) {
        let out = try await ExternalTool.execute("pdftotext", ["-bbox-layout", "-enc", "UTF-8"], input: data, suffix: ".pdf",
                                                 trailing: ["-"], timeout: timeout)
        if out.status != 0 {
            let message = out.stderr.lowercased()
            if message.contains("password") || message.contains("encrypt") || out.status == 3 { throw .encrypted }
            throw .malformed(ExternalTool.firstLine(out.stderr) ?? "pdftotext 退出码 \(out.status)")
        }
        return parse(String(decoding: out.stdout, as: UTF8.self))
    }

    /// Words from the XHTML that `pdftotext -bbox-layout` writes.
    public static func parse(_ xhtml: String) -> (words: [PDFWord], pages: Int) {
        var words: [PDFWord] = []
        var page = 0
        // A line scan is enough: poppler writes one element per line, attributes in fixed order.
        for line in xhtml.split(separator: "\n", omittingEmptySubsequences: true) {
            let t = line.drop { $0 == " " }
            if t.hasPrefix("<page ") { page += 1; continue }
            guard t.hasPrefix("<word ") else { continue }
            guard let close = t.firstIndex(of: ">"), let end = t.range(of: "</word>", options: .backwards) else { continue }
            let attrs = t[t.startIndex..<close]
            func attr(_ name: String) -> Double? {
                guard let r = attrs.range(of: name + "=\"") else { return nil }
                let rest = attrs[r.upperBound...]
                guard let q = rest.firstIndex(of: "\"") else { return nil }
                return Double(rest[rest.startIndex..<q])
            }
            guard let x0 = attr("xMin"), let y0 = attr("yMin"), let x1 = attr("xMax"), let y1 = attr("yMax") else { continue }
            let text = unescape(String(t[t.index(after: close)..<end.lowerBound]))
            words.append(PDFWord(page: page, xMin: x0, yMin: y0, xMax: x1, yMax: y1, text: text))
        }
        return (words, page)
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The document information `pdfinfo` prints (Title, Author, CreationDate, Pages, Encrypted …),
    /// decoded as UTF-8 (the XHTML head of -bbox-layout leaves UTF-16 titles undecoded).
    public static func info(_ data: Data, timeout: Double = 30) async throws(DocumentError) -> [String: String] {
        let out = try await ExternalTool.execute("pdfinfo", ["-enc", "UTF-8", "-isodates"], input: data, suffix: ".pdf",
                                                 trailing: [], timeout: timeout)
        if out.status != 0 {
            let message = out.stderr.lowercased()
            if message.contains("password") || message.contains("encrypt") || out.status == 3 { throw .encrypted }
            throw .malformed(ExternalTool.firstLine(out.stderr) ?? "pdfinfo 退出码 \(out.status)")
        }
        var fields: [String: String] = [:]
        for line in String(decoding: out.stdout, as: UTF8.self).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }
}
