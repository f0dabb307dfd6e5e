import GovLensCore
import Foundation
import GovLensDocuments
import GovLensScoring
import GovLensText

/// Writes a scored assessment into a folder: `scores.json`, `通报.docx` (with 附件1), `通报.md`,
/// `通报.html`, `附件1-得分排名表.xlsx`, and `问题清单/<单位>.xlsx` and `.md`. Everything is
/// written to a hidden staging folder first and moved into place only when all of it succeeded:
/// a failure leaves no partial output behind.
public enum AssessmentWriter {
    public static let circularName = "通报"
    public static let rankingName = "附件1-得分排名表.xlsx"
    public static let problemsFolder = "问题清单"

    @discardableResult
    public static func write(_ report: AssessmentReport, to dir: URL) throws -> [URL] {
        let fm = FileManager.default
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        let staging = dir.appendingPathComponent(".govlens-partial-\(UUID().uuidString)")
        try fm.createDirectory(at: staging.appendingPathComponent(problemsFolder), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: staging) }

        var files: [(String, Data)] = [
            ("scores.json", try JSONReport.encode(report.scores)),
            ("\(circularName).docx", try report.circular().data()),
            ("\(circularName).md", Data(report.markdown().utf8)),
            ("\(circularName).html", Data(report.html().utf8)),
            (rankingName, try report.rankingWorkbook().data()),
        ]
        var used = Set<String>()
        for u in report.scores.groups.flatMap(\.units) {
            var name = AssessmentReport.fileName(u.unit)
            if !used.insert(name).inserted { name += "-\(u.group)" }
            files.append(("\(problemsFolder)/\(name).xlsx", try report.problemWorkbook(u).data()))
            files.append(("\(problemsFolder)/\(name).md", Data(report.problemMarkdown(u).utf8)))
        }
        for (path, data) in files { try data.write(to: staging.appendingPathComponent(path)) }

        // All written: move into place, replacing an earlier run's files.
        try? fm.removeItem(at: dir.appendingPathComponent(problemsFolder))
        try fm.createDirectory(at: dir.appendingPathComponent(problemsFolder), withIntermediateDirectories: true)
        var out: [URL] = []
        for (path, _) in files {
            let target = dir.appendingPathComponent(path)
            try? fm.removeItem(at: target)
            try fm.moveItem(at: staging.appendingPathComponent(path), to: target)
            out.append(target)
        }
        return out
    }
}

/// One assessment run, from files to files: the pack (a path or a shipped id), the units file, the
/// manual sheet and the scans in; `scores.json`, the 通报, the 附件 and the 问题清单 out. Any bad
/// input throws a `ScoringError` or `TableError` before anything is written.
public struct AssessmentJob {
    public var pack: String
    public var units: URL
    public var manual: URL?
    public var scans: URL?
    public var output: URL
    /// Default: the newest scan's reference date, else today.
    public var asOf: SimpleDate?
    /// Default: the pack's working days after `asOf`.
    public var deadline: SimpleDate?
    public var issuer: String?
    public var title: String?
    public var shares: [ShareQuery] = []

    public init(pack: String, units: URL, manual: URL? = nil, scans: URL? = nil, output: URL) {
        self.pack = pack; self.units = units; self.manual = manual; self.scans = scans; self.output = output
    }

    public func run() throws -> (scores: ScoreReport, files: [URL]) {
        let pack = try RulePack.load(RulePack.bundled(self.pack) ?? URL(fileURLWithPath: self.pack))
        let unitList = try UnitsFile.read(TableReader.read(units))
        let sheet = try manual.map { url throws in try ManualSheet.read(TableReader.read(url), pack: pack, units: unitList) }
        let scanSet = try scans.map { try ScanSet.load($0, units: unitList) } ?? [:]
        let reference = asOf ?? scanSet.values.compactMap { SimpleDate(iso: $0.asOf) }.max() ?? SimpleDate.today()
        let due = deadline ?? WorkingDayCalendar.official.add(pack.rectifyDays ?? 15, to: reference)
        let scores = try Scorer(pack: pack).score(units: unitList, manual: sheet, scans: scanSet, asOf: reference.description,
                                                  deadline: due.description, extraShares: shares)
        let files = try AssessmentWriter.write(AssessmentReport(scores: scores, issuer: issuer, title: title), to: output)
        return (scores, files)
    }
}
