import Foundation

/// One schema change, applied once, in order, in its own transaction. SQL is written once in
/// SQLite's words; `Migration.postgres` translates the few types that differ, and a migration
/// that only repairs old SQLite data may say what PostgreSQL runs instead.
struct Migration {
    let name: String
    let sql: String
    var postgresSQL: String? = nil

    /// The statements for `dialect`.
    func statements(_ dialect: SQLDialect) -> [String] {
        switch dialect {
        case .sqlite: sql.sqlStatements
        case .postgres: (postgresSQL ?? Self.postgres(sql)).sqlStatements
        }
    }

    /// SQLite's integer keys, integers and blobs as PostgreSQL spells them (64-bit, as SQLite's are).
    static func postgres(_ sql: String) -> String {
        sql.replacingOccurrences(of: "INTEGER PRIMARY KEY AUTOINCREMENT", with: "BIGSERIAL PRIMARY KEY")
            .replacingOccurrences(of: "INTEGER", with: "BIGINT")
            .replacingOccurrences(of: "BLOB", with: "BYTEA")
    }

    /// Applies what is missing. The table of applied names is GRDB's, so SQLite files made by
    /// earlier versions carry on. On PostgreSQL an advisory lock keeps two starting processes
    /// (server and worker) from migrating at once; SQLite's writer lock does the same there.
    static func migrate(_ database: any SQLDatabase) throws {
        try database.write { c in
            if c.dialect == .postgres { try c.execute("SELECT pg_advisory_xact_lock(4711)") }
            try c.execute("CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        }
        for m in all {
            try database.write { c in
                if c.dialect == .postgres { try c.execute("SELECT pg_advisory_xact_lock(4711)") }
                guard try c.value("SELECT 1 FROM grdb_migrations WHERE identifier = ?", [m.name]) as Int? == nil else { return }
                for statement in m.statements(c.dialect) { try c.execute(statement) }
                try c.execute("INSERT INTO grdb_migrations (identifier) VALUES (?)", [m.name])
            }
        }
    }

    static let all: [Migration] = [
        Migration(name: "v1-scans", sql: """
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
            """),
        Migration(name: "v2-attachments", sql: """
            CREATE TABLE attachments (
                scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                url TEXT NOT NULL, linked_from TEXT, format TEXT, checked INTEGER NOT NULL,
                characters INTEGER NOT NULL, problem TEXT, reason TEXT
            );
            """),
        Migration(name: "v3-columns", sql: """
            CREATE TABLE columns (
                scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                name TEXT NOT NULL, url TEXT NOT NULL, parent TEXT, category TEXT NOT NULL,
                first_level INTEGER NOT NULL, newest TEXT, items INTEGER NOT NULL, stale INTEGER NOT NULL,
                blank INTEGER NOT NULL, status TEXT NOT NULL, needs_review INTEGER NOT NULL, notes TEXT NOT NULL
            );
            """),
        Migration(name: "v4-keys-provenance", sql: """
            ALTER TABLE findings ADD COLUMN finding_key TEXT;
            CREATE INDEX findings_key ON findings(finding_key);
            ALTER TABLE scans ADD COLUMN provenance TEXT;
            ALTER TABLE scans ADD COLUMN not_checked TEXT;
            """),
        Migration(name: "v5-platform", sql: """
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
            """),
        Migration(name: "v6-monitoring", sql: """
            CREATE TABLE probes (
                id INTEGER PRIMARY KEY AUTOINCREMENT, site_id INTEGER NOT NULL REFERENCES sites(id), at TEXT NOT NULL,
                ok INTEGER NOT NULL, status TEXT NOT NULL, latency_ms INTEGER NOT NULL, error TEXT
            );
            CREATE INDEX probes_site ON probes(site_id, at);
            CREATE TABLE schedules (
                site_id INTEGER PRIMARY KEY REFERENCES sites(id), probe_minutes INTEGER NOT NULL, scan_days INTEGER NOT NULL,
                light_hours INTEGER NOT NULL, enabled INTEGER NOT NULL
            );
            """),
        Migration(name: "v7-job-progress", sql: """
            ALTER TABLE jobs ADD COLUMN progress TEXT
            """),
        Migration(name: "v8-finding-counts", sql: """
            ALTER TABLE tracked_findings ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE tracked_findings ADD COLUMN fixed_at TEXT;
            CREATE INDEX tracked_site_state ON tracked_findings(site_id, state);
            """),
        Migration(name: "v9-job-leases", sql: """
            ALTER TABLE jobs ADD COLUMN locked_until TEXT;
            UPDATE tracked_findings SET needs_review = coalesce(json_extract(body, '$.needsReview'), 0);
            """,
            // Only SQLite files of earlier versions have rows to repair.
            postgresSQL: "ALTER TABLE jobs ADD COLUMN locked_until TEXT"),
        Migration(name: "v10-column-order", sql: """
            ALTER TABLE columns ADD COLUMN position INTEGER
            """),
        Migration(name: "v11-rectification", sql: """
            CREATE TABLE tickets (
                id INTEGER PRIMARY KEY AUTOINCREMENT, unit_id INTEGER NOT NULL REFERENCES units(id), state TEXT NOT NULL,
                deadline TEXT NOT NULL, title TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL, feedback TEXT
            );
            CREATE INDEX tickets_unit ON tickets(unit_id, state);
            CREATE TABLE ticket_items (
                id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER NOT NULL REFERENCES tickets(id), site_id INTEGER NOT NULL,
                tracked_id INTEGER, finding_key TEXT NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL, note TEXT,
                checked_at TEXT, needs_inspector INTEGER NOT NULL
            );
            CREATE INDEX ticket_items_ticket ON ticket_items(ticket_id);
            CREATE INDEX ticket_items_key ON ticket_items(site_id, finding_key);
            CREATE TABLE ticket_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER NOT NULL REFERENCES tickets(id), at TEXT NOT NULL,
                actor TEXT NOT NULL, target TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, reason TEXT NOT NULL
            );
            CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id);
            CREATE TABLE notifications (
                id INTEGER PRIMARY KEY AUTOINCREMENT, unit_id INTEGER REFERENCES units(id), at TEXT NOT NULL, kind TEXT NOT NULL,
                title TEXT NOT NULL, body TEXT NOT NULL, once_key TEXT NOT NULL UNIQUE
            );
            CREATE INDEX notifications_unit ON notifications(unit_id, id);
            CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY AUTOINCREMENT, notification_id INTEGER NOT NULL REFERENCES notifications(id),
                channel TEXT NOT NULL, target TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                next_at TEXT NOT NULL, last_error TEXT, delivered_at TEXT
            );
            CREATE INDEX deliveries_due ON deliveries(state, next_at);
            ALTER TABLE tracked_findings ADD COLUMN recurrences INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE units ADD COLUMN email TEXT;
            """),
        Migration(name: "v12-assessments", sql: """
            CREATE TABLE assessments (
                id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, created_by TEXT NOT NULL, pack TEXT NOT NULL,
                as_of TEXT NOT NULL, deadline TEXT NOT NULL, scores TEXT NOT NULL
            );
            """),
        // At most one queued or running job per site, enforced by the database: two servers or
        // workers enqueueing at once on PostgreSQL could otherwise both insert. Older duplicates
        // (impossible on SQLite, possible before this on PostgreSQL) are dropped first.
        Migration(name: "v13-one-active-job", sql: """
            DELETE FROM jobs WHERE state = 'queued' AND EXISTS (
                SELECT 1 FROM jobs other WHERE other.site_id = jobs.site_id AND other.state IN ('queued', 'running')
                  AND (other.state = 'running' OR other.id < jobs.id)
            );
            CREATE UNIQUE INDEX jobs_one_active ON jobs(site_id) WHERE state IN ('queued', 'running');
            """),
        Migration(name: "v14-ticket-files", sql: """
            CREATE TABLE ticket_files (
                id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER NOT NULL REFERENCES tickets(id), name TEXT NOT NULL,
                content_type TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL, uploaded_at TEXT NOT NULL, uploaded_by TEXT NOT NULL
            );
            CREATE INDEX ticket_files_ticket ON ticket_files(ticket_id);
            """),
        // What a running scan fetched, so an interrupted one resumes without fetching anything twice
        // (`ScanCheckpoint`). `owner` is the site for the command line, `job:<id>` on the platform.
        Migration(name: "v15-scan-checkpoints", sql: """
            CREATE TABLE scan_checkpoints (
                id INTEGER PRIMARY KEY AUTOINCREMENT, owner TEXT NOT NULL UNIQUE, site TEXT NOT NULL, settings TEXT NOT NULL,
                fetches INTEGER NOT NULL DEFAULT 0, partial_scan_id INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
            );
            CREATE TABLE scan_checkpoint_fetches (
                checkpoint_id INTEGER NOT NULL REFERENCES scan_checkpoints(id) ON DELETE CASCADE,
                request TEXT NOT NULL, url TEXT NOT NULL, meta TEXT NOT NULL, body BLOB,
                PRIMARY KEY (checkpoint_id, request)
            );
            """),
        // 政务新媒体 accounts of the units (issue 21): the register's rows, the exports staff upload,
        // the last check of each and its findings tracked by key. Self-contained: it touches no
        // earlier table, so it applies after any v15.
        Migration(name: "v16-newmedia-accounts", sql: """
            CREATE TABLE newmedia_accounts (
                id INTEGER PRIMARY KEY AUTOINCREMENT, unit_id INTEGER NOT NULL REFERENCES units(id),
                platform TEXT NOT NULL, name TEXT NOT NULL, owner TEXT NOT NULL, handle TEXT, url TEXT, opened TEXT,
                status TEXT NOT NULL, checked_at TEXT, last_check TEXT, site_listed INTEGER, site_listed_page TEXT,
                UNIQUE(unit_id, platform, name)
            );
            CREATE TABLE newmedia_exports (
                id INTEGER PRIMARY KEY AUTOINCREMENT, account_id INTEGER NOT NULL REFERENCES newmedia_accounts(id),
                name TEXT NOT NULL, data BLOB NOT NULL, uploaded_at TEXT NOT NULL, uploaded_by TEXT NOT NULL
            );
            CREATE INDEX newmedia_exports_account ON newmedia_exports(account_id, id);
            CREATE TABLE newmedia_findings (
                id INTEGER PRIMARY KEY AUTOINCREMENT, account_id INTEGER NOT NULL REFERENCES newmedia_accounts(id),
                finding_key TEXT NOT NULL, check_id TEXT NOT NULL, state TEXT NOT NULL, needs_review INTEGER NOT NULL,
                first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, fixed_at TEXT, body TEXT NOT NULL,
                UNIQUE(account_id, finding_key)
            );
            ALTER TABLE ticket_items ADD COLUMN account_finding_id INTEGER;
            """),
        // The 通报 settings an office saves for one assessment (发文字号, 主送, its own template …).
        Migration(name: "v17-assessment-notice", sql: """
            ALTER TABLE assessments ADD COLUMN notice TEXT;
            """),
    ]
}
