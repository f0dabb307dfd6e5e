import Foundation
import GovLensCore

extension Fetcher {
    /// Fetches `url` (redirects followed, within one deadline), or replays the answer the journal
    /// recorded for this very request in an earlier, interrupted run of the same scan.
    public func fetch(_ url: WebURL, body mode: BodyMode) async -> FetchResult {
        guard let journal else { return await fetchLive(url, body: mode) }
        let key = ordinals.next(Self.verb(mode) + " " + url.description)
        if let entry = journal.recorded(key), let replayed = RecordedFetch.result(entry, url: url) { return replayed }
        let r = await fetchLive(url, body: mode)
        // A request cut short by Ctrl-C is no answer: the resumed scan asks again.
        if !Task.isCancelled { journal.record(key, url: url.description, RecordedFetch.entry(r)) }
        return r
    }

    /// Whether an earlier run's answer for `url` will be replayed (the host's turn is then not taken).
    func replays(_ url: WebURL) -> Bool { journal?.hasRecording(url: url.description) ?? false }

    static func verb(_ mode: BodyMode) -> String {
        switch mode {
        case .none: "HEAD"
        case .full: "GET"
        case .peek: "PEEK"
        }
    }
}

/// Counts identical requests of one scan, so the n-th request for a URL replays the n-th answer.
final class RequestOrdinals: @unchecked Sendable {  // the counts sit behind the lock
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func next(_ request: String) -> String {
        lock.lock(); defer { lock.unlock() }
        let n = counts[request, default: 0]
        counts[request] = n + 1
        return "\(request) #\(n)"
    }
}

/// A `FetchResult` without its body, as the journal keeps it.
struct RecordedFetch: Codable {
    var finalURL: String
    var status: Int?
    var contentType: String?
    var contentLength: Int?
    var retryAfter: Double?
    var failure: FetchFailure?
    var failureMessage: String?
    var redirects: [String]
    var latency: Double

    static func entry(_ r: FetchResult) -> JournalEntry {
        let meta = RecordedFetch(finalURL: r.finalURL.description, status: r.status, contentType: r.contentType,
                                 contentLength: r.contentLength, retryAfter: r.retryAfter, failure: r.failure,
                                 failureMessage: r.failureMessage, redirects: r.redirects, latency: r.latency)
        return JournalEntry(meta: (try? JSONEncoder().encode(meta)) ?? Data(), body: r.body)
    }

    /// The answer as the fetcher first returned it; nil when the entry cannot be read (then it is fetched again).
    static func result(_ e: JournalEntry, url: WebURL) -> FetchResult? {
        guard let m = try? JSONDecoder().decode(RecordedFetch.self, from: e.meta),
              let final = try? WebURL(parsing: m.finalURL) else { return nil }
        return FetchResult(url: url, finalURL: final, status: m.status, contentType: m.contentType,
                           contentLength: m.contentLength, retryAfter: m.retryAfter, body: e.body, failure: m.failure,
                           failureMessage: m.failureMessage, redirects: m.redirects, latency: m.latency)
    }
}
