import Foundation
import GovLensAnnualReport
import GovLensCore
import GovLensDocuments
import GovLensScan
import Testing

/// Files that are not readable reports: each gets a Chinese message and `checked: false`, and the
/// rest of the batch goes on.
@Suite struct AnnualReportBadInputTests {
    @Test func aBatchOfBadFilesReportsEachAndKeepsGoing() async throws {
        let names = ["scanned.pdf", "encrypted.pdf", "corrupt.pdf", "not-a-report.txt", "huaian-city-2024.pdf", "missing.pdf"]
        let paths = names.map { $0 == "missing.pdf" ? "/nonexistent/missing.pdf" : Fixtures.url($0).path }
        let results = await AnnualReportScan.check(files: paths)
        #expect(results.map(\.file) == paths)
        #expect(results.map(\.checked) == [false, false, false, false, true, false])
        #expect(results.map(\.errorCode) == ["image-only", "encrypted", "unreadable", "not-a-report", nil, "unreadable"])
        #expect(results[0].error == "无法读取：仅含图片（扫描件），没有文字层，需人工核对")
        #expect(results[0].findings.isEmpty && results[0].report == nil)
        #expect(results[1].error?.contains("加密") == true)
        #expect(results[5].error?.contains("文件不存在") == true)
    }

    @Test func a2019FormatReportIsCheckedWithItsOwnRowsAndSaidToBeOld() throws {
        var s = SampleReport()
        s.labels["三(六)1"] = "（六）其他处理"
        s.omitted = ["三(六)2", "三(六)3"]
        let text = s.text().replacingOccurrences(of: "信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n行政规范性文件 3 1 20",
                                                 with: "信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章 0 0 0\n规范性文件 3 3 20")
        let report = try AnnualReportReader().parseText(text, source: "old")
        #expect(report.format == "2019")
        #expect(report.table3.row("三(六)") != nil && report.table3.rows.count == 23)
        #expect(report.table2Value(row: "规范性文件", column: "对外公开总数量") == 20)
        let findings = AnnualReportChecker().check(report: report).filter { $0.check == .annualReportTemplate }
        #expect(findings.count == 1 && findings[0].message.contains("已废止的2019年格式"), "\(findings.map(\.message))")
    }

    @Test func aTableCutOffAtThePageEndSaysWhichRowsAreMissing() throws {
        var s = SampleReport()
        s.omitted = ["三(六)3", "三(七)", "四"]
        let report = try AnnualReportReader().parseText(s.text(), source: "cut")
        let findings = AnnualReportChecker().check(report: report)
        let missing = try #require(findings.first { $0.check == .annualReportTemplate && $0.message.contains("缺少") })
        #expect(missing.message.contains("（七）总计") && missing.message.contains("页末被截断"))
        // Identities that need a missing row are not computed from a partial table.
        #expect(!findings.contains { $0.check == .annualReportArithmetic })
    }

    @Test func theSummaryWorkbookHasARowPerFileWithItsReason() async throws {
        let results = [await AnnualReportScan.check(file: Fixtures.url("scanned.pdf").path),
                       AnnualReportScan.check(report: try await Fixtures.hongze.value)]
        let ids: [CheckID] = [.annualReportArithmetic, .annualReportTemplate, .annualReportTextTable]
        let book = try AnnualReportScan.summaryXLSX(results, checks: ids)
        let text = try await DocumentExtractor().extract(book, name: "summary.xlsx").text
        #expect(text.contains("scanned.pdf") && text.contains("仅含图片"))
        #expect(text.contains("淮安市洪泽区人民政府2024年政府信息公开工作年度报告"))
        // The finding sheet carries the cell: 表三, row 一, stated 17, table 95.
        #expect(text.contains("annual-report.text-table") && text.contains("17") && text.contains("95"))
    }
}
