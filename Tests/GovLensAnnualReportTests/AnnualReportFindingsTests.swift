import Foundation
import GovLensAnnualReport
import GovLensCore
import Testing

/// The true defects of the real reports, and no false alarm on the clean one.
@Suite struct AnnualReportFindingsTests {
    let checker = AnnualReportChecker()

    @Test func hongzeHasExactlyItsTrueDefects() async throws {
        let report = try await Fixtures.hongze.value
        let findings = checker.check(report: report)
        let keys = Set(findings.map { "\($0.check)|\($0.row ?? "")" })
        #expect(keys == [
            "annual-report.text-table|一",       // 正文 17 件, 表三 95
            "annual-report.template|三(三)2",     // 2.其他法律行政止公开
            "annual-report.template|三(六)",      // old-format (六) row
            "annual-report.author-name|",        // PDF author field is a person's name
        ], "\(findings.map(\.message))")
        let text = try #require(findings.first { $0.check == .annualReportTextTable })
        #expect(text.stated == 17 && text.value == 95 && text.table == "表三" && text.column == "总计")
        let label = try #require(findings.first { $0.row == "三(三)2" })
        #expect(label.message.contains("缺少“法规禁”"))
        let author = try #require(findings.first { $0.check == .annualReportAuthor })
        #expect(author.severity == .info && !author.message.contains("守强"))
        #expect(report.authorField == "王**")
    }

    @Test func huaianCityRaisesNothingButTheAuthorField() async throws {
        let report = try await Fixtures.huaian.value
        let findings = checker.check(report: report)
        // 1、2、3、 numbering in (六) is not a template deviation.
        #expect(findings.map(\.check) == [.annualReportAuthor], "\(findings.map(\.message))")
    }

    @Test func arithmeticFindingsCarryTableRowColumnStatedAndComputed() throws {
        var s = SampleReport()
        s.table3["三(一)"] = [6, 1, 0, 0, 0, 0, 8]   // row total wrong: 6 + 1 = 7
        s.table4 = [1, 0, 0, 0, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]  // 复议 total 2, parts 1
        let report = try AnnualReportReader().parseText(s.text(), source: "sample")
        let found = checker.check(report: report).filter { $0.check == .annualReportArithmetic }
        let row = try #require(found.first { $0.row == "三(一)" && $0.column == "总计" })
        #expect(row.table == "表三" && row.stated == 8 && row.computed == 7)
        // The same wrong cell breaks (七)总计 = Σ and the balance in the 总计 column.
        #expect(found.contains { $0.row == "三(七)" && $0.column == "总计" && $0.stated == 11 && $0.computed == 12 })
        let review = try #require(found.first { $0.table == "表四" })
        #expect(review.row == "行政复议" && review.stated == 2 && review.computed == 1)
        #expect(found.count == 3, "\(found.map(\.message))")
    }

    @Test func pingtanAgainstLastYearIsConsistentAndShowsHowMuchOfFiveWasReused() throws {
        let reader = AnnualReportReader()
        let now = try reader.parseText(try Fixtures.text("pingtan-2024-annual-report.page.txt"), source: "pingtan-2024")
        let before = try reader.parseText(try Fixtures.text("pingtan-2023-annual-report.page.txt"), source: "pingtan-2023")
        let findings = checker.check(report: now, previous: before)
        // 二 (0) equals last year's 四 (0); published 2025-03-10, before 31 March; arithmetic holds.
        #expect(!findings.contains { [.annualReportCrossYear, .annualReportDeadline, .annualReportArithmetic].contains($0.check) },
                "\(findings.map(\.message))")
        let share = CopyShare.of(now, before)
        #expect(share < 0.5)
        // The same report as its own previous year is copied through and through.
        let copied = checker.check(report: now, previous: now).filter { $0.check == .annualReportCopied }
        #expect(copied.contains { $0.row == "五" && $0.share == 1 && !($0.passages ?? []).isEmpty })
    }

    @Test func lateReportIsFoundWhenTheDateIsKnown() throws {
        let report = try AnnualReportReader().parseText(SampleReport().text(), source: "sample")
        let late = checker.check(report: report, publishedOn: SimpleDate(year: 2024, month: 4, day: 2))
        #expect(late.contains { $0.check == .annualReportDeadline && $0.message.contains("2024-03-31") })
        let dept = checker.check(report: report, publishedOn: SimpleDate(year: 2024, month: 2, day: 2), unitType: .department)
        #expect(dept.contains { $0.check == .annualReportDeadline && $0.message.contains("2024-01-31") })
        #expect(checker.check(report: report).allSatisfy { $0.check != .annualReportDeadline })
    }
}

/// The share of section 五 copied, as the check computes it, for the figure in docs/QUALITY.md.
enum CopyShare {
    static func of(_ a: AnnualReport, _ b: AnnualReport) -> Double {
        let f = AnnualReportChecker(template: {
            var t = AnnualReportTemplate.standard
            t.thresholds.copyShare = 0
            return t
        }()).check(report: a, previous: b)
        return f.first { $0.check == .annualReportCopied && $0.row == "五" }?.share ?? 0
    }
}
