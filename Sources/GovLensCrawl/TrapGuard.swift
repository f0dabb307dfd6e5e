/// Spider-trap guards: calendars, query explosions, session ids and recursive paths would
/// otherwise keep a crawl running forever on an endless supply of new URLs.
public struct TrapGuard: Sendable {
    /// Thresholds beyond which a URL is treated as a spider trap; the defaults suit ordinary government sites.
    public struct Limits: Sendable {
        /// Distinct query strings accepted for one path (a search's ?page=…).
        public var maxQueryVariantsPerPath = 50
        /// Distinct date-valued queries accepted for one path (a calendar's ?date=2023-05-12).
        public var maxCalendarVariantsPerPath = 10
        public var maxURLLength = 512
        public var maxPathSegments = 16
        /// The same path segment repeated this often (/a/b/a/b/a/b) is a relative-link loop.
        public var maxRepeatedSegment = 3
        /// Years in a URL outside [asOf − past, asOf + future] are calendar pages nobody wrote.
        public var calendarYearsPast = 30
        public var calendarYearsFuture = 1
        /// The default limits.
        public init() {}
    }

    /// Why a URL was refused as a trap; the raw value is what reports and statistics show.
    public enum Reason: String, Sendable {
        case queryExplosion = "query-explosion", tooLong = "too-long", tooDeep = "too-deep",
             repeatedSegments = "repeated-segments", calendar = "calendar"
    }

    let limits: Limits
    let asOfYear: Int
    var queryVariants: [String: Int] = [:]

    /// A fresh guard with no query variants counted; `asOfYear` centres the window of plausible calendar years.
    public init(limits: Limits = Limits(), asOfYear: Int) {
        self.limits = limits
        self.asOfYear = asOfYear
    }

    /// Returns why `url` looks like a trap, or nil to accept it (and count its query variant).
    public mutating func check(_ url: WebURL) -> Reason? {
        let s = url.description
        if s.utf8.count > limits.maxURLLength { return .tooLong }
        let segments = url.path.split(separator: "/")
        if segments.count > limits.maxPathSegments { return .tooDeep }
        var seen: [Substring: Int] = [:]
        for seg in segments {
            seen[seg, default: 0] += 1
            if seen[seg]! >= limits.maxRepeatedSegment { return .repeatedSegments }
        }
        if let year = TrapGuard.calendarYear(in: url.pathAndQuery),
           year < asOfYear - limits.calendarYearsPast || year > asOfYear + limits.calendarYearsFuture {
            return .calendar
        }
        if let query = url.query {
            let calendar = TrapGuard.calendarYear(in: "?" + query) != nil
            let key = (calendar ? "cal:" : "") + url.authority + url.path
            let n = queryVariants[key, default: 0]
            if calendar && n >= limits.maxCalendarVariantsPerPath { return .calendar }
            if n >= limits.maxQueryVariantsPerPath { return .queryExplosion }
            queryVariants[key] = n + 1
        }
        return nil
    }

    /// A year written as a calendar parameter or path (`date=2031-05-01`, `/2031/05/`, `year=2031`).
    static func calendarYear(in s: String) -> Int? {
        let b = Array(s.utf8)
        var i = 0
        while i + 4 <= b.count {
            let before = i == 0 ? UInt8(ascii: "/") : b[i - 1]
            let after = i + 4 < b.count ? b[i + 4] : UInt8(ascii: "/")
            let sepBefore = before == UInt8(ascii: "/") || before == UInt8(ascii: "=") || before == UInt8(ascii: "?")
            let sepAfter = after == UInt8(ascii: "/") || after == UInt8(ascii: "-") || after == UInt8(ascii: "&")
            if sepBefore, sepAfter, b[i..<(i + 4)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                let y = b[i..<(i + 4)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
                if y >= 1000 { return y }
            }
            i += 1
        }
        return nil
    }
}
