import Foundation
import GovLensChecks
import GovLensCore
import GovLensScan
import GovLensStore

/// Keeps monitoring on schedule: homepage probes (every 15 minutes by default, stored, with the
/// 19号 availability veto over a rolling window), a weekly full scan and a daily light check, per
/// site. What is due is computed from the store (last run + interval), so a missed tick or a
/// restart runs a due task once, never twice and never a backlog.
public struct Scheduler: Sendable {
    public let store: ScanStore
    public let rules: RuleBook
    public let defaults: Schedule
    /// `--resolve` entries for probes.
    public let resolve: [String: String]
    /// The clock (tests move it).
    public let now: @Sendable () -> Date
    /// One homepage visit (tests may replace the network).
    public let visit: @Sendable (SiteRecord) async -> ProbeRecord
    /// 政务新媒体 accounts checked when due (`NewMediaMonitor.intervalHours`); nil leaves them out.
    public var newMedia: NewMediaMonitor? = nil

    public init(store: ScanStore, rules: RuleBook, defaults: Schedule = Schedule(), resolve: [String: String] = [:],
                now: @escaping @Sendable () -> Date = { Date() }, visit: (@Sendable (SiteRecord) async -> ProbeRecord)? = nil)
    {
        self.store = store; self.rules = rules; self.defaults = defaults; self.resolve = resolve; self.now = now
        let r = resolve, book = rules
        self.visit = visit ?? { site in
            guard let setup = try? Prober.Setup(url: site.url, rules: book, resolve: r) else {
                return ProbeRecord(time: Date(), status: "invalid-url", latencyMs: 0, ok: false, error: "网站地址无效：\(site.url)")
            }
            return await Prober.run(setup, count: 1, interval: 0).summary.probes[0]
        }
    }

    /// What one tick did.
    public struct Tick: Sendable, Equatable {
        public var probes = 0, scans = 0, lights = 0
        /// 政务新媒体 accounts checked.
        public var accounts = 0
        public init(probes: Int = 0, scans: Int = 0, lights: Int = 0, accounts: Int = 0) {
            self.probes = probes; self.scans = scans; self.lights = lights; self.accounts = accounts
        }
    }

    /// Runs everything due now, once.
    @discardableResult
    public func tick() async throws -> Tick {
        var done = Tick()
        let t = now()
        for site in try store.sites(.all) {
            let s = try store.schedule(siteID: site.id, defaults: defaults)
            guard s.enabled else { continue }
            let last = try store.lastRun(siteID: site.id)
            if due(last.probe, every: Double(s.probeMinutes) * 60, at: t) {
                var record = await visit(site)
                record.time = t
                try store.addProbe(siteID: site.id, record)
                try store.trackAvailability(siteID: site.id, finding: availabilityVeto(site, at: t))
                done.probes += 1
            }
            if due(last.scan, every: Double(s.scanDays) * 86400, at: t) {
                _ = try store.enqueueScan(siteID: site.id, runAfter: t, createdAt: t)
                done.scans += 1
            } else if due(last.light, every: Double(s.lightHours) * 3600, at: t), due(last.scan, every: Double(s.lightHours) * 3600, at: t) {
                try store.enqueueLight(siteID: site.id, at: t)
                done.lights += 1
            }
        }
        if let newMedia { done.accounts = try await newMedia.runDue(now: t) }
        return done
    }

    /// The W-V2 veto over the rule book's window (7 days), or nil.
    public func availabilityVeto(_ site: SiteRecord, at t: Date) throws -> Finding? {
        let window = Double(rules.availability.windowDays) * 86400
        let probes = try store.probes(siteID: site.id, since: t.addingTimeInterval(-window))
        let summary = ProbeSummary(url: site.url, timeoutSeconds: rules.availability.timeoutSeconds, probes: probes)
        return SiteUnavailableCheck.finding(probe: summary, rules: rules)
    }

    /// The 7-day availability of a site: visits and failures.
    public func availability(_ site: SiteRecord) throws -> (probes: Int, failures: Int) {
        let probes = try store.probes(siteID: site.id, since: now().addingTimeInterval(-Double(rules.availability.windowDays) * 86400))
        return (probes.count, probes.filter { !$0.ok }.count)
    }

    func due(_ last: Date?, every interval: Double, at t: Date) -> Bool {
        guard let last else { return true }
        return t.timeIntervalSince(last) >= interval - 1
    }

    /// Ticks every `seconds` until cancelled.
    public func run(every seconds: Double = 30) async {
        while !Task.isCancelled {
            _ = try? await tick()
            try? await Task.sleep(for: .seconds(seconds))
        }
    }
}
