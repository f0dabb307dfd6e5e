import Foundation
import GovLensAssessment
import GovLensChecks
import GovLensCore
import GovLensDocuments
import GovLensReports
import GovLensScoring
import GovLensStore

/// An assessment run on the platform: the store's units and each site's newest full scan, scored
/// by a pack; problems an inspector accepted as false alarms (申诉成立) are left out and said so;
/// the result is stored, and its 问题清单 can become one 整改任务 per unit.
public struct PlatformAssessment: Sendable {
    public let store: ScanStore

    public init(store: ScanStore) { self.store = store }

    /// The shipped packs' ids, for the form.
    public static var packs: [String] { PackLibrary.shippedIDs }

    /// Scores every unit with `pack` (a shipped id) and stores the result; returns its id.
    /// `manual` is the 手工评分表 as uploaded (XLSX or CSV, by its file name), needed by packs with
    /// items only a person scores.
    public func run(pack ref: String, asOf: SimpleDate?, deadline: SimpleDate?, manual: (name: String, data: Data)? = nil,
                    by user: UserRecord) throws -> Int64
    {
        guard user.role != .unit else { throw Rectification.Refusal("单位用户不能发起考核", forbidden: true) }
        let scores = try score(pack: ref, asOf: asOf, deadline: deadline, manual: manual)
        return try store.saveAssessment(by: user.username, pack: ref, asOf: scores.asOf, deadline: scores.deadline,
                                        scores: try JSONReport.encode(scores))
    }

    /// What the newest scans are worth now, by `pack`, without storing anything: items only a
    /// person scores are 未评估 unless `manual` gives them, so totals may be provisional.
    public func score(pack ref: String, asOf: SimpleDate? = nil, deadline: SimpleDate? = nil,
                      manual: (name: String, data: Data)? = nil) throws -> ScoreReport
    {
        // Only the shipped packs: a name must never become a path on the server.
        guard Self.packs.contains(ref) else {
            throw Rectification.Refusal("没有考核方案“\(ref)”（可选：\(Self.packs.joined(separator: "、"))）", invalid: true)
        }
        let pack = try PackLibrary.load(ref)
        let units = try store.units(.all)
        let assessed = units.map { u in
            AssessedUnit(name: u.name, group: u.group, site: u.sites.first?.url, place: "单位“\(u.name)”")
        }
        let sheet = try manual.map { m -> ManualSheet in
            // TableReader reads files: the upload goes to a private temporary folder under its own name.
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-upload-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent(URL(fileURLWithPath: m.name).lastPathComponent)
            try m.data.write(to: file)
            return try ManualSheet.read(TableReader.read(file), pack: pack, units: assessed)
        }
        let dismissed = try store.dismissedKeys(.all)
        var scans: [String: ScanReport] = [:]
        for (site, scan) in try store.assessmentScans(.all) {
            guard let unit = units.first(where: { $0.sites.first?.id == site }), var report = try store.report(scan: scan) else { continue }
            let excluded = dismissed[site] ?? [:]
            let before = report.findings.count
            report.findings.removeAll { $0.key.map { excluded[$0] != nil } ?? false }
            if report.findings.count < before {
                report.notes = (report.notes ?? []) + ["\(before - report.findings.count) 个问题经申诉核实为误报，不计分"]
            }
            scans[unit.name] = report
        }
        let reference = asOf ?? scans.values.compactMap { SimpleDate(iso: $0.asOf) }.max() ?? .today()
        let due = deadline ?? WorkingDayCalendar.official.add(pack.rectifyDays ?? 15, to: reference)
        var scorer = Scorer(pack: pack)
        scorer.missingScanIsError = false  // a site not scanned yet is 未评估, said in its notes
        scorer.missingManualIsError = false  // no sheet yet: manual items 未评估, totals 暂定
        var scores = try scorer.score(units: assessed, manual: sheet, scans: scans, asOf: reference.description,
                                      deadline: due.description, extraShares: [])
        // The loop's memory: problems fixed once and found again are named in the 通报.
        let repeated = try store.repeatOffences(.all).filter { $0.value > 0 }
        if !repeated.isEmpty {
            scores.repeatOffences = repeated
            for g in scores.groups.indices {
                for u in scores.groups[g].units.indices {
                    if let n = repeated[scores.groups[g].units[u].unit] {
                        scores.groups[g].units[u].notes.append("屡查屡犯：\(n)个问题整改后再次出现。")
                    }
                }
            }
        }
        return scores
    }

    /// Changes whenever `score` would change: a newer scan of some site, or another dismissed finding.
    public func currentKey() throws -> String {
        let scans = try store.assessmentScans(.all).sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
        let dismissed = try store.dismissedKeys(.all).values.reduce(0) { $0 + $1.count }
        let repeated = try store.repeatOffences(.all).values.reduce(0, +)
        return scans.joined(separator: ",") + "|\(dismissed)|\(repeated)"
    }

    /// The stored scores of an assessment.
    public func scores(_ id: Int64) throws -> (AssessmentRecord, ScoreReport)? {
        guard let a = try store.assessment(id) else { return nil }
        return (a, try JSONReport.decode(ScoreReport.self, from: a.scores))
    }

    /// One 整改任务 per unit for the findings of its 问题清单 that cost points or a veto and are
    /// still open; units with none get no ticket. Returns the tickets made.
    public func issueTickets(_ id: Int64, loop: Rectification, by user: UserRecord) throws -> [Int64] {
        guard let (a, scores) = try scores(id) else { throw Rectification.Refusal("考核 \(id) 不存在", notFound: true) }
        guard let deadline = SimpleDate(iso: a.deadline) else { throw Rectification.Refusal("考核的整改期限无效：\(a.deadline)") }
        let units = try store.units(.all)
        let held = try store.heldFindings()  // issuing twice makes no second ticket
        var made: [Int64] = []
        for result in scores.groups.flatMap(\.units) {
            guard let unit = units.first(where: { $0.name == result.unit }) else { continue }
            let keys = Set((result.veto.flatMap(\.findings) + result.lost.flatMap(\.findings)).compactMap(\.key))
            let tracked = try store.trackedFindings(.unit(unit.id), limit: 100_000).filter { $0.state != .fixed && keys.contains($0.key) && !held.contains($0.id) }
            guard !tracked.isEmpty else { continue }
            made.append(try loop.issue(unitID: unit.id, findings: tracked.map(\.id), deadline: .date(deadline),
                                       title: "\(scores.pack.name)问题整改（\(unit.name)）", by: user))
        }
        return made
    }
}
