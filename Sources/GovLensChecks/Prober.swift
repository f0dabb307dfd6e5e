import Foundation
import GovLensCore
import GovLensCrawl

/// One homepage visit.
public struct ProbeRecord: Codable, Sendable {
    public var time: Date
    public var status: String
    public var latencyMs: Int
    public var ok: Bool
    public var error: String?
}

public struct ProbeSummary: Codable, Sendable {
    public var url: String
    public var timeoutSeconds: Double
    public var probes: [ProbeRecord]
    public var failures: Int { probes.filter { !$0.ok }.count }
    public var failureRatio: Double { probes.isEmpty ? 0 : Double(failures) / Double(probes.count) }
}

/// Repeated homepage visits with the 15-second rule (W-V2): a visit fails on DNS, connection or
/// TLS errors, an HTTP status of 400 or more, or no complete page within the time limit.
public enum Prober {
    public static func run(url: WebURL, count: Int, interval: Double, fetcher: FetcherConfig,
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
