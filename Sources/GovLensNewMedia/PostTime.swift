import Foundation
import GovLensCore

/// Reads the times platforms print — RFC 822 (RSS), ISO 8601 (Atom), `2024-05-03 10:00`,
/// `2024年5月3日`, `5月3日 08:00`, `3天前`, `昨天 12:30`, `刚刚`, Unix seconds — in China's time
/// zone. Relative forms are resolved against the check point, the end of the as-of day, so a
/// check run later on a saved export gives the same answer as one run that day.
public enum PostTime {
    static let offset = 8 * 3600

    /// The instant `hour:minute` on `day` in China.
    public static func instant(_ day: SimpleDate, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offset))
    }

    /// The day `time` falls on in China.
    public static func day(of time: Date) -> SimpleDate {
        SimpleDate(dayNumber: Int(((time.timeIntervalSince1970 + Double(offset)) / 86_400).rounded(.down)))
    }

    /// The check point for relative dates: the last second of `asOf`.
    public static func checkPoint(_ asOf: SimpleDate) -> Date { instant(asOf, hour: 23, minute: 59, second: 59) }

    /// The instant `text` names, or nil when it is no time govlens reads.
    public static func parse(_ text: String, asOf: SimpleDate) -> Date? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return nil }
        if let d = relative(t, asOf: asOf) { return d }
        if t.allSatisfy(\.isASCIIDigitChar), (9...13).contains(t.count), let n = Double(t) {
            return Date(timeIntervalSince1970: t.count == 13 ? n / 1000 : n)  // Unix seconds or milliseconds (exports)
        }
        if let d = rfc822(t) { return d }
        if let d = iso(t) { return d }
        return chinese(t, asOf: asOf)
    }

    static let relativeRegex = try! NSRegularExpression(pattern: #"^(\d+)\s*(分钟|小时|天|周|个月)前$"#)
    static let dayWordRegex = try! NSRegularExpression(pattern: #"^(今天|昨天|前天)\s*(?:(\d{1,2})[:：](\d{2}))?$"#)

    static func relative(_ t: String, asOf: SimpleDate) -> Date? {
        let end = checkPoint(asOf)
        if t == "刚刚" { return end }
        let ns = t as NSString, range = NSRange(location: 0, length: ns.length)
        if let m = relativeRegex.firstMatch(in: t, range: range), let n = Int(ns.substring(with: m.range(at: 1))) {
            switch ns.substring(with: m.range(at: 2)) {
            case "分钟": return end.addingTimeInterval(-Double(n) * 60)
            case "小时": return end.addingTimeInterval(-Double(n) * 3600)
            // 3天前 means the day three days before the as-of day (platforms drop the time).
            case "天": return instant(asOf.adding(days: -n), hour: 12)
            case "周": return instant(asOf.adding(days: -7 * n), hour: 12)
            default: return instant(asOf.adding(months: -n), hour: 12)
            }
        }
        if let m = dayWordRegex.firstMatch(in: t, range: range) {
            let back = ["今天": 0, "昨天": 1, "前天": 2][ns.substring(with: m.range(at: 1))]!
            let h = m.range(at: 2).location == NSNotFound ? 12 : Int(ns.substring(with: m.range(at: 2)))!
            let mi = m.range(at: 3).location == NSNotFound ? 0 : Int(ns.substring(with: m.range(at: 3)))!
            return instant(asOf.adding(days: -back), hour: h, minute: mi)
        }
        return nil
    }

    static let rfcFormatters: [DateFormatter] = [
        "EEE, dd MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, d MMM yyyy HH:mm:ss zzz",
        "dd MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm Z", "EEE, dd MMM yyyy HH:mm:ss",
    ].map { f in
        let d = DateFormatter()
        d.locale = Locale(identifier: "en_US_POSIX"); d.dateFormat = f
        d.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return d
    }

    static func rfc822(_ t: String) -> Date? {
        guard t.first?.isLetter == true || t.first?.isASCIIDigitChar == true, t.contains(where: { $0.isLetter && $0.isASCII }) else { return nil }
        if let d = fastRFC822(t) { return d }
        for f in rfcFormatters { if let d = f.date(from: t) { return d } }
        return nil
    }

    nonisolated(unsafe) static let isoFormatters: [ISO8601DateFormatter] = {
        let a = ISO8601DateFormatter()
        let b = ISO8601DateFormatter(); b.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return [a, b]
    }()

    static func iso(_ t: String) -> Date? {
        guard t.contains("T") else { return nil }
        if let d = fastISO(t) { return d }
        for f in isoFormatters { if let d = f.date(from: t) { return d } }
        return nil
    }

    static let localRegex = try! NSRegularExpression(pattern:
        #"^(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?"#)

    /// `2024-05-03 10:00`, `2024年5月3日`, `5月3日 08:00` (no year: the latest such day not after as-of).
    static func chinese(_ t: String, asOf: SimpleDate) -> Date? {
        let ns = t as NSString
        guard let m = localRegex.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) else { return nil }
        func int(_ i: Int) -> Int? { m.range(at: i).location == NSNotFound ? nil : Int(ns.substring(with: m.range(at: i))) }
        guard let month = int(2), let dayOfMonth = int(3) else { return nil }
        var day: SimpleDate
        if let y = int(1) {
            guard let d = SimpleDate(year: y, month: month, day: dayOfMonth) else { return nil }
            day = d
        } else {
            // Platforms drop the year for this year's posts: take the latest such day not after the check.
            guard let d = SimpleDate(year: asOf.year, month: month, day: dayOfMonth) ?? SimpleDate(year: asOf.year - 1, month: month, day: dayOfMonth) else { return nil }
            day = d > asOf ? (SimpleDate(year: asOf.year - 1, month: month, day: dayOfMonth) ?? d) : d
        }
        let h = int(4) ?? 12, mi = int(5) ?? 0, s = int(6) ?? 0
        guard h < 24, mi < 60, s < 60 else { return nil }
        return instant(day, hour: h, minute: mi, second: s)
    }
}

extension Character {
    var isASCIIDigitChar: Bool { isASCII && isNumber }
}
