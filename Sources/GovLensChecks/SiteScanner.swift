import Foundation
import GovLensCore
import GovLensCrawl
import GovLensText

/// Everything `govlens scan` can be told.
public struct ScanOptions: Sendable {
    public var url: String
    public var asOf: SimpleDate
    public var maxPages = 20_000
    public var maxDepth = 20
    public var connectionsPerHost = 4
    public var minInterval = 0.1
    public var maxInFlight = 32
    public var timeout: Double?
    public var respectRobots = true
    public var checkExternal = true
    public var extraHosts: [String] = []
    public var resolve: [String: String] = [:]
    public var maxBodyBytes = 10 << 20
    public var recheckDelay = 2.0
    public var rules: RuleBook

    public init(url: String, asOf: SimpleDate, rules: RuleBook = .bundled()) {
        self.url = url; self.asOf = asOf; self.rules = rules
    }
}

public enum ScanSetupError: Error, CustomStringConvertible {
    case invalidURL(String)
    public var description: String {
        switch self {
        case .invalidURL(let u): return "起始地址无效：\(u)（需要 http:// 或 https:// 开头的完整网址）"
        }
    }
}

/// Crawl → page and link checks → the scan report.
public enum SiteScanner {
    public static func crawlConfig(_ o: ScanOptions) throws -> CrawlConfig {
        var raw = o.url
        if !raw.contains("://") { raw = "http://" + raw }
        guard let start = try? WebURL(parsing: raw) else { throw ScanSetupError.invalidURL(o.url) }
        var c = CrawlConfig(start: start, asOf: o.asOf)
        c.maxPages = o.maxPages
        c.maxDepth = o.maxDepth
        c.connectionsPerHost = o.connectionsPerHost
        c.minInterval = o.minInterval
        c.maxInFlight = o.maxInFlight
        c.respectRobots = o.respectRobots
        c.checkExternal = o.checkExternal
        c.extraHosts = Set(o.extraHosts.map { $0.lowercased() })
        c.recheckDelay = o.recheckDelay
        c.policy = o.rules.linkPolicy
        c.fetcher.timeout = o.timeout ?? o.rules.availability.timeoutSeconds
        c.fetcher.connectionsPerHost = o.connectionsPerHost
        c.fetcher.resolve = o.resolve
        c.fetcher.maxBodyBytes = o.maxBodyBytes
        c.fetcher.maxDecompressedBytes = o.maxBodyBytes * 4
        return c
    }

    public static func run(_ options: ScanOptions, onPage: Crawler.PageHook? = nil,
                           progress: (@Sendable (CrawlProgress) -> Void)? = nil) async throws -> ScanReport
    {
        let config = try crawlConfig(options)
        let startedAt = Date()
        let fetcher = Fetcher(config: config.fetcher)
        let detector = PersonalNumberDetector()
        let pageFindings = FindingCollector()
        let hook: Crawler.PageHook = { page in
            pageFindings.add(PrivacyCheck.findings(page: page.url.description, text: page.page.text, detector: detector))
            await onPage?(page)
        }
        let outcome = await Crawler(config: config, fetcher: fetcher, onPage: hook, progress: progress).run()
        await fetcher.shutdown()

        var findings: [Finding] = []
        if let f = SiteUnavailableCheck.finding(homepage: outcome.homepage, rules: options.rules) { findings.append(f) }
        findings += LinkBrokenCheck.findings(outcome.badLinks, rules: options.rules)
        findings += pageFindings.all
        findings.sort { ($0.severity.rank, $0.page, $0.target ?? "") < ($1.severity.rank, $1.page, $1.target ?? "") }
        return ScanReport(site: config.start.description, asOf: options.asOf.description, startedAt: startedAt,
                          finishedAt: Date(), stats: outcome.stats, complete: outcome.incompleteReasons.isEmpty,
                          incompleteReasons: outcome.incompleteReasons, homepage: outcome.homepage,
                          pages: outcome.pages, columns: [], findings: findings, errors: outcome.errors)
    }
}

/// Findings from page checks, which run concurrently in the crawler's child tasks.
final class FindingCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Finding] = []
    func add(_ f: [Finding]) {
        guard !f.isEmpty else { return }
        lock.lock(); items += f; lock.unlock()
    }
    var all: [Finding] { lock.lock(); defer { lock.unlock() }; return items }
}

extension Severity {
    var rank: Int { Severity.allCases.firstIndex(of: self)! }
}
