import Foundation
import GovLensCore

/// How often a running scan writes what it fetched: after `pages` answers, `seconds`, or `bytes`
/// of bodies, whichever comes first (the rule file's `checkpoint` section).
public struct CheckpointPolicy: Sendable {
    public var pages: Int
    public var seconds: Double
    public var bytes: Int
    public init(pages: Int, seconds: Double, bytes: Int) {
        self.pages = max(1, pages); self.seconds = seconds; self.bytes = bytes
    }
}

/// What a scan does with a checkpoint it finds for its owner.
public enum CheckpointUse: Sendable {
    /// Start afresh: an earlier checkpoint of the owner is dropped.
    case fresh
    /// Continue the owner's checkpoint; none, or one from other settings, is an error (`--resume`).
    case resume
    /// Continue when the settings are the same, else start afresh (a job taken over from a dead runner).
    case resumeIfSame
}

/// A checkpoint that cannot be resumed, in one Chinese sentence.
public enum CheckpointError: Error, CustomStringConvertible {
    case missing(site: String, db: String, others: [String])
    case otherSettings(site: String, theirs: [String], ours: [String])
    public var description: String {
        switch self {
        case .missing(let site, let db, let others):
            let also = others.isEmpty ? "" : "（库中只有 \(others.joined(separator: "、")) 的断点）"
            return "数据库 \(db) 中没有 \(site) 的检查断点\(also)，无法续查；去掉 --resume 即从头检查"
        case .otherSettings(let site, let theirs, let ours):
            return "\(site) 的断点来自不同的检查设置（断点：\(theirs.joined(separator: " "))；本次：\(ours.joined(separator: " "))），"
                + "不能续查；请用中断时的选项，或去掉 --resume 从头检查"
        }
    }
}

extension ScanStore {
    /// The checkpoint a scan records into: `owner`'s existing one when `use` allows it, else a new one
    /// (replacing the owner's old one). `settings` are the lines that must match for a resume.
    public func checkpoint(owner: String, site: String, settings: [String], use: CheckpointUse,
                           policy: CheckpointPolicy) throws -> ScanCheckpoint
    {
        let text = settings.joined(separator: "\n")
        var dropped = 0
        let id: Int64 = try db.write { c in
            let existing = try c.row("SELECT id, settings, fetches FROM scan_checkpoints WHERE owner = ?", [owner])
            if let existing {
                let same = (existing["settings"] as String) == text
                switch use {
                case .resume where !same:
                    let theirs = (existing["settings"] as String).split(separator: "\n").map(String.init)
                    throw CheckpointError.otherSettings(site: site, theirs: theirs.filter { !settings.contains($0) },
                                                        ours: settings.filter { !theirs.contains($0) })
                case .resume, .resumeIfSame where same:
                    return existing["id"]
                default:
                    dropped = existing["fetches"]
                    try Self.dropCheckpoint(existing["id"], c)
                }
            } else if use == .resume {
                let others: [String] = try c.column("SELECT site FROM scan_checkpoints ORDER BY site", [])
                throw CheckpointError.missing(site: site, db: Self.redacted(path), others: others)
            }
            return try c.insert("""
                INSERT INTO scan_checkpoints (owner, site, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                """, [owner, site, text, Self.now(), Self.now()])
        }
        let recorded: [SQLRow] = try db.read { c in
            try c.rows("SELECT request, url FROM scan_checkpoint_fetches WHERE checkpoint_id = ?", [id])
        }
        return ScanCheckpoint(store: self, id: id, policy: policy, requests: Set(recorded.map { $0["request"] }),
                              urls: Set(recorded.map { $0["url"] }), dropped: dropped)
    }

    /// Saves the scan a checkpointed run produced, in one transaction with the checkpoint's end: the
    /// partial scan an earlier interrupted run saved is replaced (its findings are never stored
    /// twice); a `finished` run removes the checkpoint, an interrupted one leaves it for `--resume`.
    @discardableResult
    public func save(_ r: ScanReport, checkpoint: ScanCheckpoint, finished: Bool) throws -> Int64 {
        try checkpoint.flush()
        return try db.write { c in
            if let partial: Int64 = try c.value("SELECT partial_scan_id FROM scan_checkpoints WHERE id = ?", [checkpoint.id]) {
                try Self.deleteScan(partial, c)
            }
            let id = try Self.insert(r, siteID: nil, c)
            if finished {
                try Self.dropCheckpoint(checkpoint.id, c)
            } else {
                try c.execute("UPDATE scan_checkpoints SET partial_scan_id = ?, updated_at = ? WHERE id = ?", [id, Self.now(), checkpoint.id])
            }
            return id
        }
    }

    /// Drops `owner`'s checkpoint inside the caller's transaction (a platform job finished).
    static func dropCheckpoint(owner: String, _ c: any SQLConnection) throws {
        if let id: Int64 = try c.value("SELECT id FROM scan_checkpoints WHERE owner = ?", [owner]) { try dropCheckpoint(id, c) }
    }

    static func dropCheckpoint(_ id: Int64, _ c: any SQLConnection) throws {
        // Explicit, not by cascade: SQLite enforces foreign keys only when a connection asks for it.
        try c.execute("DELETE FROM scan_checkpoint_fetches WHERE checkpoint_id = ?", [id])
        try c.execute("DELETE FROM scan_checkpoints WHERE id = ?", [id])
    }

    static func deleteScan(_ id: Int64, _ c: any SQLConnection) throws {
        for table in ["pages", "findings", "crawl_errors", "attachments", "columns"] {
            try c.execute("DELETE FROM \(table) WHERE scan_id = ?", [id])
        }
        try c.execute("DELETE FROM scans WHERE id = ?", [id])
    }

    /// A checkpoint as listed: its owner, site, and the answers it holds.
    public struct CheckpointSummary: Sendable, Equatable {
        public var owner: String
        public var site: String
        public var fetches: Int
        public var partialScan: Int64?
    }

    /// Every checkpoint in the store.
    public func checkpoints() throws -> [CheckpointSummary] {
        try db.read { c in
            try c.rows("""
                SELECT k.owner, k.site, k.partial_scan_id, (SELECT count(*) FROM scan_checkpoint_fetches f WHERE f.checkpoint_id = k.id) AS n
                FROM scan_checkpoints k ORDER BY k.id
                """, []).map { CheckpointSummary(owner: $0["owner"], site: $0["site"], fetches: $0["n"], partialScan: $0["partial_scan_id"]) }
        }
    }

    /// The answer recorded under `request`.
    func recordedFetch(checkpoint: Int64, request: String) -> JournalEntry? {
        try? db.read { c in
            try c.row("SELECT meta, body FROM scan_checkpoint_fetches WHERE checkpoint_id = ? AND request = ?", [checkpoint, request])
                .map { JournalEntry(meta: Data(($0["meta"] as String).utf8), body: $0["body"]) }
        }
    }

    /// Appends answers to a checkpoint in one transaction (incremental: nothing else is rewritten).
    func appendFetches(checkpoint: Int64, _ batch: [ScanCheckpoint.Pending]) throws {
        try db.write { c in
            for p in batch {
                try c.execute("""
                    INSERT INTO scan_checkpoint_fetches (checkpoint_id, request, url, meta, body) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (checkpoint_id, request) DO NOTHING
                    """, [checkpoint, p.request, p.url, String(decoding: p.entry.meta, as: UTF8.self), p.entry.body])
            }
            try c.execute("UPDATE scan_checkpoints SET fetches = fetches + ?, updated_at = ? WHERE id = ?",
                          [batch.count, Self.now(), checkpoint])
        }
    }
}

/// A scan's journal in the store (`FetchJournal`): answers of earlier runs are replayed, new ones
/// are written in batches by the checkpoint policy, so a scan killed at any moment loses at most
/// the last batch and the requests in flight. Ctrl-C and the end of the scan write the rest (`flush`).
public final class ScanCheckpoint: FetchJournal, @unchecked Sendable {  // the buffer sits behind the lock
    struct Pending { var request: String; var url: String; var entry: JournalEntry }

    public let id: Int64
    /// Answers of an earlier checkpoint of the same owner that this one replaced (started afresh).
    public let dropped: Int
    let store: ScanStore
    let policy: CheckpointPolicy
    let requests: Set<String>
    let urls: Set<String>
    private let lock = NSLock()
    private var pending: [Pending] = []
    private var pendingBytes = 0
    private var lastWrite = Date()
    private var failure: (any Error)?

    init(store: ScanStore, id: Int64, policy: CheckpointPolicy, requests: Set<String>, urls: Set<String>, dropped: Int) {
        self.store = store; self.id = id; self.policy = policy; self.requests = requests; self.urls = urls
        self.dropped = dropped
    }

    public var recordedCount: Int { requests.count }

    public func recorded(_ key: String) -> JournalEntry? {
        requests.contains(key) ? store.recordedFetch(checkpoint: id, request: key) : nil
    }

    public func hasRecording(url: String) -> Bool { urls.contains(url) }

    public func record(_ key: String, url: String, _ entry: JournalEntry) {
        lock.lock()
        pending.append(Pending(request: key, url: url, entry: entry))
        pendingBytes += entry.body?.count ?? 0
        let due = pending.count >= policy.pages || pendingBytes >= policy.bytes
            || Date().timeIntervalSince(lastWrite) >= policy.seconds
        lock.unlock()
        if due { write() }
    }

    /// Writes what is waiting; throws the first write that failed during the scan.
    public func flush() throws {
        write()
        lock.lock(); defer { lock.unlock() }
        if let failure { throw failure }
    }

    private func write() {
        lock.lock()
        let batch = pending
        pending = []
        pendingBytes = 0
        lastWrite = Date()
        lock.unlock()
        guard !batch.isEmpty else { return }
        do { try store.appendFetches(checkpoint: id, batch) } catch {
            // The store is away: keep the answers for the next write, and say so at the end.
            lock.lock()
            pending = batch + pending
            pendingBytes += batch.reduce(0) { $0 + ($1.entry.body?.count ?? 0) }
            if failure == nil { failure = error }
            lock.unlock()
        }
    }
}
