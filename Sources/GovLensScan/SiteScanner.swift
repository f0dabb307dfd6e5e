import Foundation
import GovLensChecks
import GovLensCore
import GovLensCrawl
import GovLensDocuments
import GovLensSpell
import GovLensText

/// Progress of a running scan, as the crawler reports it.
public typealias ScanProgress = CrawlProgress

/// Everything `govlens scan` can be told.
public struct ScanOptions: Sendable {
    public var url: String
    public var asOf: SimpleDate
    public var maxPages = 20_000
    /// Requests of the whole scan; nil: 4 per page allowed, at least 1,000.
    public var maxRequests: Int?
    public var maxDepth = 20
    public var connectionsPerHost = 4
    public var minInterval = 0.1
    public var maxInFlight = 32
    /// Nil: the rule book's official limit (15 s).
    public var timeout: Double?
    public var respectRobots = true
    public var checkExternal = true
    public var extraHosts: [String] = []
    public var resolve: [String: String] = [:]
    public var maxBodyBytes = 10 << 20
    public var recheckDelay = 2.0
    public var rules: RuleBook
    /// Lexicon files or directories added to the shipped ones.
    public var extraLexicons: [String] = []
    /// The character language model for typos no lexicon holds (nil: lexicons only).
    public var spellModel: URL?
    public var spellProfile: SpellProfile = .official
    /// Download the site's own attachments and check their text.
    public var checkAttachments = true
    public var attachmentMaxBytes = 20 << 20
    public var extractor = DocumentExtractor()
    /// Government level for Article 21 (`city`, `county`, `township`; nil: Article 20 only).
    public var level: String?

    /// Per-host politeness: connections at once and the least interval between two requests.
    public mutating func setPoliteness(connections: Int, interval: Double) {
        connectionsPerHost = connections
        maxInFlight = max(32, connections)
        minInterval = interval
    }

    /// Options for scanning `url` as of `asOf` with `rules`; everything else has its default.
    public init(url: String, asOf: SimpleDate, rules: RuleBook = .bundled()) {
        self.url = url; self.asOf = asOf; self.rules = rules
    }
}

/// Crawl → page and link checks → the scan report.
public enum SiteScanner {
    /// The crawler's configuration for `o`, limits and politeness resolved against the rule book.
    public static func crawlConfig(_ o: ScanOptions) throws -> CrawlConfig {
        var raw = o.url
        if !raw.contains("://") { raw = "http://" + raw }
        guard let start = try? WebURL(parsing: raw) else { throw ScanSetupError.invalidURL(o.url) }
        var c = CrawlConfig(start: start, asOf: o.asOf)
        c.maxPages = o.maxPages
        c.maxRequests = o.maxRequests
        c.maxRetryAfter = o.rules.links.maxRetryAfterSeconds ?? c.maxRetryAfter
        c.maxDepth = o.maxDepth
        c.connectionsPerHost = o.connectionsPerHost
        c.minInterval = o.minInterval
        c.maxInFlight = o.maxInFlight
        c.respectRobots = o.respectRobots
        c.checkExternal = o.checkExternal
        c.extraHosts = Set(o.extraHosts.map { $0.lowercased() })
        c.recheckDelay = o.recheckDelay
        c.policy = o.rules.linkPolicy
        c.fetcher.timeout = ScanSettings.timeout(o.timeout, rules: o.rules)
        c.fetcher.connectionsPerHost = o.connectionsPerHost
        c.fetcher.resolve = o.resolve
        c.fetcher.maxBodyBytes = o.maxBodyBytes
        c.fetcher.maxDecompressedBytes = max(o.maxBodyBytes, o.attachmentMaxBytes) * 4
        c.attachmentMaxBytes = o.attachmentMaxBytes
        return c
    }

    /// What must be the same for an interrupted scan to be resumed: everything that changes what is
    /// fetched or found, as the options a user types (politeness may differ; it changes neither).
    public static func checkpointSettings(_ o: ScanOptions) throws -> [String] {
        let c = try crawlConfig(o)
        var lines = ["网址 \(c.start)", "--as-of \(o.asOf)", "--max-pages \(o.maxPages)", "--max-depth \(o.maxDepth)",
                     "--max-requests \(o.maxRequests.map(String.init) ?? "默认")", "--timeout \(c.fetcher.timeout)",
                     "--max-body-mb \(Double(o.maxBodyBytes) / 1_048_576)", "--rules \(o.rules.contentHash)"]
        if !o.respectRobots { lines.append("--no-robots") }
        if !o.checkExternal { lines.append("--no-external") }
        if !o.checkAttachments { lines.append("--no-attachments") }
        lines.append("--attachment-max-mb \(Double(o.attachmentMaxBytes) / 1_048_576)")
        lines += o.extraHosts.sorted().map { "--host \($0)" }
        lines += o.resolve.sorted { $0.key < $1.key }.map { "--resolve \($0.key):\($0.value)" }
        lines += o.extraLexicons.map { "--lexicon \($0)" }
        if let model = o.spellModel { lines.append("--spell-model \(model.path) \(o.spellProfile.rawValue)") }
        if let level = o.level { lines.append("--level \(level)") }
        return lines
    }

    /// Scans a site: crawl, page, attachment and site checks, template repeats collapsed, keys assigned.
    /// With a `journal`, answers an interrupted run recorded are replayed instead of fetched again
    /// and new ones are recorded, so the result is the scan's as if it had never stopped.
    public static func run(_ options: ScanOptions, journal: (any FetchJournal)? = nil, onPage: Crawler.PageHook? = nil,
                           progress: (@Sendable (CrawlProgress) -> Void)? = nil) async throws -> ScanReport
    {
        let config = try crawlConfig(options)
        let startedAt = Date()
        let fetcher = Fetcher(config: config.fetcher, journal: journal)
        let inspector = try TextInspector.standard(extraLexicons: options.extraLexicons, spellModel: options.spellModel,
                                                     spellProfile: options.spellProfile)
        let pageFindings = FindingCollector()
        let site = SiteInspector(rules: options.rules)
        let reports = AnnualReportStep()
        let documents = DocumentInspector(rules: options.rules.documents)
        let interaction = InteractionInspector(rules: options.rules, asOf: options.asOf)
        let endpointRobots = EndpointRobots(fetcher: fetcher)
        let newMedia = NewMediaColumnReader()
        let hook: Crawler.PageHook = { page in
            // A document's text is dated by its 成文日期: a 2004 document put up in 2018 names 2004's institutions.
            let document = documents.add(page)
            pageFindings.add(inspector.inspect(page: page.page, url: page.url.description, date: document?.writtenDate ?? page.date))
            site.add(page)
            interaction.add(page)
            newMedia.add(page)
            reports.add(page: page)
            // A board rendered by script: its list is read from the site's own data endpoint.
            if let endpoint = interaction.endpoint(for: page) {
                if options.respectRobots, !(await endpointRobots.allows(endpoint)) {
                    interaction.add(json: nil, board: page.url, endpoint: endpoint, failure: "robots.txt 不允许抓取")
                } else {
                    let r = await fetcher.fetch(endpoint, body: .full(limit: options.maxBodyBytes))
                    interaction.add(json: (r.status ?? 0) < 400 ? r.body : nil, board: page.url, endpoint: endpoint,
                                    failure: r.failure?.rawValue ?? r.status.flatMap { $0 >= 400 ? String($0) : nil })
                }
            }
            await onPage?(page)
        }
        let extractor = { var e = options.extractor; e.maxBytes = options.attachmentMaxBytes; return e }()
        let checkAttachment: Crawler.AttachmentHook = { a in
            let (record, findings, text) = await AttachmentStep.check(a, extractor: extractor, inspector: inspector)
            pageFindings.add(findings)
            pageFindings.add(record)
            await reports.add(attachment: a, text: text)
        }
        let attachmentHook = options.checkAttachments ? checkAttachment : nil
        let outcome = await Crawler(config: config, fetcher: fetcher, onPage: hook, onAttachment: attachmentHook,
                                    progress: progress).run()
        await fetcher.shutdown()

        var findings: [Finding] = []
        if let f = SiteUnavailableCheck.finding(homepage: outcome.homepage, rules: options.rules) { findings.append(f) }
        findings += LinkBrokenCheck.findings(outcome.badLinks, rules: options.rules)
        findings += pageFindings.all
        var columns: [ColumnRecord] = []
        var reportOutcome: AnnualReportStep.Outcome?
        var documentOutcome: DocumentOutcome?
        var interactionOutcome: InteractionInspector.Outcome?
        if outcome.homepage.reachable {
            let (model, siteFindings) = site.finish(outcome: outcome, start: config.start, extraHosts: config.extraHosts,
                                                    asOf: options.asOf, level: options.level)
            findings += siteFindings
            columns = model.records
            reportOutcome = reports.finish(columns: model.columns) { site.listedItems(column: $0, asOf: options.asOf) }
            findings += reportOutcome?.findings ?? []
            documentOutcome = documents.finish(model: model, asOf: options.asOf, level: options.level)
            findings += documentOutcome?.findings ?? []
            interactionOutcome = interaction.finish(model: model, items: { site.listedItems(column: $0, asOf: options.asOf) },
                                                    level: options.level)
            findings += interactionOutcome?.findings ?? []
        }
        findings = FindingKey.collapseTemplateRepeats(findings, checks: Set(options.rules.templateRepeats.checks),
                                                      minPages: options.rules.templateRepeats.minPages)
        findings.sort { a, b in
            (a.severity.rank, a.page, a.target ?? "", a.column ?? "", a.wrongForm ?? "", a.evidence)
                < (b.severity.rank, b.page, b.target ?? "", b.column ?? "", b.wrongForm ?? "", b.evidence)
        }
        FindingKey.assign(&findings)
        var report = ScanReport(site: config.start.description, asOf: options.asOf.description, startedAt: startedAt,
                          finishedAt: Date(), stats: outcome.stats, complete: outcome.incompleteReasons.isEmpty,
                          incompleteReasons: outcome.incompleteReasons, homepage: outcome.homepage,
                          pages: outcome.pages, columns: columns, findings: findings, errors: outcome.errors,
                          attachments: pageFindings.attachments.sorted { $0.url < $1.url })
        report.provenance = Provenance(govlens: GovLensVersion.current, rules: options.rules.contentHash,
                                       lexicons: inspector.lexiconHash, spellingModel: inspector.spellModelHash)
        report.notChecked = notChecked(options, homepageReachable: outcome.homepage.reachable, spelling: inspector.spell != nil,
                                       annualReports: reportOutcome)
        report.spelling = inspector.spellingStatus
        report.documents = documentOutcome?.records
        report.documentCounts = documentOutcome?.counts
        for (id, why) in documentOutcome?.notChecked ?? [:] where report.notChecked?[id] == nil { report.notChecked?[id] = why }
        report.boards = interactionOutcome?.boards
        for (id, why) in interactionOutcome?.notChecked ?? [:] where report.notChecked?[id] == nil { report.notChecked?[id] = why }
        report.newMediaListed = newMedia.accounts
        // A listed report that could not be read is said, with its reason (the others were checked).
        let unreadable = (reportOutcome?.unreadable ?? [:]).sorted { $0.key < $1.key }.map { "年度报告未能读取：\($0.key)（\($0.value)）" }
        let resumed = (journal?.recordedCount ?? 0) > 0
            ? ["本次检查从中断处继续：之前已收到的 \(journal!.recordedCount) 个应答取自断点，未向网站重复请求"] : []
        let notes = outcome.notes + unreadable + resumed
        report.notes = notes.isEmpty ? nil : notes
        return report
    }

    /// Check ID → why this scan did not examine its input in full.
    /// `annualReports`: what the 年报 step found (nil: it did not run, the homepage was unreachable).
    static func notChecked(_ o: ScanOptions, homepageReachable: Bool, spelling: Bool,
                           annualReports: AnnualReportStep.Outcome? = nil) -> [String: String] {
        var out: [String: String] = [:]
        let rules = CheckRegistry.checks.flatMap { $0.rules }
        if !spelling { out["text.typo"] = SpellingStatus.notRun.reason }
        // A pack item fed by these is 未评估 when no report was read, never full marks.
        for (id, why) in annualReports?.notChecked ?? [:] { out[id] = why }
        for r in rules where r.input == .account { out[r.id.rawValue] = "网站检查不读取政务新媒体账号（用 govlens newmedia check 检查）" }
        if !o.checkAttachments {
            for r in rules where r.input == .text { out[r.id.rawValue] = "未检查附件正文" }
        }
        if !homepageReachable {
            for r in rules where [.siteModel, .page, .text, .links, .annualReport].contains(r.input) { out[r.id.rawValue] = "首页无法访问，网站内容未检查" }
        }
        return out
    }
}

/// Findings from page checks, which run concurrently in the crawler's child tasks.
final class FindingCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Finding] = []
    private var records: [AttachmentRecord] = []
    func add(_ f: [Finding]) {
        guard !f.isEmpty else { return }
        lock.lock(); items += f; lock.unlock()
    }
    func add(_ r: AttachmentRecord) { lock.lock(); records.append(r); lock.unlock() }
    var all: [Finding] { lock.lock(); defer { lock.unlock() }; return items }
    var attachments: [AttachmentRecord] { lock.lock(); defer { lock.unlock() }; return records }
}

extension Severity {
    var rank: Int { Severity.allCases.firstIndex(of: self)! }
}
