import Foundation
import GovLensCore
import GovLensDocuments
import GovLensText

/// Reads a report file — PDF (by word positions), DOCX, HTML or plain text — into an `AnnualReport`.
public struct AnnualReportReader: Sendable {
    public var template: AnnualReportTemplate
    public var timeout = 30.0
    public var maxBytes = 50 << 20

    public init(template: AnnualReportTemplate = .standard) { self.template = template }

    /// Parses the bytes of one report; throws `AnnualReportError` when it cannot be read as one.
    public func read(_ data: Data, name: String) async throws(AnnualReportError) -> AnnualReport {
        let kind = DocumentExtractor.kind(of: data, name: name, contentType: nil)
        if kind == .pdf { return try await readPDF(data, name: name) }
        var extractor = DocumentExtractor()
        extractor.maxBytes = maxBytes
        extractor.timeout = timeout
        let text: String
        do { text = try await extractor.extract(data, name: name).text } catch { throw Self.translate(error) }
        return try parseText(text, source: name, readAs: "text")
    }

    static func translate(_ e: DocumentError) -> AnnualReportError {
        switch e {
        case .imageOnly: .imageOnly
        case .encrypted: .encrypted
        case .empty: .notAReport
        default: .notReadable(e.description.replacingOccurrences(of: "未检查：", with: ""))
        }
    }

    func readPDF(_ data: Data, name: String) async throws(AnnualReportError) -> AnnualReport {
        let words: [PDFWord]
        let info: [String: String]
        do {
            words = try await PDFLayout.words(data, timeout: timeout).words
            info = (try? await PDFLayout.info(data, timeout: timeout)) ?? [:]
        } catch { throw Self.translate(error) }
        if words.allSatisfy({ $0.text.allSatisfy(\.isWhitespace) }) { throw .imageOnly }
        let lines = LayoutLines.build(words)
        // One text with each line's start remembered, so headings found in the text map to lines.
        var text = "", starts: [Int] = []
        var count = 0
        for l in lines {
            starts.append(count)
            let t = l.text
            text += t + "\n"
            count += t.count + 1
        }
        let chars = Array(text)
        var report = try skeleton(chars: chars, source: name, readAs: "pdf-layout")
        if let author = info["Author"] { report.setAuthor(author) }
        if let created = info["CreationDate"], report.publishedOn == nil {
            report.notes.append("PDF 创建时间 \(created.prefix(10))（不作为发布日期）")
        }
        let headings = SectionFinder.headings(in: chars, template: template.current.sections)
        func lineRange(_ a: String, _ b: String) -> [LayoutLine] {
            guard let h = headings.first(where: { $0.number == a }) else { return [] }
            let end = headings.first(where: { $0.number == b })?.start ?? chars.count
            return lines.indices.filter { starts[$0] >= h.end && starts[$0] < end && starts[$0] + 1 > h.start }.map { lines[$0] }
        }
        let t2 = lineRange("二", "三"), t3 = lineRange("三", "四"), t4 = lineRange("四", "五")
        let form = Self.detectFormat(Labels.normalize(t2.map(\.text).joined()), template: template)
        report.format = form.id
        report.table2 = Table2Layout.parse(t2, form: form, notes: &report.notes)
        report.table3 = Table3Layout.parse(t3, form: form.table3, notes: &report.notes)
        report.table4 = Table4Layout.parse(t4, form: form.table4, notes: &report.notes)
        try Self.requireReport(report)
        return report
    }

    /// Parses a report from its text (a page, DOCX or plain text).
    public func parseText(_ text: String, source: String, readAs: String = "text") throws(AnnualReportError) -> AnnualReport {
        let tables = TextTables(text)
        let chars = tables.chars
        var report = try skeleton(chars: chars, source: source, readAs: readAs)
        let headings = SectionFinder.headings(in: chars, template: template.current.sections)
        func range(_ a: String, _ b: String) -> (Int, Int)? {
            guard let h = headings.first(where: { $0.number == a }) else { return nil }
            return (h.end, headings.first(where: { $0.number == b })?.start ?? chars.count)
        }
        let t2 = range("二", "三")
        let form = Self.detectFormat(t2.map { Labels.normalize(String(chars[$0.0..<max($0.0, $0.1)])) } ?? "", template: template)
        report.format = form.id
        let hints = Self.hints(report, template: template)
        if let r = t2 { report.table2 = tables.table2(form, from: r.0, to: r.1, hints: hints, notes: &report.notes) }
        if let r = range("三", "四") {
            report.table3 = AnnualReport.Table3(columns: form.table3.columns,
                                                rows: tables.table3(form.table3, from: r.0, to: r.1, notes: &report.notes))
        } else { report.table3 = AnnualReport.Table3(columns: form.table3.columns, rows: []) }
        if let r = range("四", "五") { report.table4 = tables.table4(form.table4, from: r.0, to: r.1, notes: &report.notes) }
        try Self.requireReport(report)
        return report
    }

    /// Title, year, publication date and sections: what every reading shares.
    func skeleton(chars: [Character], source: String, readAs: String) throws(AnnualReportError) -> AnnualReport {
        let text = String(chars)
        var report = AnnualReport(source: source, readAs: readAs, text: text)
        let headings = SectionFinder.headings(in: chars, template: template.current.sections)
        report.sections = SectionFinder.sections(in: chars, headings: headings)
        report.title = Self.title(text)
        if let t = report.title, let m = t.firstMatch(of: /(20\d\d)\s*年/) { report.year = Int(m.1) }
        if let m = text.firstMatch(of: /发布(?:时间|日期)[:：]\s*(20\d\d)-(\d\d)-(\d\d)/) {
            report.publishedOn = SimpleDate(year: Int(m.1)!, month: Int(m.2)!, day: Int(m.3)!)
        }
        return report
    }

    static func title(_ text: String) -> String? {
        if let m = text.firstMatch(of: /标题[:：]\s*([^\n]+)/) { return String(m.1).trimmingCharacters(in: .whitespaces) }
        // The lines before the first sentence, up to the one ending in 报告.
        var out = ""
        for line in text.split(separator: "\n").prefix(4) {
            out += line.filter { !$0.isWhitespace }
            if out.hasSuffix("报告") || out.hasSuffix("年报") { return out }
        }
        return nil
    }

    /// Figures the text states (制发规范性文件 N 件), used to choose between splits of glued digits.
    static func hints(_ report: AnnualReport, template: AnnualReportTemplate) -> [String: Int] {
        var out: [String: Int] = [:]
        for s in template.statements where s.table == 2 {
            for stated in TextTableCheck.statedValues(s, in: report) { out[s.row] = stated.value; break }
        }
        return out
    }

    static func detectFormat(_ table2: String, template: AnnualReportTemplate) -> AnnualReportTemplate.Format {
        let old = template.format("2019")
        if let old, ["本年新制作数量", "本年新公开数量", "对外公开总数量", "政府集中采购"].contains(where: table2.contains) { return old }
        return template.current
    }

    static func requireReport(_ r: AnnualReport) throws(AnnualReportError) {
        if r.sections.count < 3 && r.table3.rows.count < 5 { throw .notAReport }
    }
}
