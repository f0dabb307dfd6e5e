import Foundation
import GovLensCore
import GovLensReports
import Testing

/// The loop's paperwork opens in LibreOffice and says what the tickets say: 整改率 per unit,
/// overdue and repeat offenders named, open items listed in the 督办通知单, numbers masked.
@Suite(.serialized) struct RectificationFilesTests {
    static func item(_ id: Int64, _ state: TicketItem.State, page: String, evidence: String, note: String? = nil) -> TicketItem {
        TicketItem(id: id, siteID: 1, trackedID: id, key: "k\(id)",
                   finding: Finding(check: "link.broken", severity: .deduct, page: page, evidence: evidence, suggestion: "请修复。"),
                   state: state, note: note, checkedAt: "2026-12-10T02:00:00Z", needsInspector: false)
    }

    static let tickets = [
        Ticket(id: 1, unitID: 1, unit: "甲县", state: .closed, deadline: "2026-12-10", title: "甲县整改任务", createdAt: "2026-12-01T01:00:00Z",
               createdBy: "admin", feedback: "已整改", items: [item(1, .fixed, page: "http://www.jia.gov.cn/", evidence: "链接失效",
                                                                note: "重新读取 http://www.jia.gov.cn/：问题已不存在")], history: []),
        Ticket(id: 2, unitID: 2, unit: "乙县", state: .overdue, deadline: "2026-12-10", title: "乙县整改任务", createdAt: "2026-12-01T01:00:00Z",
               createdBy: "admin", feedback: nil, items: [
                   item(2, .reopened, page: "http://www.yi.gov.cn/a.html", evidence: "公开了手机号码 13912345678", note: "问题仍存在"),
                   item(3, .dismissed, page: "http://www.yi.gov.cn/b.html", evidence: "链接失效", note: "情况属实"),
               ], history: []),
    ]

    @Test func ledgerNoticeAndSupervisionOpenAndSayWhatTheTicketsSay() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-loopfiles-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = RectificationReport(tickets: Self.tickets, office: "青山县人民政府办公室", date: SimpleDate(iso: "2026-12-12")!,
                                         repeatOffences: ["乙县": 2])
        #expect(report.rates().map(\.unit) == ["甲县", "乙县"])
        #expect(report.rates().map(\.rate) == [1, 0.5])
        let files = [("整改台账.xlsx", try report.ledger().data()), ("整改情况通报.docx", try report.notice().data()),
                     ("督办通知单.docx", try report.supervisionNotice(Self.tickets[1], newDeadline: SimpleDate(iso: "2026-12-19")!).data())]
        for (name, data) in files { try data.write(to: dir.appendingPathComponent(name)) }
        let pdfs = try OfficeFilesTests.toPDF(files.map { dir.appendingPathComponent($0.0) }, in: dir)
        func text(_ i: Int) throws -> String { try OfficeFilesTests.pdfText(pdfs[i]).filter { !$0.isWhitespace } }
        let ledger = try text(0), notice = try text(1), supervision = try text(2)
        for needle in ["整改台账", "甲县", "乙县", "已销号", "逾期", "复核未通过", "申诉成立", "139****5678"] {
            #expect(ledger.contains(needle), "台账 lacks \(needle)")
        }
        for needle in ["关于政府网站问题整改情况的通报", "整改率66.7%", "甲县", "乙县单位未在规定期限内完成整改", "屡查屡犯：乙县（2个问题整改后再次出现）",
                       "1个问题确已整改", "1个问题复核未通过", "1个问题经核实申诉成立", "青山县人民政府办公室", "2026年12月12日"] {
            #expect(notice.contains(needle), "通报 lacks \(needle)")
        }
        for needle in ["督办通知单", "乙县：", "2026年12月10日前完成整改", "仍有1个问题", "2026年12月19日前", "问题仍存在", "139****5678"] {
            #expect(supervision.contains(needle), "督办通知单 lacks \(needle)")
        }
        for t in [ledger, notice, supervision] { #expect(!t.contains("13912345678")) }
    }
}
