import Foundation
import GovLensCore
import GovLensStore
import Testing

@Suite struct ScanStoreTests {
    func report(_ targets: [String], complete: Bool = true) -> ScanReport {
        var findings = targets.map { t in
            Finding(check: .linkBroken, severity: .deduct, page: "http://www.x.gov.cn/", target: "http://www.x.gov.cn/\(t)",
                    evidence: "链接指向 \(t)：页面不存在", suggestion: "请删除该链接。", status: "404", definite: true, scope: .home)
        }
        FindingKey.assign(&findings)
        var r = ScanReport(site: "http://www.x.gov.cn/", asOf: "2023-06-30", startedAt: Date(timeIntervalSince1970: 1_700_000_000),
                           finishedAt: Date(timeIntervalSince1970: 1_700_000_060), stats: ScanStats(), complete: complete,
                           incompleteReasons: complete ? [] : ["达到页面上限"],
                           homepage: HomepageStatus(url: "http://www.x.gov.cn/", reachable: true, status: "200", latencyMs: 5),
                           pages: [], findings: findings, errors: [])
        r.provenance = Provenance(govlens: GovLensVersion.current, rules: "r", lexicons: "l", spellingModel: nil)
        r.notChecked = ["text.typo": "未加载错别字语言模型"]
        return r
    }

    @Test(arguments: StoreBackend.available) func findingsComeBackWithTheirKeys(_ backend: StoreBackend) throws {
        let (store, path) = try backend.makeStore()
        defer { backend.cleanUp(path) }
        let r = report(["a.html", "b.html"])
        let id = try store.save(r)
        #expect(try store.findings(scan: id) == r.findings)
        #expect(try store.keys(scan: id) == Set(r.findings.compactMap(\.key)))
        let summary = try #require(try store.scans().first)
        #expect(summary.id == id && summary.site == r.site && summary.findings == 2 && summary.pages == 0)
        #expect(try store.findings(scan: id, check: "text.typo").isEmpty)
    }

    @Test(arguments: StoreBackend.available) func newPersistingAndFixedBetweenTwoScans(_ backend: StoreBackend) throws {
        let (store, path) = try backend.makeStore()
        defer { backend.cleanUp(path) }
        let first = try store.save(report(["a.html", "b.html"]))
        let second = try store.save(report(["b.html", "c.html"]))
        let changes = FindingChanges(previous: try store.keys(scan: first), current: try store.keys(scan: second), currentComplete: true)
        #expect(changes.new == ["link.broken|www.x.gov.cn|www.x.gov.cn/c.html"])
        #expect(changes.persisting == ["link.broken|www.x.gov.cn|www.x.gov.cn/b.html"])
        #expect(changes.fixed == ["link.broken|www.x.gov.cn|www.x.gov.cn/a.html"])
        // An incomplete scan cannot say a problem is fixed.
        #expect(FindingChanges(previous: try store.keys(scan: first), current: [], currentComplete: false).fixed.isEmpty)
    }

    @Test(arguments: StoreBackend.available) func reopeningMigratesOnceAndKeepsData(_ backend: StoreBackend) throws {
        let (store, path) = try backend.makeStore()
        defer { backend.cleanUp(path) }
        let id = try store.save(report(["a.html"]))
        let again = try ScanStore(path: path)
        #expect(try again.findings(scan: id).count == 1)
    }
}
