import Foundation
import GovLensCore

/// The durable job queue and the findings followed across scans. A job is claimed in a write
/// transaction (SQLite has one writer), never two jobs of one site at a time, and finished in one
/// transaction with its scan and the tracking update: a job re-run after a crash stores nothing twice.
extension ScanStore {
    /// Queues a scan of a site; a site with a scan already queued or running gets that job's id.
    public func enqueueScan(siteID: Int64, runAfter: Date = Date(), createdAt: Date = Date()) throws -> Int64 {
        try db.write { c in
            if let id: Int64 = try c.value("SELECT id FROM jobs WHERE site_id = ? AND state IN ('queued', 'running')", [siteID]) {
                // A queued light check becomes the full scan asked for (a running one finishes as it is).
                try c.execute("UPDATE jobs SET kind = 'scan' WHERE id = ? AND state = 'queued'", [id])
                return id
            }
            return try Self.insertJob(kind: "scan", siteID: siteID, runAfter: runAfter, createdAt: createdAt, c)
        }
    }

    /// Inserts a queued job unless the site already has an active one, and returns the active job.
    /// A concurrent writer may have inserted since the caller's SELECT (PostgreSQL, read
    /// committed): the unique index `jobs_one_active` then turns this insert into nothing.
    static func insertJob(kind: String, siteID: Int64, runAfter: Date, createdAt: Date, _ c: SQLConnection) throws -> Int64 {
        let iso = ISO8601DateFormatter()
        if let id: Int64 = try c.value("""
            INSERT INTO jobs (kind, site_id, state, run_after, created_at) VALUES (?, ?, 'queued', ?, ?)
            ON CONFLICT (site_id) WHERE state IN ('queued', 'running') DO NOTHING RETURNING id
            """, [kind, siteID, iso.string(from: runAfter), iso.string(from: createdAt)]) {
            return id
        }
        guard let id: Int64 = try c.value("SELECT id FROM jobs WHERE site_id = ? AND state IN ('queued', 'running')", [siteID]) else {
            throw StoreError("站点 \(siteID) 的扫描任务未能加入队列")
        }
        return id
    }

    /// Takes the oldest due job whose site has no running job, for `worker`, which promises a
    /// heartbeat within `lease` seconds (else the job goes back to the queue).
    public func claimJob(worker: String, lease: Double = 60) throws -> (JobRecord, SiteRecord)? {
        try db.write { c in
            guard let row = try c.row("""
                SELECT id FROM jobs WHERE state = 'queued' AND run_after <= ?
                  AND site_id NOT IN (SELECT site_id FROM jobs WHERE state = 'running')
                ORDER BY run_after, id LIMIT 1
                """ + c.dialect.skipLocked, [Self.now()]) else { return nil }
            let id: Int64 = row["id"]
            try c.execute("""
                UPDATE jobs SET state = 'running', locked_by = ?, locked_at = ?, locked_until = ?, attempts = attempts + 1 WHERE id = ?
                """, [worker, Self.now(), Self.later(lease), id])
            guard let job = try Self.job(id, c), let site = try self.sites(.all, c).first(where: { $0.id == job.siteID }) else {
                return nil
            }
            return (job, site)
        }
    }

    /// Jobs whose runner stopped beating (killed, machine lost) past the lease it promised go back
    /// to the queue. Each runner's own lease is stored with the job, so runners with different
    /// leases never take each other's live jobs.
    @discardableResult
    public func requeueInterrupted(now: Date = Date()) throws -> Int {
        try db.write { c in
            try c.execute("""
                UPDATE jobs SET state = 'queued', locked_by = NULL, locked_at = NULL, locked_until = NULL
                WHERE state = 'running' AND coalesce(locked_until, '') < ?
                """, [ISO8601DateFormatter().string(from: now)])
        }
    }

    /// `worker` is alive and still has the job for another `lease` seconds.
    public func heartbeat(_ jobID: Int64, worker: String, lease: Double) throws {
        try db.write { c in
            try c.execute("UPDATE jobs SET locked_until = ? WHERE id = ? AND state = 'running' AND locked_by = ?",
                          [Self.later(lease), jobID, worker])
        }
    }

    static func later(_ seconds: Double) -> String { ISO8601DateFormatter().string(from: Date().addingTimeInterval(seconds)) }

    /// Stores the scan of a running job, updates the site's tracked findings and closes the job, in
    /// one transaction. A job already done returns its scan: nothing is stored twice. With `worker`,
    /// a job another runner has taken over (this one's lease ran out) is refused.
    @discardableResult
    public func finishScanJob(_ jobID: Int64, report: ScanReport, worker: String? = nil) throws -> Int64 {
        try db.write { c in
            guard let job = try Self.job(jobID, c) else { throw StoreError("任务 \(jobID) 不存在") }
            if job.state == .done, let scan = job.scanID { return scan }
            if let worker, try c.value("SELECT locked_by FROM jobs WHERE id = ? AND state = 'running'", [jobID]) as String? != worker {
                throw StoreError("任务 \(jobID) 已由其他检查进程接手，本次结果不保存")
            }
            let scanID = try Self.insert(report, siteID: job.siteID, c)
            // A light check reads part of the site by design: it finds new problems, never fixed ones.
            try Self.track(report, siteID: job.siteID, scanID: scanID, canFix: job.kind == "scan", c)
            try c.execute("UPDATE jobs SET state = 'done', finished_at = ?, scan_id = ?, error = NULL WHERE id = ?",
                          [Self.now(), scanID, jobID])
            try Self.dropCheckpoint(owner: Self.checkpointOwner(job: jobID), c)
            return scanID
        }
    }

    /// The owner of a platform job's scan checkpoint: the runner that takes the job over continues it.
    public static func checkpointOwner(job id: Int64) -> String { "job:\(id)" }

    /// Marks a job failed with a Chinese reason, or queues it again after `retryAfter` seconds.
    /// Only the runner that holds the job (`worker`) can fail it: a job another runner has taken
    /// over or finished is left alone.
    public func failJob(_ jobID: Int64, worker: String, error: String, retryAfter: Double?) throws {
        try db.write { c in
            if let retryAfter {
                try c.execute("""
                    UPDATE jobs SET state = 'queued', run_after = ?, error = ?, locked_by = NULL, locked_until = NULL
                    WHERE id = ? AND state = 'running' AND locked_by = ?
                    """, [ISO8601DateFormatter().string(from: Date().addingTimeInterval(retryAfter)), error, jobID, worker])
            } else {
                let failed = try c.execute("UPDATE jobs SET state = 'failed', finished_at = ?, error = ? WHERE id = ? AND state = 'running' AND locked_by = ?",
                                           [Self.now(), error, jobID, worker])
                if failed > 0 { try Self.dropCheckpoint(owner: Self.checkpointOwner(job: jobID), c) }
            }
        }
    }

    /// A job, or nil when it does not exist or its site is outside `scope`.
    public func job(_ id: Int64, _ scope: Scope) throws -> JobRecord? {
        try db.read { c in
            guard let job = try Self.job(id, c) else { return nil }
            return try self.sites(scope, c).contains { $0.id == job.siteID } ? job : nil
        }
    }

    /// The newest jobs visible in `scope` (of one site, when given).
    public func jobs(_ scope: Scope, site: Int64? = nil, limit: Int = 50) throws -> [JobRecord] {
        try db.read { c in
            var ids = try self.sites(scope, c).map(\.id)
            if let site { ids = ids.filter { $0 == site } }
            guard !ids.isEmpty else { return [] }
            let list = ids.map(String.init).joined(separator: ",")  // integers from the store: safe to inline
            return try c.rows("SELECT * FROM jobs WHERE site_id IN (\(list)) ORDER BY id DESC LIMIT ?", [limit])
                .map(Self.jobRecord)
        }
    }

    /// What a running job has done so far, for the live view ("已抓取 120 个页面 …").
    public func setProgress(_ jobID: Int64, _ text: String) throws {
        try db.write { c in
            try c.execute("UPDATE jobs SET progress = ?, locked_at = ? WHERE id = ? AND state = 'running'", [text, Self.now(), jobID])
        }
    }

    /// Findings per stored scan of the unit's sites, oldest first (the unit page's trend chart).
    public func findingTrend(unit: Int64, _ scope: Scope, limit: Int = 52) throws -> [(date: String, findings: Int)] {
        guard scope.allows(unit) else { return [] }
        return try db.read { c in
            try c.rows("""
                SELECT substr(s.started_at, 1, 10) AS day, (SELECT count(*) FROM findings f WHERE f.scan_id = s.id) AS n
                FROM scans s JOIN sites t ON t.id = s.site_id WHERE t.unit_id = ? ORDER BY s.id DESC LIMIT ?
                """, [unit, limit]).map { ($0["day"] as String, $0["n"] as Int) }.reversed()
        }
    }

    /// Each visible site's newest job (for 最近检查 on the dashboard, however many jobs there are).
    public func latestJobs(_ scope: Scope) throws -> [Int64: JobRecord] {
        try db.read { c in
            let visible = Set(try self.sites(scope, c).map(\.id))
            let rows = try c.rows("SELECT * FROM jobs WHERE id IN (SELECT max(id) FROM jobs GROUP BY site_id)", [])
            return Dictionary(uniqueKeysWithValues: rows.map(Self.jobRecord).filter { visible.contains($0.siteID) }.map { ($0.siteID, $0) })
        }
    }

    /// Jobs waiting to run (for the metrics).
    public func queueDepth() throws -> Int {
        try db.read { c in try c.value("SELECT count(*) FROM jobs WHERE state = 'queued'") ?? 0 }
    }

    static func job(_ id: Int64, _ c: any SQLConnection) throws -> JobRecord? {
        try c.row("SELECT * FROM jobs WHERE id = ?", [id]).map(jobRecord)
    }

    static func jobRecord(_ r: SQLRow) -> JobRecord {
        JobRecord(id: r["id"], kind: r["kind"], siteID: r["site_id"], state: JobRecord.State(rawValue: r["state"]) ?? .failed,
                  attempts: r["attempts"], createdAt: r["created_at"], finishedAt: r["finished_at"], error: r["error"],
                  scanID: r["scan_id"], progress: r["progress"])
    }

    // MARK: Tracked findings

    /// New, persisting and fixed by key: a fixed problem needs a complete scan that lacks it; one
    /// that comes back after being fixed is new again.
    static func track(_ r: ScanReport, siteID: Int64, scanID: Int64, canFix: Bool, _ c: any SQLConnection) throws {
        let now = now()
        var seen = Set<String>()
        for f in r.findings {
            guard let key = f.key, seen.insert(key).inserted else { continue }
            let body = try json(f)
            if let state: String = try c.value("SELECT state FROM tracked_findings WHERE site_id = ? AND finding_key = ?", [siteID, key]) {
                let reopened = state == TrackedFinding.State.fixed.rawValue  // back after a fix: new again, from now
                try c.execute("""
                    UPDATE tracked_findings SET state = ?, last_seen = ?, last_scan_id = ?, body = ?, check_id = ?, needs_review = ?,
                        first_seen = CASE WHEN ? = 1 THEN ? ELSE first_seen END, fixed_at = CASE WHEN ? = 1 THEN NULL ELSE fixed_at END,
                        recurrences = recurrences + ?
                    WHERE site_id = ? AND finding_key = ?
                    """, [reopened ? "new" : "persisting", now, scanID, body, f.check.rawValue, f.needsReview,
                          reopened, now, reopened, reopened ? 1 : 0, siteID, key])
            } else {
                try c.execute("""
                    INSERT INTO tracked_findings (site_id, finding_key, check_id, state, first_seen, last_seen, last_scan_id, body, needs_review)
                    VALUES (?, ?, ?, 'new', ?, ?, ?, ?, ?)
                    """, [siteID, key, f.check.rawValue, now, now, scanID, body, f.needsReview])
            }
        }
        guard r.complete, canFix else { return }
        let open: [String] = try c.column("""
            SELECT finding_key FROM tracked_findings WHERE site_id = ? AND state != 'fixed' AND finding_key != 'site.unavailable|availability'
            """, [siteID])
        for key in open where !seen.contains(key) {
            try c.execute("UPDATE tracked_findings SET state = 'fixed', fixed_at = ? WHERE site_id = ? AND finding_key = ?", [now, siteID, key])
        }
    }

    /// What `trackedFindings` may filter by.
    public struct FindingFilter: Sendable {
        public var site: Int64?
        public var unit: Int64?
        public var check: String?
        public var state: TrackedFinding.State?
        public var search: String?
        public init(site: Int64? = nil, unit: Int64? = nil, check: String? = nil, state: TrackedFinding.State? = nil, search: String? = nil) {
            self.site = site; self.unit = unit; self.check = check; self.state = state; self.search = search
        }
    }

    /// Tracked findings visible in `scope` that match `filter`, newest first.
    public func trackedFindings(_ scope: Scope, _ filter: FindingFilter = FindingFilter(), limit: Int = 500) throws -> [TrackedFinding] {
        try db.read { c in
            var sql = """
                SELECT t.*, s.url, s.unit_id, u.name FROM tracked_findings t JOIN sites s ON s.id = t.site_id
                JOIN units u ON u.id = s.unit_id WHERE 1 = 1
                """
            var args: [any SQLBindable] = []
            if case .unit(let id) = scope { sql += " AND s.unit_id = ?"; args.append(id) }
            if let v = filter.site { sql += " AND t.site_id = ?"; args.append(v) }
            if let v = filter.unit { sql += " AND s.unit_id = ?"; args.append(v) }
            if let v = filter.check { sql += " AND (t.check_id = ? OR t.check_id LIKE ?)"; args += [v, v + ".%"] }
            if let v = filter.state { sql += " AND t.state = ?"; args.append(v.rawValue) }
            if let v = filter.search, !v.isEmpty { sql += " AND t.body LIKE ?"; args.append("%\(v)%") }
            sql += " ORDER BY t.id DESC LIMIT ?"
            args.append(limit)
            return try c.rows(sql, args).compactMap(Self.tracked)
        }
    }

    /// One tracked finding, or nil when it does not exist or `scope` does not see it.
    public func trackedFinding(_ id: Int64, _ scope: Scope) throws -> TrackedFinding? {
        try db.read { c in
            try c.row("""
                SELECT t.*, s.url, s.unit_id, u.name FROM tracked_findings t JOIN sites s ON s.id = t.site_id
                JOIN units u ON u.id = s.unit_id WHERE t.id = ?
                """, [id]).flatMap(Self.tracked).flatMap { scope.allows($0.unitID) ? $0 : nil }
        }
    }

    /// Records an inspector's decision on a finding that needs review, and audits it.
    public func review(_ id: Int64, decision: String, reason: String, by user: UserRecord) throws {
        let review = TrackedFinding.Review(decision: decision, reason: reason, by: user.username, at: Self.now())
        try db.write { c in
            try c.execute("UPDATE tracked_findings SET review = ? WHERE id = ?", [try Self.json(review), id])
            try c.execute("INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                          [review.at, user.username, "review:\(decision)", "finding \(id)", reason])
        }
    }

    static func tracked(_ r: SQLRow) -> TrackedFinding? {
        guard let finding = try? JSONDecoder().decode(Finding.self, from: Data((r["body"] as String).utf8)) else { return nil }
        let review = (r["review"] as String?).flatMap { try? JSONDecoder().decode(TrackedFinding.Review.self, from: Data($0.utf8)) }
        return TrackedFinding(id: r["id"], key: r["finding_key"], site: r["url"], siteID: r["site_id"], unit: r["name"],
                              unitID: r["unit_id"], state: TrackedFinding.State(rawValue: r["state"]) ?? .new,
                              firstSeen: r["first_seen"], lastSeen: r["last_seen"], finding: finding, review: review,
                              recurrences: r["recurrences"])
    }

    /// The stored report summary of a scan visible in `scope`: site, complete, stats.
    public func scanInfo(_ id: Int64, _ scope: Scope) throws -> (site: String, siteID: Int64?, complete: Bool, findings: Int, pages: Int)? {
        try db.read { c in
            guard let r = try c.row("""
                SELECT s.site, s.site_id, s.complete, (SELECT count(*) FROM findings f WHERE f.scan_id = s.id) AS nf,
                       (SELECT count(*) FROM pages p WHERE p.scan_id = s.id) AS np FROM scans s WHERE s.id = ?
                """, [id]) else { return nil }
            let siteID: Int64? = r["site_id"]
            if case .unit = scope {
                guard let siteID, try self.sites(scope, c).contains(where: { $0.id == siteID }) else { return nil }
            }
            return (r["site"], siteID, r["complete"], r["nf"], r["np"])
        }
    }
}

extension ScanStore {
    /// Counts for the metrics: scans, pages fetched, queued jobs, failed probes.
    public func platformCounts() throws -> (scans: Int, pages: Int, queued: Int, probeFailures: Int) {
        try db.read { c in
            (try c.value("SELECT count(*) FROM scans") ?? 0,
             try c.value("SELECT count(*) FROM pages") ?? 0,
             try c.value("SELECT count(*) FROM jobs WHERE state = 'queued'") ?? 0, 0)
        }
    }
}

/// What the 总览 page shows, counted in SQL (a city has hundreds of thousands of findings).
public struct DashboardCounts: Sendable {
    /// Unit → open findings and those needing review.
    public var perUnit: [Int64: (open: Int, review: Int)] = [:]
    /// Site → open findings.
    public var perSite: [Int64: Int] = [:]
    public var open = 0
    public var newSince = 0
    public var fixedSince = 0
    /// Check ID → open findings.
    public var byCheck: [String: Int] = [:]
}

extension ScanStore {
    /// Counts of tracked findings visible in `scope`; "since" for new and fixed this week.
    public func dashboardCounts(_ scope: Scope, since: Date) throws -> DashboardCounts {
        let t = ISO8601DateFormatter().string(from: since)
        return try db.read { conn in
            let sites = try self.sites(scope, conn)
            let visible = Set(sites.map(\.id))
            let unitOf = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0.unitID) })
            var c = DashboardCounts()
            for r in try conn.rows("""
                SELECT site_id, check_id, state, needs_review, count(*) AS n,
                       sum(CASE WHEN first_seen >= ? THEN 1 ELSE 0 END) AS fresh,
                       sum(CASE WHEN coalesce(fixed_at, '') >= ? THEN 1 ELSE 0 END) AS recent
                FROM tracked_findings GROUP BY site_id, check_id, state, needs_review
                """, [t, t])
            {
                let site: Int64 = r["site_id"]
                guard visible.contains(site), let unit = unitOf[site] else { continue }
                let n: Int = r["n"], state: String = r["state"]
                if state == "fixed" { c.fixedSince += r["recent"] as Int; continue }
                var u = c.perUnit[unit] ?? (0, 0)
                u.open += n
                if r["needs_review"] as Bool { u.review += n }
                c.perUnit[unit] = u
                c.perSite[site, default: 0] += n
                c.open += n
                c.newSince += r["fresh"] as Int
                c.byCheck[r["check_id"], default: 0] += n
            }
            return c
        }
    }
}
