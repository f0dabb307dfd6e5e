import Foundation

/// A calendar date as Chinese government pages state them (no time zone games: a page's
/// 2023年5月12日 is that day wherever the scan runs).
public struct SimpleDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int

    /// A date, or nil when the day does not exist or the year is outside 1949–2100.
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

    /// Earlier dates first.
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

    /// The same day `months` calendar months later (earlier when negative), clamped to the month's end.
    public func adding(months: Int) -> SimpleDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return SimpleDate(year: y, month: m, day: min(day, SimpleDate.daysIn(year: y, month: m))) ?? self
    }

    /// Today in China (Asia/Shanghai), the default as-of date.
    public static func today() -> SimpleDate { SimpleDate(date: Date()) }

    /// The day `date` falls on in China (Asia/Shanghai).
    public init(date: Date) {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Shanghai")!, from: date)
        self = SimpleDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}

extension SimpleDate {
    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { ((dayNumber + 4) % 7 + 7) % 7 }  // 1970-01-01 was a Thursday

    /// The day `days` calendar days later (earlier when negative).
    public func adding(days: Int) -> SimpleDate { SimpleDate(dayNumber: dayNumber + days) }

    /// Calendar days from `self` to `other` (positive when `other` is later).
    public func days(until other: SimpleDate) -> Int { other.dayNumber - dayNumber }
}

/// A closed range of days: an inspection period, a quarter, a year.
public struct DatePeriod: Hashable, Codable, Sendable, CustomStringConvertible {
    public var start: SimpleDate
    public var end: SimpleDate

    /// The days from `start` to `end`, both included.
    public init(start: SimpleDate, end: SimpleDate) { self.start = start; self.end = end }

    /// The calendar year `year`.
    public static func year(_ year: Int) -> DatePeriod {
        DatePeriod(start: SimpleDate(year: year, month: 1, day: 1)!, end: SimpleDate(year: year, month: 12, day: 31)!)
    }

    /// The quarter (1…4) of `year`.
    public static func quarter(_ q: Int, of year: Int) -> DatePeriod {
        let first = SimpleDate(year: year, month: (q - 1) * 3 + 1, day: 1)!
        return DatePeriod(start: first, end: first.adding(months: 3).adding(days: -1))
    }

    /// Whether `d` falls in the period.
    public func contains(_ d: SimpleDate) -> Bool { start <= d && d <= end }
    public var description: String { "\(start)—\(end)" }
}
