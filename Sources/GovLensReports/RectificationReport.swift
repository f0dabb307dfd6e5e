import Foundation
import GovLensChecks
import GovLensCore
import GovLensDocuments

/// The loop's paperwork: the 整改台账 (XLSX, a row per item), the 整改情况通报 (DOCX, 整改率 per
/// unit, overdue units and repeat offenders named) and the 督办通知单 for an overdue unit (DOCX).
/// Renderers only: tickets in, files out; evidence is masked like every other output.
public struct RectificationReport {
    public let tickets: [Ticket]
    /// The issuing office (政务公开办) as it signs.
    public let office: String
    /// The day the paper is issued.
    public let date: SimpleDate
    /// Unit → findings that came back after being fixed (屡查屡犯).
    public let repeatOffences: [String: Int]
    let catalog: CheckCatalog

    public init(tickets: [Ticket], office: String, date: SimpleDate, repeatOffences: [String: Int] = [:],
                catalog: CheckCatalog = CheckRegistry.catalog)
    {
        self.tickets = tickets; self.office = office; self.date = date; self.repeatOffences = repeatOffences; self.catalog = catalog
    }

    public static let ledgerHeader = ["序号", "责任单位", "任务编号", "问题类型", "页面", "问题描述", "整改期限", "任务状态", "问题状态",
                                      "单位反馈", "复核结果", "复核时间"]

    /// 整改台账: one row per item of every ticket, by unit.
    public func ledger() -> XLSXWorkbook {
        var rows: [[XLSXWorkbook.Cell]] = []
        for t in tickets.sorted(by: { ($0.unit, $0.id) < ($1.unit, $1.id) }) {
            for i in t.items {
                rows.append([.number(Decimal(rows.count + 1)), .text(t.unit), .number(Decimal(t.id)), .text(catalog.title(i.finding.check)),
                             .text(i.finding.page), .text(Masking.longDigitRuns(i.finding.evidence)), .text(t.deadline),
                             .text(t.state.chinese), .text(i.state.chinese), .text(Self.feedback(t)),
                             .text(i.note.map(Masking.longDigitRuns) ?? ""), .text(i.checkedAt ?? "")])
            }
        }
        let summary = rates().map { r -> [XLSXWorkbook.Cell] in
            [.text(r.unit), .number(Decimal(r.items)), .number(Decimal(r.settled)), .text(Self.percent(r.rate)), .text(r.overdue ? "是" : "否")]
        }
        return XLSXWorkbook(sheets: [
            XLSXWorkbook.Sheet(name: "整改台账", title: "整改台账（\(Self.chinese(date))）", header: Self.ledgerHeader, rows: rows),
            XLSXWorkbook.Sheet(name: "整改率", header: ["责任单位", "问题数", "已整改（含申诉成立）", "整改率", "逾期"], rows: summary),
        ])
    }

    /// Per unit: items, settled items, 整改率, whether a ticket is overdue or escalated.
    public func rates() -> [(unit: String, items: Int, settled: Int, rate: Double, overdue: Bool)] {
        Dictionary(grouping: tickets, by: \.unit).map { unit, ts in
            let items = ts.flatMap(\.items)
            let settled = items.filter(\.state.isSettled).count
            return (unit, items.count, settled, items.isEmpty ? 1 : Double(settled) / Double(items.count),
                    ts.contains { $0.state == .overdue || $0.state == .escalated })
        }.sorted { ($1.rate, $0.unit) < ($0.rate, $1.unit) }
    }

    /// 整改情况通报: how the units did, who is late, who repeats, and what the re-checks found.
    public func notice() -> DOCXDocument {
        let title = "关于政府网站问题整改情况的通报"
        var doc = DOCXDocument(title: title)
        let rates = rates()
        let items = tickets.flatMap(\.items)
        let settled = items.filter(\.state.isSettled).count
        doc.add(.title(title))
        doc.add(.plain("各有关单位："))
        doc.add(.paragraph("对前期检查发现的问题，\(office)向\(rates.count)个单位下发了整改任务，共\(items.count)个问题。截至\(Self.chinese(date))，已整改（含申诉成立）\(settled)个，整改率\(Self.percent(items.isEmpty ? 1 : Double(settled) / Double(items.count)))。现将有关情况通报如下。"))
        doc.add(.heading1("一、整改总体情况"))
        let done = rates.filter { $0.rate >= 1 }.map(\.unit)
        doc.add(.paragraph(done.isEmpty ? "尚无单位完成全部问题整改。" : done.joined(separator: "、") + "等\(done.count)个单位已完成全部问题整改，经复核销号。"))
        doc.add(.table(header: ["责任单位", "问题数", "已整改", "整改率"],
                       rows: rates.map { [$0.unit, String($0.items), String($0.settled), Self.percent($0.rate)] }))
        doc.add(.heading1("二、复核情况"))
        let fixedByCheck = items.filter { $0.state == .fixed }.count, reopened = items.filter { $0.state == .reopened || $0.state == .rejected }.count
        let dismissed = items.filter { $0.state == .dismissed }.count
        let unverifiable = items.filter { !$0.state.isSettled && ($0.note?.hasPrefix("无法复核") ?? false) }.count
        var review = "经重新抓取页面复核，\(fixedByCheck)个问题确已整改；\(reopened)个问题复核未通过，仍然存在；\(dismissed)个问题经核实申诉成立，不再计入考核"
        review += unverifiable > 0 ? "；\(unverifiable)个问题因网站无法访问未能复核，按未整改处理。" : "。"
        doc.add(.paragraph(review))
        doc.add(.heading1("三、存在的问题"))
        let late = rates.filter(\.overdue).map(\.unit)
        doc.add(.paragraph(late.isEmpty ? "各单位均在期限内反馈整改情况。"
                           : late.joined(separator: "、") + "\(late.count > 1 ? "等\(late.count)个" : "")单位未在规定期限内完成整改。"))
        let repeaters = repeatOffences.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        if !repeaters.isEmpty {
            doc.add(.paragraph("屡查屡犯：" + repeaters.map { "\($0.key)（\($0.value)个问题整改后再次出现）" }.joined(separator: "、") + "。"))
        }
        doc.add(.heading1("四、工作要求"))
        doc.add(.paragraph("请未完成整改的单位对照问题清单逐项整改，整改完成后在巡检平台反馈整改说明，由平台重新检查确认。对逾期未整改、屡查屡犯的单位，将在下一次考核中予以扣分。"))
        doc.add(.right(office))
        doc.add(.right(Self.chinese(date)))
        return doc
    }

    /// 督办通知单 for one overdue ticket: what is still open, by when it must be done.
    public func supervisionNotice(_ t: Ticket, newDeadline: SimpleDate) -> DOCXDocument {
        let title = "政府网站问题整改督办通知单"
        var doc = DOCXDocument(title: title)
        doc.add(.title(title))
        doc.add(.plain("\(t.unit)："))
        let open = t.openItems
        doc.add(.paragraph("\(office)于\(Self.chinese(SimpleDate(iso: String(t.createdAt.prefix(10))) ?? date))向你单位下发整改任务（编号\(t.id)），要求于\(Self.chinese(SimpleDate(iso: t.deadline) ?? date))前完成整改。截至\(Self.chinese(date))，仍有\(open.count)个问题未整改到位。请于\(Self.chinese(newDeadline))前完成整改并在巡检平台反馈，逾期将予以通报。"))
        doc.add(.table(header: ["序号", "问题类型", "页面", "问题描述", "复核情况"], rows: open.enumerated().map { n, i in
            [String(n + 1), catalog.title(i.finding.check), i.finding.page, Masking.longDigitRuns(i.finding.evidence),
             i.note.map(Masking.longDigitRuns) ?? i.state.chinese]
        }))
        doc.add(.right(office))
        doc.add(.right(Self.chinese(date)))
        return doc
    }

    /// The unit's 整改说明 and the names of the files it sent with it.
    static func feedback(_ t: Ticket) -> String {
        let files = t.files.map(\.name).joined(separator: "、")
        return (t.feedback ?? "") + (files.isEmpty ? "" : "（附件：\(files)）")
    }

    static func percent(_ r: Double) -> String { String(format: "%.1f%%", r * 100) }
    static func chinese(_ d: SimpleDate) -> String { "\(d.year)年\(d.month)月\(d.day)日" }
}
