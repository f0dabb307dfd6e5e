import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensMonitor
import GovLensScan
import GovLensStore
import Testing

/// The whole 整改 → 复核 loop on a live site: a scan finds three broken links and a leaked
/// number, a ticket is issued, the unit fixes one link and the number and says so, the re-check
/// closes those and reopens the rest, one dispute is accepted and one rejected, the deadline
/// passes on a test clock (逾期, then 督办), and a re-check that cannot reach the site fixes nothing.
@Suite struct RectificationTests {
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var t = Date()
        var now: Date { lock.lock(); defer { lock.unlock() }; return t }
        func advance(days: Double) { lock.lock(); t += days * 86400; lock.unlock() }
    }

    @Test func ticketsAreClosedByReCheckNotByTrust() async throws {
        let phone = "139" + "87654321"  // synthetic, assembled so no file holds it whole
        let fx = try await LiveUnitFixture.make(homeExtra: """
            <p><a href="/gone1.html">旧链接一</a> <a href="/gone2.html">旧链接二</a> <a href="/gone3.html">旧链接三</a></p>
            <p>联系人王某，手机 \(phone)。</p>
            """, host: "www.loop.gov.cn")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fx.path + suffix) } }
        let (asOf, server, store, options, runner) = (fx.asOf, fx.server, fx.store, fx.options, fx.runner)
        let siteID = fx.jia.sites[0].id
        let open = try store.trackedFindings(.all, .init(site: siteID)).filter { ["link.broken", "privacy.mobile"].contains($0.finding.check.rawValue) }
        #expect(open.count == 4, "\(open.map(\.key))")

        let clock = Clock()
        let loop = Rectification(store: store, recheck: Recheck(store: store, options: options), now: { clock.now })
        let admin = UserRecord(id: 1, username: "admin", role: .admin, unitID: nil)
        let inspector = UserRecord(id: 2, username: "inspector", role: .inspector, unitID: nil)
        let units = try store.units(.all)
        let jia = UserRecord(id: 3, username: "jia", role: .unit, unitID: units[0].id)
        let yi = UserRecord(id: 4, username: "yi", role: .unit, unitID: units[1].id)

        // Bad requests change nothing.
        #expect(throws: Rectification.Refusal.self) {
            try loop.issue(unitID: units[0].id, findings: open.map(\.id), deadline: .date(asOf.adding(days: -1)), by: admin)
        }
        #expect(throws: Rectification.Refusal.self) { try loop.issue(unitID: units[0].id, findings: open.map(\.id), deadline: .workingDays(5), by: jia) }
        #expect(throws: StoreError.self) { try loop.issue(unitID: units[1].id, findings: open.map(\.id), deadline: .workingDays(5), by: admin) }
        #expect(try store.tickets(.all).isEmpty)

        let id = try loop.issue(unitID: units[0].id, findings: open.map(\.id), deadline: .workingDays(5), by: admin)
        var t = try #require(try store.ticket(id, jia.scope))
        #expect(t.state == .open && t.items.count == 4 && t.deadline == WorkingDayCalendar.official.add(5, to: asOf).description)
        #expect(try store.ticket(id, yi.scope) == nil)  // another unit's ticket does not exist for it
        await #expect(throws: Rectification.Refusal.self) { try await loop.submit(id, note: "已整改", by: yi) }

        // The unit fixes one link and masks the number, leaves two links, and says it fixed everything.
        server.repairLink(on: server.homepage, target: server.homepage + "gone1.html")
        #expect(server.maskNumber(on: server.homepage, number: phone) == 1)
        t = try await loop.submit(id, note: "已全部整改", by: jia)
        let byTarget = Dictionary(uniqueKeysWithValues: t.items.map { ($0.finding.target ?? $0.finding.check.rawValue, $0) })
        #expect(byTarget[server.homepage + "gone1.html"]?.state == .fixed)
        #expect(byTarget["privacy.mobile"]?.state == .fixed)
        #expect(byTarget[server.homepage + "gone2.html"]?.state == .reopened)
        #expect(byTarget[server.homepage + "gone3.html"]?.state == .reopened)
        #expect(t.items.allSatisfy { $0.checkedAt != nil && $0.note != nil })
        #expect(t.state == .reopened && t.feedback == "已全部整改")

        // Two disputes: one accepted (dismissed, left out of later scoring), one rejected.
        let two = try #require(byTarget[server.homepage + "gone2.html"]), three = try #require(byTarget[server.homepage + "gone3.html"])
        _ = try loop.dispute(id, item: two.id, reason: "该链接为外部系统维护，已下线", by: jia)
        _ = try loop.dispute(id, item: three.id, reason: "不是问题", by: jia)
        #expect(throws: Rectification.Refusal.self) { try loop.decide(id, item: two.id, accept: true, note: "自己说了算", by: jia) }
        #expect(try store.ticket(id, .all)?.state == .reviewing)
        _ = try loop.decide(id, item: two.id, accept: true, note: "情况属实", by: inspector)
        t = try loop.decide(id, item: three.id, accept: false, note: "链接仍在首页", by: inspector)
        #expect(t.items.first { $0.id == two.id }?.state == .dismissed)
        #expect(t.items.first { $0.id == three.id }?.state == .rejected)
        #expect(t.state == .reopened)
        #expect(try store.dismissedKeys(.all)[siteID]?[two.key] == "情况属实")

        // The deadline passes with one item open: re-checked once more, then 逾期; the office escalates.
        clock.advance(days: 10)
        #expect(try await loop.tick() == [id])
        #expect(throws: Rectification.Refusal.self) { try loop.escalate(id, by: inspector) }
        t = try loop.escalate(id, by: admin)
        #expect(t.state == .escalated)

        // Monitoring issues a ticket the day a leak is found, once, and only to the unit that has it.
        let newPhone = "137" + "12345678"
        var monitoring = Rectification(store: store, recheck: Recheck(store: store, options: options), now: { clock.now })
        monitoring.autoIssue = [.init(family: "privacy", deadline: "3个工作日")]
        server.replace("/index.html", with: try #require(server.file("/index.html"))
            .replacingOccurrences(of: "</body>", with: "<p>联系人张某，手机 \(newPhone)。</p></body>"))
        _ = try store.enqueueScan(siteID: siteID)
        #expect(try await runner.runOnce())
        #expect(try await monitoring.tick().isEmpty)
        _ = try await monitoring.tick()
        let issued = try store.tickets(.all).filter { $0.title.contains("监测") }
        #expect(issued.count == 1 && issued[0].unitID == units[0].id && issued[0].items.map(\.finding.check) == ["privacy.mobile"])

        // The site goes away: a re-check that cannot look fixes nothing and says why.
        await server.shutdown()
        server.repairLink(on: server.homepage, target: server.homepage + "gone3.html")
        t = try await loop.submit(id, note: "已修改", by: jia)
        let last = try #require(t.items.first { $0.id == three.id })
        #expect(last.state == .reopened && last.note?.contains("无法复核") == true)
        #expect(t.state == .escalated)

        // Every step is in the log, with who and why.
        let actors = Set(t.history.map(\.actor))
        #expect(actors.isSuperset(of: ["admin", "jia", "inspector", "复核程序", "到期复核"]))
        #expect(t.history.contains { $0.to == "escalated" && $0.from == "overdue" })
    }

    /// Feedback files are checked by count, size and their first bytes, stored with the feedback
    /// in one step (a refused file stores nothing); a re-check the server never finished runs
    /// again on the next tick instead of leaving the ticket 复核中 for ever.
    @Test func feedbackFilesAndAnInterruptedReCheck() async throws {
        let fx = try await LiveUnitFixture.make(homeExtra: "<p><a href=\"/gone.html\">旧链接</a></p>", host: "www.files.gov.cn")
        let store = fx.store
        let clock = Clock()
        var loop = Rectification(store: store, recheck: Recheck(store: store, options: fx.options), now: { clock.now })
        loop.feedbackFiles = FeedbackFilePolicy(maxFiles: 2, maxMegabytes: 0.01, types: ["pdf", "png", "exe"])
        let admin = UserRecord(id: 1, username: "admin", role: .admin, unitID: nil)
        let jia = UserRecord(id: 3, username: "jia", role: .unit, unitID: fx.jia.id)
        let broken = try store.trackedFindings(.all, .init(site: fx.jia.sites[0].id)).filter { $0.finding.check == "link.broken" }
        let id = try loop.issue(unitID: fx.jia.id, findings: broken.map(\.id), deadline: .workingDays(5), by: admin)

        let pdf = FeedbackFile(name: "C:\\报告\\整改报告.pdf", data: Data("%PDF-1.7\n整改报告".utf8))
        let refusals: [([FeedbackFile], String)] = [
            ([FeedbackFile(name: "截图.png", data: Data("MZ\u{90}program".utf8))], "扩展名与内容不符"),
            ([FeedbackFile(name: "setup.exe", data: Data("MZ".utf8))], "类型不允许"),
            ([FeedbackFile(name: "大文件.pdf", data: Data("%PDF".utf8) + Data(count: 20_000))], "超过"),
            ([pdf, pdf, pdf], "最多 2 个"),
            ([FeedbackFile(name: "空.pdf", data: Data())], "空文件"),
        ]
        for (files, reason) in refusals {
            let e = await #expect(throws: Rectification.Refusal.self) { try await loop.submit(id, note: "已整改", files: files, by: jia) }
            #expect(e?.invalid == true && e?.description.contains(reason) == true, "\(reason): \(String(describing: e))")
        }
        var t = try #require(try store.ticket(id, jia.scope))
        #expect(t.state == .open && t.files.isEmpty && t.feedback == nil)  // nothing of a refused submission is kept

        t = try await loop.submit(id, note: "链接已处理，见附件", files: [pdf], by: jia)
        #expect(t.files.map(\.name) == ["整改报告.pdf"] && t.files[0].contentType == "application/pdf")
        let (file, bytes) = try #require(try store.ticketFile(ticket: id, file: t.files[0].id, jia.scope))
        #expect(file.size == pdf.data.count && bytes == pdf.data)
        #expect(try store.ticketFile(ticket: id, file: t.files[0].id, .unit(fx.jia.id + 1)) == nil)
        #expect(t.state == .reopened)  // the link is still broken

        // The server stops between 已反馈 and the end of the re-check: the ticket stays 复核中
        // until the next tick after the quiet period, which re-checks it.
        fx.server.repairLink(on: fx.server.homepage, target: fx.server.homepage + "gone.html")
        try store.moveTicket(id, from: [.reopened], to: .submitted, actor: "jia", reason: "单位反馈整改情况", feedback: "已修复")
        try store.moveTicket(id, from: [.submitted], to: .reviewing, actor: "复核程序", reason: "开始复核")
        #expect(try await loop.tick().isEmpty)
        #expect(try store.ticket(id, .all)?.state == .reviewing)  // too soon to call it interrupted
        clock.advance(days: 1.0 / 24)
        _ = try await loop.tick()
        t = try #require(try store.ticket(id, .all))
        #expect(t.state == .closed && t.items.allSatisfy { $0.state == .fixed })
        #expect(t.history.contains { $0.actor.contains("中断后重新复核") })
        // A settled ticket is left alone.
        #expect(try await loop.tick().isEmpty && (try store.ticket(id, .all)?.history.count) == t.history.count)
        await fx.cleanUp()
    }
}
