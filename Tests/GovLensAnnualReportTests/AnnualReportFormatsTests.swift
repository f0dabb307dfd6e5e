import Foundation
import GovLensAnnualReport
import GovLensCore
import GovLensDocuments
import GovLensScan
import Testing

/// The same report as a web page with real tables and as DOCX reads the same as its text, and
/// personal numbers in it are masked in the output.
@Suite struct AnnualReportFormatsTests {
    static let sample = SampleReport()
    static var lines: [String] { sample.text().split(separator: "\n").map(String.init) }
    /// A line of numbers after a name: a table row in the page and in the DOCX.
    static func cells(_ line: String) -> [String]? {
        let parts = line.split(separator: " ").map(String.init)
        guard parts.count >= 2, parts.dropFirst().allSatisfy({ Double($0) != nil }) else { return nil }
        return parts
    }

    static func expectSameAsText(_ report: AnnualReport) throws {
        let text = try AnnualReportReader().parseText(sample.text(), source: "sample")
        #expect(report.table3.rows.count == 25)
        #expect(report.table3.rows.map(\.values) == text.table3.rows.map(\.values))
        #expect(report.table4.map(\.value) == text.table4.map(\.value))
        #expect(report.table2Value(row: "行政规范性文件", column: "现行有效件数") == 20)
        #expect(AnnualReportChecker().check(report: report).isEmpty)
    }

    @Test func aSavedPageWithTablesReadsLikeTheText() async throws {
        var html = "<html><head><meta charset=\"utf-8\"><title>年报</title></head><body>"
        var inTable = false
        for line in Self.lines {
            if let c = Self.cells(line) {
                if !inTable { html += "<table>"; inTable = true }
                html += "<tr>" + c.map { "<td>\($0)</td>" }.joined() + "</tr>"
            } else {
                if inTable { html += "</table>"; inTable = false }
                html += "<p>\(line)</p>"
            }
        }
        html += "</body></html>"
        let report = try await AnnualReportReader().read(Data(html.utf8), name: "nianbao.html")
        try Self.expectSameAsText(report)
    }

    @Test func aDOCXReportReadsLikeTheText() async throws {
        var doc = DOCXDocument(title: "年报")
        var rows: [[String]] = []
        for line in Self.lines {
            if let c = Self.cells(line) { rows.append(c); continue }
            if !rows.isEmpty { doc.add(.table(header: Array(repeating: "", count: rows[0].count), rows: rows)); rows = [] }
            doc.add(.paragraph(line))
        }
        if !rows.isEmpty { doc.add(.table(header: Array(repeating: "", count: rows[0].count), rows: rows)) }
        let report = try await AnnualReportReader().read(try doc.data(), name: "nianbao.docx")
        try Self.expectSameAsText(report)
    }

    @Test func personalNumbersInTheReportAreMaskedInTheOutput() throws {
        var s = SampleReport()
        s.other = "本年度未收取信息处理费。联系人手机 13912345678。"
        let report = try AnnualReportReader().parseText(s.text(), source: "sample")
        let result = AnnualReportScan.check(report: report)
        let json = String(decoding: try AnnualReportScan.json([result]), as: UTF8.self)
        #expect(!json.contains("13912345678"))
        #expect(result.report?.section("六")?.text.contains("139****5678") == true)
    }
}
