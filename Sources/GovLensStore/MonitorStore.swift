import Foundation
import GovLensCore

/// How often a site is watched (19号: the homepage at least 20 times a day; a full scan weekly).
public struct Schedule: Codable, Sendable, Equatable {
    /// Minutes between homepage probes (default 15: 96 a day).
    public var probeMinutes: Int
    /// Days between full scans.
    public var scanDays: Int
    /// Hours between light checks (homepage and first-level column lists).
    public var lightHours: Int
    public var enabled: Bool
    public init(probeMinutes: Int = 15, scanDays: Int = 7, lightHours: Int = 24, enabled: Bool = true) {
        self.probeMinutes = probeMinutes; self.scanDays = scanDays; self.lightHours = lightHours; self.enabled = enabled
    }
}

/// Probes, schedules and what is due: the scheduler's memory lives in the store, so a restart
/// or a missed tick neither repeats nor loses work (due = last run + interval, run once).
extension ScanStore {
    /// The site's schedule, or `defaults` when none was set.
    public func schedule(siteID: Int64, defaults: Schedule) throws -> Schedule {
        try db.read { c in
            try c.row("SELECT * FROM schedules WHERE site_id = ?", [siteID]).map {
                Schedule(probeMinutes: $0["probe_minutes"], scanDays: $0["scan_days"], lightHours: $0["light_hours"], enabled: $0["enabled"])
            } ?? defaults
        }
    }

    /// Sets a site's schedule.
    public func setSchedule(siteID: Int64, _ s: Schedule) throws {
        try db.write { c in
            try c.execute("""
                INSERT INTO schedules (site_id, probe_minutes, scan_days, light_hours, enabled) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (site_id) DO UPDATE SET probe_minutes = excluded.probe_minutes, scan_days = excluded.scan_days,
                    light_hours = excluded.light_hours, enabled = excluded.enabled
                """, [siteID, s.probeMinutes, s.scanDays, s.lightHours, s.enabled])
        }
    }

    /// Stores one homepage visit.
    public func addProbe(siteID: Int64, _ r: ProbeRecord) throws {
        try db.write { c in
            try c.execute("INSERT INTO probes (site_id, at, ok, status, latency_ms, error) VALUES (?, ?, ?, ?, ?, ?)",
                          [siteID, ISO8601DateFormatter().string(from: r.time), r.ok, r.status, r.latencyMs, r.error])
        }
    }

    /// The site's visits since `since`, oldest first.
    public func probes(siteID: Int64, since: Date) throws -> [ProbeRecord] {
        let iso = ISO8601DateFormatter()
        return try db.read { c in
            try c.rows("SELECT * FROM probes WHERE site_id = ? AND at >= ? ORDER BY at", [siteID, iso.string(from: since)]).map {
                ProbeRecord(time: iso.date(from: $0["at"]) ?? Date(), status: $0["status"], latencyMs: $0["latency_ms"], ok: $0["ok"],
                            error: $0["error"])
            }
        }
    }

    /// When the site was last probed, and when its last job of `kind` was created.
    public func lastRun(siteID: Int64) throws -> (probe: Date?, scan: Date?, light: Date?) {
        let iso = ISO8601DateFormatter()
        return try db.read { c in
            let probe: String? = try c.value("SELECT max(at) FROM probes WHERE site_id = ?", [siteID])
            let scan: String? = try c.value("SELECT max(created_at) FROM jobs WHERE site_id = ? AND kind = 'scan'", [siteID])
            let light: String? = try c.value("SELECT max(created_at) FROM jobs WHERE site_id = ? AND kind = 'light'", [siteID])
            return (probe.flatMap(iso.date), scan.flatMap(iso.date), light.flatMap(iso.date))
        }
    }

    /// Queues a light check (homepage and first-level column lists) unless one is queued or running.
    @discardableResult
    public func enqueueLight(siteID: Int64, at now: Date = Date()) throws -> Int64 {
        try db.write { c in
            if let id: Int64 = try c.value("SELECT id FROM jobs WHERE site_id = ? AND state IN ('queued', 'running')", [siteID]) {
                return id
            }
            return try Self.insertJob(kind: "light", siteID: siteID, runAfter: now, createdAt: now, c)
        }
    }

    /// The availability veto of the probes: tracked as `site.unavailable` (subject availability)
    /// while the finding is given, marked fixed when it is nil.
    public func trackAvailability(siteID: Int64, finding: Finding?) throws {
        try db.write { c in
            let key = "site.unavailable|availability"
            let now = Self.now()
            if var f = finding {
                f.key = key
                let body = try Self.json(f)
                if let state: String = try c.value("SELECT state FROM tracked_findings WHERE site_id = ? AND finding_key = ?",
                                                   [siteID, key])
                {
                    let reopened = state == "fixed"
                    try c.execute("""
                        UPDATE tracked_findings SET state = ?, last_seen = ?, body = ?,
                            first_seen = CASE WHEN ? = 1 THEN ? ELSE first_seen END, fixed_at = CASE WHEN ? = 1 THEN NULL ELSE fixed_at END
                        WHERE site_id = ? AND finding_key = ?
                        """, [reopened ? "new" : "persisting", now, body, reopened, now, reopened, siteID, key])
                } else {
                    try c.execute("""
                        INSERT INTO tracked_findings (site_id, finding_key, check_id, state, first_seen, last_seen, last_scan_id, body)
                        VALUES (?, ?, 'site.unavailable', 'new', ?, ?, 0, ?)
                        """, [siteID, key, now, now, body])
                }
            } else {
                try c.execute("""
                    UPDATE tracked_findings SET state = 'fixed', fixed_at = ? WHERE site_id = ? AND finding_key = ? AND state != 'fixed'
                    """, [now, siteID, key])
            }
        }
    }
}
