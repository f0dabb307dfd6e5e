import Foundation
import GovLensChecks
import GovLensCore
import GovLensCrawl

/// Repeated homepage visits with the 15-second rule (W-V2): a visit fails on DNS, connection or
/// TLS errors, an HTTP status of 400 or more, or no complete page within the time limit.
public enum Prober {
    /// What a probe series needs, resolved by `ScanSettings` from what the user gave.
    public struct Setup: Sendable {
        public var url: WebURL
        public var rules: RuleBook
        public var fetcher = FetcherConfig()

        /// Resolves the address, rule file, time limit and `--resolve` entries; errors in Chinese.
        public init(url: String, rulesFile: String?, timeout: Double?, resolve: [String]) throws(ScanSetupError) {
            self.url = try ScanSettings.startURL(url)
            rules = try ScanSettings.ruleBook(rulesFile)
            fetcher.timeout = ScanSettings.timeout(timeout, rules: rules)
            fetcher.resolve = try ScanSettings.resolve(resolve)
        }

        /// A setup from values already resolved (the scheduler's: one rule book for every site).
        public init(url: String, rules: RuleBook, resolve: [String: String]) throws(ScanSetupError) {
            self.url = try ScanSettings.startURL(url)
            self.rules = rules
            fetcher.timeout = ScanSettings.timeout(nil, rules: rules)
            fetcher.resolve = resolve
        }
    }

    /// Visits the homepage `count` times, `interval` seconds apart, and judges the series by the
    /// W-V2 veto threshold of the rule book.
    public static func run(_ setup: Setup, count: Int, interval: Double, onProbe: @Sendable (ProbeRecord) -> Void = { _ in }) async
        -> (summary: ProbeSummary, veto: Finding?)
    {
        let summary = await run(url: setup.url, count: count, interval: interval, fetcher: setup.fetcher, onProbe: onProbe)
        return (summary, SiteUnavailableCheck.finding(probe: summary, rules: setup.rules))
    }

    static func run(url: WebURL, count: Int, interval: Double, fetcher: FetcherConfig,
                           onProbe: @Sendable (ProbeRecord) -> Void = { _ in }) async -> ProbeSummary
    {
        let f = Fetcher(config: fetcher)
        var records: [ProbeRecord] = []
        for i in 0..<max(count, 1) {
            if i > 0 { try? await Task.sleep(for: .seconds(interval)) }
            let started = Date()
            let r = await f.fetch(url, body: .full(limit: fetcher.maxBodyBytes))
            let ok = r.failure == nil && (r.status ?? 999) < 400 && r.latency < fetcher.timeout
            let record = ProbeRecord(time: started, status: r.statusText, latencyMs: Int(r.latency * 1000), ok: ok,
                                     error: ok ? nil : (r.failureMessage ?? "HTTP \(r.statusText)"))
            records.append(record)
            onProbe(record)
        }
        await f.shutdown()
        return ProbeSummary(url: url.description, timeoutSeconds: fetcher.timeout, probes: records)
    }
}
