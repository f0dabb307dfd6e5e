import Foundation
import GovLensCore
import GovLensDocuments

/// One assessed unit from the units file.
public struct AssessedUnit: Sendable, Codable, Equatable {
    public var name: String
    public var group: String
    /// The site's address as written (scans are matched to it by host and path).
    public var site: String?
    public var portal: Bool
    public var serviceFunctions: Bool
    /// Where reminders are mailed (联系邮箱), if the sheet gives one.
    public var email: String?
    /// Where it was read, for messages.
    public var place: String

    /// A unit as the store or a sheet gives it.
    public init(name: String, group: String, site: String?, portal: Bool = false, serviceFunctions: Bool = true,
                email: String? = nil, place: String)
    {
        self.name = name; self.group = group; self.site = site; self.portal = portal; self.serviceFunctions = serviceFunctions
        self.email = email; self.place = place
    }

    func flag(_ name: String) -> Bool { name == "portal" ? portal : serviceFunctions }
}

/// Reads the units file: `unit`, `group`, `site`, `portal`, `serviceFunctions` (Chinese headers
/// such as 单位名称、分组、网站、门户网站、有办事服务 are accepted too).
public enum UnitsFile {
    static let unitHeaders = ["unit", "单位", "单位名称", "被考核单位", "名称"]
    static let groupHeaders = ["group", "分组", "组别", "类别", "考核组"]
    static let siteHeaders = ["site", "网站", "网址", "网站地址", "url", "域名"]
    static let portalHeaders = ["portal", "门户", "门户网站", "是否门户网站"]
    static let serviceHeaders = ["serviceFunctions", "service", "办事服务", "有办事服务", "有对外服务职能"]
    static let emailHeaders = ["email", "联系邮箱", "邮箱", "电子邮箱"]
    /// The group of units whose file has no group column.
    public static let defaultGroup = "全部单位"

    /// The units of a table; bad rows are errors naming the file, row and column.
    public static func read(_ table: DataTable) throws(ScoringError) -> [AssessedUnit] {
        guard let unitColumn = table.column(unitHeaders) else {
            throw ScoringError("单位名单 \(table.file) 缺少单位名称列（表头应为 unit 或 单位名称）")
        }
        let group = table.column(groupHeaders), site = table.column(siteHeaders)
        let portal = table.column(portalHeaders), service = table.column(serviceHeaders), email = table.column(emailHeaders)
        var units: [AssessedUnit] = [], seen: [String: Int] = [:]
        for row in table.rows {
            let name = row[unitColumn]
            guard !name.isEmpty else { throw ScoringError("\(table.place(row: row.number, column: unitColumn))：单位名称为空") }
            if let first = seen[name] {
                throw ScoringError("\(table.place(row: row.number, column: unitColumn))：单位“\(name)”重复（第\(first)行已出现）")
            }
            seen[name] = row.number
            func flag(_ column: Int?, default value: Bool) throws(ScoringError) -> Bool {
                guard let column else { return value }
                let cell = row[column]
                if cell.isEmpty { return value }
                guard let b = Flag.parse(cell) else {
                    throw ScoringError("\(table.place(row: row.number, column: column))：“\(cell)”应为 是 或 否")
                }
                return b
            }
            let siteText = site.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            if let siteText, SiteKey.of(siteText) == nil {
                throw ScoringError("\(table.place(row: row.number, column: site))：“\(siteText)”不是有效的网站地址")
            }
            let emailText = email.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            if let emailText, !Self.isEmailList(emailText) {
                throw ScoringError("\(table.place(row: row.number, column: email))：“\(emailText)”不是有效的邮箱地址（多个地址用分号分隔）")
            }
            units.append(AssessedUnit(
                name: name, group: group.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? defaultGroup,
                site: siteText, portal: try flag(portal, default: false), serviceFunctions: try flag(service, default: true),
                email: emailText, place: table.place(row: row.number)))
        }
        guard !units.isEmpty else { throw ScoringError("单位名单 \(table.file) 没有任何单位") }
        return units
    }

    /// `a@b.cn` or several separated by `;` (no spaces or quotes inside an address: they go into mail headers).
    static func isEmailList(_ s: String) -> Bool {
        s.split(whereSeparator: { ";；,，".contains($0) }).allSatisfy { part in
            let a = part.trimmingCharacters(in: .whitespaces)
            let halves = a.split(separator: "@", omittingEmptySubsequences: false)
            return halves.count == 2 && !halves[0].isEmpty && halves[1].contains(".")
                && !a.contains { $0.isWhitespace || "<>\"'\r\n".contains($0) }
        }
    }
}

enum Flag {
    static func parse(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "是", "有", "y", "yes", "true", "1", "√", "✓": return true
        case "否", "无", "n", "no", "false", "0", "×", "✗": return false
        default: return nil
        }
    }
}

/// A manual score as entered, and where.
public struct ManualEntry: Sendable, Codable, Equatable {
    public var value: String
    public var place: String
    /// The assessor's reason (扣分理由), when the sheet gives one: the unit reads it in its 问题清单.
    public var reason: String? = nil
}

/// The assessors' sheet: a unit column and one column per manual item (by the item's `name`, or
/// its published header `公开渠道 (7)`), plus one per manual veto rule. Reasons are read from a
/// column `<item>扣分理由` (or 扣分原因, 理由) per item, or one shared 扣分理由 / 扣分原因 column.
public struct ManualSheet: Sendable {
    public var file: String
    /// Unit → item name → entry.
    public var entries: [String: [String: ManualEntry]]

    /// The manual scores of a table for the pack's manual items and vetoes.
    public static func read(_ table: DataTable, pack: RulePack, units: [AssessedUnit]) throws(ScoringError) -> ManualSheet {
        guard let unitColumn = table.column(UnitsFile.unitHeaders) else {
            throw ScoringError("手工评分表 \(table.file) 缺少单位名称列（表头应为 unit 或 单位名称）")
        }
        let known = Set(units.map(\.name))
        var columns: [(name: String, index: Int)] = []
        for item in pack.manualItems {
            let wanted = [item.name, item.header, item.header.replacingOccurrences(of: " (", with: "（").replacingOccurrences(of: ")", with: "）")]
            guard let c = table.column(wanted) else {
                throw ScoringError("手工评分表 \(table.file) 缺少评分项“\(item.name)”一列（表头应为“\(item.name)”或“\(item.header)”）")
            }
            columns.append((item.name, c))
        }
        // A category the sheet also gives (公开渠道 beside its sub-items) is read to be checked
        // against the sum of its children.
        for category in pack.items.flatMap(\.subtree) where category.children != nil && category.leaves.allSatisfy({ $0.source == .manual }) {
            if let c = table.column([category.name, category.header]) { columns.append((category.name, c)) }
        }
        for v in pack.veto ?? [] where v.source == .manual {
            if let name = v.name, let c = table.column([name]) { columns.append((name, c)) }
        }
        let reasonWords = ["扣分理由", "扣分原因", "理由"]
        let reasons = Dictionary(columns.map { c in (c.name, table.column(reasonWords.map { c.name + $0 })) }, uniquingKeysWith: { a, _ in a })
        let sharedReason = table.column(["扣分理由", "扣分原因"])
        var entries: [String: [String: ManualEntry]] = [:], seen: [String: Int] = [:]
        for row in table.rows {
            let name = row[unitColumn]
            guard !name.isEmpty else { throw ScoringError("\(table.place(row: row.number, column: unitColumn))：单位名称为空") }
            guard known.contains(name) else {
                throw ScoringError("\(table.place(row: row.number, column: unitColumn))：单位“\(name)”不在单位名单中")
            }
            if let first = seen[name] {
                throw ScoringError("\(table.place(row: row.number, column: unitColumn))：单位“\(name)”重复（第\(first)行已出现）")
            }
            seen[name] = row.number
            var values: [String: ManualEntry] = [:]
            for (item, c) in columns {
                let reason = ((reasons[item] ?? nil) ?? sharedReason).map { row[$0].trimmingCharacters(in: .whitespaces) }
                values[item] = ManualEntry(value: row[c], place: table.place(row: row.number, column: c),
                                           reason: reason?.isEmpty == false ? reason : nil)
            }
            entries[name] = values
        }
        if !pack.manualItems.isEmpty, let missing = units.first(where: { entries[$0.name] == nil }) {
            throw ScoringError("手工评分表 \(table.file) 中没有单位“\(missing.name)”的评分（单位名单 \(missing.place)）")
        }
        return ManualSheet(file: table.file, entries: entries)
    }
}

/// Scan results (`govlens scan` JSON) matched to units by site.
public enum ScanSet {
    /// Unit name → its scan. `reports` are (file name, report) pairs; a scan of a site no unit
    /// has, or two scans of one unit, is an error naming the files.
    public static func match(_ reports: [(file: String, report: ScanReport)], units: [AssessedUnit]) throws(ScoringError)
        -> [String: ScanReport]
    {
        var bySite: [String: AssessedUnit] = [:]
        for u in units { if let s = u.site, let key = SiteKey.of(s) { bySite[key] = u } }
        var out: [String: ScanReport] = [:], from: [String: String] = [:]
        for (file, report) in reports {
            guard let key = SiteKey.of(report.site), let unit = bySite[key] else {
                throw ScoringError("扫描结果 \(file) 的网站 \(report.site) 不属于单位名单中的任何单位")
            }
            if let other = from[unit.name] {
                throw ScoringError("扫描结果 \(file) 与 \(other) 都是单位“\(unit.name)”（\(report.site)）的，请只保留一份")
            }
            out[unit.name] = report; from[unit.name] = file
        }
        return out
    }
}

/// `https://WWW.x.gov.cn:443/index.html` and `www.x.gov.cn` are the same site: host, port and
/// path without a trailing slash or index page.
enum SiteKey {
    static func of(_ s: String) -> String? {
        let text = s.contains("://") ? s : "http://" + s
        guard let c = URLComponents(string: text), let host = c.host?.lowercased(), !host.isEmpty, host.contains(".") || host == "localhost"
        else { return nil }
        let port = c.port.map { [80, 443].contains($0) ? "" : ":\($0)" } ?? ""
        var path = c.path
        for index in ["index.html", "index.htm", "index.shtml", "index.jsp", "default.html", "default.htm"] where path.hasSuffix("/" + index) {
            path.removeLast(index.count)
        }
        while path.hasSuffix("/") { path.removeLast() }
        return host + port + path
    }
}
