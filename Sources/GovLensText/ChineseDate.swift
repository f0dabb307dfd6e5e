import Foundation

import GovLensCore

/// Finds dates in the forms real sites use: 2023-06-27, 2023/06/27, 2023.06.27, 2023年6月27日.
public enum ChineseDate {
    nonisolated(unsafe) private static let dateRegex = try! NSRegularExpression(
        pattern: #"((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)"#)

    /// Labels that introduce a publication date on article pages and 信息公开 metadata tables, in
    /// tiers: a 发布 date wins over a 成文 date, which wins over a bare 日期/时间.
    public static let publicationLabels = [["发布时间", "发布日期"], ["成文日期", "发文日期"], ["日期", "时间"]]

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

    /// A date introduced by a publication label (`发布时间：2023-05-12`, `日期：2023年5月12日`, or a
    /// metadata table cell `成文日期` followed by the date in the next cell), never a bare date from
    /// a footer, copyright line or visit counter. Searches UTF-8 bytes: this runs on every page.
    public static func labelled(in text: String) -> SimpleDate? {
        var text = text
        return text.withUTF8 { bytes -> SimpleDate? in
            for tier in labelBytes {
                var best: (offset: Int, date: SimpleDate)?
                for label in tier {
                    var from = 0
                    while let at = UTF8Search.find(label, in: bytes, from: from) {
                        from = at + label.count
                        if best.map({ $0.offset < at }) == true { break }
                        if let date = dateAfterLabel(bytes, at + label.count) { best = (at, date) }
                    }
                }
                if let best { return best.date }
            }
            return nil
        }
    }

    private static let labelBytes = publicationLabels.map { $0.map { Array($0.utf8) } }

    /// After a label: up to 3 spaces, then ： or : (or a table cell break), then a date within 4 characters.
    private static func dateAfterLabel(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> SimpleDate? {
        var i = start
        for _ in 0..<3 {
            if i < b.count, b[i] == 0x20 { i += 1 }
            else if i + 2 < b.count, b[i] == 0xE3, b[i + 1] == 0x80, b[i + 2] == 0x80 { i += 3 }
            else if i + 1 < b.count, b[i] == 0xC2, b[i + 1] == 0xA0 { i += 2 }
        }
        if i < b.count, b[i] == 0x3A || b[i] == 0x0A { i += 1 }
        else if i + 2 < b.count, b[i] == 0xEF, b[i + 1] == 0xBC, b[i + 2] == 0x9A { i += 3 }
        else { return nil }
        let window = String(decoding: UnsafeBufferPointer(rebasing: b[i..<min(b.count, i + 72)]), as: UTF8.self)
        guard let first = allDates(in: window).first,
              window.distance(from: window.startIndex, to: first.range.lowerBound) <= 4 else { return nil }
        return first.date
    }
}

/// Substring search on UTF-8 bytes (Foundation's `range(of:)` folds Unicode and is slow on whole pages).
public enum UTF8Search {
    /// Byte offset of the first occurrence of `needle` at or after `from`, or nil.
    public static func find(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard !needle.isEmpty, from >= 0, hay.count - from >= needle.count else { return nil }
        let first = needle[0], last = hay.count - needle.count
        var i = from
        outer: while i <= last {
            if hay[i] != first { i += 1; continue }
            for k in 1..<needle.count where hay[i + k] != needle[k] { i += 1; continue outer }
            return i
        }
        return nil
    }

    /// Whether `text` contains `needle`, compared byte for byte (no Unicode folding).
    public static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        return text.withUTF8 { find(Array(needle.utf8), in: $0) != nil }
    }
}

/// A date as a list page shows it: complete (`2023-06-27`, `2023年6月27日`) or month and day only
/// (`[06-27]`, `06-27`, `6月27日`), whose year comes from context (`resolved`).
public enum ListDate: Sendable, Hashable {
    case full(SimpleDate)
    case monthDay(month: Int, day: Int)

    nonisolated(unsafe) private static let monthDayRegex = try! NSRegularExpression(
        pattern: #"(?<![\d/.\-年])(?:(\d{2})[-/.](\d{2})(?![\d/.\-:])|(\d{1,2})月(\d{1,2})日)"#)

    /// The date in a list item's text outside its title: a complete date first, else a month-day.
    /// Only short texts are read: a date inside a paragraph is not a list date.
    public static func find(in text: String) -> ListDate? {
        guard text.count <= 80 else { return nil }
        if let full = ChineseDate.allDates(in: text).last?.date { return .full(full) }
        let ns = text as NSString
        for m in monthDayRegex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let (a, b) = m.range(at: 1).location != NSNotFound ? (1, 2) : (3, 4)
            guard let mo = Int(ns.substring(with: m.range(at: a))), let d = Int(ns.substring(with: m.range(at: b))),
                  (1...12).contains(mo), (1...31).contains(d) else { continue }
            return .monthDay(month: mo, day: d)
        }
        return nil
    }

    /// A complete date at the very end of an anchor's text (`标题 2023-06-27`).
    public static func trailing(in title: String) -> SimpleDate? {
        guard let last = ChineseDate.allDates(in: title).last else { return nil }
        let rest = title[last.range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ]】)）\u{3000}"))
        return rest.isEmpty ? last.date : nil
    }

    /// The calendar date, given the scan date and the item's URL. A month-day takes its year from
    /// the URL when the URL carries that date (`t20230627_…`, `/202306/`), else the latest year
    /// that does not put it after `asOf`.
    public func resolved(asOf: SimpleDate, url: String? = nil) -> SimpleDate? {
        switch self {
        case .full(let d): return d
        case .monthDay(let m, let d):
            if let url, let y = ListDate.year(in: url, month: m) { return SimpleDate(year: y, month: m, day: d) }
            if let this = SimpleDate(year: asOf.year, month: m, day: d), this <= asOf { return this }
            return SimpleDate(year: asOf.year - 1, month: m, day: d)
        }
    }

    nonisolated(unsafe) private static let urlYearMonth = try! NSRegularExpression(pattern: #"((?:19|20)\d{2})[-_]?(\d{2})"#)

    static func year(in url: String, month: Int) -> Int? {
        let ns = url as NSString
        for m in urlYearMonth.matches(in: url, range: NSRange(location: 0, length: ns.length)) {
            if Int(ns.substring(with: m.range(at: 2))) == month { return Int(ns.substring(with: m.range(at: 1))) }
        }
        return nil
    }
}

/// List items in plain text, as text renderings of list pages show them: `标题 2023-06-27`.
public enum TextList {
    /// One list entry found in text: its title and complete date.
    public struct Item: Sendable, Equatable {
        public var title: String
        public var date: SimpleDate
    }

    /// Each complete date preceded by a title (the run of text back to the previous whitespace).
    public static func items(in text: String) -> [Item] {
        var out: [Item] = []
        for (date, range) in ChineseDate.allDates(in: text) {
            let before = text[..<range.lowerBound].reversed().drop(while: { $0 == " " || $0 == "\u{3000}" })
            let title = String(before.prefix(while: { !$0.isWhitespace }).reversed())
            guard title.count >= 4, !title.hasSuffix("：") && !title.hasSuffix(":") else { continue }
            out.append(Item(title: title, date: date))
        }
        return out
    }
}
