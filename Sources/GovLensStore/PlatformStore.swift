import Foundation
import GovLensCore
import GRDB

/// A store problem a user can cause (a duplicate name, an unknown unit), in Chinese.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A unit to import: its name, group and site addresses.
public struct UnitImport: Sendable {
    public var name: String
    public var group: String
    public var sites: [String]
    /// Where it was read (file and row), for messages.
    public var place: String
    public init(name: String, group: String, sites: [String], place: String) {
        self.name = name; self.group = group; self.sites = sites; self.place = place
    }
}

extension ScanStore {
    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    // MARK: Units and sites

    /// Adds or updates units and their sites in one transaction: all or nothing. A site already
    /// owned by another unit is an error naming both.
    public func importUnits(_ units: [UnitImport]) throws -> (added: Int, updated: Int) {
        try db.write { db in
            var added = 0, updated = 0
            for u in units {
                let existing = try Int64.fetchOne(db, sql: "SELECT id FROM units WHERE name = ?", arguments: [u.name])
                let id: Int64
                if let existing {
                    try db.execute(sql: "UPDATE units SET grp = ? WHERE id = ?", arguments: [u.group, existing])
                    id = existing; updated += 1
                } else {
                    try db.execute(sql: "INSERT INTO units (name, grp) VALUES (?, ?)", arguments: [u.name, u.group])
                    id = db.lastInsertedRowID; added += 1
                }
                for url in u.sites {
                    let key = FindingKey.normalise(url.contains("://") ? url : "http://" + url)
                    if let owner = try String.fetchOne(db, sql: """
                        SELECT u.name FROM sites s JOIN units u ON u.id = s.unit_id WHERE s.site_key = ? AND s.unit_id != ?
                        """, arguments: [key, id])
                    {
                        throw StoreError("\(u.place)：网站 \(url) 已属于单位“\(owner)”")
                    }
                    try db.execute(sql: "INSERT OR IGNORE INTO sites (unit_id, url, site_key) VALUES (?, ?, ?)", arguments: [id, url, key])
                }
            }
            return (added, updated)
        }
    }

    /// Units visible in `scope`, with their sites, by group and name.
    public func units(_ scope: Scope) throws -> [UnitRecord] {
        try db.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, name, grp FROM units ORDER BY grp, id")
            let sites = try self.sites(scope, db: db)
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
        try db.read { db in try self.sites(scope, db: db) }
    }

    /// One site, or nil when it does not exist or `scope` does not see it.
    public func site(_ id: Int64, _ scope: Scope) throws -> SiteRecord? {
        try sites(scope).first { $0.id == id }
    }

    func sites(_ scope: Scope, db: Database) throws -> [SiteRecord] {
        try Row.fetchAll(db, sql: "SELECT s.id, s.url, s.unit_id, u.name FROM sites s JOIN units u ON u.id = s.unit_id ORDER BY s.id")
            .map { SiteRecord(id: $0["id"], url: $0["url"], unitID: $0["unit_id"], unit: $0["name"]) }
            .filter { scope.allows($0.unitID) }
    }

    // MARK: Users and tokens

    /// Adds a user with an already hashed password. A `unit` user needs a unit.
    @discardableResult
    public func addUser(_ username: String, role: Role, unit: String?, passwordHash: String) throws -> Int64 {
        try db.write { db in
            var unitID: Int64?
            if let unit {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM units WHERE name = ?", arguments: [unit]) else {
                    throw StoreError("单位“\(unit)”不存在（先用 govlens units import 导入单位名单）")
                }
                unitID = id
            }
            if role == .unit, unitID == nil { throw StoreError("单位用户需要 --unit 指定所属单位") }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE username = ?", arguments: [username]) == true {
                throw StoreError("用户名“\(username)”已存在")
            }
            try db.execute(sql: "INSERT INTO users (username, role, unit_id, password_hash) VALUES (?, ?, ?, ?)",
                           arguments: [username, role.rawValue, unitID, passwordHash])
            return db.lastInsertedRowID
        }
    }

    /// The user and the stored password hash, for login.
    public func credentials(_ username: String) throws -> (UserRecord, String)? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ?", arguments: [username]).map {
                (UserRecord(id: $0["id"], username: $0["username"], role: Role(rawValue: $0["role"]) ?? .unit, unitID: $0["unit_id"]),
                 $0["password_hash"])
            }
        }
    }

    /// Stores a session or API token by its hash (the token itself is never stored).
    public func addToken(hash: String, userID: Int64, kind: String, expires: Date) throws {
        try db.write { db in
            try db.execute(sql: "INSERT INTO tokens VALUES (?, ?, ?, ?, ?)",
                           arguments: [hash, userID, kind, Self.now(), ISO8601DateFormatter().string(from: expires)])
        }
    }

    /// The user a token hash belongs to, if it has not expired.
    public func user(tokenHash: String) throws -> UserRecord? {
        try db.read { db in
            try Row.fetchOne(db, sql: """
                SELECT u.* FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.expires_at > ?
                """, arguments: [tokenHash, Self.now()]).map {
                UserRecord(id: $0["id"], username: $0["username"], role: Role(rawValue: $0["role"]) ?? .unit, unitID: $0["unit_id"])
            }
        }
    }

    /// Ends a session.
    public func removeToken(hash: String) throws {
        try db.write { db in try db.execute(sql: "DELETE FROM tokens WHERE token_hash = ?", arguments: [hash]) }
    }

    // MARK: Audit

    /// Appends to the audit log (never updated or deleted).
    public func audit(actor: String, action: String, target: String, detail: String) throws {
        try db.write { db in
            try db.execute(sql: "INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                           arguments: [Self.now(), actor, action, target, detail])
        }
    }

    /// The audit log, newest first.
    public func auditLog(limit: Int = 200) throws -> [(at: String, actor: String, action: String, target: String, detail: String)] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                ($0["at"], $0["actor"], $0["action"], $0["target"], $0["detail"])
            }
        }
    }
}
