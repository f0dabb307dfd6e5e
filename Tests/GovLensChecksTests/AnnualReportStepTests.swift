import Foundation
import GovLensAnnualReport
@testable import GovLensChecks
@testable import GovLensCrawl
import GovLensCore
import GovLensDocuments
import GovLensScan
import Testing

/// The 年报 step with a DOCX report attached to the column's list page (the demo site covers HTML
/// report pages): the list's date is the publication date, the finding names the file and its page.
@Suite struct AnnualReportStepTests {
    static let list = "http://www.example.gov.cn/zwgk/nb/"
    static let file = "http://www.example.gov.cn/zwgk/nb/P020240415.docx"

    static func column(_ name: String, _ url: String, items: Int) -> SiteModel.Column {
        SiteModel.Column(name: name, url: url, parent: nil, firstLevel: false, category: "其他", status: .ok,
                         newest: nil, items: items)
    }

    static func step(withReport text: String) async throws -> AnnualReportStep {
        let body = try OOXMLWriter.docx(paragraphs: text.components(separatedBy: "\n"))
        let url = try WebURL(parsing: file)
        let fetch = FetchResult(url: url, finalURL: url, status: 200, contentType: nil, contentLength: body.count,
                                retryAfter: nil, body: body, failure: nil, failureMessage: nil, redirects: [], latency: 0)
        let step = AnnualReportStep()
        await step.add(attachment: FetchedAttachment(url: file, linkedFrom: list, linkedFromDate: nil, fetch: fetch, limit: 1 << 20),
                       text: text)
        return step
    }

    @Test func attachedReportIsCheckedWithTheListDate() async throws {
        let step = try await Self.step(withReport: SampleReport().text())
        let late = SimpleDate(year: 2024, month: 4, day: 15)
        let outcome = step.finish(columns: [Self.column("政府信息公开年报", Self.list, items: 1)]) { _ in
            [SiteInspector.ListedItem(url: Self.file, title: "2023年政府信息公开工作年度报告", date: late)]
        }
        #expect(outcome.checked == [Self.file: 2023])
        #expect(outcome.findings.map(\.check) == [.annualReportDeadline])
        #expect(outcome.findings.first?.page == Self.file && outcome.findings.first?.linkedFrom == Self.list)
        // One year only: nothing to compare with; no 规范性文件 column: no count.
        #expect(Set(outcome.notChecked.keys) == ["annual-report.copied", "annual-report.cross-year", "annual-report.site-count"])
    }

    @Test func siteCountComparesTheNormativeColumn() async throws {
        let step = try await Self.step(withReport: SampleReport().text())
        let columns = [Self.column("政府信息公开年报", Self.list, items: 1),
                       Self.column("行政规范性文件", "http://www.example.gov.cn/zwgk/gfxwj/", items: 12)]
        let outcome = step.finish(columns: columns) { url in
            url == Self.list ? [SiteInspector.ListedItem(url: Self.file, title: "年报", date: SimpleDate(year: 2024, month: 3, day: 8))] : []
        }
        let f = try #require(outcome.findings.first { $0.check == .annualReportSiteCount })
        #expect(f.needsReview && f.evidence.contains("20") && f.evidence.contains("12") && f.evidence.contains("近似"))
        #expect(outcome.findings.count == 1)
    }

    @Test func aReportNotInTheColumnIsNotChecked() async throws {
        let step = try await Self.step(withReport: SampleReport().text())
        let outcome = step.finish(columns: [Self.column("政府信息公开年报", "http://www.example.gov.cn/other/", items: 0)]) { _ in [] }
        #expect(outcome.findings.isEmpty && outcome.checked.isEmpty)
        #expect(outcome.notChecked["annual-report.arithmetic"]?.contains("未找到") == true)
    }
}
