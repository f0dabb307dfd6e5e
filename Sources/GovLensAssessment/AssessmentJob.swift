import Foundation
import GovLensChecks
import GovLensCore
import GovLensDocuments
import GovLensNewMedia
import GovLensReports
import GovLensScoring

/// One assessment run, from files to files: the pack (a path or a shipped id), the units file, the
/// manual sheet and the scans in; `scores.json`, the 通报, the 附件 and the 问题清单 out. Any bad
/// input throws a `ScoringError` or `TableError` before anything is written.
public struct AssessmentJob {
    /// The scheme of every group not named in `schemes` (nil: each group must be named there).
    public var pack: String?
    public var units: URL
    public var manual: URL?
    /// Groups scored on their own scheme and sheet (鄂州: 区级政府 and 市直部门 on different
    /// indicator systems): one 通报 with one ranking 附件 per group.
    public var schemes: [String: Scheme] = [:]
    public var scans: URL?
    public var output: URL
    /// Default: the newest scan's reference date, else today.
    public var asOf: SimpleDate?
    /// Default: the pack's working days after `asOf`, by the official holiday calendar.
    public var deadline: SimpleDate?
    public var issuer: String?
    public var title: String?
    public var shares: [ShareQuery] = []
    /// 发文字号, 主送, 成文日期, 附注 and 版记 of the 通报.
    public var notice = NoticeSettings()
    /// The previous assessment's scores.json, for rank and score changes.
    public var previous: URL?
    /// A `govlens newmedia check` JSON report: each 主办单位's account findings count as that unit's.
    public var newMedia: URL?
    /// Tables attached to the 通报 as they are (好差评考核评分表 …), titled by their file names.
    public var ledgers: [URL] = []

    /// A group's own scheme (a shipped id or a file) and manual sheet.
    public struct Scheme: Sendable {
        public var pack: String
        public var manual: URL?
        /// The scheme `pack` with the sheet `manual`.
        public init(pack: String, manual: URL? = nil) { self.pack = pack; self.manual = manual }
    }

    /// A job for `pack` (a shipped id or a file) over the units file, writing into `output`.
    public init(pack: String?, units: URL, manual: URL? = nil, scans: URL? = nil, output: URL) {
        self.pack = pack; self.units = units; self.manual = manual; self.scans = scans; self.output = output
    }

    /// Reads every input, scores, renders and writes; nothing is written when an input is bad.
    public func run() throws -> (scores: ScoreReport, files: [URL]) {
        let unitList = try UnitsFile.read(TableReader.read(units))
        var groups: [String] = []
        for u in unitList where !groups.contains(u.group) { groups.append(u.group) }
        for name in schemes.keys.sorted() where !groups.contains(name) {
            throw ScoringError("考核方案指定的分组“\(name)”在单位名单中没有单位（名单中的分组：\(groups.joined(separator: "、"))）")
        }
        // Groups sharing a scheme and a sheet are scored together (one sheet lists all their units).
        var plans: [(scheme: Scheme, groups: [String])] = []
        for g in groups {
            guard let scheme = schemes[g] ?? pack.map({ Scheme(pack: $0, manual: manual) }) else {
                throw ScoringError("分组“\(g)”没有考核方案（用 --pack \(g)=方案 指定，或给出适用于其他分组的 --pack）")
            }
            if let i = plans.firstIndex(where: { $0.scheme.pack == scheme.pack && $0.scheme.manual == scheme.manual }) {
                plans[i].groups.append(g)
            } else {
                plans.append((scheme, [g]))
            }
        }
        var scanSet = try scans.map { try ScanSet.match(ScanFiles.read($0), units: unitList) } ?? [:]
        if let newMedia { scanSet = try NewMediaScans.merge(try NewMediaScans.read(newMedia), into: scanSet, units: unitList) }
        let reference = asOf ?? scanSet.values.compactMap { SimpleDate(iso: $0.asOf) }.max() ?? SimpleDate.today()
        var parts: [ScoreReport] = []
        for plan in plans {
            let pack = try PackLibrary.load(plan.scheme.pack)
            let members = unitList.filter { plan.groups.contains($0.group) }
            let sheet = try plan.scheme.manual.map { url throws in try ManualSheet.read(TableReader.read(url), pack: pack, units: members) }
            let due = deadline ?? WorkingDayCalendar.official.add(pack.rectifyDays ?? 15, to: reference)
            let memberScans = scanSet.filter { name, _ in members.contains { $0.name == name } }
            parts.append(try Scorer(pack: pack).score(units: members, manual: sheet, scans: memberScans, asOf: reference.description,
                                                      deadline: due.description, extraShares: shares))
        }
        var scores = parts.count == 1 ? parts[0] : ScoreReport.combining(parts)!
        scores.groups.sort { groups.firstIndex(of: $0.name)! < groups.firstIndex(of: $1.name)! }
        var report = AssessmentReport(scores: scores, catalog: CheckRegistry.catalog, issuer: issuer, title: title)
        try report.apply(notice)
        report.previous = try previous.map(ScoreFiles.read)
        report.ledgers = try ledgers.map { (title: $0.deletingPathExtension().lastPathComponent, table: try TableReader.read($0)) }
        return (scores, try AssessmentOutput.write(report, to: output))
    }
}

/// Rule packs: a YAML file, or one shipped in `Packs/` by its id.
public enum PackLibrary {
    /// The shipped packs' ids (`website-2019`, `newmedia-2019`, `disclosure-example`).
    public static var shippedIDs: [String] {
        let dir = Bundle.module.url(forResource: "Packs", withExtension: nil)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir?.path ?? "")) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// A shipped pack's id or a file path, parsed against the check registry.
    public static func load(_ ref: String) throws(ScoringError) -> RulePack {
        let url = Bundle.module.url(forResource: ref, withExtension: "yaml", subdirectory: "Packs") ?? URL(fileURLWithPath: ref)
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ScoringError("无法读取考核方案 \(ref)：既不是内置方案（\(shippedIDs.joined(separator: "、"))），也不是可读的 UTF-8 文件")
        }
        return try RulePack.parse(text, file: url.lastPathComponent, catalog: CheckRegistry.catalog)
    }
}

/// `govlens scan` JSON files in a folder.
public enum ScanFiles {
    /// Every `.json` file of `dir`, decoded, in name order.
    public static func read(_ dir: URL) throws(ScoringError) -> [(file: String, report: ScanReport)] {
        let files: [String]
        do { files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted() } catch {
            throw ScoringError("无法读取扫描结果目录 \(dir.path)：目录不存在或没有读取权限")
        }
        var out: [(String, ScanReport)] = []
        for file in files {
            do { out.append((file, try JSONReport.decodeScan(Data(contentsOf: dir.appendingPathComponent(file))))) } catch {
                throw ScoringError("扫描结果 \(file) 不是 govlens scan 输出的 JSON：\(RulePack.describe(error))")
            }
        }
        return out
    }
}

/// Writes a rendered assessment into a folder. Everything goes to a hidden staging folder first
/// and is moved into place only when all of it was written: a failure leaves no partial output.
public enum AssessmentOutput {
    /// Writes every file of `report` into `dir` atomically (staged, then moved); returns the files.
    @discardableResult
    public static func write(_ report: AssessmentReport, to dir: URL) throws -> [URL] {
        let fm = FileManager.default
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        let staging = dir.appendingPathComponent(".govlens-partial-\(UUID().uuidString)")
        try fm.createDirectory(at: staging.appendingPathComponent(AssessmentReport.problemsFolder), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: staging) }
        let files = try report.files()
        for (path, data) in files { try data.write(to: staging.appendingPathComponent(path)) }

        // All written: move into place, replacing an earlier run's files.
        try? fm.removeItem(at: dir.appendingPathComponent(AssessmentReport.problemsFolder))
        try fm.createDirectory(at: dir.appendingPathComponent(AssessmentReport.problemsFolder), withIntermediateDirectories: true)
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

/// `scores.json` files as `govlens score` writes them.
public enum ScoreFiles {
    /// The scores in `url`, or a Chinese error naming the file.
    public static func read(_ url: URL) throws -> ScoreReport {
        try readJSON(ScoreReport.self, url, writtenBy: "govlens score 写出的 scores.json")
    }
}

/// A JSON file another govlens command wrote, or a Chinese error naming the file and the command.
func readJSON<T: Decodable>(_ type: T.Type, _ url: URL, writtenBy what: String) throws -> T {
    do { return try JSONReport.decode(type, from: Data(contentsOf: url)) } catch {
        throw ScoringError("\(url.path) 不是 \(what)（文件不存在，或内容不是 JSON / 缺少字段）")
    }
}

/// New-media reports as scoring reads them: per 主办单位, beside (or merged into) its site scan.
public enum NewMediaScans {
    /// The report in `url`, or a Chinese error naming the file.
    public static func read(_ url: URL) throws -> NewMediaReport {
        try readJSON(NewMediaReport.self, url, writtenBy: "govlens newmedia check --format json 写出的报告")
    }

    /// `scans` with each unit's account findings added; an owner the units file does not have is
    /// an error naming it (a typo in the register must not silently drop a veto).
    public static func merge(_ report: NewMediaReport, into scans: [String: ScanReport], units: [AssessedUnit]) throws -> [String: ScanReport] {
        let known = Set(units.map(\.name))
        var out = scans
        for (owner, r) in report.unitScans() {
            guard known.contains(owner) else {
                throw ScoringError("新媒体报告中的主办单位“\(owner)”不在单位名单中（请核对账号登记表的主办单位名称）")
            }
            guard var site = out[owner] else { out[owner] = r; continue }
            site.findings += r.findings
            site.complete = site.complete && r.complete
            site.incompleteReasons += r.incompleteReasons
            out[owner] = site
        }
        return out
    }
}
