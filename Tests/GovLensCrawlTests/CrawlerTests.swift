import GovLensCore
import Foundation
import GovLensCrawl
import GovLensDemo
import GovLensText
import Testing

/// Crawls the demo site on a real loopback HTTP server and reads the server's request log.
@Suite(.serialized) struct CrawlerTests {
    static let asOf = SimpleDate(iso: "2023-06-30")!

    func crawl(_ server: DemoServer, configure: (inout CrawlConfig) -> Void = { _ in }) async throws -> CrawlOutcome {
        var c = CrawlConfig(start: try WebURL(parsing: server.homepage), asOf: Self.asOf)
        c.fetcher.resolve = server.resolve
        // Generous against load (the suite shares 2 cores with the rest); the slow endpoint outlasts it.
        c.fetcher.timeout = 5
        c.recheckDelay = 0.2
        configure(&c)
        let fetcher = Fetcher(config: c.fetcher)
        let outcome = await Crawler(config: c, fetcher: fetcher).run()
        await fetcher.shutdown()
        return outcome
    }

    @Test func politeRobotsAwareCrawlThatFetchesEachTargetOnce() async throws {
        let server = try await DemoServer.start(asOf: Self.asOf, slowSeconds: 10)
        let outcome = try await crawl(server)
        await server.shutdown()
        let log = server.requests.filter { $0.host == DemoSiteConfig.siteHost }

        // robots.txt: fetched first, and its disallowed areas never requested.
        #expect(log.first?.path == "/robots.txt")
        #expect(!log.contains { $0.path.hasPrefix("/admin/") || $0.path.hasPrefix("/search/") })
        #expect(outcome.stats.skipped["robots"] == 2)
        // Politeness: never more than 4 requests in progress on the site.
        #expect(server.maxInFlight(host: DemoSiteConfig.siteHost) <= 4)
        #expect(server.maxInFlight(host: DemoSiteConfig.siteHost) >= 2)  // …and it did use parallel connections
        // De-duplication: session-id variants normalised, so no page was fetched twice by GET,
        // except what the re-check and the 429/503 retries fetch again on purpose.
        // (the redirect loop's second hop is fetched again when the loop is re-checked)
        let again: Set<String> = ["/_fail/flaky.html", "/_fail/busy.html", "/old/index2.html"]
        var gets: [String: Int] = [:]
        for r in log where r.method == "GET" { gets[r.path, default: 0] += 1 }
        let repeated = gets.filter { $0.value > 1 && !again.contains($0.key) }
        let suspects = Set(server.truth.brokenLinks.filter { !$0.definite }.map { URLComponents(string: $0.target)!.path })
        #expect(repeated.keys.allSatisfy { suspects.contains($0) }, "fetched twice: \(repeated)")
        #expect(!log.contains { $0.path.contains("jsessionid") || $0.path.contains("sid=") })
        // Traps stopped: the calendar and the recursive topic path are bounded.
        #expect(log.filter { $0.path.hasPrefix("/hdjl/hdrl/") }.count <= 12)
        #expect(!log.contains { $0.path.hasPrefix("/zt/zt/zt/") })
        // Pages reachable only through malformed markup were crawled.
        let crawled = Set(outcome.pages.map(\.url))
        for url in server.truth.mustCrawl { #expect(crawled.contains(url)) }
        // Nothing dropped silently: the binary page is a classified error.
        #expect(outcome.errors.contains { $0.kind == "binary" && $0.url.hasSuffix("/xwzx/xzdt/binary.html") })
    }

    /// Regressions: pages sharing a long common prefix are not "duplicates", and paging through a
    /// column's list pages (index_1.html, index_2.html …) does not use up crawl depth.
    @Test func everyArticleOfAPaginatedColumnIsReachedAtShallowDepth() async throws {
        let server = try await DemoServer.start(asOf: Self.asOf, articlesPerColumn: 50, slowSeconds: 10)
        let outcome = try await crawl(server) { $0.maxDepth = 2; $0.checkExternal = false }
        await server.shutdown()
        let crawled = Set(outcome.pages.map(\.url))
        let wanted = server.truth.articleDates.keys.filter { $0.contains("/tzgg/") || $0.contains("/xwzx/zwyw/") }
        #expect(wanted.count >= 100)
        let missing = wanted.filter { !crawled.contains($0) }
        #expect(missing.isEmpty, "not crawled: \(missing.prefix(5))")
    }

    @Test func pageLimitMarksTheCrawlIncomplete() async throws {
        let server = try await DemoServer.start(asOf: Self.asOf, slowSeconds: 10)
        let outcome = try await crawl(server) { $0.maxPages = 10; $0.checkExternal = false }
        await server.shutdown()
        #expect(outcome.stats.pages <= 10)
        #expect(!outcome.incompleteReasons.isEmpty)
        #expect((outcome.stats.skipped["max-pages"] ?? 0) > 0)
    }

    @Test func unreachableHomepageStopsTheCrawl() async throws {
        var c = CrawlConfig(start: try WebURL(parsing: "http://127.0.0.1:9/"), asOf: Self.asOf)
        c.fetcher.timeout = 2
        let fetcher = Fetcher(config: c.fetcher)
        let outcome = await Crawler(config: c, fetcher: fetcher).run()
        await fetcher.shutdown()
        #expect(!outcome.homepage.reachable)
        #expect(outcome.homepage.status == "refused")
        #expect(outcome.pages.isEmpty)
        #expect(outcome.incompleteReasons.contains { $0.contains("首页无法访问") })
    }
}

/// Answers kept in memory, as the store keeps them for a resumed scan.
final class MemoryJournal: FetchJournal, @unchecked Sendable {  // the entries sit behind the lock
    private let lock = NSLock()
    private var earlier: [String: JournalEntry] = [:]
    private var urls: Set<String> = []
    private var now: [String: (url: String, entry: JournalEntry)] = [:]

    /// A journal holding what `previous` recorded, `keep` deciding which answers survive.
    init(_ previous: MemoryJournal? = nil, keep: (String) -> Bool = { _ in true }) {
        for (key, e) in previous?.now ?? [:] where keep(key) { earlier[key] = e.entry; urls.insert(e.url) }
    }
    func recorded(_ key: String) -> JournalEntry? { lock.lock(); defer { lock.unlock() }; return earlier[key] }
    func hasRecording(url: String) -> Bool { urls.contains(url) }
    func record(_ key: String, url: String, _ entry: JournalEntry) { lock.lock(); now[key] = (url, entry); lock.unlock() }
    /// URLs this run asked the site for.
    var newURLs: Set<String> { lock.lock(); defer { lock.unlock() }; return Set(now.values.map(\.url)) }
    var recordedURLs: Set<String> { urls }
    var recordedCount: Int { earlier.count }
    var newCount: Int { lock.lock(); defer { lock.unlock() }; return now.count }
}

/// The replay a resumed scan rests on: a crawl given the answers of an earlier one asks the site only
/// for what is missing and comes to the same pages, broken links and errors.
@Suite(.serialized) struct ReplayTests {
    func crawl(_ server: DemoServer, journal: MemoryJournal) async throws -> CrawlOutcome {
        var c = CrawlConfig(start: try WebURL(parsing: server.homepage), asOf: CrawlerTests.asOf)
        c.fetcher.resolve = server.resolve
        c.fetcher.timeout = 3
        c.recheckDelay = 0.2
        c.maxRetryAfter = 1
        let fetcher = Fetcher(config: c.fetcher, journal: journal)
        let outcome = await Crawler(config: c, fetcher: fetcher).run()
        await fetcher.shutdown()
        return outcome
    }

    /// Pages, broken links and errors, calendar days aside: the trap guard admits 10 days of the
    /// demo's endless calendar, and which 10 depends on the order answers arrive, in any two crawls
    /// (as does which of `/col/` and `/col/index.html` names their one page).
    func essence(_ o: CrawlOutcome) -> (pages: Set<String>, bad: Set<String>, errors: Set<String>, calendarDays: Int) {
        let calendar = { (s: String) in s.contains("date=") }
        // `/col/` and `/col/index.html` serve one body: the page is named by whichever answered first.
        return (Set(o.pages.map { "\($0.status) \($0.url)".replacingOccurrences(of: "/index.html", with: "/") }.filter { !calendar($0) }),
                Set(o.badLinks.map { "\($0.page) → \($0.target.url) \($0.target.statusText)" }.filter { !calendar($0) }),
                Set(o.errors.map { "\($0.kind) \($0.url)" }.filter { !calendar($0) }), o.pages.filter { calendar($0.url) }.count)
    }

    @Test func aCrawlReplayedFromItsJournalAsksOnlyForWhatIsMissing() async throws {
        let server = try await DemoServer.start(asOf: CrawlerTests.asOf, articlesPerColumn: 3, slowSeconds: 6)
        defer { Task { await server.shutdown() } }
        let first = MemoryJournal()
        let original = try await crawl(server, journal: first)
        let sent = server.requests.count
        #expect(first.newCount > 50 && original.pages.count > 30)

        // Every answer kept: the site is asked for nothing it answered before (at most a calendar day
        // the original crawl did not reach), and the outcome is the same.
        let whole = MemoryJournal(first)
        let replayed = try await crawl(server, journal: whole)
        #expect(whole.recordedCount == first.newCount)
        #expect(whole.newURLs.isDisjoint(with: first.newURLs), "asked again: \(whole.newURLs.intersection(first.newURLs))")
        #expect(whole.newURLs.allSatisfy { $0.contains("date=") } && server.requests.count - sent <= 4)
        #expect(essence(replayed) == essence(original))
        #expect(replayed.stats.requests == original.stats.requests && replayed.stats.links == original.stats.links)

        // Every third answer lost (a kill before it was written): only those are asked again.
        var n = 0
        var lostURLs: Set<String> = []
        let part = MemoryJournal(first) { key in
            n += 1
            guard n % 3 == 0 else { return true }
            // "GET http://… #0" → the URL
            lostURLs.insert(String(key.drop { $0 != " " }.dropFirst().prefix { $0 != " " }))
            return false
        }
        let lost = first.newCount - part.recordedCount
        let resumed = try await crawl(server, journal: part)
        let asked = part.newURLs
        #expect(!asked.isEmpty && part.newCount <= lost + 4, "\(part.newCount) answers asked for \(lost) lost")
        #expect(asked.allSatisfy { lostURLs.contains($0) || $0.contains("date=") }, "asked again: \(asked.subtracting(lostURLs))")
        #expect(essence(resumed).pages == essence(original).pages)
        #expect(essence(resumed).calendarDays == essence(original).calendarDays)
    }
}
