import Foundation
import GovLensCore
import GRDB

/// The store: scan results and the platform's units, sites, users, jobs and tracked findings in
/// SQLite (WAL). Plain tables, explicit migrations, raw SQL; every platform read takes a `Scope`.
public final class ScanStore: Sendable {
    let db: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating and migrating) the database at `path`.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        // Several processes share one file (serve and workers): wait for a writer instead of failing.
        config.busyMode = .timeout(30)
        db = try DatabasePool(path: path, configuration: config)
        try Self.migrator.migrate(db)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-scans") { db in
            try db.execute(sql: """
                CREATE TABLE scans (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    site TEXT NOT NULL,
                    as_of TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT NOT NULL,
                    complete INTEGER NOT NULL,
                    incomplete_reasons TEXT NOT NULL,
                    homepage TEXT NOT NULL,
                    stats TEXT NOT NULL
                );
                CREATE TABLE pages (
                    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                    url TEXT NOT NULL, status INTEGER NOT NULL, title TEXT, charset TEXT,
                    declared_charset TEXT, date TEXT, depth INTEGER NOT NULL
                );
                CREATE TABLE findings (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                    check_id TEXT NOT NULL, severity TEXT NOT NULL, page TEXT NOT NULL, target TEXT,
                    status TEXT, definite INTEGER, scope TEXT, external INTEGER, needs_review INTEGER NOT NULL,
                    evidence TEXT NOT NULL, suggestion TEXT NOT NULL,
                    body TEXT NOT NULL  -- the whole finding as JSON, for fields added later
                );
                CREATE INDEX findings_scan ON findings(scan_id, check_id);
                CREATE TABLE crawl_errors (
                    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                    url TEXT NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL, referrer TEXT
                );
                """)
        }
        m.registerMigration("v2-attachments") { db in
            try db.execute(sql: """
                CREATE TABLE attachments (
                    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                    url TEXT NOT NULL, linked_from TEXT, format TEXT, checked INTEGER NOT NULL,
                    characters INTEGER NOT NULL, problem TEXT, reason TEXT
                );
                """)
        }
        m.registerMigration("v3-columns") { db in
            try db.execute(sql: """
                CREATE TABLE columns (
                    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                    name TEXT NOT NULL, url TEXT NOT NULL, parent TEXT, category TEXT NOT NULL,
                    first_level INTEGER NOT NULL, newest TEXT, items INTEGER NOT NULL, stale INTEGER NOT NULL,
                    blank INTEGER NOT NULL, status TEXT NOT NULL, needs_review INTEGER NOT NULL, notes TEXT NOT NULL
                );
                """)
        }
        m.registerMigration("v4-keys-provenance") { db in
            try db.execute(sql: """
                ALTER TABLE findings ADD COLUMN finding_key TEXT;
                CREATE INDEX findings_key ON findings(finding_key);
                ALTER TABLE scans ADD COLUMN provenance TEXT;
                ALTER TABLE scans ADD COLUMN not_checked TEXT;
                """)
        }
        m.registerMigration("v5-platform") { db in
            try db.execute(sql: """
                CREATE TABLE units (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, grp TEXT NOT NULL);
                CREATE TABLE sites (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, unit_id INTEGER NOT NULL REFERENCES units(id),
                    url TEXT NOT NULL, site_key TEXT NOT NULL UNIQUE
                );
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
                    unit_id INTEGER REFERENCES units(id), password_hash TEXT NOT NULL
                );
                CREATE TABLE tokens (
                    token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL
                );
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, site_id INTEGER NOT NULL REFERENCES sites(id),
                    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, run_after TEXT NOT NULL,
                    locked_by TEXT, locked_at TEXT, created_at TEXT NOT NULL, finished_at TEXT, error TEXT, scan_id INTEGER
                );
                CREATE INDEX jobs_state ON jobs(state, run_after);
                ALTER TABLE scans ADD COLUMN site_id INTEGER;
                CREATE TABLE tracked_findings (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, site_id INTEGER NOT NULL REFERENCES sites(id),
                    finding_key TEXT NOT NULL, check_id TEXT NOT NULL, state TEXT NOT NULL,
                    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, last_scan_id INTEGER NOT NULL,
                    body TEXT NOT NULL, review TEXT, UNIQUE(site_id, finding_key)
                );
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                    target TEXT NOT NULL, detail TEXT NOT NULL
                );
                """)
        }
        m.registerMigration("v6-monitoring") { db in
            try db.execute(sql: """
                CREATE TABLE probes (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, site_id INTEGER NOT NULL REFERENCES sites(id), at TEXT NOT NULL,
                    ok INTEGER NOT NULL, status TEXT NOT NULL, latency_ms INTEGER NOT NULL, error TEXT
                );
                CREATE INDEX probes_site ON probes(site_id, at);
                CREATE TABLE schedules (
                    site_id INTEGER PRIMARY KEY REFERENCES sites(id), probe_minutes INTEGER NOT NULL, scan_days INTEGER NOT NULL,
                    light_hours INTEGER NOT NULL, enabled INTEGER NOT NULL
                );
                """)
        }
        m.registerMigration("v7-job-progress") { db in
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN progress TEXT")
        }
        m.registerMigration("v8-finding-counts") { db in
            try db.execute(sql: """
                ALTER TABLE tracked_findings ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE tracked_findings ADD COLUMN fixed_at TEXT;
                CREATE INDEX tracked_site_state ON tracked_findings(site_id, state);
                """)
        }
        m.registerMigration("v9-job-leases") { db in
            try db.execute(sql: """
                ALTER TABLE jobs ADD COLUMN locked_until TEXT;
                UPDATE tracked_findings SET needs_review = coalesce(json_extract(body, '$.needsReview'), 0);
                """)
        }
        return m
    }

    static func json<T: Encodable>(_ v: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return String(decoding: try e.encode(v), as: UTF8.self)
    }

    /// Saves a whole scan in one transaction; returns its id.
    @discardableResult
    public func save(_ r: ScanReport) throws -> Int64 {
        try db.write { db in try Self.insert(r, siteID: nil, db: db) }
    }

    /// Inserts a whole scan inside the caller's transaction.
    static func insert(_ r: ScanReport, siteID: Int64?, db: Database) throws -> Int64 {
        let iso = ISO8601DateFormatter()
        do {
            try db.execute(sql: """
                INSERT INTO scans (site, as_of, started_at, finished_at, complete, incomplete_reasons, homepage, stats,
                                   provenance, not_checked)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [r.site, r.asOf, iso.string(from: r.startedAt), iso.string(from: r.finishedAt),
                                 r.complete, try Self.json(r.incompleteReasons), try Self.json(r.homepage),
                                 try Self.json(r.stats), try r.provenance.map(Self.json), try Self.json(r.notChecked ?? [:])])
            let id = db.lastInsertedRowID
            if let siteID { try db.execute(sql: "UPDATE scans SET site_id = ? WHERE id = ?", arguments: [siteID, id]) }
            let page = try db.makeStatement(sql: "INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for p in r.pages {
                try page.execute(arguments: [id, p.url, p.status, p.title, p.charset, p.declaredCharset, p.date, p.depth])
            }
            let finding = try db.makeStatement(sql: """
                INSERT INTO findings (scan_id, check_id, severity, page, target, status, definite, scope, external,
                                      needs_review, evidence, suggestion, body, finding_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for f in r.findings {
                try finding.execute(arguments: [id, f.check.rawValue, f.severity.rawValue, f.page, f.target, f.status,
                                                f.definite, f.scope?.rawValue, f.external, f.needsReview, f.evidence,
                                                f.suggestion, try Self.json(f), f.key])
            }
            let error = try db.makeStatement(sql: "INSERT INTO crawl_errors VALUES (?, ?, ?, ?, ?)")
            for e in r.errors { try error.execute(arguments: [id, e.url, e.kind, e.message, e.referrer]) }
            let attachment = try db.makeStatement(sql: "INSERT INTO attachments VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for a in r.attachments {
                try attachment.execute(arguments: [id, a.url, a.linkedFrom, a.format, a.checked, a.characters, a.problem, a.reason])
            }
            let column = try db.makeStatement(sql: "INSERT INTO columns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for c in r.columns {
                try column.execute(arguments: [id, c.name, c.url, c.parent, c.category, c.firstLevel, c.newest, c.items, c.stale,
                                               c.blank, c.status, c.needsReview, try Self.json(c.notes)])
            }
            return id
        }
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
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.site, s.as_of,
                       (SELECT count(*) FROM findings f WHERE f.scan_id = s.id) AS nf,
                       (SELECT count(*) FROM pages p WHERE p.scan_id = s.id) AS np
                FROM scans s ORDER BY s.id
                """).map { ScanSummary(id: $0["id"], site: $0["site"], asOf: $0["as_of"], findings: $0["nf"], pages: $0["np"]) }
        }
    }

    /// The columns of a scan, in the order the site model found them.
    public func columns(scan: Int64) throws -> [ColumnRecord] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM columns WHERE scan_id = ? ORDER BY rowid", arguments: [scan]).map {
                ColumnRecord(name: $0["name"], url: $0["url"], category: $0["category"], firstLevel: $0["first_level"],
                             newest: $0["newest"], items: $0["items"], stale: $0["stale"], blank: $0["blank"], parent: $0["parent"],
                             status: $0["status"], needsReview: $0["needs_review"],
                             notes: (try? JSONDecoder().decode([String].self, from: Data(($0["notes"] as String).utf8))) ?? [])
            }
        }
    }

    /// Attachments of a scan whose text was not checked, with the reason.
    public func uncheckedAttachments(scan: Int64) throws -> [AttachmentRecord] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM attachments WHERE scan_id = ? AND checked = 0 ORDER BY url", arguments: [scan]).map {
                AttachmentRecord(url: $0["url"], linkedFrom: $0["linked_from"], format: $0["format"], checked: false,
                                 characters: $0["characters"], problem: $0["problem"], reason: $0["reason"])
            }
        }
    }

    /// The finding keys of a scan.
    public func keys(scan: Int64) throws -> Set<String> {
        try db.read { db in Set(try String.fetchAll(db, sql: "SELECT finding_key FROM findings WHERE scan_id = ? AND finding_key IS NOT NULL",
                                                   arguments: [scan])) }
    }

    /// The findings of a scan in the order it listed them, optionally of one check.
    public func findings(scan: Int64, check: CheckID? = nil) throws -> [Finding] {
        try db.read { db in
            let rows = try String.fetchAll(db, sql: """
                SELECT body FROM findings WHERE scan_id = ? AND (? IS NULL OR check_id = ?) ORDER BY id
                """, arguments: [scan, check?.rawValue, check?.rawValue])
            return try rows.map { try JSONDecoder().decode(Finding.self, from: Data($0.utf8)) }
        }
    }
}
