import Foundation
import GovLensCore
import GovLensStore
import Testing

/// A scan's checkpoint: answers written in batches and read back by a later process, refused for
/// other settings or another site, and the partial scan an interrupted run saved replaced, never doubled.
@Suite struct CheckpointStoreTests {
    let site = "http://www.x.gov.cn/"
    let settings = ["网址 http://www.x.gov.cn/", "--as-of 2023-06-30", "--max-pages 100"]
    let every3 = CheckpointPolicy(pages: 3, seconds: 3600, bytes: 1 << 20)

    func entry(_ i: Int, body: Bool = true) -> JournalEntry {
        JournalEntry(meta: Data("{\"status\":\(200 + i)}".utf8), body: body ? Data("<html>\(i)</html>".utf8) : nil)
    }

    @Test(arguments: StoreBackend.available) func answersAreWrittenInBatchesAndReplayedByTheNextRun(_ backend: StoreBackend) throws {
        let (store, path) = try backend.makeStore()
        defer { backend.cleanUp(path) }
        let first = try store.checkpoint(owner: site, site: site, settings: settings, use: .fresh, policy: every3)
        for i in 0..<5 { first.record("GET \(site)p\(i).html #0", url: "\(site)p\(i).html", entry(i, body: i != 4)) }
        // Three reached the store at the third answer; the other two wait for the next batch.
        #expect(try store.checkpoints().map(\.fetches) == [3])
        try first.flush()
        #expect(try store.checkpoints().map(\.fetches) == [5])

        let again = try ScanStore(path: path)
        let second = try again.checkpoint(owner: site, site: site, settings: settings, use: .resume, policy: every3)
        #expect(second.id == first.id && second.recordedCount == 5)
        let replayed = try #require(second.recorded("GET \(site)p1.html #0"))
        #expect(replayed.meta == entry(1).meta && replayed.body == entry(1).body)
        #expect(second.recorded("GET \(site)p4.html #0")?.body == nil)  // a HEAD-like answer keeps no body
        #expect(second.recorded("GET \(site)p1.html #1") == nil)        // the second request for it was never made
        #expect(second.hasRecording(url: "\(site)p2.html") && !second.hasRecording(url: "\(site)p9.html"))
        // A fresh scan of the site drops the old checkpoint.
        let fresh = try again.checkpoint(owner: site, site: site, settings: settings, use: .fresh, policy: every3)
        #expect(fresh.recordedCount == 0 && fresh.dropped == 5 && second.dropped == 0)
        #expect(try again.checkpoints().map(\.fetches) == [0])
    }

    @Test(arguments: StoreBackend.available) func otherSettingsAndOtherSitesAreRefusedInChinese(_ backend: StoreBackend) throws {
        let (store, path) = try backend.makeStore()
        defer { backend.cleanUp(path) }
        let c = try store.checkpoint(owner: site, site: site, settings: settings, use: .fresh, policy: every3)
        c.record("HEAD \(site) #0", url: site, entry(0, body: false))
        try c.flush()
        var other = settings
        other[1] = "--as-of 2023-07-01"
        #expect {
            try store.checkpoint(owner: site, site: site, settings: other, use: .resume, policy: every3)
        } throws: { e in
            let text = "\(e)"
            return text.contains("不同的检查设置") && text.contains("--as-of 2023-06-30") && text.contains("--as-of 2023-07-01")
        }
        let elsewhere = "http://www.y.gov.cn/"
        #expect {
            try store.checkpoint(owner: elsewhere, site: elsewhere, settings: settings, use: .resume, policy: every3)
        } throws: { e in "\(e)".contains("没有 http://www.y.gov.cn/ 的检查断点") && "\(e)".contains(site) }
        // The refusals changed nothing; a platform job with other settings starts afresh instead.
        #expect(try store.checkpoints().map(\.fetches) == [1])
        let job = try store.checkpoint(owner: site, site: site, settings: other, use: .resumeIfSame, policy: every3)
        #expect(job.recordedCount == 0)
    }

    @Test(arguments: StoreBackend.available) func theInterruptedRunsPartialScanIsReplacedNotDoubled(_ backend: StoreBackend) throws {
        let (store, path) = try backend.makeStore()
        defer { backend.cleanUp(path) }
        let partial = ScanStoreTests().report(["a.html"], complete: false)
        let run1 = try store.checkpoint(owner: site, site: site, settings: settings, use: .fresh, policy: every3)
        run1.record("GET \(site) #0", url: site, entry(0))
        let partialID = try store.save(partial, checkpoint: run1, finished: false)
        #expect(try store.checkpoints().map(\.partialScan) == [partialID])
        #expect(try store.checkpoints().map(\.fetches) == [1])  // saving wrote the waiting answer first

        let run2 = try store.checkpoint(owner: site, site: site, settings: settings, use: .resume, policy: every3)
        let full = ScanStoreTests().report(["a.html", "b.html"])
        let id = try store.save(full, checkpoint: run2, finished: true)
        #expect(try store.scans().map(\.id) == [id])
        #expect(try store.findings(scan: id).count == 2)
        #expect(try store.checkpoints().isEmpty)
    }
}
