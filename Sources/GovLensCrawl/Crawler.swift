import DequeModule
import Foundation
import GovLensCore
import GovLensHTML
import GovLensText

/// Breadth-first crawl of one site plus a check of every link on every crawled page.
///
/// One coordinator task owns all state (frontier, per-host queues, link verdicts); fetching and
/// parsing run in child tasks and hand back values. Bodies are parsed and dropped at once, so
/// memory grows with the number of distinct URLs, never with page bodies.
public final class Crawler: @unchecked Sendable {  // used from one task; the hook is Sendable
    /// Called with each of the site's pages as soon as it is fetched and parsed; run the page checks here.
    public typealias PageHook = @Sendable (CrawledPage) async -> Void
    /// Called with each of the site's own attachments, downloaded after its link check passed.
    public typealias AttachmentHook = @Sendable (FetchedAttachment) async -> Void

    let config: CrawlConfig
    let fetcher: Fetcher
    let onPage: PageHook?
    let onAttachment: AttachmentHook?
    let progress: (@Sendable (CrawlProgress) -> Void)?

    // MARK: state, touched only by the coordinator
    private var ids: [String: Int32] = [:]
    private var targets: [Target] = []
    private var hosts: [String: Host] = [:]
    private var hostOrder: [String] = []
    private var queuedJobs = 0
    private var inFlight = 0
    private var crawlsStarted = 0
    private var pages: [PageRecord] = []
    /// Dates of dated pages, for the attachments they link (an attachment has no date of its own).
    private var pageDates: [Int32: SimpleDate] = [:]
    private var occurrences: [RawOccurrence] = []
    private var recordedPairs: Set<UInt64> = []
    private var seenBodies: [Int: Int32] = [:]
    private var errors: [CrawlErrorRecord] = []
    private var stats = ScanStats()
    private var trapGuard: TrapGuard
    private var homepage: HomepageStatus
    private var homepageFailed = false
    /// Jobs admitted so far, against the request budget.
    private var requestsStarted = 0
    private var requestBudget: Int { config.maxRequests ?? max(config.maxPages * 4, 1000) }
    private var notes: [String] = []
    /// Hosts whose robots.txt could not be read, so nothing but the homepage was fetched there.
    private var robotsBlocked: [String] = []
    /// Set when the task running the crawl was cancelled (Ctrl-C): nothing new starts, what was in
    /// flight is dropped unrecorded (a cancelled request is not a broken link), and the outcome says so.
    private var interrupted = false
    private var homeIDs: Set<Int32> = []
    private var phase = "crawl"
    private let started = ContinuousClock.now
    private var lastProgress = ContinuousClock.now

    struct Target {
        let url: WebURL
        let external: Bool
        let attachment: Bool
        var state: State = .new
        var referrer: Int32 = -1
        var result: LinkTarget?
        /// The depth this page was crawled at. A recheck reads a page whole, against the same cap (a
        /// page that timed out under load and is too large is still found too large), and crawls it
        /// when it now answers, so that a transient failure loses neither its text nor its links.
        var crawlDepth: Int?
        enum State { case new, queued, done }

        /// Crawled, but no page came back: a recheck that gets one crawls it.
        var awaitsRecrawl: Bool { crawlDepth != nil && (result?.failure != nil || (result?.status ?? 0) >= 400) }
    }

    struct Host {
        var queue: Deque<Job> = []
        var inFlight = 0
        var nextSlot = ContinuousClock.now
        var interval: Double
        var robots: RobotsRules?
        var robotsRequested = false
    }

    struct Job: Sendable {
        enum Kind: Sendable { case crawl, check, recheck }
        var target: Int32
        var depth: Int
        var kind: Kind
        var attempt = 0
    }

    struct RawOccurrence {
        let page: Int32, target: Int32, kind: LinkKind, text: String
    }

    enum JobResult: Sendable {
        case robots(host: String, rules: RobotsRules, note: String?)
        case fetched(job: Job, host: String, fetch: FetchResult, parsed: Parsed?)
    }

    /// What a child task extracted from a page.
    struct Parsed: Sendable {
        var title: String?
        var charset: CharsetDecision
        var date: SimpleDate?
        var soft404: Bool
        var links: [(url: Result<WebURL, WebURL.ParseError>, kind: LinkKind, text: String)]
        var binary: Bool
        /// Identical bodies under two URLs (`/col/` and `/col/index.html`) are one page.
        var bodyHash: Int = 0
    }

    /// Prepares a crawl; nothing is fetched until `run()`. `progress` is called now and then with a snapshot.
    public init(config: CrawlConfig, fetcher: Fetcher, onPage: PageHook? = nil, onAttachment: AttachmentHook? = nil,
                progress: (@Sendable (CrawlProgress) -> Void)? = nil)
    {
        self.config = config
        self.fetcher = fetcher
        self.onPage = onPage
        self.onAttachment = onAttachment
        self.progress = progress
        self.trapGuard = TrapGuard(limits: config.trapLimits, asOfYear: config.asOf.year)
        self.homepage = HomepageStatus(url: config.start.description, reachable: false, status: "unknown", latencyMs: nil)
    }

    var scope: Set<String> { config.extraHosts.union([config.start.authority]) }

    /// Crawls the site and checks its links until the frontier is empty or a limit is hit, re-checks
    /// suspected links once after `recheckDelay`, and returns everything found. Call it once.
    public func run() async -> CrawlOutcome {
        let home = intern(config.start)
        homeIDs.insert(home)
        enqueue(Job(target: home, depth: 0, kind: .crawl))
        await drain()
        if config.recheckSuspected && !homepageFailed && !interrupted {
            // Suspected links, and connection failures (a refused connect is not retried by the client).
            let suspected = targets.indices.filter {
                targets[$0].result?.verdict == .suspected || [.refused, .dns].contains(targets[$0].result?.failure)
            }
            if !suspected.isEmpty {
                phase = "recheck"
                try? await Task.sleep(for: .seconds(config.recheckDelay))
                for i in suspected {
                    targets[i].state = .queued
                    enqueue(Job(target: Int32(i), depth: targets[i].crawlDepth ?? 0, kind: .recheck))
                }
                await drain()
            }
        }
        return finish()
    }

    // MARK: - scheduling

    private func intern(_ url: WebURL, key: String? = nil) -> Int32 {
        let key = key ?? url.description
        if let id = ids[key] { return id }
        let id = Int32(targets.count)
        ids[key] = id
        targets.append(Target(url: url, external: !scope.contains(url.authority),
                              attachment: Attachment.fileExtension(ofPath: Substring(url.path)) != nil))
        return id
    }

    private func enqueue(_ job: Job, front: Bool = false) {
        if job.kind == .crawl { targets[Int(job.target)].crawlDepth = job.depth }
        let authority = targets[Int(job.target)].url.authority
        if hosts[authority] == nil {
            hosts[authority] = Host(interval: config.minInterval)
            hostOrder.append(authority)
        }
        if front { hosts[authority]!.queue.prepend(job) } else { hosts[authority]!.queue.append(job) }
        targets[Int(job.target)].state = .queued
        queuedJobs += 1
    }

    private func drain() async {
        await withTaskGroup(of: JobResult.self) { group in
            while true {
                if Task.isCancelled { interrupted = true }
                if !interrupted { dispatch(into: &group) }
                guard inFlight > 0 else { break }
                guard let result = await group.next() else { break }
                inFlight -= 1
                if Task.isCancelled { interrupted = true }  // this result may be a request cut short
                if interrupted { continue }
                handle(result)
                reportProgress(force: false)
            }
        }
        reportProgress(force: true)
    }

    /// Starts every job that politeness allows now; the job itself waits for its host slot.
    private func dispatch(into group: inout TaskGroup<JobResult>) {
        var progressMade = true
        while progressMade && inFlight < config.maxInFlight {
            progressMade = false
            for authority in hostOrder where inFlight < config.maxInFlight {
                guard var host = hosts[authority], !host.queue.isEmpty,
                      host.inFlight < config.connectionsPerHost else { continue }
                // robots.txt first, before anything else on that host.
                if config.respectRobots && host.robots == nil {
                    if host.robotsRequested { continue }
                    host.robotsRequested = true
                    host.inFlight += 1
                    hosts[authority] = host
                    startRobots(authority: authority, sample: host.queue.first!.target, group: &group)
                    progressMade = true
                    continue
                }
                let job = host.queue.removeFirst()
                queuedJobs -= 1
                hosts[authority] = host
                guard let job = admit(job, authority: authority) else { progressMade = true; continue }
                host = hosts[authority]!
                host.inFlight += 1
                let now = ContinuousClock.now
                // An answer replayed from an interrupted run's journal costs the site nothing: no turn taken.
                let replayed = fetcher.journal != nil && fetcher.replays(targets[Int(job.target)].url)
                let slot = replayed ? now : max(now, host.nextSlot)
                if !replayed { host.nextSlot = slot + .milliseconds(Int64(host.interval * 1000)) }
                hosts[authority] = host
                inFlight += 1
                start(job, authority: authority, slot: slot, group: &group)
                progressMade = true
            }
        }
    }

    /// Marks a target as not fetched, counted under `reason` in the stats.
    private func skip(_ id: Int32, reason: String, message: String) {
        let t = targets[Int(id)]
        stats.skipped[reason, default: 0] += 1
        targets[Int(id)].state = .done
        targets[Int(id)].result = LinkTarget(
            url: t.url.description, status: nil, failure: nil, failureMessage: message, soft404: false, verdict: .skipped,
            external: t.external, attachment: t.attachment, firstVerdict: nil, redirects: [])
    }

    /// Last checks before a job runs: robots, the request and page budgets. Returns nil when the job is dropped.
    private func admit(_ job: Job, authority: String) -> Job? {
        var job = job
        let t = targets[Int(job.target)]
        // The homepage is always fetched (one request, as a probe would): its availability is what
        // the inspection judges first, whatever robots.txt says about crawling.
        if job.kind == .crawl || job.kind == .check, !homeIDs.contains(job.target),
           config.respectRobots, let robots = hosts[authority]?.robots, !robots.allows(t.url.pathAndQuery) {
            skip(job.target, reason: "robots", message: "robots.txt 不允许抓取")
            return nil
        }
        // The request budget bounds the whole scan: a page with 200,000 links and --max-pages 5 must
        // not turn into hours of link checks. The homepage always runs.
        if requestsStarted >= requestBudget, !homeIDs.contains(job.target) {
            skip(job.target, reason: "max-requests", message: "超出本次检查的请求上限，未检查")
            return nil
        }
        requestsStarted += 1
        if job.kind == .crawl {
            if crawlsStarted >= config.maxPages {
                stats.skipped["max-pages", default: 0] += 1
                job.kind = .check
            } else {
                crawlsStarted += 1
            }
        }
        return job
    }

    private func startRobots(authority: String, sample: Int32, group: inout TaskGroup<JobResult>) {
        inFlight += 1
        let origin = targets[Int(sample)].url.origin
        let external = targets[Int(sample)].external
        let fetcher = self.fetcher
        let token = "govlens"
        group.addTask {
            guard let url = try? WebURL(parsing: origin + "/robots.txt") else {
                return .robots(host: authority, rules: .allowAll, note: nil)
            }
            // RFC 9309 §2.5: parse at least the first 500 KiB; a larger file is read that far.
            let limit = 500 << 10
            let r = await fetcher.fetch(url, body: .peek(limit: limit))
            // A server error: complete disallow (RFC 9309 §2.3.1.4). A host that cannot be reached at
            // all is left to the link checks, which then report it as refused, timed out …; RFC 9309
            // would disallow there too, but then a dead external host's links would read as skipped.
            if r.failure == nil, (r.status ?? 0) >= 500 {
                return .robots(host: authority, rules: .disallowAll,
                               note: "\(authority) 的 robots.txt 无法访问（\(r.statusText)），按 RFC 9309 视为禁止抓取：只检查了首页")
            }
            // The site's own robots.txt not read at all (it timed out, the connection was reset …):
            // its rules are unknown. The crawl goes on, since a host that is down is reported by the
            // link checks, and the report says the rules could not be followed.
            if r.failure != nil, !external {
                return .robots(host: authority, rules: .allowAll,
                               note: "\(authority) 的 robots.txt 读取失败（\(r.failureMessage ?? r.statusText)），未能按其规则限制抓取范围")
            }
            // Missing robots.txt (4xx) means no restrictions (RFC 9309 §2.3.1.3).
            guard r.status == 200, var body = r.body else {
                return .robots(host: authority, rules: .allowAll, note: nil)
            }
            var note: String?
            if body.count >= limit {
                // Only whole lines: a rule cut in two is not a rule.
                if let lastNewline = body.lastIndex(of: 0x0A) { body = body.prefix(upTo: lastNewline + 1) }
                note = "\(authority) 的 robots.txt 超过 500 KiB，按 RFC 9309 只解析了前 500 KiB"
            }
            return .robots(host: authority, rules: RobotsRules(parsing: Charset.decode(body).text, productToken: token), note: note)
        }
    }

    private func start(_ job: Job, authority: String, slot: ContinuousClock.Instant,
                       group: inout TaskGroup<JobResult>)
    {
        let t = targets[Int(job.target)]
        let fetcher = self.fetcher
        let policy = config.policy
        let peek = config.peekBytes
        let maxBody = config.fetcher.maxBodyBytes
        let hook = onPage
        let isHome = homeIDs.contains(job.target)
        let scope = self.scope
        // The site's own attachments are downloaded for the text checks (external ones are not).
        let attachmentHook = job.kind == .check && t.attachment && !t.external ? onAttachment : nil
        let linkedFrom = attachmentHook == nil ? nil : referrerURL(Int(job.target))
        let linkedFromDate = attachmentHook == nil ? nil : pageDates[t.referrer]
        let attachmentMax = config.attachmentMaxBytes
        let crawls = job.kind == .crawl || job.kind == .recheck && t.awaitsRecrawl
        group.addTask {
            if slot > ContinuousClock.now { try? await Task.sleep(until: slot, clock: .continuous) }
            if crawls {
                let r = await fetcher.fetch(t.url, body: .full(limit: maxBody))
                var parsed: Parsed?
                if r.failure == nil, let status = r.status, status < 400, let body = r.body,
                   scope.contains(r.finalURL.authority), Crawler.looksLikeHTML(r.contentType, body) {
                    let (p, page) = Crawler.parse(body: body, fetch: r, policy: policy)
                    parsed = p
                    if let page, let hook {
                        await hook(CrawledPage(url: r.finalURL, depth: job.depth, status: status, contentType: r.contentType,
                                               charset: p.charset, page: page, resolvedLinks: p.links.map { try? $0.url.get() },
                                               date: p.date, isHome: isHome))
                    }
                }
                return .fetched(job: job, host: authority, fetch: r, parsed: parsed)
            } else {
                // HEAD first; servers that answer HEAD wrongly (405, 404, 5xx, resets) get a GET.
                var r = job.kind == .check ? await fetcher.fetch(t.url, body: .none) : nil
                if r == nil || Crawler.needsGetFallback(r!) {
                    // A page, or a body that was too large, is re-read against the same cap, not just peeked at.
                    let whole = t.crawlDepth != nil || t.result?.failure == .tooLarge
                    let mode: Fetcher.BodyMode = whole ? .full(limit: maxBody) : .peek(limit: peek)
                    let head = r
                    r = await fetcher.fetch(t.url, body: mode)
                    if let head { r!.earlierRequests = 1 + head.redirects.count }
                }
                var parsed: Parsed?
                if let res = r, res.failure == nil, res.status == 200, let body = res.body, !body.isEmpty,
                   Crawler.looksLikeHTML(res.contentType, body) {
                    parsed = Crawler.parse(body: body, fetch: res, policy: policy, linksWanted: false).0
                }
                if let attachmentHook, let res = r, res.failure == nil, let status = res.status, status < 400 {
                    // Known to be too large: report it without downloading it. The check's own body, if
                    // any, is only a peek at the start of the file and must never be read as the file.
                    var tooLarge = res
                    tooLarge.body = nil
                    let download = (res.contentLength ?? 0) > attachmentMax ? tooLarge
                        : await fetcher.fetch(res.finalURL, body: .full(limit: attachmentMax))
                    await attachmentHook(FetchedAttachment(url: t.url.description, linkedFrom: linkedFrom,
                                                           linkedFromDate: linkedFromDate, fetch: download,
                                                           limit: attachmentMax))
                }
                return .fetched(job: job, host: authority, fetch: r!, parsed: parsed)
            }
        }
    }

    /// A list page of the same column: same directory, `index.html` / `index_N.html` (TRS) or a `page=` query.
    public static func isPagination(_ url: WebURL, from page: WebURL) -> Bool {
        guard url.authority == page.authority else { return false }
        let dir = { (p: String) in p[..<(p.lastIndex(of: "/") ?? p.startIndex)] }
        guard dir(url.path) == dir(page.path) else { return false }
        let name = url.path[url.path.index(after: url.path.lastIndex(of: "/")!)...]
        if name.isEmpty || name == "index.html" || name == "index.htm" || name == "index.shtml" { return true }
        if name.hasPrefix("index_"), name.dropFirst(6).prefix(while: \.isNumber).count > 0 { return true }
        return url.query?.split(separator: "&").contains { $0.hasPrefix("page=") || $0.hasPrefix("pageNo=") } ?? false
    }

    static func needsGetFallback(_ r: FetchResult) -> Bool {
        if let f = r.failure { return f != .dns && f != .refused && f != .invalidURL && f != .redirectLoop
            && f != .tooManyRedirects }
        return (r.status ?? 0) >= 400 && r.status != 429
    }

    static func looksLikeHTML(_ contentType: String?, _ body: Data) -> Bool {
        if let ct = contentType?.lowercased() {
            return ct.contains("html") || ct.contains("xml") && ct.contains("xhtml")
                || (ct.hasPrefix("text/plain") && body.prefix(512).contains(UInt8(ascii: "<")))
        }
        return body.prefix(1024).range(of: Data("<html".utf8)) != nil || body.prefix(1024).range(of: Data("<HTML".utf8)) != nil
    }

    /// Parse, resolve links and judge soft-404: CPU work that runs in the child task.
    static func parse(body: Data, fetch r: FetchResult, policy: LinkPolicy, linksWanted: Bool = true)
        -> (Parsed, PageModel?)
    {
        let decision = Charset.detect(body, contentType: r.contentType)
        if body.prefix(1024).contains(0) {
            return (Parsed(title: nil, charset: decision, date: nil, soft404: false, links: [], binary: true), nil)
        }
        var hasher = Hasher()
        body.withUnsafeBytes { hasher.combine(bytes: $0) }  // Data's own hash reads only a prefix
        let page = HTMLParser.parse(body, charset: decision)
        let base = page.baseHref.flatMap { try? WebURL(parsing: $0, relativeTo: r.finalURL) } ?? r.finalURL
        var links: [(Result<WebURL, WebURL.ParseError>, LinkKind, String)] = []
        if linksWanted {
            links.reserveCapacity(page.links.count)
            for l in page.links {
                do { links.append((.success(try WebURL(parsing: l.url, relativeTo: base)), l.kind, l.text)) }
                catch .invalid { links.append((.failure(.invalid(l.url)), l.kind, l.text)) }
                catch { links.append((.failure(error), l.kind, l.text)) }
            }
        }
        let date = page.publicationDate
        return (Parsed(title: page.title ?? page.meta("ArticleTitle"), charset: decision, date: date,
                       soft404: policy.isSoft404(title: page.title, text: page.text), links: links, binary: false,
                       bodyHash: hasher.finalize()), page)
    }

    // MARK: - results

    private func handle(_ result: JobResult) {
        switch result {
        case .robots(let authority, let rules, let note):
            if let note { rules.disallowsEverything ? robotsBlocked.append(note) : notes.append(note) }
            stats.requests += 1
            hosts[authority]!.inFlight -= 1
            hosts[authority]!.robots = rules
            if let delay = rules.crawlDelay {  // honoured, but never slower than one request per 10 s
                hosts[authority]!.interval = max(hosts[authority]!.interval, min(delay, 10))
            }
        case .fetched(let job, let authority, let r, let parsed):
            hosts[authority]!.inFlight -= 1
            stats.requests += 1 + r.redirects.count + r.earlierRequests
            // 429 / 503: back off (Retry-After, else exponential) and try again later.
            if let status = r.status, status == 429 || status == 503, job.attempt < config.maxRetries {
                let wait = min(r.retryAfter ?? pow(2, Double(job.attempt + 1)), config.maxRetryAfter)
                hosts[authority]!.nextSlot = max(hosts[authority]!.nextSlot, .now + .milliseconds(Int64(wait * 1000)))
                hosts[authority]!.interval = min(max(hosts[authority]!.interval * 2, 0.1), 5)
                var again = job
                again.attempt += 1
                enqueue(again, front: true)
                return
            }
            // Back-off decays again while the host answers normally.
            hosts[authority]!.interval = max(config.minInterval, hosts[authority]!.interval * 0.9)
            if homeIDs.contains(job.target) && job.kind == .crawl {
                if handleHomepage(job, r) { return }
            }
            record(job, r, parsed)
        }
    }

    /// Returns true when the homepage job was re-queued or the crawl must stop.
    private func handleHomepage(_ job: Job, _ r: FetchResult) -> Bool {
        let ok = r.failure == nil && (r.status ?? 999) < 400
        homepage = HomepageStatus(url: config.start.description, reachable: ok, status: r.statusText,
                                  latencyMs: Int(r.latency * 1000))
        if ok { return false }
        if job.attempt == 0 {  // one retry before declaring a site unreachable
            var again = job
            again.attempt = 1
            hosts[config.start.authority]!.nextSlot = .now + .seconds(2)
            enqueue(again, front: true)
            return true
        }
        homepageFailed = true
        for key in hostOrder { queuedJobs -= hosts[key]!.queue.count; hosts[key]!.queue.removeAll() }
        record(job, r, nil)
        return true
    }

    private func record(_ job: Job, _ r: FetchResult, _ parsed: Parsed?) {
        let id = Int(job.target)
        let soft404 = parsed?.soft404 ?? false
        let verdict = config.policy.verdict(status: r.status, failure: r.failure, soft404: soft404)
        let previous = targets[id].result
        let recrawl = job.kind == .recheck && targets[id].awaitsRecrawl && r.failure == nil && (r.status ?? 999) < 400
        targets[id].state = .done
        targets[id].result = LinkTarget(
            url: targets[id].url.description, status: r.status, failure: r.failure, failureMessage: r.failureMessage,
            soft404: soft404, verdict: verdict, external: targets[id].external, attachment: targets[id].attachment,
            firstVerdict: previous?.verdict ?? verdict, redirects: r.redirects)
        if job.kind == .recheck {
            guard recrawl else { return }
            // The first answer was transient: its error and its failed page record give way to the page.
            let first = previous?.redirects.last ?? targets[id].url.description
            errors.removeAll { $0.url == targets[id].url.description }
            pages.removeAll { $0.url == first && $0.status >= 400 }
        }
        if previous == nil {
            stats.links += 1
            if targets[id].attachment { stats.attachments += 1 }
        }
        if let failure = r.failure {
            errors.append(CrawlErrorRecord(url: targets[id].url.description, kind: failure.rawValue,
                                           message: r.failureMessage ?? failure.rawValue, referrer: referrerURL(id)))
        } else if r.status == 429 {  // still rate-limited after every retry: not checked, and said so
            errors.append(CrawlErrorRecord(url: targets[id].url.description, kind: "rate-limited",
                                           message: "多次请求均被限流（HTTP 429），未能检查", referrer: referrerURL(id)))
        }
        guard job.kind == .crawl || recrawl, let status = r.status, r.failure == nil else { return }

        // A redirect inside the site: the final URL is the page; don't crawl it twice.
        var pageID = Int32(id)
        if r.finalURL != targets[id].url {
            let final = intern(r.finalURL)
            if targets[Int(final)].state == .done, targets[Int(final)].result != nil, final != pageID { return }
            targets[Int(final)].state = .done
            if targets[Int(final)].result == nil { targets[Int(final)].result = targets[id].result }
            if homeIDs.contains(Int32(id)) { homeIDs.insert(final) }
            pageID = final
        }
        guard let parsed else {
            if status < 400, scope.contains(r.finalURL.authority), let ct = r.contentType, ct.lowercased().contains("html") {
                errors.append(CrawlErrorRecord(url: r.finalURL.description, kind: "decode",
                                               message: "页面内容为空或无法读取", referrer: referrerURL(id)))
            }
            if status >= 400 {
                pages.append(PageRecord(url: r.finalURL.description, status: status, title: nil, charset: nil,
                                        declaredCharset: nil, date: nil, depth: job.depth))
            }
            return
        }
        if parsed.binary {
            errors.append(CrawlErrorRecord(url: r.finalURL.description, kind: "binary",
                                           message: "声明为网页，内容却是二进制数据（\(r.contentType ?? "无类型")）",
                                           referrer: referrerURL(id)))
            return
        }
        if let first = seenBodies[parsed.bodyHash], first != pageID {
            stats.skipped["duplicate", default: 0] += 1
            return
        }
        seenBodies[parsed.bodyHash] = pageID
        stats.pages += 1
        if let date = parsed.date { pageDates[pageID] = date }
        pages.append(PageRecord(url: r.finalURL.description, status: status, title: parsed.title,
                                charset: parsed.charset.charset,
                                declaredCharset: parsed.charset.declarationMismatch ? parsed.charset.declared : nil,
                                date: parsed.date?.description, depth: job.depth,
                                decodeErrors: parsed.charset.decodeErrors > 0 ? parsed.charset.decodeErrors : nil))
        for link in parsed.links {
            switch link.url {
            case .failure(.unsupportedScheme(let s)):
                stats.skipped["scheme:\(s)", default: 0] += 1
            case .failure(.empty):
                break
            case .failure(.invalid(let raw)):
                invalidLink(raw: raw, on: pageID, kind: link.kind, text: link.text)
            case .success(let url):
                // Paging through a column list (index_1.html … index_119.html) is not going deeper.
                let depth = Crawler.isPagination(url, from: r.finalURL) ? job.depth : job.depth + 1
                discovered(url, on: pageID, depth: depth, kind: link.kind, text: link.text)
            }
        }
    }

    private func discovered(_ url: WebURL, on page: Int32, depth: Int, kind: LinkKind, text: String) {
        let key = url.description  // built once per link: this runs for every link on every page
        if ids[key] == nil, let reason = trapGuard.check(url) {
            stats.skipped["trap:\(reason.rawValue)", default: 0] += 1
            return
        }
        let id = intern(url, key: key)
        if id == page { return }
        let t = targets[Int(id)]
        if t.referrer < 0 { targets[Int(id)].referrer = page }
        // Keep occurrences only while the target might be bad: working targets cost nothing.
        if t.result?.verdict != .ok {
            let pair = UInt64(UInt32(page)) << 32 | UInt64(UInt32(id))
            if recordedPairs.insert(pair).inserted {
                occurrences.append(RawOccurrence(page: page, target: id, kind: kind, text: text))
            }
        }
        guard t.state == .new else { return }
        if t.external && !config.checkExternal {
            targets[Int(id)].state = .done
            stats.skipped["external", default: 0] += 1
            return
        }
        let crawlable = !t.external && kind.isNavigation && !t.attachment
        if crawlable && depth > config.maxDepth { stats.skipped["depth", default: 0] += 1 }
        enqueue(Job(target: id, depth: depth, kind: crawlable && depth <= config.maxDepth ? .crawl : .check))
    }

    private func invalidLink(raw: String, on page: Int32, kind: LinkKind, text: String) {
        let key = "invalid:" + raw
        let id: Int32
        if let existing = ids[key] {
            id = existing
        } else {
            id = Int32(targets.count)
            ids[key] = id
            // Placeholder URL: the target is the raw text as written.
            var t = Target(url: targets[Int(page)].url, external: false, attachment: false)
            t.state = .done
            t.result = LinkTarget(url: raw, status: nil, failure: .invalidURL, failureMessage: "链接地址格式错误",
                                  soft404: false, verdict: config.policy.verdict(status: nil, failure: .invalidURL),
                                  external: false, attachment: false, firstVerdict: nil, redirects: [])
            targets.append(t)
            stats.links += 1
            errors.append(CrawlErrorRecord(url: raw, kind: "invalid-url", message: "链接地址格式错误",
                                           referrer: targets[Int(page)].url.description))
        }
        let pair = UInt64(UInt32(page)) << 32 | UInt64(UInt32(id))
        if recordedPairs.insert(pair).inserted {
            occurrences.append(RawOccurrence(page: page, target: id, kind: kind, text: text))
        }
    }

    private func referrerURL(_ id: Int) -> String? {
        let r = targets[id].referrer
        return r >= 0 ? targets[Int(r)].url.description : nil
    }

    private func reportProgress(force: Bool) {
        guard let progress else { return }
        let now = ContinuousClock.now
        guard force || now - lastProgress > .milliseconds(250) else { return }
        lastProgress = now
        let elapsed = now - started
        progress(CrawlProgress(pages: stats.pages, queued: queuedJobs, inFlight: inFlight, requests: stats.requests,
                               errors: errors.count, elapsed: elapsed.seconds, phase: phase))
    }

    private func finish() -> CrawlOutcome {
        var bad: [LinkOccurrence] = []
        for o in occurrences {
            guard let result = targets[Int(o.target)].result, result.verdict == .definite || result.verdict == .suspected
            else { continue }
            bad.append(LinkOccurrence(page: targets[Int(o.page)].url.description, onHomepage: homeIDs.contains(o.page),
                                      target: result, kind: o.kind, text: o.text))
        }
        var reasons: [String] = []
        if homepageFailed { reasons.append("首页无法访问（\(homepage.status)），未能检查站内页面") }
        if let n = stats.skipped["max-pages"], n > 0 {
            reasons.append("达到页面上限 \(config.maxPages)，另有 \(n) 个页面只检查了链接、未解析内容")
        }
        reasons += robotsBlocked
        if interrupted {
            reasons.append("检查被中断（已读取 \(stats.pages) 个页面、检查 \(stats.links) 个链接），其余内容未检查")
        }
        if let n = stats.skipped["max-requests"], n > 0 {
            reasons.append("达到请求上限 \(requestBudget)，另有 \(n) 个链接未检查")
        }
        if let n = stats.skipped["depth"], n > 0 {
            reasons.append("达到深度上限 \(config.maxDepth)，另有 \(n) 个页面只检查了链接、未解析内容")
        }
        stats.errors = errors.count
        return CrawlOutcome(homepage: homepage, pages: pages, badLinks: bad, errors: errors, stats: stats,
                            incompleteReasons: reasons, notes: notes)
    }
}
