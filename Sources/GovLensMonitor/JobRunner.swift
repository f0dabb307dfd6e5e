import Foundation
import GovLensCore
import GovLensScan
import GovLensStore

/// Runs scan jobs from the store's durable queue: claims one, scans the site, stores the scan and
/// the tracking update in one transaction. Any number of runners may share one store; a job
/// whose runner died is queued again by `recover()`, and the runner that takes it continues from
/// the dead one's checkpoint (`ScanCheckpoint`) instead of fetching the site again.
public struct JobRunner: Sendable {
    public let store: ScanStore
    /// Names this runner in `jobs.locked_by`.
    public let worker: String
    /// The scan options for a site (the server sets the as-of date, rules, `--resolve` …).
    public let options: @Sendable (SiteRecord) throws -> ScanOptions
    /// Seconds between looks at an empty queue.
    public var pollInterval: Double = 1
    /// Seconds without a heartbeat after which a running job is taken back (its runner died).
    public var lease: Double = 60

    public init(store: ScanStore, worker: String = "worker-\(ProcessInfo.processInfo.processIdentifier)",
                options: @escaping @Sendable (SiteRecord) throws -> ScanOptions)
    {
        self.store = store; self.worker = worker; self.options = options
    }

    /// Queues again the jobs a dead runner left running (no heartbeat for `lease` seconds).
    public func recover() throws -> Int { try store.requeueInterrupted() }

    /// Runs one due job; false when the queue had none.
    @discardableResult
    public func runOnce() async throws -> Bool {
        _ = try recover()
        guard let (job, site) = try store.claimJob(worker: worker, lease: lease) else { return false }
        // A heartbeat while the scan runs, so other runners know this one is alive.
        let beat = Task { [store] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(max(1, lease / 6)))
                try? store.heartbeat(job.id, worker: worker, lease: lease)
            }
        }
        defer { beat.cancel() }
        do {
            var o = try options(site)
            if job.kind == "light" {  // the homepage, first-level column lists and their new posts
                o.maxDepth = 2
                o.checkAttachments = false
                o.checkExternal = false
            }
            let progress = ProgressWriter(store: store, jobID: job.id)
            // A job taken over from a runner that died continues from what that runner recorded.
            let checkpoint = try ScanCheckpoints.open(store, options: o, owner: ScanStore.checkpointOwner(job: job.id),
                                                      use: .resumeIfSame)
            var report = try await SiteScanner.run(o, journal: checkpoint, progress: { progress.update($0) })
            try checkpoint.flush()
            if Task.isCancelled {  // the runner is stopping: the job goes back to the queue and resumes later
                try store.failJob(job.id, worker: worker, error: "检查进程停止，任务将从断点继续", retryAfter: 0)
                return true
            }
            try NewMediaMonitor.compareListing(&report, site: site, store: store)
            try store.finishScanJob(job.id, report: report, worker: worker)
        } catch {
            let reason = ErrorText.chinese(error)
            try store.failJob(job.id, worker: worker, error: reason, retryAfter: job.attempts < 3 ? 60 : nil)
        }
        return true
    }

    /// Runs jobs until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            let ran = (try? await runOnce()) ?? false
            if !ran { try? await Task.sleep(for: .seconds(pollInterval)) }
        }
    }
}

/// Writes a running scan's progress to the store at most every two seconds.
final class ProgressWriter: @unchecked Sendable {
    let store: ScanStore
    let jobID: Int64
    private let lock = NSLock()
    private var last = Date.distantPast

    init(store: ScanStore, jobID: Int64) { self.store = store; self.jobID = jobID }

    func update(_ p: ScanProgress) {
        lock.lock()
        guard Date().timeIntervalSince(last) >= 2 else { lock.unlock(); return }
        last = Date()
        lock.unlock()
        try? store.setProgress(jobID, "已抓取 \(p.pages) 个页面，待抓取 \(p.queued) 个，请求 \(p.requests) 次，错误 \(p.errors) 个（\(Int(p.elapsed)) 秒）")
    }
}
