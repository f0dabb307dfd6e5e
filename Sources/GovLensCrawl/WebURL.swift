/// An absolute http(s) URL in normalised form, so the same page is queued once however it is written.
///
/// Normalisation: lower-case scheme and host, default port dropped, dot segments removed, empty path
/// → "/", fragment dropped, session-id and tracking parameters dropped, spaces and non-ASCII
/// characters percent-encoded (UTF-8), percent escapes upper-cased.
public struct WebURL: Hashable, Sendable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    public let port: Int?
    public let path: String
    public let query: String?

    /// `host` or `host:port`: the unit of scope and politeness.
    public var authority: String { port.map { "\(host):\($0)" } ?? host }
    public var origin: String { "\(scheme)://\(authority)" }
    public var pathAndQuery: String { query.map { "\(path)?\($0)" } ?? path }
    public var description: String { origin + pathAndQuery }

    /// Why a link cannot become a fetchable URL: a non-http(s) scheme, nothing but a fragment, or malformed.
    public enum ParseError: Error, Equatable {
        /// `mailto:`, `javascript:`, `tel:`, `data:` …: not something to fetch.
        case unsupportedScheme(String)
        /// Empty, or only a fragment (`#top`): a link to the same page.
        case empty
        case invalid(String)
    }

    /// Query parameters that carry sessions or tracking, never content.
    static let droppedParameters: Set<String> = [
        "jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid", "cfid", "cftoken",
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "spm", "from", "timestamp", "_t",
    ]

    /// Parses `raw` as a browser would, resolving it against `base` when relative, and normalises the
    /// result. Throws for non-http(s) schemes, same-page fragments and malformed input.
    public init(parsing raw: String, relativeTo base: WebURL? = nil) throws(ParseError) {
        // Browsers strip leading/trailing whitespace and drop tabs/newlines inside URLs.
        var s = raw.trimmingWhitespace().filter { $0 != "\n" && $0 != "\r" && $0 != "\t" }
        s = s.replacingBackslashes()
        if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]) }
        if s.isEmpty {
            guard let base else { throw .empty }
            if raw.trimmingWhitespace().hasPrefix("#") || raw.trimmingWhitespace().isEmpty { throw .empty }
            self = base
            return
        }
        if let scheme = WebURL.schemeOf(s) {
            let lower = scheme.lowercased()
            guard lower == "http" || lower == "https" else { throw .unsupportedScheme(lower) }
            let rest = s.dropFirst(scheme.count + 1)
            if rest.hasPrefix("//") {
                try self.init(absolute: lower, afterScheme: rest.dropFirst(2))
            } else if let base, base.scheme == lower {
                // "http:foo" relative to an http base (legacy form).
                try self.init(parsing: String(rest), relativeTo: base)
            } else {
                throw .invalid(raw)
            }
            return
        }
        guard let base else { throw .invalid(raw) }
        if s.hasPrefix("//") {
            try self.init(absolute: base.scheme, afterScheme: s.dropFirst(2))
            return
        }
        let (pathPart, query) = WebURL.splitQuery(Substring(s))
        var path: String
        if pathPart.isEmpty {
            path = base.path
        } else if pathPart.hasPrefix("/") {
            path = String(pathPart)
        } else {
            let dir = base.path[..<(base.path.lastIndex(of: "/").map { base.path.index(after: $0) } ?? base.path.endIndex)]
            path = String(dir) + pathPart
        }
        let q = pathPart.isEmpty && query == nil ? base.query : query.map(String.init)
        self.init(scheme: base.scheme, host: base.host, port: base.port, rawPath: path, rawQuery: q)
    }

    private init(absolute scheme: String, afterScheme: Substring) throws(ParseError) {
        let end = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
        var authority = afterScheme[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = Substring(authority)
        var port: Int?
        if host.hasPrefix("[") {  // IPv6 literal
            guard let close = host.firstIndex(of: "]") else { throw .invalid(String(afterScheme)) }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else { throw .invalid(String(afterScheme)) }
                port = p
            }
            host = host[...close]
        } else if let colon = host.lastIndex(of: ":") {
            let portText = host[host.index(after: colon)...]
            if !portText.isEmpty {
                guard let p = Int(portText), (1...65535).contains(p) else { throw .invalid(String(afterScheme)) }
                port = p
            }
            host = host[..<colon]
        }
        let lowerHost = host.lowercased().trimmingTrailingDot()
        guard !lowerHost.isEmpty, lowerHost.allSatisfy({ $0.isHostCharacter }) else {
            throw .invalid(String(afterScheme))
        }
        if port == (scheme == "https" ? 443 : 80) { port = nil }
        let (path, query) = WebURL.splitQuery(afterScheme[end...])
        self.init(scheme: scheme, host: lowerHost, port: port, rawPath: path.isEmpty ? "/" : String(path),
                  rawQuery: query.map(String.init))
    }

    private init(scheme: String, host: String, port: Int?, rawPath: String, rawQuery: String?) {
        self.scheme = scheme
        self.host = host
        self.port = port
        var segments = WebURL.removeDotSegments(WebURL.encode(rawPath, allowQueryChars: false))
        // Path-parameter sessions: /a/b.jsp;jsessionid=ABC (a byte check first: Foundation's
        // case-insensitive search is slow, and almost no path has a semicolon).
        if segments.utf8.contains(0x3B), let semi = segments.range(of: ";jsessionid=", options: .caseInsensitive) {
            segments = String(segments[..<semi.lowerBound])
        }
        self.path = segments.isEmpty ? "/" : segments
        self.query = rawQuery.flatMap(WebURL.cleanQuery)
    }

    static func schemeOf(_ s: String) -> Substring? {
        guard let colon = s.firstIndex(of: ":") else { return nil }
        let candidate = s[..<colon]
        guard let first = candidate.first, first.isASCII, first.isLetter,
              candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return candidate
    }

    static func splitQuery(_ s: Substring) -> (Substring, Substring?) {
        guard let q = s.firstIndex(of: "?") else { return (s, nil) }
        return (s[..<q], s[s.index(after: q)...])
    }

    static func cleanQuery(_ q: String) -> String? {
        let kept = q.split(separator: "&").filter { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            return !name.isEmpty && !droppedParameters.contains(name)
        }
        guard !kept.isEmpty else { return nil }
        return encode(kept.joined(separator: "&"), allowQueryChars: true)
    }

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var out: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for (i, part) in parts.enumerated() {
            let last = i == parts.count - 1
            if part == "." {
                if last { out.append("") }
            } else if part == ".." {
                if out.count > 1 { out.removeLast() }
                if last { out.append("") }
            } else {
                out.append(part)
            }
        }
        let joined = out.joined(separator: "/")
        return joined.hasPrefix("/") ? joined : "/" + joined
    }

    /// Percent-encodes what must be (space, non-ASCII, controls); upper-cases existing escapes.
    static func encode(_ s: String, allowQueryChars: Bool) -> String {
        var needs = false
        for b in s.utf8 where b <= 0x20 || b >= 0x7F || b == 0x25 || b == 0x22 || b == 0x3C || b == 0x3E
            || b == 0x60 || b == 0x7B || b == 0x7D || b == 0x7C || b == 0x5E {
            needs = true; break
        }
        guard needs else { return s }
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x25, i + 2 < bytes.count, bytes[i + 1].isHexDigit, bytes[i + 2].isHexDigit {
                out.append(0x25); out.append(bytes[i + 1].upperHex); out.append(bytes[i + 2].upperHex)
                i += 3; continue
            }
            if b <= 0x20 || b >= 0x7F || b == 0x25 || b == 0x22 || b == 0x3C || b == 0x3E || b == 0x60
                || b == 0x7B || b == 0x7D || b == 0x7C || b == 0x5E {
                out.append(0x25); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)])
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool { (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
    fileprivate var upperHex: UInt8 { (0x61...0x66).contains(self) ? self - 0x20 : self }
}

extension Character {
    fileprivate var isHostCharacter: Bool {
        isASCII ? (isLetter || isNumber || self == "-" || self == "." || self == "_" || self == "[" || self == "]" || self == ":")
            : isLetter || isNumber  // internationalised (中文) domains
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
    fileprivate func replacingBackslashes() -> String {
        contains("\\") ? String(map { $0 == "\\" ? "/" : $0 }) : self
    }
    fileprivate func trimmingTrailingDot() -> String { hasSuffix(".") ? String(dropLast()) : self }
}
