import GovLensDocuments
import Testing

@testable import GovLensAnnualReport

/// Table 2 from word boxes: numbers under the nearest heading (centred or left-aligned), and a
/// heading that differs from the form is a template finding.
@Suite struct Table2LayoutTests {
    static func word(_ text: String, x: Double, y: Double, width: Double) -> PDFWord {
        PDFWord(page: 1, xMin: x, yMin: y, xMax: x + width, yMax: y + 10, text: text)
    }

    @Test func aMisprintedColumnHeadingIsFoundAndTheNumbersStillLandInTheirColumns() {
        let words = [
            Self.word("第二十条第（一）项", x: 200, y: 100, width: 100),
            Self.word("信息内容", x: 80, y: 130, width: 40),
            Self.word("本年制发数", x: 250, y: 130, width: 60),   // 件 missing
            Self.word("本年废止件数", x: 340, y: 130, width: 60),
            Self.word("现行有效件数", x: 420, y: 130, width: 60),
            Self.word("规章", x: 80, y: 160, width: 20),
            Self.word("0", x: 250, y: 160, width: 6), Self.word("0", x: 340, y: 160, width: 6), Self.word("0", x: 420, y: 160, width: 6),
            Self.word("行政规范性文件", x: 80, y: 190, width: 70),
            // Left-aligned under their headings, as in the Huai'an report.
            Self.word("8", x: 250, y: 190, width: 6), Self.word("26", x: 340, y: 190, width: 12), Self.word("66", x: 420, y: 190, width: 12),
        ]
        var notes: [String] = []
        let cells = Table2Layout.parse(LayoutLines.build(words), form: AnnualReportTemplate.standard.current, notes: &notes)
        var report = AnnualReport(source: "t", readAs: "pdf-layout", text: "")
        report.table2 = cells
        #expect(report.table2Value(row: "行政规范性文件", column: "本年制发件数") == 8)
        #expect(report.table2Value(row: "行政规范性文件", column: "本年废止件数") == 26)
        #expect(report.table2Value(row: "行政规范性文件", column: "现行有效件数") == 66)
        let findings = TemplateCheck.findings(report, form: AnnualReportTemplate.standard.current, template: .standard)
        #expect(findings.count == 1)
        #expect(findings.first?.column == "本年制发件数" && findings.first?.message.contains("本年制发数") == true)
    }
}
