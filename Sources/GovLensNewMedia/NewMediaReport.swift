import Foundation
import GovLensCore
import GovLensDocuments

/// One account in the report: what was read, the figures of the period, the IDs found.
public struct AccountSummary: Codable, Sendable {
    public var account: Account
    public var checked: Bool
    /// Why the account was not checked (its source could not be read).
    public var reason: String?
    public var source: String?
    public var adapter: String?
    /// Posts read in all, and in the statistics period.
    public var posts: Int
    public var postsInPeriod: Int
    public var periodStart: SimpleDate
    public var lastPost: SimpleDate?
    public var daysSinceLastPost: Int?
    /// true: some post offers 留言/评论; false: none does; nil: the source does not say.
    public var interaction: Bool?
    /// Answers in the period and the median time from post to first answer, in hours.
    public var replies: Int
    public var medianReplyHours: Double?
    /// The IDs of this account's findings.
    public var findings: [String] = []

    init(_ s: AccountPosts, asOf: SimpleDate, rules: NewMediaRules) {
        account = s.account; checked = s.checked; reason = s.error; source = s.source; adapter = s.adapter
        let start = asOf.adding(days: -(rules.statsDays - 1))
        periodStart = start
        posts = s.posts.count
        let period = s.posts.filter { $0.date >= start && $0.date <= asOf }
        postsInPeriod = period.count
        let last = s.posts.map(\.date).max()
        lastPost = last
        daysSinceLastPost = last.map { $0.days(until: asOf) }
        let said = s.posts.compactMap(\.interaction)
        interaction = said.isEmpty ? nil : said.contains(true)
        replies = period.reduce(0) { $0 + $1.replies.count }
        let delays = period.compactMap { p in p.replies.first.map { $0.timeIntervalSince(p.time) / 3600 } }.filter { $0 >= 0 }.sorted()
        medianReplyHours = delays.isEmpty ? nil
            : (delays.count % 2 == 1 ? delays[delays.count / 2] : (delays[delays.count / 2 - 1] + delays[delays.count / 2]) / 2)
    }
}

/// The result of `govlens newmedia check`: accounts (checked or not, and why), findings shaped
/// like a scan's, and the register's bad rows.
public struct NewMediaReport: Codable, Sendable {
    public var asOf: SimpleDate
    public var register: String?
    public var registerIssues: [RegisterIssue] = []
    public var accounts: [AccountSummary]
    public var findings: [Finding]

    public init(asOf: SimpleDate, accounts: [AccountSummary], findings: [Finding]) {
        self.asOf = asOf; self.accounts = accounts; self.findings = findings
    }

    public var notChecked: [AccountSummary] { accounts.filter { !$0.checked } }
    /// Posts read over all checked accounts.
    public var postsChecked: Int { accounts.reduce(0) { $0 + $1.posts } }

    /// Pretty JSON with sorted keys (stable across runs).
    public func json() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return try e.encode(self)
    }

    /// Accounts with a `newmedia.stale` finding: the list a 通报 attaches.
    public var overdue: [AccountSummary] { accounts.filter { $0.findings.contains(CheckID.newMediaStale.rawValue) } }

    /// The overdue list (序号, 账号名称, 平台, 主办单位, 最近更新, 超期天数, 问题), all accounts, and the
    /// accounts not checked, as an XLSX workbook.
    public func xlsx(staleDays: Int, titles: [CheckID: String] = [:]) throws -> Data {
        func problems(_ a: AccountSummary) -> String {
            a.findings.map { titles[CheckID(rawValue: $0)] ?? $0 }.joined(separator: "；")
        }
        let overdueRows: [[XLSXWorkbook.Cell]] = overdue.enumerated().map { i, a in
            [.number(Decimal(i + 1)), .text(a.account.name), .text(a.account.platform.rawValue), .text(a.account.owner),
             a.lastPost.map { .text($0.description) } ?? .text("无"),
             a.daysSinceLastPost.map { .number(Decimal($0 - staleDays)) } ?? .empty, .text(problems(a))]
        }
        let allRows: [[XLSXWorkbook.Cell]] = accounts.enumerated().map { i, a in
            [.number(Decimal(i + 1)), .text(a.account.name), .text(a.account.platform.rawValue), .text(a.account.owner),
             .text(a.account.status.rawValue), .text(a.checked ? "已检查" : "未检查：\(a.reason ?? "")"),
             .number(Decimal(a.postsInPeriod)), a.lastPost.map { .text($0.description) } ?? .empty,
             .number(Decimal(a.replies)), a.medianReplyHours.map { .number(Decimal(($0 * 10).rounded() / 10)) } ?? .empty,
             .text(problems(a))]
        }
        let book = XLSXWorkbook(sheets: [
            .init(name: "超期未更新账号", title: "政务新媒体超期未更新账号（截至 \(asOf)，超过 \(staleDays) 天未更新）",
                  header: ["序号", "账号名称", "平台", "主办单位", "最近更新", "超期天数", "问题"], rows: overdueRows),
            .init(name: "全部账号", title: "政务新媒体检查情况（截至 \(asOf)）",
                  header: ["序号", "账号名称", "平台", "主办单位", "登记状态", "检查情况", "统计期发布数", "最近更新", "回复数", "回复时长中位数（小时）", "问题"],
                  rows: allRows),
        ])
        return try book.data()
    }

    /// The rows of the overdue list as the 通报's 附件 prints them (序号, 账号名称, 平台, 主办单位, 最近更新,
    /// 超期天数, 问题).
    func overdueRows(staleDays: Int, titles: [CheckID: String]) -> [[String]] {
        overdue.enumerated().map { i, a in
            [String(i + 1), a.account.name, a.account.platform.rawValue, a.account.owner, a.lastPost?.description ?? "无",
             a.daysSinceLastPost.map { String($0 - staleDays) } ?? "",
             a.findings.map { titles[CheckID(rawValue: $0)] ?? $0 }.joined(separator: "；")]
        }
    }

    /// The 附件 a 通报 attaches (内容超期更新政务新媒体名单) as a GB/T 9704 DOCX page: title, the
    /// list, and how many accounts were checked.
    public func docx(staleDays: Int, titles: [CheckID: String] = [:], attachment: String = "附件") throws -> Data {
        var doc = DOCXDocument(title: "内容超期更新政务新媒体名单")
        doc.add(.plain(attachment))
        doc.add(.title("内容超期更新政务新媒体名单"))
        doc.add(.centered("（截至\(asOf.year)年\(asOf.month)月\(asOf.day)日，超过\(staleDays)天未更新）"))
        let rows = overdueRows(staleDays: staleDays, titles: titles)
        if rows.isEmpty {
            doc.add(.paragraph("检查的\(accounts.count - notChecked.count)个账号均在\(staleDays)天内有更新。"))
        } else {
            doc.add(.table(header: ["序号", "账号名称", "平台", "主办单位", "最近更新", "超期天数", "问题"], rows: rows))
        }
        if !notChecked.isEmpty {
            doc.add(.paragraph("另有\(notChecked.count)个账号因来源无法读取未检查：" + notChecked.map(\.account.label).joined(separator: "、") + "。"))
        }
        return try doc.data()
    }

    /// A Markdown summary: counts, the overdue list, accounts not checked, findings per account.
    public func markdown(titles: [CheckID: String] = [:]) -> String {
        var s = "# 政务新媒体检查（截至 \(asOf)）\n\n"
        s += "账号 \(accounts.count) 个，已检查 \(accounts.count - notChecked.count) 个，未检查 \(notChecked.count) 个；发现问题 \(findings.count) 条。\n\n"
        if !registerIssues.isEmpty {
            s += "## 登记表问题\n\n" + registerIssues.map { "- \($0.place)：\($0.message)" }.joined(separator: "\n") + "\n\n"
        }
        if !notChecked.isEmpty {
            s += "## 未检查的账号\n\n" + notChecked.map { "- \($0.account.label)：\($0.reason ?? "")" }.joined(separator: "\n") + "\n\n"
        }
        s += "## 账号\n\n| 账号 | 主办单位 | 统计期发布 | 最近更新 | 回复 | 回复时长中位数 | 问题 |\n|---|---|---|---|---|---|---|\n"
        for a in accounts where a.checked {
            let median = a.medianReplyHours.map { String(format: "%.1f 小时", $0) } ?? "—"
            let problems = a.findings.map { titles[CheckID(rawValue: $0)] ?? $0 }.joined(separator: "、")
            s += "| \(a.account.label) | \(a.account.owner) | \(a.postsInPeriod) | \(a.lastPost?.description ?? "无") | \(a.replies) | \(median) | \(problems.isEmpty ? "—" : problems) |\n"
        }
        if !findings.isEmpty {
            s += "\n## 问题\n\n"
            for f in findings {
                s += "- **\(titles[f.check] ?? f.check.rawValue)** \(f.subject ?? "")：\(Masking.longDigitRuns(f.evidence))"
                if f.page.hasPrefix("http") { s += "（\(f.page)）" }
                s += f.needsReview ? "【待人工确认】\n" : "\n"
            }
        }
        return s
    }
}

extension NewMediaReport {
    /// The report per 主办单位 as scoring reads a unit's scan (`govlens score --newmedia`): the
    /// findings of the unit's accounts; incomplete, with the accounts named, when some could not
    /// be read (their vetoes are then 未评估 for that unit, never a pass).
    public func unitScans() -> [String: ScanReport] {
        let owners = Dictionary(accounts.map { ($0.account.label, $0.account.owner) }, uniquingKeysWith: { a, _ in a })
        var out: [String: ScanReport] = [:]
        for (owner, summaries) in Dictionary(grouping: accounts.filter { !$0.account.owner.isEmpty }, by: \.account.owner) {
            let unread = summaries.filter { !$0.checked }
            let mine = findings.filter { f in f.subject.flatMap { owners[$0] } == owner }
            var r = ScanReport(site: "newmedia:\(owner)", asOf: asOf.description, startedAt: Date(timeIntervalSince1970: 0),
                               finishedAt: Date(timeIntervalSince1970: 0), stats: ScanStats(), complete: unread.isEmpty,
                               incompleteReasons: unread.map { "账号\($0.account.label)未检查：\($0.reason ?? "来源无法读取")" },
                               homepage: HomepageStatus(url: "newmedia:\(owner)", reachable: true, status: "200", latencyMs: nil),
                               pages: [], findings: mine, errors: [])
            r.notes = ["政务新媒体账号 \(summaries.count) 个，已检查 \(summaries.count - unread.count) 个"]
            out[owner] = r
        }
        return out
    }
}
