import Foundation

/// A calendar date as Chinese government pages state them (no time zone games: a page's
/// 2023年5月12日 is that day wherever the scan runs).
public struct SimpleDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1949...2100).contains(year), (1...12).contains(month),
              (1...SimpleDate.daysIn(year: year, month: month)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// `yyyy-MM-dd`.
    public init?(iso: String) {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        self.init(year: p[0], month: p[1], day: p[2])
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (a: SimpleDate, b: SimpleDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic without Foundation calendars.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Inverse of `dayNumber`.
    public init(dayNumber: Int) {
        let n = dayNumber + 719_468
        let era = (n >= 0 ? n : n - 146_096) / 146_097
        let doe = n - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public static func today() -> SimpleDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Shanghai")!, from: Date())
        return SimpleDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}

/// Finds dates in the forms real sites use: 2023-06-27, 2023/06/27, 2023.06.27, 2023年6月27日.
public enum ChineseDate {
    nonisolated(unsafe) private static let dateRegex = try! NSRegularExpression(
        pattern: #"((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)"#)

    /// Labels that introduce a publication date on article pages and 信息公开 metadata tables.
    public static let publicationLabels = ["发布时间", "发布日期", "成文日期", "发文日期", "日期", "时间"]

    /// The first date in `text` (e.g. a `PubDate` meta value `2016-11-22 09:53`).
    public static func parse(_ text: String) -> SimpleDate? {
        allDates(in: text).first?.date
    }

    /// Every date in `text` with its range.
    public static func allDates(in text: String) -> [(date: SimpleDate, range: Range<String.Index>)] {
        let ns = text as NSString
        var out: [(SimpleDate, Range<String.Index>)] = []
        for m in dateRegex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard let y = Int(ns.substring(with: m.range(at: 1))),
                  let mo = Int(ns.substring(with: m.range(at: 2))),
                  let d = Int(ns.substring(with: m.range(at: 3))),
                  let date = SimpleDate(year: y, month: mo, day: d),
                  let r = Range(m.range, in: text) else { continue }
            out.append((date, r))
        }
        return out
    }

    /// A date introduced by a publication label (`发布时间：2023-05-12`, `日期：2023年5月12日`),
    /// never a bare date from a footer, copyright line or visit counter.
    public static func labelled(in text: String) -> SimpleDate? {
        var best: (offset: Int, date: SimpleDate)?
        for label in publicationLabels {
            var search = text.startIndex
            while let r = text.range(of: label, range: search..<text.endIndex) {
                search = r.upperBound
                // Label, optional spaces, then ： or :, then the date within a few characters.
                var i = r.upperBound
                var hops = 0
                while i < text.endIndex, hops < 3, text[i] == " " || text[i] == "\u{3000}" || text[i] == "\u{a0}" {
                    i = text.index(after: i); hops += 1
                }
                guard i < text.endIndex, text[i] == "：" || text[i] == ":" else { continue }
                i = text.index(after: i)
                let window = text[i..<(text.index(i, offsetBy: 24, limitedBy: text.endIndex) ?? text.endIndex)]
                if let first = allDates(in: String(window)).first,
                   String(window).distance(from: String(window).startIndex, to: first.range.lowerBound) <= 4 {
                    let offset = text.distance(from: text.startIndex, to: r.lowerBound)
                    if best == nil || offset < best!.offset { best = (offset, first.date) }
                }
            }
        }
        return best?.date
    }
}
