import Foundation
import GovLensCore
import GovLensStore
import Testing

/// The platform's tables on both engines: import, users and tokens, scopes, the job queue with
/// its leases, tracking across scans, schedules, probes and the dashboard's counts.
@Suite struct PlatformStoreTests {
    let scans = ScanStoreTests()

    func seeded(_ backend: StoreBackend) throws -> (ScanStore, String, [UnitRecord]) {
        let (store, address) = try backend.makeStore()
        _ = try store.importUnits([
            UnitImport(name: "县政府办", group: "县政府部门", sites: ["http://www.x.gov.cn/"], place: "第 2 行"),
            UnitImport(name: "县教育局", group: "县政府部门", sites: ["http://jy.x.gov.cn/"], place: "第 3 行"),
        ])
        return (store, address, try store.units(.all))
    }

    @Test(arguments: StoreBackend.available) func importIsAllOrNothingAndNamesTheOwner(_ backend: StoreBackend) throws {
        let (store, address, units) = try seeded(backend)
        defer { backend.cleanUp(address) }
        #expect(units.map(\.name) == ["县政府办", "县教育局"])
        #expect(units[0].sites.map(\.url) == ["http://www.x.gov.cn/"])
        // The second row claims a site of 县政府办: nothing of this import is kept.
        #expect {
            try store.importUnits([
                UnitImport(name: "县卫健委", group: "县政府部门", sites: ["http://wj.x.gov.cn/"], place: "第 2 行"),
                UnitImport(name: "县财政局", group: "县政府部门", sites: ["www.x.gov.cn"], place: "第 3 行"),
            ])
        } throws: { "\($0)".contains("第 3 行") && "\($0)".contains("县政府办") }
        #expect(try store.units(.all).count == 2)
        // Importing the same sheet again updates, and adds no second site.
        let again = try store.importUnits([UnitImport(name: "县政府办", group: "乡镇", sites: ["http://www.x.gov.cn/"], place: "第 2 行")])
        #expect(again.added == 0 && again.updated == 1)
        #expect(try store.sites(.all).count == 2)
        #expect(try store.unit(units[0].id, .all)?.group == "乡镇")
    }

    @Test(arguments: StoreBackend.available) func usersTokensAndScopes(_ backend: StoreBackend) throws {
        let (store, address, units) = try seeded(backend)
        defer { backend.cleanUp(address) }
        let id = try store.addUser("jy", role: .unit, unit: "县教育局", passwordHash: "h")
        #expect { try store.addUser("jy", role: .unit, unit: "县教育局", passwordHash: "h") } throws: { "\($0)".contains("已存在") }
        #expect { try store.addUser("x", role: .unit, unit: nil, passwordHash: "h") } throws: { "\($0)".contains("--unit") }
        let (user, hash) = try #require(try store.credentials("jy"))
        #expect(user.id == id && user.scope == .unit(units[1].id) && hash == "h")
        try store.addToken(hash: "live", userID: id, kind: "session", expires: Date().addingTimeInterval(600))
        try store.addToken(hash: "old", userID: id, kind: "session", expires: Date().addingTimeInterval(-1))
        #expect(try store.user(tokenHash: "live") == user)
        #expect(try store.user(tokenHash: "old") == nil)
        try store.removeToken(hash: "live")
        #expect(try store.user(tokenHash: "live") == nil)
        // A unit's scope sees its own unit and site only.
        #expect(try store.units(user.scope).map(\.name) == ["县教育局"])
        #expect(try store.sites(user.scope).map(\.url) == ["http://jy.x.gov.cn/"])
        #expect(try store.unit(units[0].id, user.scope) == nil)
        try store.audit(actor: "admin", action: "login", target: "user jy", detail: "")
        #expect(try store.auditLog().first?.action == "login")
    }

    @Test(arguments: StoreBackend.available) func queueLeasesTrackingAndCounts(_ backend: StoreBackend) throws {
        let (store, address, units) = try seeded(backend)
        defer { backend.cleanUp(address) }
        let site = units[0].sites[0]
        let job = try store.enqueueScan(siteID: site.id)
        #expect(try store.enqueueScan(siteID: site.id) == job)  // one queued job per site
        #expect(try store.queueDepth() == 1)
        let (claimed, claimedSite) = try #require(try store.claimJob(worker: "w1", lease: 60))
        #expect(claimed.id == job && claimed.state == .running && claimedSite == site)
        #expect(try store.claimJob(worker: "w2") == nil)  // never two jobs of one site

        // The runner dies: its lease runs out and the job goes back to the queue, once.
        #expect(try store.requeueInterrupted(now: Date().addingTimeInterval(120)) == 1)
        let (retaken, _) = try #require(try store.claimJob(worker: "w2", lease: 60))
        #expect(retaken.id == job && retaken.attempts == 2)
        // The first runner comes back with its result: refused, nothing stored.
        #expect { try store.finishScanJob(job, report: scans.report(["a.html", "b.html"]), worker: "w1") } throws: { _ in true }
        #expect(try store.scans().isEmpty)
        let scan = try store.finishScanJob(job, report: scans.report(["a.html", "b.html"]), worker: "w2")
        #expect(try store.finishScanJob(job, report: scans.report(["a.html", "b.html"])) == scan)  // a re-run stores nothing twice
        #expect(try store.scans().count == 1)
        #expect(try store.trackedFindings(.all).map(\.state) == [.new, .new])

        // The next complete scan: a.html fixed, b.html persisting, c.html new.
        let second = try store.enqueueScan(siteID: site.id)
        _ = try #require(try store.claimJob(worker: "w1"))
        try store.finishScanJob(second, report: scans.report(["b.html", "c.html"]), worker: "w1")
        let byTarget = Dictionary(uniqueKeysWithValues: try store.trackedFindings(.all).map { ($0.finding.target ?? "", $0.state) })
        #expect(byTarget == ["http://www.x.gov.cn/a.html": .fixed, "http://www.x.gov.cn/b.html": .persisting,
                             "http://www.x.gov.cn/c.html": .new])
        #expect(try store.trackedFindings(.all).allSatisfy { $0.recurrences == 0 })
        // An incomplete scan fixes nothing.
        let third = try store.enqueueScan(siteID: site.id)
        _ = try #require(try store.claimJob(worker: "w1"))
        try store.finishScanJob(third, report: scans.report([], complete: false), worker: "w1")
        #expect(try store.trackedFindings(.all, .init(state: .fixed)).count == 1)

        let counts = try store.dashboardCounts(.all, since: Date().addingTimeInterval(-3600))
        #expect(counts.open == 2 && counts.fixedSince == 1 && counts.newSince == 2 && counts.perSite[site.id] == 2)
        #expect(try store.repeatOffences(.all).isEmpty)

        // a.html comes back after being fixed: new again, and counted as 屡查屡犯.
        let fourth = try store.enqueueScan(siteID: site.id)
        _ = try #require(try store.claimJob(worker: "w1"))
        try store.finishScanJob(fourth, report: scans.report(["a.html", "b.html", "c.html"]), worker: "w1")
        let back = try #require(try store.trackedFindings(.all).first { $0.finding.target == "http://www.x.gov.cn/a.html" })
        #expect(back.state == .new && back.recurrences == 1)
        #expect(try store.repeatOffences(.all) == ["县政府办": 1])
        #expect(try store.repeatOffences(.unit(units[1].id)).isEmpty)
        #expect(try store.dashboardCounts(.unit(units[1].id), since: Date.distantPast).open == 0)
        #expect(try store.trackedFindings(.unit(units[1].id)).isEmpty)
        #expect(try store.findingTrend(unit: units[0].id, .all).map(\.findings) == [2, 2, 0, 3])
        #expect(try store.latestJobs(.all)[site.id]?.id == fourth)
        #expect(try store.jobs(.unit(units[1].id)).isEmpty)
    }

    @Test(arguments: StoreBackend.available) func concurrentWorkersNeverClaimOneJobTwice(_ backend: StoreBackend) async throws {
        let (store, address) = try backend.makeStore()
        defer { backend.cleanUp(address) }
        let imports = (0..<12).map { UnitImport(name: "单位\($0)", group: "部门", sites: ["http://s\($0).x.gov.cn/"], place: "第 \($0) 行") }
        _ = try store.importUnits(imports)
        for site in try store.sites(.all) { try store.enqueueScan(siteID: site.id) }
        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for w in 0..<4 {
                group.addTask {
                    var mine: [Int64] = []
                    while let (job, _) = try store.claimJob(worker: "w\(w)") { mine.append(job.id) }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claimed.count == 12 && Set(claimed).count == 12)
    }

    /// Two servers (or a server and a worker) acting at once: one active job per site, one
    /// notification per once-key, and each due delivery handed to one sender only.
    @Test(arguments: StoreBackend.available) func concurrentEnqueuesNoticesAndDeliveriesHappenOnce(_ backend: StoreBackend) async throws {
        let (store, address, units) = try seeded(backend)
        defer { backend.cleanUp(address) }
        let site = units[0].sites[0].id
        let jobs = try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<8 { group.addTask { i % 2 == 0 ? try store.enqueueScan(siteID: site) : try store.enqueueLight(siteID: site) } }
            return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
        }
        #expect(jobs.count == 1)
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        let made = try await withThrowingTaskGroup(of: Int64?.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try store.notify(unitID: units[0].id, kind: "digest", title: "提示", body: "正文", onceKey: "digest|1|2027-01-16",
                                     channels: [("email", "a@x.gov.cn"), ("webhook", "hook")], at: t)
                }
            }
            return try await group.reduce(into: [Int64]()) { if let id = $1 { $0.append(id) } }
        }
        #expect(made.count == 1)
        let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<4 { group.addTask { try store.claimDeliveries(now: t, lease: 300).map(\.0.id) } }
            return try await group.reduce(into: [Int64]()) { $0 += $1 }
        }
        #expect(claims.count == 2 && Set(claims).count == 2)
        #expect(try store.claimDeliveries(now: t.addingTimeInterval(60)).isEmpty)  // still leased
        // A sender killed mid-send: its deliveries come back when the lease runs out.
        #expect(try store.claimDeliveries(now: t.addingTimeInterval(301)).count == 2)
        try store.recordDelivery(claims[0], error: nil, retryAt: nil, now: t)
        #expect(try store.claimDeliveries(now: t.addingTimeInterval(1000)).map(\.0.id) == [claims[1]])
    }

    @Test(arguments: StoreBackend.available) func schedulesProbesAndAvailability(_ backend: StoreBackend) throws {
        let (store, address, units) = try seeded(backend)
        defer { backend.cleanUp(address) }
        let site = units[0].sites[0].id
        #expect(try store.schedule(siteID: site, defaults: Schedule()) == Schedule())
        try store.setSchedule(siteID: site, Schedule(probeMinutes: 30, scanDays: 7, lightHours: 24, enabled: true))
        try store.setSchedule(siteID: site, Schedule(probeMinutes: 60, scanDays: 1, lightHours: 12, enabled: false))
        #expect(try store.schedule(siteID: site, defaults: Schedule()) == Schedule(probeMinutes: 60, scanDays: 1, lightHours: 12, enabled: false))
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        try store.addProbe(siteID: site, ProbeRecord(time: t, status: "200", latencyMs: 40, ok: true, error: nil))
        try store.addProbe(siteID: site, ProbeRecord(time: t.addingTimeInterval(900), status: "超时", latencyMs: 15000, ok: false, error: "超时"))
        let probes = try store.probes(siteID: site, since: t)
        #expect(probes.map(\.ok) == [true, false] && probes[1].error == "超时")
        #expect(try store.lastRun(siteID: site).probe == t.addingTimeInterval(900))
        let light = try store.enqueueLight(siteID: site)
        #expect(try store.enqueueScan(siteID: site) == light)  // the queued light check becomes a full scan
        let down = Finding(check: .siteUnavailable, severity: .veto, page: "http://www.x.gov.cn/", evidence: "首页不可访问", suggestion: "")
        try store.trackAvailability(siteID: site, finding: down)
        try store.trackAvailability(siteID: site, finding: down)
        #expect(try store.trackedFindings(.all).map(\.state) == [.persisting])
        try store.trackAvailability(siteID: site, finding: nil)
        #expect(try store.trackedFindings(.all).map(\.state) == [.fixed])
    }

    @Test(arguments: StoreBackend.available) func columnsAndAttachmentsKeepTheirOrder(_ backend: StoreBackend) throws {
        let (store, address) = try backend.makeStore()
        defer { backend.cleanUp(address) }
        var r = scans.report([])
        r.columns = ["通知公告", "政策文件", "人事信息", "规划计划"].map {
            ColumnRecord(name: $0, url: "http://www.x.gov.cn/\($0)", category: "其他", firstLevel: true, newest: nil, items: 0,
                         stale: false, blank: true, parent: nil, status: "blank", needsReview: false, notes: ["空白栏目"])
        }
        r.attachments = [AttachmentRecord(url: "http://www.x.gov.cn/a.pdf", linkedFrom: nil, format: "pdf", checked: false,
                                          characters: 0, problem: "encrypted", reason: "加密的 PDF")]
        let id = try store.save(r)
        #expect(try store.columns(scan: id) == r.columns)
        #expect(try store.uncheckedAttachments(scan: id) == r.attachments)
    }
}
