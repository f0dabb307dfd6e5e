import Foundation
import GovLensCore
import GovLensHTML
import GovLensText

/// Settings for one crawl: start URL, scope, page and depth limits, politeness and re-check rules.
/// Build one per scan and hand it to `Crawler`; the defaults are polite enough for live sites.
public struct CrawlConfig: Sendable {
    public var start: WebURL
    /// Authorities (`host` or `host:port`) crawled besides the start host.
    public var extraHosts: Set<String> = []
    public var maxPages = 20_000
    /// Page fetches and link checks of the whole scan (a check may be a HEAD and a GET); nil: 4 per
    /// page allowed, at least 1,000. Links past it are listed as not checked, with their count.
    public var maxRequests: Int?
    public var maxDepth = 20
    /// Requests in flight across all hosts (bounds memory as well as load).
    public var maxInFlight = 32
    /// Polite defaults: 4 connections and 100 ms between requests per host.
    public var connectionsPerHost = 4
    public var minInterval = 0.1
    public var respectRobots = true
    /// Retries after 429/503 (honouring Retry-After, capped at `maxRetryAfter`).
    public var maxRetries = 2
    public var maxRetryAfter = 60.0
    /// Re-check suspected links once, after this pause, before reporting them.
    public var recheckSuspected = true
    public var recheckDelay = 2.0
    public var checkExternal = true
    public var trapLimits = TrapGuard.Limits()
    public var asOf: SimpleDate
    public var fetcher = FetcherConfig()
    public var policy = LinkPolicy()
    /// Bytes read from a GET used to check a link (enough for a soft-404 title).
    public var peekBytes = 64 << 10
    /// Attachments larger than this are reported as not checked (20 MB default, issue 3).
    public var attachmentMaxBytes = 20 << 20

    /// Starts from `start` with every other setting at its default; `asOf` anchors the trap guard's calendar-year window.
    public init(start: WebURL, asOf: SimpleDate) {
        self.start = start
        self.asOf = asOf
    }

    /// The politeness limits lifted, for loopback benchmarks only.
    public mutating func liftPoliteness(inFlight: Int = 64) {
        maxInFlight = inFlight
        connectionsPerHost = inFlight
        fetcher.connectionsPerHost = inFlight
        minInterval = 0
    }
}

/// A page fetched and parsed, handed to page checks while the crawl goes on.
public struct CrawledPage: Sendable {
    public var url: WebURL
    public var depth: Int
    public var status: Int
    public var contentType: String?
    public var charset: CharsetDecision
    public var page: PageModel
    /// `page.links` resolved against the page (nil where a link is malformed), index for index.
    public var resolvedLinks: [WebURL?]
    public var date: SimpleDate?
    public var isHome: Bool
}

/// One of the site's attachments as downloaded for the text checks. `fetch.body` is nil when the
/// download failed or the file was larger than `limit` (then `fetch.failure` says which).
public struct FetchedAttachment: Sendable {
    public var url: String
    public var linkedFrom: String?
    /// The linking page's date, which stands for the attachment's.
    public var linkedFromDate: SimpleDate?
    public var fetch: FetchResult
    public var limit: Int
}

/// The checked state of one distinct link target.
public struct LinkTarget: Sendable {
    public var url: String
    public var status: Int?
    public var failure: FetchFailure?
    public var failureMessage: String?
    public var soft404: Bool
    public var verdict: LinkPolicy.Verdict
    public var external: Bool
    public var attachment: Bool
    /// The first verdict, before the re-check of suspected links.
    public var firstVerdict: LinkPolicy.Verdict?
    public var redirects: [String]

    public var statusText: String {
        if soft404 && failure == nil && (status ?? 200) < 400 { return "soft-404" }
        return failure?.rawValue ?? status.map(String.init) ?? "unknown"
    }
}

/// Where a not-working link was seen.
public struct LinkOccurrence: Sendable {
    public var page: String
    public var onHomepage: Bool
    public var target: LinkTarget
    public var kind: LinkKind
    public var text: String
}

/// A snapshot of a running crawl, passed to the progress callback for a live status line.
public struct CrawlProgress: Sendable {
    public var pages: Int
    public var queued: Int
    public var inFlight: Int
    public var requests: Int
    public var errors: Int
    public var elapsed: Double
    public var phase: String
}

/// The result of `Crawler.run()`: homepage status, crawled pages, broken or suspected links, errors,
/// statistics, and why the crawl is incomplete (if it is).
public struct CrawlOutcome: Sendable {
    public var homepage: HomepageStatus
    public var pages: [PageRecord]
    /// Links whose target is broken or suspected, one per (page, target).
    public var badLinks: [LinkOccurrence]
    public var errors: [CrawlErrorRecord]
    public var stats: ScanStats
    public var incompleteReasons: [String]
    /// What a reader should know that is not a failure (a robots.txt read only in part).
    public var notes: [String] = []
}
