import Foundation

/// One homepage visit.
public struct ProbeRecord: Codable, Sendable {
    /// One visit's record.
    public init(time: Date, status: String, latencyMs: Int, ok: Bool, error: String?) {
        self.time = time; self.status = status; self.latencyMs = latencyMs; self.ok = ok; self.error = error
    }
    public var time: Date
    public var status: String
    public var latencyMs: Int
    public var ok: Bool
    public var error: String?
}

/// A series of homepage visits (`govlens probe`), judged by `SiteUnavailableCheck`.
public struct ProbeSummary: Codable, Sendable {
    /// A series of visits of `url` with the time limit used.
    public init(url: String, timeoutSeconds: Double, probes: [ProbeRecord]) {
        self.url = url; self.timeoutSeconds = timeoutSeconds; self.probes = probes
    }
    public var url: String
    public var timeoutSeconds: Double
    public var probes: [ProbeRecord]
    public var failures: Int { probes.filter { !$0.ok }.count }
    public var failureRatio: Double { probes.isEmpty ? 0 : Double(failures) / Double(probes.count) }
}
