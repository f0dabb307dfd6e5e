import Foundation

/// Working days as Chinese government offices count them: Monday to Friday, minus the official
/// public holidays (放假), plus the weekend days made working days (调休上班), from the State
/// Council's yearly notices (`Data/holidays.tsv`). Every deadline in govlens (整改期限, 答复时限,
/// 解读 lateness) is counted with it.
public struct WorkingDayCalendar: Sendable {
    /// Days off that would otherwise be working days, and weekend days that are working days.
    public private(set) var daysOff: [SimpleDate: String] = [:]
    public private(set) var extraWorkdays: [SimpleDate: String] = [:]
    /// The years the notices cover; outside them only weekends are known, and `covers` says so.
    public private(set) var years: ClosedRange<Int>?

    /// Weekends only: for tests and for places without official notices.
    public static let weekendsOnly = WorkingDayCalendar()

    /// The official calendar shipped with govlens (2019–2026).
    public static let official: WorkingDayCalendar = {
        guard let url = Bundle.module.url(forResource: "holidays", withExtension: "tsv", subdirectory: "Data"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("holidays.tsv is missing from GovLensCore's resources")
        }
        return try! WorkingDayCalendar(tsv: text)
    }()

    /// A calendar that knows weekends only.
    public init() {}

    /// Reads the tab-separated table: `date  off|work  name`; `# years: 2019-2026` gives the span.
    public init(tsv: String) throws {
        for (n, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("# years:") {
                let ys = t.dropFirst(8).split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                if ys.count == 2, ys[0] <= ys[1] { years = ys[0]...ys[1] }
                continue
            }
            if t.isEmpty || t.hasPrefix("#") { continue }
            let cells = t.split(separator: "\t").map(String.init)
            guard cells.count >= 2, let d = SimpleDate(iso: cells[0]), ["off", "work"].contains(cells[1]) else {
                throw CalendarError(line: n + 1, text: String(line))
            }
            let name = cells.count > 2 ? cells[2] : ""
            if cells[1] == "off" { daysOff[d] = name } else { extraWorkdays[d] = name }
        }
    }

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: SimpleDate) -> Bool {
        if extraWorkdays[date] != nil { return true }
        if daysOff[date] != nil { return false }
        return date.weekday != 0 && date.weekday != 6
    }

    /// Whether the official notices cover the year of `date` (else only weekends were skipped).
    public func covers(_ date: SimpleDate) -> Bool { years?.contains(date.year) ?? false }

    /// The day `days` working days after `date` (`date` itself not counted): 15 working days from
    /// a Friday before the National Day holiday land well into October.
    public func add(_ days: Int, to date: SimpleDate) -> SimpleDate {
        var d = date, left = days
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not later).
    public func workingDays(from: SimpleDate, to: SimpleDate) -> Int {
        guard to > from else { return 0 }
        var n = 0, d = from
        while d < to { d = d.adding(days: 1); if isWorkingDay(d) { n += 1 } }
        return n
    }

    /// A malformed line of the holiday table.
    public struct CalendarError: Error, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "节假日表第\(line)行格式错误：“\(text)”（应为 日期<Tab>off|work<Tab>节日名称）" }
    }
}
