import Foundation
import GovLensChecks
import GovLensCore
import GovLensDocuments
import GovLensNewMedia
import GovLensStore

/// 政务新媒体 accounts on the platform: the register imported into units, and each account
/// checked on the schedule from its source (the feed its register row names, fetched, or the
/// newest export its unit uploaded), its findings tracked by key like a site's.
public struct NewMediaMonitor: Sendable {
    public let store: ScanStore
    public let rules: NewMediaRules
    /// Text checks on every post (typos, wording, personal numbers); nil leaves them out.
    public let textCheck: NewMediaChecker.TextCheck?
    /// The day a check judges against (today in China; the demo's fixed day).
    public let asOf: @Sendable () -> SimpleDate
    /// Hours between two checks of an account.
    public var intervalHours = 24
    /// Fetch feed addresses (tests that stay offline turn it off).
    public var fetchFeeds = true

    public init(store: ScanStore, rules: NewMediaRules, textCheck: NewMediaChecker.TextCheck? = nil,
                asOf: @escaping @Sendable () -> SimpleDate = { SimpleDate.today() }) {
        self.store = store; self.rules = rules; self.textCheck = textCheck; self.asOf = asOf
    }

    /// The shipped rules with `inspector`'s text checks on every post (the server passes the one
    /// its scans use).
    public static func standard(store: ScanStore, inspector: TextInspector,
                                asOf: @escaping @Sendable () -> SimpleDate = { SimpleDate.today() }) throws -> NewMediaMonitor {
        return NewMediaMonitor(store: store, rules: try NewMediaRules.bundled(),
                               textCheck: { text, page, date in inspector.inspect(text, page: page, date: date) }, asOf: asOf)
    }

    // MARK: Import

    /// What an import did: accounts added and updated, and the register's rows that were skipped.
    public struct ImportResult: Sendable, Codable {
        public var added: Int
        public var updated: Int
        /// Rows skipped: where (file, row, column) and why, in Chinese.
        public var issues: [Issue]
        public struct Issue: Sendable, Codable, Equatable {
            public var place: String
            public var message: String
        }
    }

    /// Imports a register (CSV or XLSX bytes) into the store. Each account belongs to `unit` when
    /// given (a unit importing its own register), else to the unit named by its 主办单位. Bad rows
    /// are reported and skipped; a 主办单位 that is not a platform unit stops the import (nothing
    /// is stored) with the row named.
    public static func importRegister(_ data: Data, fileName: String, unit: String? = nil, store: ScanStore) throws -> ImportResult {
        let table: DataTable
        do {
            table = fileName.lowercased().hasSuffix(".xlsx") ? try TableReader.xlsx(data, file: fileName) : try TableReader.csv(data, file: fileName)
        } catch { throw StoreError("\(error)") }
        let register: AccountRegister
        do { register = try RegisterReader.read(table) } catch { throw StoreError("\(error)") }
        var issues = register.issues.map { ImportResult.Issue(place: $0.place, message: $0.message) }, rows: [AccountImport] = []
        for a in register.accounts {
            let place = table.place(row: a.row ?? 0)
            guard let owner = unit ?? (a.owner.isEmpty ? nil : a.owner) else {
                issues.append(ImportResult.Issue(place: place, message: "缺少主办单位，无法确定所属单位，该行未导入"))
                continue
            }
            rows.append(AccountImport(unit: owner, platform: a.platform.rawValue, name: a.name, owner: a.owner, handle: a.handle,
                                      url: a.url, opened: a.openedOn?.description, status: a.status.rawValue, place: place))
        }
        let (added, updated) = try store.importAccounts(rows)
        return ImportResult(added: added, updated: updated, issues: issues)
    }

    // MARK: Checks

    /// Checks every account due now (never checked, or checked `intervalHours` ago). A unit's
    /// accounts are checked together so duplicates are found within the unit. Returns how many
    /// accounts were checked.
    @discardableResult
    public func runDue(now: Date = Date()) async throws -> Int {
        let due = try store.accountsDue(every: Double(intervalHours) * 3600, at: now)
        var n = 0
        for unit in Set(due.map(\.unitID)).sorted() { n += try await check(unit: unit, at: now) }
        return n
    }

    /// Checks all accounts of one unit now and stores the results, stamped `at` (the scheduler's
    /// clock: what is due next is counted from it).
    @discardableResult
    public func check(unit: Int64, at now: Date = Date()) async throws -> Int {
        let records = try store.accounts(.all, unit: unit)
        let day = asOf()
        var loaded: [AccountPosts] = []
        for r in records { loaded.append(await posts(r, asOf: day)) }
        let report = NewMediaChecker(rules: rules, textCheck: textCheck).check(loaded, asOf: day)
        let at = ISO8601DateFormatter().string(from: now)
        for (r, summary) in zip(records, report.accounts) {
            var own = report.findings.filter { $0.subject == summary.account.label }
            FindingKey.assign(&own)
            try store.finishAccountCheck(account: r.id, check: Self.record(summary, at: at, asOf: day), findings: own)
        }
        return records.count
    }

    /// One account's posts: the newest uploaded export, else the register's feed address.
    func posts(_ r: AccountRecord, asOf: SimpleDate) async -> AccountPosts {
        let account = Self.account(r)
        if let export = try? store.latestAccountExport(account: r.id, .all) {
            var result = AccountPosts(account: account, source: export.name)
            // An export's 3天前 or 昨天 was written on the day it was downloaded: read relative dates
            // against the upload day (or the check day, when that is earlier: a re-run as of a past day).
            let uploaded = ISO8601DateFormatter().date(from: export.uploadedAt).map { SimpleDate(date: $0) } ?? asOf
            do {
                let (adapter, posts) = try PostAdapters.read(export.data, fileName: export.name, asOf: min(asOf, uploaded))
                result.adapter = adapter; result.posts = posts.sorted { $0.time < $1.time }
            } catch { result.error = "\(error)" }
            return result
        }
        var result = await SourceLoader(directory: nil, fetchFeeds: fetchFeeds).load(account, asOf: asOf)
        if result.source == nil {  // the loader's own words name the CLI's --sources
            result.error = "没有内容来源：登记的地址不是订阅源（RSS/Atom），也未上传该账号的导出文件"
        }
        return result
    }

    // MARK: The site's 政务新媒体 column

    /// Compares what a scan of `site` read on its 政务新媒体 column with the unit's registered
    /// accounts: listed accounts that are not registered become `newmedia.unregistered` findings
    /// of the scan (tracked and issued like any site finding), and each registered account is
    /// marked listed or not. Nothing happens when the scan read no such column or the unit has
    /// no account registered (everything would look unregistered).
    public static func compareListing(_ report: inout ScanReport, site: SiteRecord, store: ScanStore) throws {
        guard let listed = report.newMediaListed, let page = listed.first?.page else { return }
        let records = try store.accounts(.all, unit: site.unitID)
        guard !records.isEmpty else { return }
        let register = records.map(account)
        let seen = listed.map { SeenAccount(name: $0.name, platform: $0.platform.flatMap(NewMediaPlatform.named), url: $0.url) }
        var found = NewMediaChecker.unregistered(seen, register: register, page: page)
        FindingKey.assign(&found)
        report.findings += found
        let unlisted = Set(SiteListing.unlisted(register, seen: seen).map(\.key))
        try store.setSiteListing(unit: site.unitID, unlisted: Set(records.filter { unlisted.contains("\($0.platform)/\($0.name)") }.map(\.id)),
                                 page: page)
    }

    static func account(_ r: AccountRecord) -> Account {
        Account(name: r.name, platform: NewMediaPlatform.named(r.platform) ?? .app, owner: r.owner, handle: r.handle, url: r.url,
                openedOn: r.opened.flatMap { SimpleDate(iso: $0) }, status: AccountStatus(rawValue: r.status) ?? .active)
    }

    static func record(_ s: AccountSummary, at: String, asOf: SimpleDate) -> AccountCheckRecord {
        AccountCheckRecord(checkedAt: at, asOf: asOf.description, checked: s.checked, reason: s.reason,
                           source: s.source.map(ScanStore.redacted), posts: s.posts, postsInPeriod: s.postsInPeriod,
                           lastPost: s.lastPost?.description, daysSinceLastPost: s.daysSinceLastPost, interaction: s.interaction,
                           replies: s.replies, medianReplyHours: s.medianReplyHours, findings: s.findings.sorted())
    }
}
