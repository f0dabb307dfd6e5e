import Foundation

/// What a scan fetched, kept where it survives the process, so an interrupted scan resumes without
/// asking a site for anything twice. The crawler's fetcher looks each request up before sending it
/// and records each answer it receives in full; the store keeps the entries (`ScanCheckpoint`).
///
/// Keys name one request of a scan: its kind, URL and how many identical requests came before it
/// (a re-check asks for the same URL a second time, and that is not a repeat).
public protocol FetchJournal: Sendable {
    /// The answer recorded under `key` by an earlier run, or nil.
    func recorded(_ key: String) -> JournalEntry?
    /// Whether an earlier run recorded any answer for `url` (it is then replayed, not waited for).
    func hasRecording(url: String) -> Bool
    /// Keeps an answer received in full; written to the store in batches.
    func record(_ key: String, url: String, _ entry: JournalEntry)
    /// How many answers earlier runs recorded.
    var recordedCount: Int { get }
}

/// One recorded answer: what the fetcher learnt (status, headers, redirects, failure) as JSON,
/// and the body it read, if any.
public struct JournalEntry: Sendable {
    public var meta: Data
    public var body: Data?
    public init(meta: Data, body: Data?) { self.meta = meta; self.body = body }
}
