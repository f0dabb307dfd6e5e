import Foundation
import GovLensCore
import GovLensDocuments
import GovLensText

/// A problem with one register row (or the whole sheet): where it is and what to do, in Chinese.
public struct RegisterIssue: Codable, Sendable, Hashable {
    /// `register.csv 第3行第2列（平台）`, as `DataTable.place` says it.
    public var place: String
    public var row: Int?
    public var message: String
}

/// The register read: the accounts of its good rows and one issue per bad row. A bad row is
/// reported and skipped; the rest of the register is still checked.
public struct AccountRegister: Sendable {
    public var file: String
    public var accounts: [Account]
    public var issues: [RegisterIssue]
    public init(file: String, accounts: [Account], issues: [RegisterIssue] = []) {
        self.file = file; self.accounts = accounts; self.issues = issues
    }
}

/// Reads the sheet offices keep of their 政务新媒体 (CSV in UTF-8 or GBK, or XLSX): 账号名称, 平台,
/// 主办单位, 账号ID or 链接, 开设日期, 状态 (docs/NEWMEDIA.md lists the column names accepted).
public enum RegisterReader {
    static let nameColumns = ["账号名称", "名称", "账号", "新媒体名称"]
    static let platformColumns = ["平台", "平台类型", "账号类型", "类型"]
    static let ownerColumns = ["主办单位", "开办主体", "主管单位", "单位"]
    static let handleColumns = ["账号ID", "ID", "微信号", "账号标识"]
    static let urlColumns = ["URL", "链接", "网址", "地址", "订阅地址", "RSS"]
    static let openedColumns = ["开设日期", "开设时间", "开通日期"]
    static let statusColumns = ["状态", "运行状态", "账号状态"]

    /// Reads a register file; throws only when the file or its header cannot be used at all.
    public static func read(_ url: URL) throws(TableError) -> AccountRegister {
        try read(TableReader.read(url))
    }

    /// Reads a table already opened (tests, the platform's uploads).
    public static func read(_ table: DataTable) throws(TableError) -> AccountRegister {
        guard let nameCol = table.column(nameColumns) else { throw TableError("\(table.file) 缺少“账号名称”列") }
        guard let platformCol = table.column(platformColumns) else { throw TableError("\(table.file) 缺少“平台”列") }
        let ownerCol = table.column(ownerColumns), handleCol = table.column(handleColumns), urlCol = table.column(urlColumns)
        let openedCol = table.column(openedColumns), statusCol = table.column(statusColumns)
        var accounts: [Account] = [], issues: [RegisterIssue] = []
        var seen: [String: Int] = [:], seenHandles: [String: Int] = [:]
        func issue(_ row: DataTable.Row, _ col: Int?, _ message: String) {
            issues.append(RegisterIssue(place: table.place(row: row.number, column: col), row: row.number, message: message))
        }
        for row in table.rows {
            let name = row[nameCol]
            guard !name.isEmpty else { issue(row, nameCol, "缺少账号名称，该行未检查"); continue }
            guard let platform = NewMediaPlatform.named(row[platformCol]) else {
                let known = NewMediaPlatform.allCases.map(\.rawValue).joined(separator: "、")
                issue(row, platformCol, row[platformCol].isEmpty ? "缺少平台，该行未检查" : "不认识的平台“\(row[platformCol])”（应为 \(known)），该行未检查")
                continue
            }
            var account = Account(name: name, platform: platform, owner: ownerCol.map { row[$0] } ?? "", row: row.number)
            if let c = handleCol, !row[c].isEmpty { account.handle = row[c] }
            if let c = urlCol, !row[c].isEmpty { account.url = row[c] }
            if let c = openedCol, !row[c].isEmpty {
                if let d = ChineseDate.parse(row[c]) { account.openedOn = d } else { issue(row, c, "开设日期“\(row[c])”无法识别，已忽略") }
            }
            if let c = statusCol {
                if let s = AccountStatus.named(row[c]) { account.status = s } else { issue(row, c, "状态“\(row[c])”无法识别（应为 正常 或 已关停），按正常检查") }
            }
            // A duplicate row would count the account twice: the first row wins.
            if let first = seen[account.key] {
                issue(row, nameCol, "与第\(first)行重复（同一平台同名账号），该行未检查"); continue
            }
            if let h = account.handle, let first = seenHandles["\(platform.rawValue)/\(h)"] {
                issue(row, handleCol, "账号ID与第\(first)行相同，该行未检查"); continue
            }
            seen[account.key] = row.number
            if let h = account.handle { seenHandles["\(platform.rawValue)/\(h)"] = row.number }
            accounts.append(account)
        }
        return AccountRegister(file: table.file, accounts: accounts, issues: issues)
    }
}
