import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensStore
import Testing

/// The scheduler on a test clock: what is due runs once, a missed tick or a restart runs it once
/// more (not a backlog), and the availability veto follows the probes of the rolling week.
@Suite struct SchedulerTests {
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var t = Date(timeIntervalSince1970: 1_700_000_000)
        var now: Date { lock.lock(); defer { lock.unlock() }; return t }
        func advance(_ seconds: Double) { lock.lock(); t += seconds; lock.unlock() }
    }

    final class Homepage: @unchecked Sendable {
        private let lock = NSLock()
        var up = true
        func visit() -> ProbeRecord {
            lock.lock(); defer { lock.unlock() }
            return ProbeRecord(time: Date(), status: up ? "200" : "timeout", latencyMs: up ? 30 : 15000, ok: up, error: up ? nil : "超时")
        }
        func set(_ up: Bool) { lock.lock(); self.up = up; lock.unlock() }
    }

    @Test func dueTasksRunOnceAndTheAvailabilityVetoFollowsTheWeek() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-sched-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ScanStore(path: path)
        _ = try store.importUnits([UnitImport(name: "甲县", group: "县级政府", sites: ["http://www.jia.gov.cn/"], place: "t")])
        let clock = Clock(), home = Homepage()
        func scheduler() -> Scheduler {  // a new one per "restart": everything it knows is in the store
            Scheduler(store: store, rules: .bundled(), now: { clock.now }, visit: { _ in home.visit() })
        }
        let first = try await scheduler().tick()
        #expect(first == Scheduler.Tick(probes: 1, scans: 1, lights: 0))
        #expect(try await scheduler().tick() == Scheduler.Tick())  // a restart a moment later: nothing is due
        clock.advance(15 * 60)
        #expect(try await scheduler().tick().probes == 1)
        clock.advance(3 * 3600)  // ticks missed for three hours: one probe, not twelve
        #expect(try await scheduler().tick().probes == 1)
        #expect(try store.queueDepth() == 1)  // the first scan is still queued: no second one

        // A week of hourly probes (24 a day, above 19号's 20) with the homepage down 10% of the time: veto.
        let site = try #require(try store.sites(.all).first)
        try store.setSchedule(siteID: site.id, Schedule(probeMinutes: 60))
        for i in 0..<(24 * 7) {
            home.set(i % 10 != 0)
            clock.advance(3600)
            _ = try await scheduler().tick()
        }
        let veto = try store.trackedFindings(.all, .init(check: "site.unavailable"))
        #expect(veto.count == 1 && veto[0].state != .fixed && veto[0].finding.evidence.contains("失败比例"))
        let (n, failed) = try scheduler().availability(site)
        #expect(n >= 24 * 7 - 1 && Double(failed) / Double(n) > 0.09)
        // Then a clean week: the veto is fixed.
        home.set(true)
        for _ in 0..<(24 * 7) { clock.advance(3600); _ = try await scheduler().tick() }
        #expect(try store.trackedFindings(.all, .init(check: "site.unavailable")).map(\.state) == [.fixed])
    }
    /// 政务新媒体 accounts on the schedule: checked at the first tick, not again until the interval
    /// has passed on the scheduler's clock, then once.
    @Test func accountsAreCheckedWhenDue() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-sched-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ScanStore(path: path)
        _ = try store.importUnits([UnitImport(name: "甲县", group: "县级政府", sites: ["http://www.jia.gov.cn/"], place: "t")])
        _ = try store.importAccounts([AccountImport(unit: "甲县", platform: "微博", name: "甲县发布", owner: "甲县", status: "正常", place: "t")])
        let account = try #require(try store.accounts(.all).first)
        try store.addAccountExport(account: account.id, name: "微博-甲县发布.csv",
                                   data: Data("发布时间,标题\n2023-11-14 10:00,工作动态\n".utf8), by: "t", .all)
        let clock = Clock(), home = Homepage()
        var monitor = try NewMediaMonitor.standard(store: store, inspector: TextInspector.standard(), asOf: { SimpleDate(date: clock.now) })
        monitor.fetchFeeds = false
        var scheduler = Scheduler(store: store, rules: .bundled(), now: { clock.now }, visit: { _ in home.visit() })
        scheduler.newMedia = monitor
        #expect(try await scheduler.tick().accounts == 1)
        #expect(try store.account(account.id, .all)?.lastCheck?.checked == true)
        clock.advance(3600)
        #expect(try await scheduler.tick().accounts == 0)
        clock.advance(23 * 3600)
        #expect(try await scheduler.tick().accounts == 1)
    }
}
