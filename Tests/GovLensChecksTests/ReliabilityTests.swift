import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensReports
import GovLensScan
import Testing

/// Hostile and broken sites: what used to lose data silently.
@Suite struct ReliabilityTests {
    func scan(_ site: ExampleSite, timeout: Double? = nil) async throws -> ScanReport {
        try await scanServed(site, timeout: timeout).report
    }

    /// Scans `site` served on loopback, with `special` routes, four connections and no waits;
    /// `adjust` changes the options further. Returns the report and the paths the server was asked for.
    func scanServed(_ site: ExampleSite, special: [String: SpecialRoute] = [:], timeout: Double? = nil,
                    adjust: (inout ScanOptions) -> Void = { _ in }) async throws -> (report: ScanReport, requested: [String])
    {
        let server = try await DemoServer.serve(pages: site.pages, asOf: site.asOf, host: site.host, special: special)
        defer { Task { await server.shutdown() } }
        var o = ScanOptions(url: server.homepage, asOf: site.asOf)
        o.timeout = timeout
        o.resolve = [site.host: "127.0.0.1"]
        o.setPoliteness(connections: 4, interval: 0)
        o.recheckDelay = 0
        adjust(&o)
        let report = try await SiteScanner.run(o)
        return (report, server.requests.map(\.path))
    }

    /// A robots.txt over 512 KiB used to be thrown away whole, and everything was crawled.
    @Test func aHugeRobotsFileIsReadToItsFirst500KiB() async throws {
        let padding = String(repeating: "# 注释行，用于把文件撑大到 500 KiB 以上\n", count: 16_000)  // ≈ 900 KiB
        let site = ExampleSite(asOf: "2023-06-30", homeExtra: "<a href=\"/secret/a.html\">内部</a> <a href=\"/late/b.html\">晚到</a>")
            .with("/robots.txt", "User-agent: *\nDisallow: /secret/\n" + padding + "Disallow: /late/\n")
            .with("/secret/a.html", "<html><body>secret</body></html>")
            .with("/late/b.html", "<html><body>late</body></html>")
        // A generous timeout: under the full suite's load the 900 KiB file once took longer than 15 s.
        let r = try await scan(site, timeout: 60)
        #expect(!r.pages.contains { $0.url.contains("/secret/") }, "a rule in the first 500 KiB is obeyed")
        #expect(r.pages.contains { $0.url.contains("/late/") }, "a rule past 500 KiB is not read")
        #expect(r.notes?.contains { $0.contains("500 KiB") } == true)
        #expect(MarkdownReport.render(r).contains("只解析了前 500 KiB"))
    }
}

extension ReliabilityTests {
    /// `--max-pages 5` on a page with thousands of same-site links used to queue a HEAD check for
    /// every one of them; the request budget bounds the scan and says what was left unchecked.
    @Test func theRequestBudgetBoundsTheWholeScan() async throws {
        let links = (0..<3000).map { "<a href=\"/p/\($0).html\">第\($0)页</a>" }.joined()
        let site = ExampleSite(asOf: "2023-06-30", homeExtra: links)
        let (r, requested) = try await scanServed(site) { o in
            o.setPoliteness(connections: 8, interval: 0)
            o.maxPages = 5
            o.maxRequests = 200
        }
        // The budget counts checks; a check of a missing page is a HEAD and a GET.
        #expect(r.stats.requests <= 2 * 200 + 30, "\(r.stats.requests) requests")
        #expect(requested.count <= 2 * 200 + 30 && requested.count == r.stats.requests)
        #expect((r.stats.skipped["max-requests"] ?? 0) >= 2700)
        #expect(!r.complete && r.incompleteReasons.contains { $0.contains("请求上限") && $0.contains("未检查") })
    }

    /// A link that answers 429 with Retry-After: 3600 every time: the host waits at most the rule
    /// file's cap, and the link is a classified error, not a silent gap.
    @Test func aLinkThatStaysRateLimitedIsAClassifiedError() async throws {
        let site = ExampleSite(asOf: "2023-06-30", homeExtra: "<a href=\"/busy.html\">报名系统</a>")
        let started = Date()
        let r = try await scanServed(site, special: ["/busy.html": .alwaysRateLimited(retryAfter: 3600)]).report
        #expect(r.errors.contains { $0.kind == "rate-limited" && $0.url.hasSuffix("/busy.html") })
        // Two retries at the rule file's 10 s cap, not an hour (a bound, not a timing assertion: the
        // whole scan took up to 140 s under the full suite's load on 2 cores, so 120 s was too tight).
        #expect(Date().timeIntervalSince(started) < 600)
    }
}

extension ReliabilityTests {
    /// robots.txt answering 503: RFC 9309 says assume a complete disallow. The homepage is still
    /// judged (one request), nothing else is fetched, and the report says why it is incomplete.
    @Test func anUnreachableRobotsFileMeansDisallowAll() async throws {
        let site = ExampleSite(asOf: "2023-06-30").with("/robots.txt", nil)
        let (r, requested) = try await scanServed(site, special: ["/robots.txt": .status(503)])
        #expect(r.homepage.reachable && !r.findings.contains { $0.check == .siteUnavailable })
        let fetched = requested.filter { $0 != "/robots.txt" }
        #expect(fetched == ["/"], "\(fetched)")
        #expect(!r.complete && r.incompleteReasons.contains { $0.contains("robots.txt 无法访问") && $0.contains("RFC 9309") })
    }

    /// robots.txt that never answers within the timeout used to be read silently as "no rules".
    /// The crawl still goes on (a host that is down is the link checks' to report), and the report
    /// says that the site's rules could not be followed.
    @Test func aRobotsFileThatTimesOutIsNamedInTheReport() async throws {
        let site = ExampleSite(asOf: "2023-06-30").with("/robots.txt", nil)
        let r = try await scanServed(site, special: ["/robots.txt": .slow], timeout: 2).report
        #expect(r.pages.count > 1, "the crawl went on")
        #expect(r.notes?.contains { $0.contains("robots.txt 读取失败") && $0.contains("超时") } == true, "\(r.notes ?? [])")
        #expect(MarkdownReport.render(r).contains("robots.txt 读取失败"))
    }

    /// A page whose first request timed out under load used to be rechecked by a peek at its first
    /// bytes, which succeeded, so a page too large to read was reported as working (the demo scan
    /// lost its planted too-large link this way once on a loaded machine). A page is rechecked as
    /// it was crawled: whole, against the same cap.
    @Test func aPageThatTimedOutOnceIsRecheckedWhole() async throws {
        let site = ExampleSite(asOf: "2023-06-30", homeExtra: "<a href=\"/video.html\">视频全文</a>")
        // The first answer waits 20 s; 15 s leaves the second room to pass the 1 MiB cap under the
        // full suite's load (at 2 s it once did not, and timed out again; at 10 s once too, in a
        // full local run on two cores).
        let (r, requested) = try await scanServed(site, special: ["/video.html": .slowThenHuge], timeout: 15) { o in
            o.maxBodyBytes = 1 << 20
        }
        #expect(requested.filter { $0 == "/video.html" }.count == 2, "\(requested)")
        let f = try #require(r.findings.first { $0.check == .linkBroken && $0.target?.hasSuffix("/video.html") == true },
                             "\(r.findings.map(\.check))")
        #expect(f.status == "too-large" && f.definite == false && f.needsReview, "\(f.status ?? "") \(f.evidence)")
    }

    /// A page whose first request timed out and that answers on the recheck used to be dropped: the
    /// recheck only judged the link, so the page's text and the links below it were never read,
    /// while its timeout stayed in the errors. It is crawled on the recheck now.
    @Test func aPageThatAnswersOnTheRecheckIsCrawled() async throws {
        let site = ExampleSite(asOf: "2023-06-30", homeExtra: "<a href=\"/late/news.html\">迟到的新闻</a>")
            .with("/late/news.html", "<html><head><title>迟到的新闻</title></head><body><p>正文</p>"
                + "<a href=\"/late/gone.html\">相关链接</a></body></html>")
        let (r, requested) = try await scanServed(site, special: ["/late/news.html": .slowOnce], timeout: 10)
        #expect(requested.filter { $0 == "/late/news.html" }.count == 2, "\(requested)")
        #expect(r.pages.filter { $0.url.hasSuffix("/late/news.html") }.map(\.status) == [200])
        #expect(r.pages.first { $0.url.hasSuffix("/late/news.html") }?.title == "迟到的新闻")
        #expect(!r.errors.contains { $0.url.hasSuffix("/late/news.html") }, "\(r.errors)")
        #expect(!r.findings.contains { $0.target?.hasSuffix("/late/news.html") == true })
        let gone = r.findings.first { $0.check == .linkBroken && $0.target?.hasSuffix("/late/gone.html") == true }
        #expect(gone?.status == "404" && gone?.page.hasSuffix("/late/news.html") == true, "\(r.findings.map(\.evidence))")
    }
}
