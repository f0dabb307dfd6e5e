import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensMonitor
import GovLensScan
import GovLensStore

/// 甲县 with a real site on loopback (the example site plus `homeExtra`), 乙县 with a site that
/// does not resolve, a store, the scan options a server would use, and 甲县's site scanned once.
struct LiveUnitFixture {
    let asOf = SimpleDate.today()
    let server: DemoServer
    let store: ScanStore
    let path: String
    let options: @Sendable (SiteRecord) throws -> ScanOptions
    let runner: JobRunner
    let jia: UnitRecord

    static func make(homeExtra: String, host: String) async throws -> LiveUnitFixture {
        let asOf = SimpleDate.today()
        let site = ExampleSite(asOf: asOf.description, homeExtra: homeExtra, host: host)
        let server = try await DemoServer.serve(pages: site.pages, asOf: asOf, host: host)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-live-\(UUID()).sqlite").path
        let store = try ScanStore(path: path)
        _ = try store.importUnits([UnitImport(name: "甲县", group: "县级政府", sites: [server.homepage], place: "test"),
                                   UnitImport(name: "乙县", group: "县级政府", sites: ["http://www.yi.gov.cn/"], place: "test")])
        let rules = try ScanSettings.ruleBook(nil)
        let options: @Sendable (SiteRecord) throws -> ScanOptions = { s in
            var o = ScanOptions(url: s.url, asOf: asOf, rules: rules)
            o.resolve = [host: "127.0.0.1"]
            o.recheckDelay = 0
            return o
        }
        let runner = JobRunner(store: store, worker: "test", options: options)
        let jia = try store.units(.all).first { $0.name == "甲县" }!
        _ = try store.enqueueScan(siteID: jia.sites[0].id)
        _ = try await runner.runOnce()
        return LiveUnitFixture(server: server, store: store, path: path, options: options, runner: runner, jia: jia)
    }

    func cleanUp() async {
        await server.shutdown()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
