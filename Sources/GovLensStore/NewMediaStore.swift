import Foundation
import GovLensCore

/// A 政务新媒体 account to import: a register row, already read and validated (GovLensNewMedia
/// reads the sheet; the store knows only strings), and the platform unit it belongs to.
public struct AccountImport: Sendable {
    /// The platform unit (its name as the units file has it).
    public var unit: String
    public var platform: String
    public var name: String
    /// 主办单位 as the register says it.
    public var owner: String
    public var handle: String?
    public var url: String?
    public var opened: String?
    /// 正常 or 已关停.
    public var status: String
    /// Where it was read (file and row), for messages.
    public var place: String
    public init(unit: String, platform: String, name: String, owner: String, handle: String? = nil, url: String? = nil,
                opened: String? = nil, status: String, place: String) {
        self.unit = unit; self.platform = platform; self.name = name; self.owner = owner; self.handle = handle; self.url = url
        self.opened = opened; self.status = status; self.place = place
    }
}

/// What the last check of an account found out (figures only: no post text is stored).
public struct AccountCheckRecord: Codable, Sendable, Equatable {
    /// When the check ran (ISO 8601) and the day it judged against.
    public var checkedAt: String
    public var asOf: String
    /// False when the source could not be read; `reason` says why (never counted as 未更新).
    public var checked: Bool
    public var reason: String?
    /// Where the posts came from: the feed address or the uploaded export's file name.
    public var source: String?
    public var posts: Int
    public var postsInPeriod: Int
    public var lastPost: String?
    public var daysSinceLastPost: Int?
    public var interaction: Bool?
    public var replies: Int
    public var medianReplyHours: Double?
    /// Check IDs found on the account.
    public var findings: [String]
    public init(checkedAt: String, asOf: String, checked: Bool, reason: String?, source: String?, posts: Int, postsInPeriod: Int,
                lastPost: String?, daysSinceLastPost: Int?, interaction: Bool?, replies: Int, medianReplyHours: Double?,
                findings: [String]) {
        self.checkedAt = checkedAt; self.asOf = asOf; self.checked = checked; self.reason = reason; self.source = source
        self.posts = posts; self.postsInPeriod = postsInPeriod; self.lastPost = lastPost; self.daysSinceLastPost = daysSinceLastPost
        self.interaction = interaction; self.replies = replies; self.medianReplyHours = medianReplyHours; self.findings = findings
    }
}

/// A unit's 政务新媒体 account on the platform, with its last check.
public struct AccountRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var unitID: Int64
    public var unit: String
    public var platform: String
    public var name: String
    public var owner: String
    public var handle: String?
    public var url: String?
    public var opened: String?
    public var status: String
    public var lastCheck: AccountCheckRecord?
    /// The newest uploaded export's file name and upload time, if any.
    public var latestExport: String?
    public var latestExportAt: String?
    /// Whether the unit's site lists the account on its 政务新媒体 column (nil: no scan has read
    /// such a column yet), and that column's address.
    public var listedOnSite: Bool?
    public var listingPage: String?
    /// `微信公众号「青山发布」`.
    public var label: String { "\(platform)「\(name)」" }
}

/// A finding on an account, followed across checks by key like a site's.
public struct AccountFinding: Codable, Sendable, Equatable {
    public var id: Int64
    public var accountID: Int64
    public var account: String
    public var unitID: Int64
    public var unit: String
    public var key: String
    public var state: TrackedFinding.State
    public var firstSeen: String
    public var lastSeen: String
    public var fixedAt: String?
    public var finding: Finding
}

extension ScanStore {
    // MARK: Accounts

    /// Adds or updates accounts (by unit, platform and name) in one transaction: all or nothing.
    /// An unknown unit is an error naming the row.
    public func importAccounts(_ accounts: [AccountImport]) throws -> (added: Int, updated: Int) {
        try db.write { c in
            var added = 0, updated = 0
            for a in accounts {
                guard let unit: Int64 = try c.value("SELECT id FROM units WHERE name = ?", [a.unit]) else {
                    throw StoreError("\(a.place)：单位“\(a.unit)”不在平台的单位名单中（先用 govlens units import 导入单位，或用 --unit 指定）")
                }
                if let id: Int64 = try c.value("SELECT id FROM newmedia_accounts WHERE unit_id = ? AND platform = ? AND name = ?",
                                               [unit, a.platform, a.name]) {
                    try c.execute("UPDATE newmedia_accounts SET owner = ?, handle = ?, url = ?, opened = ?, status = ? WHERE id = ?",
                                  [a.owner, a.handle, a.url, a.opened, a.status, id])
                    updated += 1
                } else {
                    _ = try c.insert("""
                        INSERT INTO newmedia_accounts (unit_id, platform, name, owner, handle, url, opened, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, [unit, a.platform, a.name, a.owner, a.handle, a.url, a.opened, a.status])
                    added += 1
                }
            }
            return (added, updated)
        }
    }

    /// Accounts visible in `scope`, by unit and id.
    public func accounts(_ scope: Scope, unit: Int64? = nil) throws -> [AccountRecord] {
        try db.read { c in
            try c.rows("""
                SELECT a.*, u.name AS unit_name,
                  (SELECT e.name FROM newmedia_exports e WHERE e.account_id = a.id ORDER BY e.id DESC LIMIT 1) AS export_name,
                  (SELECT e.uploaded_at FROM newmedia_exports e WHERE e.account_id = a.id ORDER BY e.id DESC LIMIT 1) AS export_at
                FROM newmedia_accounts a JOIN units u ON u.id = a.unit_id ORDER BY a.unit_id, a.id
                """, [])
                .map(Self.account)
                .filter { scope.allows($0.unitID) && (unit == nil || $0.unitID == unit) }
        }
    }

    /// One account, or nil when it does not exist or `scope` does not see it.
    public func account(_ id: Int64, _ scope: Scope) throws -> AccountRecord? {
        try accounts(scope).first { $0.id == id }
    }

    static func account(_ r: SQLRow) -> AccountRecord {
        let check: String? = r["last_check"]
        return AccountRecord(id: r["id"], unitID: r["unit_id"], unit: r["unit_name"], platform: r["platform"], name: r["name"],
                             owner: r["owner"], handle: r["handle"], url: r["url"], opened: r["opened"], status: r["status"],
                             lastCheck: check.flatMap { try? JSONDecoder().decode(AccountCheckRecord.self, from: Data($0.utf8)) },
                             latestExport: r["export_name"], latestExportAt: r["export_at"], listedOnSite: r["site_listed"],
                             listingPage: r["site_listed_page"])
    }

    /// Records which of a unit's accounts its site's 政务新媒体 column (`page`) does not list; the
    /// others are listed.
    public func setSiteListing(unit: Int64, unlisted: Set<Int64>, page: String) throws {
        try db.write { c in
            for id: Int64 in try c.column("SELECT id FROM newmedia_accounts WHERE unit_id = ?", [unit]) {
                try c.execute("UPDATE newmedia_accounts SET site_listed = ?, site_listed_page = ? WHERE id = ?",
                              [!unlisted.contains(id), page, id])
            }
        }
    }

    /// Accounts whose last check is older than `seconds` (or never ran): what the scheduler runs.
    public func accountsDue(every seconds: Double, at now: Date) throws -> [AccountRecord] {
        let iso = ISO8601DateFormatter()
        return try accounts(.all).filter { a in
            guard let at = a.lastCheck.flatMap({ iso.date(from: $0.checkedAt) }) else { return true }
            return now.timeIntervalSince(at) >= seconds - 1
        }
    }

    /// Stores an export file a unit downloaded from the platform (the newest one is what the next
    /// check reads). Nil when the account is not in `scope`.
    @discardableResult
    public func addAccountExport(account: Int64, name: String, data: Data, by actor: String, _ scope: Scope) throws -> Int64? {
        try db.write { c in
            guard let unit: Int64 = try c.value("SELECT unit_id FROM newmedia_accounts WHERE id = ?", [account]), scope.allows(unit) else {
                return nil
            }
            return try c.insert("""
                INSERT INTO newmedia_exports (account_id, name, data, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?)
                """, [account, name, data, Self.now(), actor])
        }
    }

    /// The newest uploaded export of an account in `scope`: its file name, bytes and upload time
    /// (ISO 8601).
    public func latestAccountExport(account: Int64, _ scope: Scope) throws -> (name: String, data: Data, uploadedAt: String)? {
        try db.read { c in
            guard let r = try c.row("""
                SELECT e.name, e.data, e.uploaded_at, a.unit_id FROM newmedia_exports e JOIN newmedia_accounts a ON a.id = e.account_id
                WHERE e.account_id = ? ORDER BY e.id DESC LIMIT 1
                """, [account]), scope.allows(r["unit_id"]) else { return nil }
            return (r["name"], r["data"], r["uploaded_at"])
        }
    }

    /// Stores an account's check and tracks its findings by key, in one transaction: new,
    /// persisting, and fixed when a check that read the source no longer finds them (an account
    /// whose source could not be read fixes nothing). Findings need keys (`FindingKey.assign`).
    public func finishAccountCheck(account: Int64, check: AccountCheckRecord, findings: [Finding]) throws {
        try db.write { c in
            try c.execute("UPDATE newmedia_accounts SET checked_at = ?, last_check = ? WHERE id = ?",
                          [check.checkedAt, try Self.json(check), account])
            let now = Self.now()
            var seen = Set<String>()
            for f in findings {
                guard let key = f.key, seen.insert(key).inserted else { continue }
                let body = try Self.json(f)
                if let state: String = try c.value("SELECT state FROM newmedia_findings WHERE account_id = ? AND finding_key = ?", [account, key]) {
                    let reopened = state == TrackedFinding.State.fixed.rawValue
                    try c.execute("""
                        UPDATE newmedia_findings SET state = ?, last_seen = ?, body = ?, check_id = ?, needs_review = ?,
                            first_seen = CASE WHEN ? = 1 THEN ? ELSE first_seen END, fixed_at = CASE WHEN ? = 1 THEN NULL ELSE fixed_at END
                        WHERE account_id = ? AND finding_key = ?
                        """, [reopened ? "new" : "persisting", now, body, f.check.rawValue, f.needsReview, reopened, now, reopened, account, key])
                } else {
                    try c.execute("""
                        INSERT INTO newmedia_findings (account_id, finding_key, check_id, state, needs_review, first_seen, last_seen, body)
                        VALUES (?, ?, ?, 'new', ?, ?, ?, ?)
                        """, [account, key, f.check.rawValue, f.needsReview, now, now, body])
                }
            }
            guard check.checked else { return }
            let open: [String] = try c.column("SELECT finding_key FROM newmedia_findings WHERE account_id = ? AND state != 'fixed'", [account])
            for key in open where !seen.contains(key) {
                try c.execute("UPDATE newmedia_findings SET state = 'fixed', fixed_at = ? WHERE account_id = ? AND finding_key = ?",
                              [now, account, key])
            }
        }
    }

    /// Adds items for account findings to a ticket being made (inside its transaction); returns
    /// how many. A finding of another unit, unknown or fixed is an error; one already in an
    /// unsettled item or dismissed is left out, as site findings are.
    static func insertAccountItems(ticket: Int64, unitID: Int64, ids: [Int64], needsInspector: (Finding) -> Bool,
                                   _ c: any SQLConnection) throws -> Int {
        let held = Set(try c.column("""
            SELECT i.account_finding_id FROM ticket_items i JOIN tickets t ON t.id = i.ticket_id
            JOIN newmedia_findings f ON f.id = i.account_finding_id
            WHERE (t.state != 'closed' AND i.state NOT IN ('fixed', 'dismissed')) OR i.state = 'dismissed'
               OR (i.state = 'fixed' AND coalesce(i.checked_at, '') >= f.last_seen)
            """, []) as [Int64])
        var n = 0
        for fid in Set(ids).subtracting(held).sorted() {
            guard let row = try c.row("""
                SELECT f.finding_key, f.body, f.state, a.unit_id FROM newmedia_findings f JOIN newmedia_accounts a ON a.id = f.account_id
                WHERE f.id = ?
                """, [fid]) else { throw StoreError("政务新媒体问题 \(fid) 不存在") }
            guard row["unit_id"] as Int64 == unitID else { throw StoreError("政务新媒体问题 \(fid) 不属于该单位") }
            guard row["state"] as String != TrackedFinding.State.fixed.rawValue else { throw StoreError("政务新媒体问题 \(fid) 已整改，无需再派") }
            let finding = try JSONDecoder().decode(Finding.self, from: Data((row["body"] as String).utf8))
            try c.execute("""
                INSERT INTO ticket_items (ticket_id, site_id, tracked_id, finding_key, body, state, needs_inspector, account_finding_id)
                VALUES (?, 0, NULL, ?, ?, 'open', ?, ?)
                """, [ticket, row["finding_key"] as String, row["body"] as String, needsInspector(finding), fid])
            n += 1
        }
        return n
    }

    /// One account finding (for the re-check of a ticket item), whatever the scope.
    public func accountFinding(_ id: Int64) throws -> AccountFinding? {
        try accountFindings(.all).first { $0.id == id }
    }

    /// Findings on accounts visible in `scope` (of one account when given), open ones first.
    public func accountFindings(_ scope: Scope, account: Int64? = nil, includeFixed: Bool = true) throws -> [AccountFinding] {
        try db.read { c in
            try c.rows("""
                SELECT f.*, a.unit_id, a.platform, a.name, u.name AS unit_name FROM newmedia_findings f
                JOIN newmedia_accounts a ON a.id = f.account_id JOIN units u ON u.id = a.unit_id
                ORDER BY CASE WHEN f.state = 'fixed' THEN 1 ELSE 0 END, f.account_id, f.id
                """, [])
                .compactMap { r -> AccountFinding? in
                    guard let finding = try? JSONDecoder().decode(Finding.self, from: Data((r["body"] as String).utf8)),
                          let state = TrackedFinding.State(rawValue: r["state"]) else { return nil }
                    return AccountFinding(id: r["id"], accountID: r["account_id"], account: "\(r["platform"] as String)「\(r["name"] as String)」",
                                          unitID: r["unit_id"], unit: r["unit_name"], key: r["finding_key"], state: state,
                                          firstSeen: r["first_seen"], lastSeen: r["last_seen"], fixedAt: r["fixed_at"], finding: finding)
                }
                .filter { scope.allows($0.unitID) && (account == nil || $0.accountID == account) && (includeFixed || $0.state != .fixed) }
        }
    }
}
