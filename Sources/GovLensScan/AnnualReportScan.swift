import Foundation
import GovLensAnnualReport
import GovLensChecks
import GovLensCore
import GovLensDocuments
import GovLensText

/// One file of `govlens annual-report`: the parsed report, its findings, or why it could not be
/// checked (`checked: false`, never clean).
public struct AnnualReportResult: Codable, Sendable {
    public var file: String
    public var checked: Bool
    /// Why not checked, in Chinese, and its class (image-only, encrypted, not-a-report …).
    public var error: String?
    public var errorCode: String?
    public var report: AnnualReport?
    public var findings: [AnnualReportFinding]
    /// Typos, serious wording and personal information found by the text pipeline.
    public var textFindings: [Finding]

    /// Findings that must be fixed (not information only).
    public var mustFix: Int {
        findings.filter { $0.severity != .info }.count + textFindings.filter { $0.severity != .info }.count
    }
}

/// The annual-report pipeline: read, parse, check against the form and last year's report, and run
/// the report's text through the text checks. The CLI and (later) the site scan call it.
public enum AnnualReportScan {
    /// The report files a path names: the file itself, or every PDF/DOCX/HTML/text file in a folder.
    public static func expand(_ path: String) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return [path] }
        let ext: Set<String> = ["pdf", "docx", "doc", "html", "htm", "shtml", "txt"]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { ext.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }.sorted()
            .map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
    }

    /// Reads and checks one file; a file that cannot be read gives a result with `checked: false`.
    public static func check(file: String, previous: AnnualReport? = nil, publishedOn: SimpleDate? = nil,
                             unitType: AnnualReportUnitType? = nil, inspector: TextInspector? = nil,
                             reader: AnnualReportReader = AnnualReportReader()) async -> AnnualReportResult {
        let report: AnnualReport
        do { report = try await read(file, reader: reader) } catch {
            return AnnualReportResult(file: file, checked: false, error: error.description, errorCode: error.code,
                                      report: nil, findings: [], textFindings: [])
        }
        return check(report: report, previous: previous, publishedOn: publishedOn, unitType: unitType, inspector: inspector)
    }

    /// Checks many files, `width` at a time (pdftotext runs as its own process, so two files keep
    /// both cores busy); results in the order of `files`.
    public static func check(files: [String], previous: AnnualReport? = nil, publishedOn: SimpleDate? = nil,
                             unitType: AnnualReportUnitType? = nil, inspector: TextInspector? = nil,
                             width: Int = 2) async -> [AnnualReportResult] {
        await withTaskGroup(of: (Int, AnnualReportResult).self) { group in
            var results = [AnnualReportResult?](repeating: nil, count: files.count)
            var next = 0
            func start() {
                guard next < files.count else { return }
                let i = next, file = files[i]
                next += 1
                group.addTask { (i, await check(file: file, previous: previous, publishedOn: publishedOn, unitType: unitType, inspector: inspector)) }
            }
            for _ in 0..<max(1, width) { start() }
            while let (i, r) = await group.next() {
                results[i] = r
                start()
            }
            return results.compactMap { $0 }
        }
    }

    /// Reads a report file.
    public static func read(_ file: String, reader: AnnualReportReader = AnnualReportReader()) async throws(AnnualReportError) -> AnnualReport {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw .notReadable("文件不存在或没有读取权限")
        }
        return try await reader.read(data, name: file)
    }

    /// Checks a parsed report (what a site scan calls with the report it found).
    public static func check(report: AnnualReport, previous: AnnualReport? = nil, publishedOn: SimpleDate? = nil,
                             unitType: AnnualReportUnitType? = nil, inspector: TextInspector? = nil,
                             checker: AnnualReportChecker = AnnualReportChecker()) -> AnnualReportResult {
        let findings = checker.check(report: report, previous: previous, publishedOn: publishedOn, unitType: unitType)
        let text = inspector?.inspect(joinedLines(report.text), page: report.source, date: publishedOn ?? report.publishedOn) ?? []
        return AnnualReportResult(file: report.source, checked: true, error: nil, errorCode: nil,
                                  report: masked(report), findings: findings, textFindings: text)
    }

    /// The text with PDF line breaks inside a sentence removed: 及时转\n载 is one word (转载), and
    /// the typo model must not read it as two.
    static func joinedLines(_ text: String) -> String {
        var out = "", chars = Array(text)
        func wide(_ c: Character) -> Bool { c.unicodeScalars.first.map { $0.value >= 0x2E80 } ?? false }
        for (i, c) in chars.enumerated() {
            if c == "\n", i > 0, i + 1 < chars.count, wide(chars[i - 1]), wide(chars[i + 1]), chars[i - 1] != "。" { continue }
            out.append(c)
        }
        chars = []
        return out
    }

    /// The report with personal numbers in its sections masked, for output.
    public static func masked(_ report: AnnualReport) -> AnnualReport {
        var r = report
        let detector = PersonalNumberDetector()
        for i in r.sections.indices { r.sections[i].text = mask(r.sections[i].text, detector) }
        r.text = mask(r.text, detector)
        return r
    }

    static func mask(_ text: String, _ detector: PersonalNumberDetector) -> String {
        let matches = detector.scan(text)
        guard !matches.isEmpty else { return text }
        var scalars = Array(text.unicodeScalars)
        for m in matches.sorted(by: { $0.offset > $1.offset }) where m.offset + m.length <= scalars.count {
            scalars.replaceSubrange(m.offset..<(m.offset + m.length), with: Array(m.masked.unicodeScalars))
        }
        var s = String.UnicodeScalarView(); s.append(contentsOf: scalars)
        return String(s)
    }

    /// The findings of a check example (`CheckExample.Input.annualReport`), as general findings.
    public static func findings(_ example: AnnualReportExample) throws -> [Finding] {
        let reader = AnnualReportReader()
        var report = try reader.parseText(example.report, source: "example.html")
        if let a = example.author { report.setAuthor(a) }
        let previous = try example.previous.map { try reader.parseText($0, source: "previous.html") }
        return AnnualReportChecker().check(report: report, previous: previous, publishedOn: example.publishedOn,
                                           siteNormative: example.siteNormative)
            .map { $0.finding(page: "http://www.example.gov.cn/nianbao.html") }
    }
}
