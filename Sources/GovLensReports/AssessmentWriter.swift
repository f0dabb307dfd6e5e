import Foundation
import GovLensScoring

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
