import Foundation
import GovLensCore

/// An assessment run on the platform: who ran which pack for which date; its scores are kept as
/// the `scores.json` the renderers read, so the 通报 and 附件 are rendered again on request.
public struct AssessmentRecord: Sendable, Equatable {
    public var id: Int64
    public var createdAt: String
    public var createdBy: String
    public var pack: String
    public var asOf: String
    public var deadline: String
    /// `scores.json`.
    public var scores: Data
    /// The 通报 settings saved for it (JSON), if any.
    public var notice: Data? = nil
}

extension ScanStore {
    /// A stored scan as `govlens scan` wrote it (notes aside), for scoring.
    public func report(scan id: Int64) throws -> ScanReport? {
        guard var r = try reportBody(scan: id) else { return nil }
        r.columns = try columns(scan: id)
        return r
    }

    func reportBody(scan id: Int64) throws -> ScanReport? {
        try db.read { c -> ScanReport? in
            guard let s = try c.row("SELECT * FROM scans WHERE id = ?", [id]) else { return nil }
            let d = JSONDecoder(), iso = ISO8601DateFormatter()
            d.dateDecodingStrategy = .iso8601
            func decode<T: Decodable>(_ type: T.Type, _ column: String) throws -> T { try d.decode(T.self, from: Data((s[column] as String).utf8)) }
            let pages = try c.rows("SELECT * FROM pages WHERE scan_id = ?", [id]).map {
                PageRecord(url: $0["url"], status: $0["status"], title: $0["title"], charset: $0["charset"],
                           declaredCharset: $0["declared_charset"], date: $0["date"], depth: $0["depth"])
            }
            let findings = try c.column("SELECT body FROM findings WHERE scan_id = ? ORDER BY id", [id]).map { (b: String) in
                try d.decode(Finding.self, from: Data(b.utf8))
            }
            let errors = try c.rows("SELECT * FROM crawl_errors WHERE scan_id = ?", [id]).map {
                CrawlErrorRecord(url: $0["url"], kind: $0["kind"], message: $0["message"], referrer: $0["referrer"])
            }
            let attachments = try c.rows("SELECT * FROM attachments WHERE scan_id = ?", [id]).map {
                AttachmentRecord(url: $0["url"], linkedFrom: $0["linked_from"], format: $0["format"], checked: $0["checked"],
                                 characters: $0["characters"], problem: $0["problem"], reason: $0["reason"])
            }
            var r = ScanReport(site: s["site"], asOf: s["as_of"], startedAt: iso.date(from: s["started_at"]) ?? Date(),
                               finishedAt: iso.date(from: s["finished_at"]) ?? Date(), stats: try decode(ScanStats.self, "stats"),
                               complete: s["complete"], incompleteReasons: try decode([String].self, "incomplete_reasons"),
                               homepage: try decode(HomepageStatus.self, "homepage"), pages: pages, columns: [],
                               findings: findings, errors: errors, attachments: attachments)
            r.provenance = try (s["provenance"] as String?).map { try d.decode(Provenance.self, from: Data($0.utf8)) }
            r.notChecked = try (s["not_checked"] as String?).map { try d.decode([String: String].self, from: Data($0.utf8)) }
            return r
        }
    }

    /// Each visible site's newest full scan (a light check is partial by design), preferring a
    /// complete one: what an assessment scores.
    public func assessmentScans(_ scope: Scope) throws -> [Int64: Int64] {
        try db.read { c in
            let visible = Set(try self.sites(scope, c).map(\.id))
            var out: [Int64: (scan: Int64, complete: Bool)] = [:]
            for r in try c.rows("""
                SELECT s.id, s.site_id, s.complete FROM scans s JOIN jobs j ON j.scan_id = s.id WHERE j.kind = 'scan' ORDER BY s.id
                """, []) {
                let site: Int64 = r["site_id"], complete: Bool = r["complete"]
                guard visible.contains(site) else { continue }
                if complete || out[site]?.complete != true { out[site] = (r["id"], complete) }
            }
            return out.mapValues(\.scan)
        }
    }

    /// Stores an assessment; returns its id.
    public func saveAssessment(by user: String, pack: String, asOf: String, deadline: String, scores: Data) throws -> Int64 {
        try db.write { c in
            try c.insert("INSERT INTO assessments (created_at, created_by, pack, as_of, deadline, scores) VALUES (?, ?, ?, ?, ?, ?)",
                         [Self.now(), user, pack, asOf, deadline, String(decoding: scores, as: UTF8.self)])
        }
    }

    /// Saves the 通报 settings of an assessment (JSON); false when there is no such assessment.
    @discardableResult
    public func setAssessmentNotice(_ id: Int64, _ notice: Data) throws -> Bool {
        try db.write { c in
            try c.execute("UPDATE assessments SET notice = ? WHERE id = ?", [String(decoding: notice, as: UTF8.self), id]) > 0
        }
    }

    /// Every assessment, newest first.
    public func assessments() throws -> [AssessmentRecord] {
        try db.read { c in try c.rows("SELECT * FROM assessments ORDER BY id DESC", []).map(Self.assessment) }
    }

    /// One assessment.
    public func assessment(_ id: Int64) throws -> AssessmentRecord? {
        try db.read { c in try c.row("SELECT * FROM assessments WHERE id = ?", [id]).map(Self.assessment) }
    }

    static func assessment(_ r: SQLRow) -> AssessmentRecord {
        AssessmentRecord(id: r["id"], createdAt: r["created_at"], createdBy: r["created_by"], pack: r["pack"], asOf: r["as_of"],
                         deadline: r["deadline"], scores: Data((r["scores"] as String).utf8),
                         notice: (r["notice"] as String?).map { Data($0.utf8) })
    }
}
