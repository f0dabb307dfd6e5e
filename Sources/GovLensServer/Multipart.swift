import Foundation
import GovLensMonitor

/// `multipart/form-data` bodies (RFC 7578) as browsers send file uploads: field name → value,
/// with the file name for file fields.
enum Multipart {
    struct Part { var name: String; var filename: String?; var data: Data }

    /// Field name → its (last) part, or nil when the content type carries no boundary.
    static func parse(_ body: Data, contentType: String) -> [String: Part]? {
        parts(body, contentType: contentType).map { Dictionary($0.map { ($0.name, $0) }, uniquingKeysWith: { $1 }) }
    }

    /// Every part of `body` in order (several files may share one field name), or nil when the
    /// content type carries no boundary.
    static func parts(_ body: Data, contentType: String) -> [Part]? {
        guard let b = contentType.components(separatedBy: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst(9) else { return nil }
        let boundary = Data(("--" + b.trimmingCharacters(in: ["\""])).utf8)
        var parts: [Part] = []
        var rest = body[...]
        while let start = rest.range(of: boundary) {
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: boundary) else { break }
            var chunk = rest[..<end.lowerBound]
            // Each part: headers, a blank line, the content, and the CRLF before the next boundary.
            guard let split = chunk.range(of: Data("\r\n\r\n".utf8)) else { continue }
            let headers = String(decoding: chunk[..<split.lowerBound], as: UTF8.self)
            chunk = chunk[split.upperBound...]
            if chunk.suffix(2) == Data("\r\n".utf8) { chunk = chunk.dropLast(2) }
            guard let name = attribute("name", in: headers) else { continue }
            parts.append(Part(name: name, filename: attribute("filename", in: headers), data: Data(chunk)))
        }
        return parts
    }

    /// `name="…"` in a Content-Disposition header (a whole parameter: `name` is not the end of `filename`).
    static func attribute(_ key: String, in headers: String) -> String? {
        var rest = headers[...]
        while let r = rest.range(of: "\(key)=\"") {
            let before = rest[..<r.lowerBound].last
            let tail = rest[r.upperBound...]
            if before == nil || before == ";" || before == " " || before == "\t" { return tail.firstIndex(of: "\"").map { String(tail[..<$0]) } }
            rest = tail
        }
        return nil
    }
}

extension Multipart.Part {
    /// A file field as the loop takes a unit's attachment (the loop judges it).
    var feedbackFile: FeedbackFile { FeedbackFile(name: filename ?? "", data: data) }
}
