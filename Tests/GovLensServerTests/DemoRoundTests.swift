import Foundation
import GovLensCore
import GovLensDemo
import GovLensMonitor
import GovLensStore
import Testing

/// The demo county's first round on the platform, as `govlens demo` runs it: first scans, an
/// assessment, one 整改任务 per unit with problems, fixes on some sites (a link repaired, a post
/// added to a stale column), feedback from every unit, and the re-check's verdicts.
@Suite struct DemoRoundTests {
    @Test func fixedSitesAreClosedByReCheckAndTheOthersReopened() async throws {
        let asOf = SimpleDate(iso: "2023-06-30")!
        let portal = try await DemoServer.start(asOf: asOf, articlesPerColumn: 2)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-demo-round-\(UUID()).sqlite").path
        let store = try ScanStore(path: path)
        let demo = try await DemoPlatform.seed(store, portal: portal, asOf: asOf)
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        // The portal stands for itself elsewhere (its slow pages would take a timeout here): an empty scan.
        let portalSite = try #require(try store.sites(.all).first { $0.url == portal.homepage })
        let job = try store.enqueueScan(siteID: portalSite.id)
        _ = try store.claimJob(worker: "test")
        try store.finishScanJob(job, report: ScanReport(site: portal.homepage, asOf: asOf.description, startedAt: Date(), finishedAt: Date(),
                                                        stats: ScanStats(), complete: true, incompleteReasons: [],
                                                        homepage: HomepageStatus(url: portal.homepage, reachable: true, status: "200", latencyMs: 1),
                                                        pages: [], findings: [], errors: []))
        #expect(try await demo.firstScans(store, asOf: asOf, spellModel: nil) == demo.servers.count)
        // The county's ten 政务新媒体 accounts (feeds and exports on loopback) and the 公众号 that
        // 县人力资源和社会保障局's 政务新媒体 column shows without a register entry.
        #expect(try await demo.checkAccounts(store, asOf: asOf, spellModel: nil) == 10)
        let measured = try #require(demo.newMedia).evaluate(store, siteListing: true)
        print("demo platform new media: precision \(measured.precision) recall \(measured.recall) (\(measured.found.count) found, \(measured.expected.count) planted)")
        #expect(measured.precision == 1 && measured.recall == 1,
                "missed \(measured.expected.subtracting(measured.found)), extra \(measured.found.subtracting(measured.expected))")

        let round = try await demo.firstRound(store, asOf: asOf, loop: demo.rectification(store, asOf: asOf, spellModel: nil))
        #expect(try store.assessment(round.assessment) != nil)
        let units = try store.units(.all)
        func items(_ server: DemoServer) throws -> [TicketItem] {
            let unit = try #require(units.first { $0.sites.contains { $0.url == server.homepage } })
            return round.tickets.filter { $0.unitID == unit.id }.flatMap(\.items)
        }
        // Site 0: its broken link repaired → fixed by the re-check.
        let link = try items(demo.servers[0]).filter { $0.finding.target?.hasSuffix("old/notice.html") == true }
        #expect(!link.isEmpty && link.allSatisfy { $0.state == .fixed }, "\(link.map { ($0.state, $0.note ?? "") })")
        // Site 1: a post added to its stale 工作动态 → fixed.
        let stale = try items(demo.servers[1]).filter { $0.finding.check == "column.stale" }
        #expect(!stale.isEmpty && stale.allSatisfy { $0.state == .fixed }, "\(stale.map { ($0.state, $0.note ?? "") })")
        // Site 4: its stale homepage was not touched → still there after the re-check.
        let home = try items(demo.servers[4])
        #expect(!home.isEmpty && home.allSatisfy { $0.state != .fixed }, "\(home.map { ($0.finding.check, $0.state) })")
        await demo.shutdown()
        await portal.shutdown()
    }
}
