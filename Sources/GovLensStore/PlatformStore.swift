import Foundation
import GovLensCore

/// A store problem a user can cause (a duplicate name, an unknown unit), in Chinese.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The database cannot be reached (server down, connections refused): the caller answers 503
/// and tries again later; nothing was written.
public struct StoreUnavailable: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A unit to import: its name, group and site addresses.
public struct UnitImport: Sendable {
    public var name: String
    public var group: String
    public var sites: [String]
    /// Where reminders are mailed (addresses separated by `;`).
    public var email: String?
    /// Where it was read (file and row), for messages.
    public var place: String
    public init(name: String, group: String, sites: [String], email: String? = nil, place: String) {
        self.name = name; self.group = group; self.sites = sites; self.email = email; self.place = place
    }
}

extension ScanStore {
    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    // MARK: Units and sites

    /// Adds or updates units and their sites in one transaction: all or nothing. A site already
    /// owned by another unit is an error naming both.
    public func importUnits(_ units: [UnitImport]) throws -> (added: Int, updated: Int) {
        try db.write { c in
            var added = 0, updated = 0
            for u in units {
                let existing: Int64? = try c.value("SELECT id FROM units WHERE name = ?", [u.name])
                let id: Int64
                if let existing {
                    try c.execute("UPDATE units SET grp = ?, email = coalesce(?, email) WHERE id = ?", [u.group, u.email, existing])
                    id = existing; updated += 1
                } else {
                    id = try c.insert("INSERT INTO units (name, grp, email) VALUES (?, ?, ?)", [u.name, u.group, u.email]); added += 1
                }
                for url in u.sites {
                    let key = FindingKey.normalise(url.contains("://") ? url : "http://" + url)
                    if let owner: String = try c.value("""
                        SELECT u.name FROM sites s JOIN units u ON u.id = s.unit_id WHERE s.site_key = ? AND s.unit_id != ?
                        """, [key, id])
                    {
                        throw StoreError("\(u.place)：网站 \(url) 已属于单位“\(owner)”")
                    }
                    try c.execute("INSERT INTO sites (unit_id, url, site_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [id, url, key])
                }
            }
            return (added, updated)
        }
    }

    /// Units visible in `scope`, with their sites, by group and name.
    public func units(_ scope: Scope) throws -> [UnitRecord] {
        try db.read { c in
            let rows = try c.rows("SELECT id, name, grp FROM units ORDER BY grp, id", [])
            let sites = try self.sites(scope, c)
            return rows.compactMap { r -> UnitRecord? in
                let id: Int64 = r["id"]
                guard scope.allows(id) else { return nil }
                return UnitRecord(id: id, name: r["name"], group: r["grp"], sites: sites.filter { $0.unitID == id })
            }
        }
    }

    /// One unit, or nil when it does not exist or `scope` does not see it.
    public func unit(_ id: Int64, _ scope: Scope) throws -> UnitRecord? {
        try units(scope).first { $0.id == id }
    }

    /// Sites visible in `scope`.
    public func sites(_ scope: Scope) throws -> [SiteRecord] {
        try db.read { c in try self.sites(scope, c) }
    }

    /// One site, or nil when it does not exist or `scope` does not see it.
    public func site(_ id: Int64, _ scope: Scope) throws -> SiteRecord? {
        try sites(scope).first { $0.id == id }
    }

    func sites(_ scope: Scope, _ c: any SQLConnection) throws -> [SiteRecord] {
        try c.rows("SELECT s.id, s.url, s.unit_id, u.name FROM sites s JOIN units u ON u.id = s.unit_id ORDER BY s.id", [])
            .map { SiteRecord(id: $0["id"], url: $0["url"], unitID: $0["unit_id"], unit: $0["name"]) }
            .filter { scope.allows($0.unitID) }
    }

    // MARK: Users and tokens

    /// Adds a user with an already hashed password. A `unit` user needs a unit.
    @discardableResult
    public func addUser(_ username: String, role: Role, unit: String?, passwordHash: String) throws -> Int64 {
        try db.write { c in
            var unitID: Int64?
            if let unit {
                guard let id: Int64 = try c.value("SELECT id FROM units WHERE name = ?", [unit]) else {
                    throw StoreError("单位“\(unit)”不存在（先用 govlens units import 导入单位名单）")
                }
                unitID = id
            }
            if role == .unit, unitID == nil { throw StoreError("单位用户需要 --unit 指定所属单位") }
            if try c.value("SELECT 1 FROM users WHERE username = ?", [username]) as Int? != nil {
                throw StoreError("用户名“\(username)”已存在")
            }
            return try c.insert("INSERT INTO users (username, role, unit_id, password_hash) VALUES (?, ?, ?, ?)",
                                [username, role.rawValue, unitID, passwordHash])
        }
    }

    /// The user and the stored password hash, for login.
    public func credentials(_ username: String) throws -> (UserRecord, String)? {
        try db.read { c in
            try c.row("SELECT * FROM users WHERE username = ?", [username]).map {
                (UserRecord(id: $0["id"], username: $0["username"], role: Role(rawValue: $0["role"]) ?? .unit, unitID: $0["unit_id"]),
                 $0["password_hash"])
            }
        }
    }

    /// Stores a session or API token by its hash (the token itself is never stored).
    public func addToken(hash: String, userID: Int64, kind: String, expires: Date) throws {
        try db.write { c in
            try c.execute("INSERT INTO tokens (token_hash, user_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                          [hash, userID, kind, Self.now(), ISO8601DateFormatter().string(from: expires)])
        }
    }

    /// The user a token hash belongs to, if it has not expired.
    public func user(tokenHash: String) throws -> UserRecord? {
        try db.read { c in
            try c.row("""
                SELECT u.* FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.expires_at > ?
                """, [tokenHash, Self.now()]).map {
                UserRecord(id: $0["id"], username: $0["username"], role: Role(rawValue: $0["role"]) ?? .unit, unitID: $0["unit_id"])
            }
        }
    }

    /// Ends a session.
    public func removeToken(hash: String) throws {
        try db.write { c in try c.execute("DELETE FROM tokens WHERE token_hash = ?", [hash]) }
    }

    // MARK: Audit

    /// Appends to the audit log (never updated or deleted).
    public func audit(actor: String, action: String, target: String, detail: String) throws {
        try db.write { c in
            try c.execute("INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                          [Self.now(), actor, action, target, detail])
        }
    }

    /// The audit log, newest first.
    public func auditLog(limit: Int = 200) throws -> [(at: String, actor: String, action: String, target: String, detail: String)] {
        try db.read { c in
            try c.rows("SELECT * FROM audit ORDER BY id DESC LIMIT ?", [limit]).map {
                ($0["at"], $0["actor"], $0["action"], $0["target"], $0["detail"])
            }
        }
    }
}
