import Foundation
import GovLensCore

/// Reminders and their deliveries. Each reminder has a key that makes it happen once (the unit,
/// the kind, the day or the ticket); each delivery is an outbox row retried until it is sent or
/// given up, and shown either way.
extension ScanStore {
    /// Adds a notice unless one with `onceKey` exists, with a pending delivery per channel.
    /// Returns its id, or nil when it was already made.
    @discardableResult
    public func notify(unitID: Int64?, kind: String, title: String, body: String, onceKey: String,
                       channels: [(channel: String, target: String)], at: Date = Date()) throws -> Int64?
    {
        try db.write { c in
            // Two servers ticking at once: the unique once_key makes the second insert nothing.
            let t = ISO8601DateFormatter().string(from: at)
            guard let id: Int64 = try c.value("""
                INSERT INTO notifications (unit_id, at, kind, title, body, once_key) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (once_key) DO NOTHING RETURNING id
                """, [unitID, t, kind, title, body, onceKey]) else { return nil }
            for ch in channels {
                try c.execute("INSERT INTO deliveries (notification_id, channel, target, state, next_at) VALUES (?, ?, ?, 'pending', ?)",
                              [id, ch.channel, ch.target, t])
            }
            return id
        }
    }

    /// Notices visible in `scope` (a unit's own; staff see all), newest first.
    public func notices(_ scope: Scope, limit: Int = 100) throws -> [Notice] {
        try db.read { c in
            var sql = "SELECT * FROM notifications"
            var args: [any SQLBindable] = []
            if case .unit(let id) = scope { sql += " WHERE unit_id = ?"; args.append(id) }
            args.append(limit)
            return try c.rows(sql + " ORDER BY id DESC LIMIT ?", args).map { r in
                Notice(id: r["id"], unitID: r["unit_id"], at: r["at"], kind: r["kind"], title: r["title"], body: r["body"],
                       deliveries: try c.rows("SELECT * FROM deliveries WHERE notification_id = ? ORDER BY id", [r["id"] as Int64])
                           .map(Self.delivery))
            }
        }
    }

    /// Claims the deliveries that are due: each is moved `lease` seconds into the future in the
    /// same transaction, so a second server or a concurrent tick does not send it again, and a
    /// process killed mid-send leaves it to be retried when the lease runs out.
    public func claimDeliveries(now: Date = Date(), lease: TimeInterval = 300) throws -> [(Delivery, Notice)] {
        let iso = ISO8601DateFormatter()
        let t = iso.string(from: now)
        return try db.write { c in
            try c.rows("SELECT * FROM deliveries WHERE state = 'pending' AND next_at <= ? ORDER BY id" + c.dialect.skipLocked, [t])
                .compactMap { d in
                    let claimed = try c.execute("UPDATE deliveries SET next_at = ? WHERE id = ? AND state = 'pending' AND next_at <= ?",
                                                [iso.string(from: now.addingTimeInterval(lease)), d["id"] as Int64, t])
                    guard claimed == 1,
                          let n = try c.row("SELECT * FROM notifications WHERE id = ?", [d["notification_id"] as Int64]) else { return nil }
                    return (Self.delivery(d), Notice(id: n["id"], unitID: n["unit_id"], at: n["at"], kind: n["kind"], title: n["title"],
                                                     body: n["body"], deliveries: []))
                }
        }
    }

    /// Records one attempt: sent, or failed with the reason and retried at `retryAt` (nil: given up).
    public func recordDelivery(_ id: Int64, error: String?, retryAt: Date?, now: Date = Date()) throws {
        let iso = ISO8601DateFormatter()
        try db.write { c in
            if let error {
                try c.execute("""
                    UPDATE deliveries SET attempts = attempts + 1, last_error = ?, state = ?, next_at = coalesce(?, next_at) WHERE id = ?
                    """, [error, retryAt == nil ? "failed" : "pending", retryAt.map(iso.string), id])
            } else {
                try c.execute("UPDATE deliveries SET attempts = attempts + 1, state = 'sent', delivered_at = ?, last_error = NULL WHERE id = ?",
                              [iso.string(from: now), id])
            }
        }
    }

    /// Unit id → its 联系邮箱 (units whose sheet gave one).
    public func unitEmails() throws -> [Int64: String] {
        try db.read { c in
            Dictionary(uniqueKeysWithValues: try c.rows("SELECT id, email FROM units WHERE email IS NOT NULL", []).map {
                ($0["id"] as Int64, $0["email"] as String)
            })
        }
    }

    static func delivery(_ r: SQLRow) -> Delivery {
        Delivery(id: r["id"], channel: r["channel"], target: r["target"], state: Delivery.State(rawValue: r["state"]) ?? .pending,
                 attempts: r["attempts"], lastError: r["last_error"], sentAt: r["delivered_at"])
    }
}
