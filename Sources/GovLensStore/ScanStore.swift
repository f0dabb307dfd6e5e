import Foundation
import GovLensCore

/// The store: scan results and the platform's units, sites, users, jobs and tracked findings, in
/// SQLite (a file, WAL) or PostgreSQL (a server, for several worker machines). Plain tables,
/// explicit migrations, one set of SQL for both; every platform read takes a `Scope`.
public final class ScanStore: Sendable {
    let db: any SQLDatabase
    /// The database: a file path or a `postgres://` address.
    public let path: String

    /// Opens (creating and migrating) the database at `path`: a SQLite file, or a PostgreSQL
    /// server when it starts with `postgres://` or `postgresql://`.
    public init(path: String) throws {
        self.path = path
        if path.hasPrefix("postgres://") || path.hasPrefix("postgresql://") {
            db = try PostgresDatabase(url: path)
        } else {
            db = try SQLiteDatabase(path: path)
        }
        try Migration.migrate(db)
    }

    /// The address without its password, for messages and logs.
    public static func redacted(_ address: String) -> String {
        guard var c = URLComponents(string: address), c.password != nil else { return address }
        c.password = "***"
        return c.string ?? address
    }

    /// Which engine holds the tables.
    public var engine: String { db.dialect == .postgres ? "PostgreSQL" : "SQLite" }

    deinit { db.close() }

    static func json<T: Encodable>(_ v: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return String(decoding: try e.encode(v), as: UTF8.self)
    }

    /// Saves a whole scan in one transaction; returns its id.
    @discardableResult
    public func save(_ r: ScanReport) throws -> Int64 {
        try db.write { c in try Self.insert(r, siteID: nil, c) }
    }

    /// Inserts a whole scan inside the caller's transaction.
    static func insert(_ r: ScanReport, siteID: Int64?, _ c: any SQLConnection) throws -> Int64 {
        let iso = ISO8601DateFormatter()
        let id = try c.insert("""
            INSERT INTO scans (site, as_of, started_at, finished_at, complete, incomplete_reasons, homepage, stats,
                               provenance, not_checked, site_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [r.site, r.asOf, iso.string(from: r.startedAt), iso.string(from: r.finishedAt),
                  r.complete, try json(r.incompleteReasons), try json(r.homepage),
                  try json(r.stats), try r.provenance.map(json), try json(r.notChecked ?? [:]), siteID])
        for p in r.pages {
            try c.execute("INSERT INTO pages (scan_id, url, status, title, charset, declared_charset, date, depth) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          [id, p.url, p.status, p.title, p.charset, p.declaredCharset, p.date, p.depth])
        }
        for f in r.findings {
            try c.execute("""
                INSERT INTO findings (scan_id, check_id, severity, page, target, status, definite, scope, external,
                                      needs_review, evidence, suggestion, body, finding_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [id, f.check.rawValue, f.severity.rawValue, f.page, f.target, f.status, f.definite, f.scope?.rawValue,
                      f.external, f.needsReview, f.evidence, f.suggestion, try json(f), f.key])
        }
        for e in r.errors {
            try c.execute("INSERT INTO crawl_errors (scan_id, url, kind, message, referrer) VALUES (?, ?, ?, ?, ?)",
                          [id, e.url, e.kind, e.message, e.referrer])
        }
        for a in r.attachments {
            try c.execute("""
                INSERT INTO attachments (scan_id, url, linked_from, format, checked, characters, problem, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [id, a.url, a.linkedFrom, a.format, a.checked, a.characters, a.problem, a.reason])
        }
        for (position, col) in r.columns.enumerated() {
            try c.execute("""
                INSERT INTO columns (scan_id, name, url, parent, category, first_level, newest, items, stale, blank, status,
                                     needs_review, notes, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [id, col.name, col.url, col.parent, col.category, col.firstLevel, col.newest, col.items, col.stale,
                      col.blank, col.status, col.needsReview, try json(col.notes), position])
        }
        return id
    }

    /// A stored scan with its finding and page counts.
    public struct ScanSummary: Sendable, Equatable {
        public var id: Int64
        public var site: String
        public var asOf: String
        public var findings: Int
        public var pages: Int
    }

    /// Every stored scan, oldest first.
    public func scans() throws -> [ScanSummary] {
        try db.read { c in
            try c.rows("""
                SELECT s.id, s.site, s.as_of,
                       (SELECT count(*) FROM findings f WHERE f.scan_id = s.id) AS nf,
                       (SELECT count(*) FROM pages p WHERE p.scan_id = s.id) AS np
                FROM scans s ORDER BY s.id
                """, []).map { ScanSummary(id: $0["id"], site: $0["site"], asOf: $0["as_of"], findings: $0["nf"], pages: $0["np"]) }
        }
    }

    /// The columns of a scan, in the order the site model found them.
    public func columns(scan: Int64) throws -> [ColumnRecord] {
        try db.read { c in
            try c.rows("SELECT * FROM columns WHERE scan_id = ? ORDER BY position", [scan]).map {
                ColumnRecord(name: $0["name"], url: $0["url"], category: $0["category"], firstLevel: $0["first_level"],
                             newest: $0["newest"], items: $0["items"], stale: $0["stale"], blank: $0["blank"], parent: $0["parent"],
                             status: $0["status"], needsReview: $0["needs_review"],
                             notes: (try? JSONDecoder().decode([String].self, from: Data(($0["notes"] as String).utf8))) ?? [])
            }
        }
    }

    /// Attachments of a scan whose text was not checked, with the reason.
    public func uncheckedAttachments(scan: Int64) throws -> [AttachmentRecord] {
        try db.read { c in
            try c.rows("SELECT * FROM attachments WHERE scan_id = ? AND checked = 0 ORDER BY url", [scan]).map {
                AttachmentRecord(url: $0["url"], linkedFrom: $0["linked_from"], format: $0["format"], checked: false,
                                 characters: $0["characters"], problem: $0["problem"], reason: $0["reason"])
            }
        }
    }

    /// The finding keys of a scan.
    public func keys(scan: Int64) throws -> Set<String> {
        try db.read { c in Set(try c.column("SELECT finding_key FROM findings WHERE scan_id = ? AND finding_key IS NOT NULL", [scan])) }
    }

    /// The findings of a scan in the order it listed them, optionally of one check.
    public func findings(scan: Int64, check: CheckID? = nil) throws -> [Finding] {
        try db.read { c in
            let rows: [String] = if let check {
                try c.column("SELECT body FROM findings WHERE scan_id = ? AND check_id = ? ORDER BY id", [scan, check.rawValue])
            } else {
                try c.column("SELECT body FROM findings WHERE scan_id = ? ORDER BY id", [scan])
            }
            return try rows.map { try JSONDecoder().decode(Finding.self, from: Data($0.utf8)) }
        }
    }
}
