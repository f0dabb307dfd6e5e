import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensReports
import GovLensScan
import Testing

/// Hostile and broken sites: what used to lose data silently.
@Suite struct ReliabilityTests {
    func scan(_ site: ExampleSite) async throws -> ScanReport {
        let server = try await DemoServer.serve(pages: site.pages, asOf: site.asOf, host: site.host)
        defer { Task { await server.shutdown() } }
        var o = ScanOptions(url: server.homepage, asOf: site.asOf)
        o.resolve = [site.host: "127.0.0.1"]
        o.minInterval = 0
        o.recheckDelay = 0
        return try await SiteScanner.run(o)
    }

    /// A robots.txt over 512 KiB used to be thrown away whole, and everything was crawled.
    @Test func aHugeRobotsFileIsReadToItsFirst500KiB() async throws {
        let padding = String(repeating: "# 注释行，用于把文件撑大到 500 KiB 以上\n", count: 16_000)  // ≈ 900 KiB
        let site = ExampleSite(asOf: "2023-06-30", homeExtra: "<a href=\"/secret/a.html\">内部</a> <a href=\"/late/b.html\">晚到</a>")
            .with("/robots.txt", "User-agent: *\nDisallow: /secret/\n" + padding + "Disallow: /late/\n")
            .with("/secret/a.html", "<html><body>secret</body></html>")
            .with("/late/b.html", "<html><body>late</body></html>")
        let r = try await scan(site)
        #expect(!r.pages.contains { $0.url.contains("/secret/") }, "a rule in the first 500 KiB is obeyed")
        #expect(r.pages.contains { $0.url.contains("/late/") }, "a rule past 500 KiB is not read")
        #expect(r.notes?.contains { $0.contains("500 KiB") } == true)
        #expect(MarkdownReport.render(r).contains("只解析了前 500 KiB"))
    }
}
