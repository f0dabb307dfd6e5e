import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensReports
import GovLensScan
import Testing

/// Policy documents and their 解读 on the demo site, against the planted truth.
@Suite struct DocumentScanTests {
    @Test func documentFindingsMatchThePlantedTruth() async throws {
        let (report, server) = try await DemoScan.result.value
        let eval = DemoEvaluation(findings: report.findings, truth: server.truth)
        let s = eval.documents
        print("document.* interpretation.* on the demo site: precision \(s.precision), recall \(s.recall), "
              + "TP \(s.truePositives.count), FP \(s.falsePositives), FN \(s.falseNegatives)")
        #expect(s.falsePositives.isEmpty && s.falseNegatives.isEmpty)
        // Every document and interpretation check is planted at least once (library-missing has its examples).
        let planted = Set(server.truth.documentDefects.map(\.check))
        #expect(planted.count == 7)
        let found = report.findings.filter { $0.check.rawValue.hasPrefix("document.") || $0.check.rawValue.hasPrefix("interpretation.") }
        #expect(found.count == server.truth.documentDefects.count, "one finding per planted defect")
        for f in found { print("  \(f.check) \(f.evidence)") }
    }

    @Test func documentsCarryTheirPrintedFacts() async throws {
        let (report, server) = try await DemoScan.result.value
        let records = Dictionary((report.documents ?? []).map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
        var right = 0, total = 0
        var wrong: [String] = []
        for t in server.truth.documents {
            let r = try #require(records[t.url], "document not found: \(t.url)")
            let pairs: [(String, String?, String)] = [
                ("title", r.title, t.title), ("issuer", r.issuer, t.issuer), ("docNumber", r.docNumber, t.docNumber),
                ("writtenDate", r.writtenDate, t.writtenDate), ("publishedDate", r.publishedDate, t.publishedDate),
                ("validity", r.validity, t.validity), ("normative", String(r.normative), String(t.normative)),
                ("interpretations", r.interpretations.sorted().joined(separator: " "), t.interpretations.sorted().joined(separator: " ")),
            ]
            for (field, got, expected) in pairs {
                total += 1
                if got == expected { right += 1 } else { wrong.append("\(t.url) \(field): \(got ?? "nil") ≠ \(expected)") }
            }
        }
        print("documents[] on the demo site: \(right)/\(total) fields right")
        #expect(wrong.isEmpty, "\(wrong)")
        // Only pages with document metadata become documents (the 解读 and ordinary articles do not).
        #expect(report.documents?.count == server.truth.documents.count)
        // The attachment of the first document is listed and its text checked.
        let first = try #require(records[server.truth.documents[0].url])
        #expect(first.attachments.count == 1 && report.attachments.contains { $0.url == first.attachments[0] && $0.checked })
        // The JSON carries the documents and comes back the same.
        let back = try JSONReport.decodeScan(JSONReport.encode(report))
        #expect(back.documents == report.documents && back.documentCounts == report.documentCounts)
    }

    @Test func countsPerPeriodAndForm() async throws {
        let (report, server) = try await DemoScan.result.value
        let counts = try #require(report.documentCounts)
        #expect(counts.map(\.period) == ["2023", "2023Q2"])
        for c in counts {
            let start = try #require(SimpleDate(iso: c.start)), end = try #require(SimpleDate(iso: c.end))
            let expected = server.truth.documents.filter { d in SimpleDate(iso: d.publishedDate).map { start <= $0 && $0 <= end } ?? false }
            #expect(c.documents == expected.count && c.normative == expected.count, "\(c.period)")
            #expect(c.interpretationForms.values.reduce(0, +) == c.interpretations)
        }
        let year = counts[0]
        #expect(year.interpretations == 7)
        for form in ["文字", "图解", "视频", "H5", "新闻发布会"] { #expect(year.interpretationForms[form, default: 0] >= 1, "\(form)") }
        #expect(year.interpretationForms["在线访谈"] == 0)
    }

    /// A document written in 2017 and put up in 2019 names the 2017 institutions: no outdated-name
    /// finding, though the same text dated by its 发布日期 has one.
    @Test func documentTextIsDatedByItsWrittenDate() async throws {
        let (report, server) = try await DemoScan.result.value
        let old = try #require(server.truth.documents.first { $0.writtenDate.hasPrefix("2017") })
        #expect(report.pages.first { $0.url == old.url }?.date == old.publishedDate)
        #expect(!report.findings.contains { $0.page == old.url && $0.check == "text.outdated-name" })
        let inspector = try TextInspector.standard()
        let text = "建设项目的环境影响评价文件由县环境保护局审批。"
        #expect(inspector.inspect(text, page: old.url, date: SimpleDate(iso: old.publishedDate)).contains { $0.check == "text.outdated-name" })
        #expect(inspector.inspect(text, page: old.url, date: SimpleDate(iso: old.writtenDate)).isEmpty)
    }
}
