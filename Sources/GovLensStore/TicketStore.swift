import Foundation
import GovLensCore

/// 整改任务 in the store: tickets, their items, and the append-only log of every change. State
/// changes are conditional updates (`WHERE state IN …`), so two people acting at once cannot both
/// move a ticket from the same state.
extension ScanStore {
    /// A new ticket for `unitID` with the given tracked findings (and 政务新媒体 account findings)
    /// as items, in one transaction. A finding of another unit, an unknown one or one already fixed
    /// is an error and nothing is made.
    public func createTicket(unitID: Int64, trackedIDs: [Int64], accountFindingIDs: [Int64] = [], deadline: SimpleDate, title: String,
                             actor: String, needsInspector: @Sendable (Finding) -> Bool) throws -> Int64
    {
        guard !trackedIDs.isEmpty || !accountFindingIDs.isEmpty else { throw StoreError("整改任务至少要有一个问题") }
        return try db.write { c in
            guard try c.value("SELECT 1 FROM units WHERE id = ?", [unitID]) as Int? != nil else { throw StoreError("单位 \(unitID) 不存在") }
            let now = Self.now()
            let id = try c.insert("""
                INSERT INTO tickets (unit_id, state, deadline, title, created_at, created_by) VALUES (?, 'open', ?, ?, ?, ?)
                """, [unitID, deadline.description, title, now, actor])
            // A problem already in an open ticket, accepted as a false alarm, or verified fixed since
            // it was last seen is not issued again.
            let held = try Self.held(c)
            let fresh = Set(trackedIDs).subtracting(held).sorted()
            let accounts = try Self.insertAccountItems(ticket: id, unitID: unitID, ids: accountFindingIDs, needsInspector: needsInspector, c)
            guard !fresh.isEmpty || accounts > 0 else { throw StoreError("这些问题已在整改任务中，或已核实整改、申诉成立") }
            for tracked in fresh {
                guard let row = try c.row("""
                    SELECT t.site_id, t.finding_key, t.body, t.state, s.unit_id FROM tracked_findings t JOIN sites s ON s.id = t.site_id
                    WHERE t.id = ?
                    """, [tracked]) else { throw StoreError("问题 \(tracked) 不存在") }
                guard row["unit_id"] as Int64 == unitID else { throw StoreError("问题 \(tracked) 不属于该单位") }
                guard row["state"] as String != TrackedFinding.State.fixed.rawValue else { throw StoreError("问题 \(tracked) 已整改，无需再派") }
                let finding = try JSONDecoder().decode(Finding.self, from: Data((row["body"] as String).utf8))
                try c.execute("""
                    INSERT INTO ticket_items (ticket_id, site_id, tracked_id, finding_key, body, state, needs_inspector)
                    VALUES (?, ?, ?, ?, ?, 'open', ?)
                    """, [id, row["site_id"] as Int64, tracked, row["finding_key"] as String, row["body"] as String,
                          needsInspector(finding)])
            }
            try Self.log(c, ticket: id, actor: actor, target: "ticket", from: nil, to: Ticket.State.open.rawValue,
                         reason: "下发整改任务，期限 \(deadline)")
            return id
        }
    }

    /// Tracked findings not to issue again: in an unsettled item of an open ticket, dismissed, or
    /// fixed by a re-check after the scan that last saw them.
    public func heldFindings() throws -> Set<Int64> { try db.read { c in try Self.held(c) } }

    static func held(_ c: any SQLConnection) throws -> Set<Int64> {
        Set(try c.column("""
            SELECT i.tracked_id FROM ticket_items i JOIN tickets t ON t.id = i.ticket_id JOIN tracked_findings f ON f.id = i.tracked_id
            WHERE (t.state != 'closed' AND i.state NOT IN ('fixed', 'dismissed')) OR i.state = 'dismissed'
               OR (i.state = 'fixed' AND coalesce(i.checked_at, '') >= f.last_seen)
            """, []) as [Int64])
    }

    /// Tickets visible in `scope`, newest first, optionally of one unit or state.
    public func tickets(_ scope: Scope, unit: Int64? = nil, state: Ticket.State? = nil) throws -> [Ticket] {
        try db.read { c in
            var sql = "SELECT t.*, u.name FROM tickets t JOIN units u ON u.id = t.unit_id WHERE 1 = 1"
            var args: [any SQLBindable] = []
            if case .unit(let id) = scope { sql += " AND t.unit_id = ?"; args.append(id) }
            if let unit { sql += " AND t.unit_id = ?"; args.append(unit) }
            if let state { sql += " AND t.state = ?"; args.append(state.rawValue) }
            return try c.rows(sql + " ORDER BY t.id DESC", args).map { try Self.ticket($0, c) }
        }
    }

    /// One ticket with its items and history, or nil when it does not exist or `scope` does not see it.
    public func ticket(_ id: Int64, _ scope: Scope) throws -> Ticket? {
        try db.read { c in
            guard let row = try c.row("SELECT t.*, u.name FROM tickets t JOIN units u ON u.id = t.unit_id WHERE t.id = ?", [id]),
                  scope.allows(row["unit_id"])
            else { return nil }
            return try Self.ticket(row, c)
        }
    }

    /// Moves a ticket from one of `from` to `to`, logging who and why; `feedback` stores the unit's
    /// 整改说明. Throws when the ticket is in another state (someone acted first).
    public func moveTicket(_ id: Int64, from: Set<Ticket.State>, to: Ticket.State, actor: String, reason: String,
                           feedback: String? = nil, files: [UploadedFile] = []) throws
    {
        try db.write { c in
            guard let current: String = try c.value("SELECT state FROM tickets WHERE id = ?", [id]) else {
                throw StoreError("整改任务 \(id) 不存在")
            }
            guard let state = Ticket.State(rawValue: current), from.contains(state) else {
                throw StoreError("整改任务 \(id) 当前为“\(Ticket.State(rawValue: current)?.chinese ?? current)”，不能改为“\(to.chinese)”")
            }
            // Another request may have moved it since it was read (PostgreSQL does not serialise writers).
            guard try c.execute("UPDATE tickets SET state = ?, feedback = coalesce(?, feedback) WHERE id = ? AND state = ?",
                                [to.rawValue, feedback, id, current]) == 1
            else { throw StoreError("整改任务 \(id) 已被他人处理，请刷新后再试") }
            try Self.log(c, ticket: id, actor: actor, target: "ticket", from: current, to: to.rawValue, reason: reason)
            // The files arrive with the feedback they belong to, or not at all.
            for f in files {
                try c.execute("""
                    INSERT INTO ticket_files (ticket_id, name, content_type, size, data, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, [id, f.name, f.contentType, f.data.count, f.data, Self.now(), actor])
            }
        }
    }

    /// One file of a ticket with its bytes, or nil when the ticket is not in `scope` or has no such file.
    public func ticketFile(ticket: Int64, file: Int64, _ scope: Scope) throws -> (TicketFile, Data)? {
        try db.read { c in
            guard let r = try c.row("""
                SELECT f.*, t.unit_id FROM ticket_files f JOIN tickets t ON t.id = f.ticket_id WHERE f.id = ? AND f.ticket_id = ?
                """, [file, ticket]), scope.allows(r["unit_id"]) else { return nil }
            return (Self.file(r), r["data"])
        }
    }

    static func file(_ r: SQLRow) -> TicketFile {
        TicketFile(id: r["id"], name: r["name"], contentType: r["content_type"], size: r["size"], uploadedAt: r["uploaded_at"],
                   uploadedBy: r["uploaded_by"])
    }

    /// Sets an item's state and note (and when it was re-checked), logging who and why.
    public func moveItem(ticket: Int64, item: Int64, from: Set<TicketItem.State>? = nil, to: TicketItem.State, note: String?,
                         checkedAt: String? = nil, actor: String, reason: String) throws
    {
        try db.write { c in
            guard let current: String = try c.value("SELECT state FROM ticket_items WHERE id = ? AND ticket_id = ?", [item, ticket]) else {
                throw StoreError("整改任务 \(ticket) 中没有问题 \(item)")
            }
            if let from, !from.contains(TicketItem.State(rawValue: current) ?? .open) {
                throw StoreError("问题 \(item) 当前为“\(TicketItem.State(rawValue: current)?.chinese ?? current)”，不能改为“\(to.chinese)”")
            }
            guard try c.execute("UPDATE ticket_items SET state = ?, note = ?, checked_at = coalesce(?, checked_at) WHERE id = ? AND state = ?",
                                [to.rawValue, note, checkedAt, item, current]) == 1
            else { throw StoreError("问题 \(item) 已被他人处理，请刷新后再试") }
            if current != to.rawValue || checkedAt != nil {
                try Self.log(c, ticket: ticket, actor: actor, target: "item \(item)", from: current, to: to.rawValue, reason: reason)
            }
        }
    }

    /// Finding keys an inspector accepted as false alarms, per site, with the reason: later
    /// assessments leave them out.
    public func dismissedKeys(_ scope: Scope) throws -> [Int64: [String: String]] {
        try db.read { c in
            let visible = Set(try self.sites(scope, c).map(\.id))
            var out: [Int64: [String: String]] = [:]
            for r in try c.rows("SELECT site_id, finding_key, note FROM ticket_items WHERE state = 'dismissed'", []) {
                let site: Int64 = r["site_id"]
                guard visible.contains(site) else { continue }
                out[site, default: [:]][r["finding_key"]] = (r["note"] as String?) ?? ""
            }
            return out
        }
    }

    static func log(_ c: any SQLConnection, ticket: Int64, actor: String, target: String, from: String?, to: String, reason: String) throws {
        try c.execute("""
            INSERT INTO ticket_events (ticket_id, at, actor, target, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [ticket, now(), actor, target, from, to, reason])
    }

    static func ticket(_ r: SQLRow, _ c: any SQLConnection) throws -> Ticket {
        let id: Int64 = r["id"]
        let items = try c.rows("SELECT * FROM ticket_items WHERE ticket_id = ? ORDER BY id", [id]).compactMap { i -> TicketItem? in
            guard let f = try? JSONDecoder().decode(Finding.self, from: Data((i["body"] as String).utf8)) else { return nil }
            return TicketItem(id: i["id"], siteID: i["site_id"], trackedID: i["tracked_id"], key: i["finding_key"], finding: f,
                              state: TicketItem.State(rawValue: i["state"]) ?? .open, note: i["note"], checkedAt: i["checked_at"],
                              needsInspector: i["needs_inspector"], accountFindingID: i["account_finding_id"])
        }
        let history = try c.rows("SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id", [id]).map {
            TicketEvent(at: $0["at"], actor: $0["actor"], target: $0["target"], from: $0["from_state"], to: $0["to_state"], reason: $0["reason"])
        }
        let files = try c.rows("""
            SELECT id, name, content_type, size, uploaded_at, uploaded_by FROM ticket_files WHERE ticket_id = ? ORDER BY id
            """, [id]).map(Self.file)
        return Ticket(id: id, unitID: r["unit_id"], unit: r["name"], state: Ticket.State(rawValue: r["state"]) ?? .open,
                      deadline: r["deadline"], title: r["title"], createdAt: r["created_at"], createdBy: r["created_by"],
                      feedback: r["feedback"], items: items, history: history, files: files)
    }
}

/// A file as it is stored with a unit's feedback (checked by the loop before it gets here).
public struct UploadedFile: Sendable {
    public var name: String
    public var contentType: String
    public var data: Data
    public init(name: String, contentType: String, data: Data) { self.name = name; self.contentType = contentType; self.data = data }
}

extension ScanStore {
    /// Unit name → findings that came back after being fixed (屡查屡犯), for the units in `scope`.
    public func repeatOffences(_ scope: Scope) throws -> [String: Int] {
        try db.read { c in
            var out: [String: Int] = [:]
            for r in try c.rows("""
                SELECT u.id, u.name, count(*) AS n FROM tracked_findings t JOIN sites s ON s.id = t.site_id JOIN units u ON u.id = s.unit_id
                WHERE t.recurrences > 0 GROUP BY u.id, u.name
                """, []) where scope.allows(r["id"]) {
                out[r["name"]] = r["n"]
            }
            return out
        }
    }
}
