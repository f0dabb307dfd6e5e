import Foundation
import GovLensCore

/// Hand-written readers for the two machine forms feeds use on every item. DateFormatter (ICU)
/// took half the time of a 200,000-post check; these read the usual shapes and leave anything
/// unusual to the formatters.
extension PostTime {
    static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                         "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let zones = ["gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -300, "edt": -240, "cst": 480, "pst": -480, "pdt": -420]

    /// `Fri, 03 May 2024 10:00:00 +0800` (weekday optional, seconds optional, zone ±hhmm or a name).
    static func fastRFC822(_ t: String) -> Date? {
        var parts = t.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
        if let first = parts.first, first.count >= 3, first.allSatisfy(\.isLetter) { parts.removeFirst() }
        guard parts.count >= 4, let day = Int(parts[0]), let month = months[String(parts[1].prefix(3))], let year = Int(parts[2]) else { return nil }
        let hms = parts[3].split(separator: ":").compactMap { Int($0) }
        guard hms.count >= 2, let date = SimpleDate(year: year, month: month, day: day) else { return nil }
        var offsetMinutes = 480  // no zone: China time
        if parts.count >= 5 {
            let z = parts[4]
            if let sign = z.first, sign == "+" || sign == "-", z.count == 5, let v = Int(z.dropFirst()) {
                offsetMinutes = (sign == "-" ? -1 : 1) * (v / 100 * 60 + v % 100)
            } else if let m = zones[z] { offsetMinutes = m } else { return nil }
        }
        let seconds = date.dayNumber * 86_400 + hms[0] * 3600 + hms[1] * 60 + (hms.count > 2 ? hms[2] : 0) - offsetMinutes * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `2024-05-03T10:00:00Z`, `…+08:00`, `….123+08:00`.
    static func fastISO(_ t: String) -> Date? {
        let u = Array(t.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= u.count else { return nil }
            var n = 0
            for i in from..<(from + len) { guard u[i] >= 48, u[i] <= 57 else { return nil }; n = n * 10 + Int(u[i] - 48) }
            return n
        }
        guard u.count >= 19, u[4] == 45, u[7] == 45, u[10] == 84 || u[10] == 116, u[13] == 58, u[16] == 58,
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2),
              let date = SimpleDate(year: y, month: mo, day: d) else { return nil }
        var i = 19
        var fraction = 0.0
        if i < u.count, u[i] == 46 {
            var scale = 0.1
            i += 1
            while i < u.count, u[i] >= 48, u[i] <= 57 { fraction += Double(u[i] - 48) * scale; scale /= 10; i += 1 }
        }
        var offset = 0
        if i == u.count { return nil }  // no zone: leave to the formatters
        if u[i] == 90 || u[i] == 122 { i += 1 } else if u[i] == 43 || u[i] == 45, let oh = num(i + 1, 2) {
            let om = (i + 3 < u.count && u[i + 3] == 58) ? num(i + 4, 2) : num(i + 3, 2)
            guard let om else { return nil }
            offset = (u[i] == 45 ? -1 : 1) * (oh * 60 + om) * 60
            i = u.count
        } else { return nil }
        let seconds = date.dayNumber * 86_400 + h * 3600 + mi * 60 + s - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }
}
