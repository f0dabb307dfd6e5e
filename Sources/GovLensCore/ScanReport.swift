import Foundation

/// The result of `govlens scan`: the JSON contract other stages (scoring, reports) read.
public struct ScanReport: Codable, Sendable {
    public var site: String
    public var asOf: String
    public var startedAt: Date
    public var finishedAt: Date
    public var stats: ScanStats
    /// False when the crawl stopped early (a limit was reached, the homepage was unreachable, or
    /// it was interrupted): the findings then cover only what was crawled.
    public var complete: Bool
    /// Why the scan is not complete, in Chinese (empty when complete).
    public var incompleteReasons: [String]
    public var homepage: HomepageStatus
    public var pages: [PageRecord]
    public var columns: [ColumnRecord]
    public var findings: [Finding]
    /// Every URL that could not be fetched or read, classified; nothing is dropped silently.
    public var errors: [CrawlErrorRecord]
    /// The site's own attachments and whether their text was checked (and if not, why).
    public var attachments: [AttachmentRecord]
    /// What produced the report (govlens, rule-book, lexicon and spelling-model versions).
    public var provenance: Provenance?
    /// Check ID → why its input was not (fully) examined in this scan (the spelling model was not
    /// loaded, attachments were skipped, the homepage could not be opened). Scoring reports items
    /// fed by these IDs as 未评估.
    public var notChecked: [String: String]?
    /// What a reader should know that is not a failure (a robots.txt read only in part).
    public var notes: [String]?
    /// Whether the spelling model judged the pages' prose (and if not, why).
    public var spelling: SpellingStatus?
    /// Policy documents found on the site (pages with 信息公开 metadata), without their text.
    public var documents: [DocumentRecord]?
    /// Documents and 解读 counted per period (this quarter, this year) and 解读 form.
    public var documentCounts: [DocumentPeriodCount]?
    /// The site's message boards with their statistics (nil: the scan did not look for boards).
    public var boards: [BoardRecord]?
    /// The 政务新媒体 accounts the site's 政务新媒体 column lists (nil: no such column was crawled).
    public var newMediaListed: [ListedAccount]?

    /// A report with everything a scan produces; provenance and notChecked are set after.
    public init(site: String, asOf: String, startedAt: Date, finishedAt: Date, stats: ScanStats,
                complete: Bool, incompleteReasons: [String], homepage: HomepageStatus,
                pages: [PageRecord], columns: [ColumnRecord] = [], findings: [Finding],
                errors: [CrawlErrorRecord], attachments: [AttachmentRecord] = [])
    {
        self.attachments = attachments
        self.site = site; self.asOf = asOf; self.startedAt = startedAt; self.finishedAt = finishedAt
        self.stats = stats; self.complete = complete; self.incompleteReasons = incompleteReasons
        self.homepage = homepage; self.pages = pages; self.columns = columns
        self.findings = findings; self.errors = errors
    }
}

/// What produced a report, so that two reports can be compared knowing whether the rules changed.
public struct Provenance: Codable, Sendable, Equatable {
    public var govlens: String
    /// Content hashes (first 12 hex digits of SHA-256-like FNV digests) of the rule files in force.
    public var rules: String
    public var lexicons: String
    /// The spelling model's file hash and profile, or nil when spelling did not run.
    public var spellingModel: String?
    /// Provenance from the version and the digests.
    public init(govlens: String, rules: String, lexicons: String, spellingModel: String?) {
        self.govlens = govlens; self.rules = rules; self.lexicons = lexicons; self.spellingModel = spellingModel
    }
}

/// Counts of a scan: pages, links, attachments, errors, requests, skipped URLs.
public struct ScanStats: Codable, Sendable, Equatable {
    /// HTML pages fetched and parsed.
    public var pages: Int = 0
    /// Distinct link targets checked (pages, attachments, images, external links).
    public var links: Int = 0
    /// Distinct attachment targets among them.
    public var attachments: Int = 0
    /// Fetch or decode errors (see `errors`).
    public var errors: Int = 0
    /// HTTP requests made, including HEAD checks, retries and re-checks.
    public var requests: Int = 0
    /// URLs not fetched, by reason (`robots`, `trap`, `depth`, `max-pages`, `scheme`, `invalid`).
    public var skipped: [String: Int] = [:]
    /// Zero counts.
    public init() {}
}

/// Whether the homepage opened, with its status and time.
public struct HomepageStatus: Codable, Sendable {
    public var url: String
    public var reachable: Bool
    /// HTTP status code as text, or an error class (`dns`, `refused`, `timeout`, …).
    public var status: String
    public var latencyMs: Int?
    /// A homepage status.
    public init(url: String, reachable: Bool, status: String, latencyMs: Int?) {
        self.url = url; self.reachable = reachable; self.status = status; self.latencyMs = latencyMs
    }
}

/// One fetched page: status, title, charsets, date and depth.
public struct PageRecord: Codable, Sendable {
    public var url: String
    public var status: Int
    public var title: String?
    /// The charset the bytes were decoded with.
    public var charset: String?
    /// The charset the page declared, when it differs from what the bytes are.
    public var declaredCharset: String?
    /// Publication date (yyyy-MM-dd) when the page states one.
    public var date: String?
    public var depth: Int
    /// Invalid byte sequences replaced while decoding (nil when none): the page was still checked.
    public var decodeErrors: Int?
    /// A page record.
    public init(url: String, status: Int, title: String?, charset: String?, declaredCharset: String?,
                date: String?, depth: Int, decodeErrors: Int? = nil)
    {
        self.url = url; self.status = status; self.title = title; self.charset = charset
        self.declaredCharset = declaredCharset; self.date = date; self.depth = depth; self.decodeErrors = decodeErrors
    }
}

/// One column (栏目) of the site model and what the column checks made of it.
public struct ColumnRecord: Codable, Sendable, Equatable {
    public var name: String
    public var url: String
    /// 动态要闻, 通知公告, 政策文件, 人事, 规划计划, 政务咨询, 调查征集, 互动访谈, 专题 or 其他.
    public var category: String
    public var firstLevel: Bool
    /// Date of the newest item (yyyy-MM-dd), from the list page or the item's own page.
    public var newest: String?
    /// List entries read (all pages of the list that were crawled).
    public var items: Int
    public var stale: Bool
    public var blank: Bool
    /// The parent column's URL.
    public var parent: String?
    /// `ok`, `blank`, `single-page`, `undated`, `script-rendered`, `unreachable`, `not-crawled`,
    /// `link-out` or `excluded`: only `ok` and `single-page` columns are judged for freshness.
    public var status: String
    /// True where a person must confirm what was read (unsorted list, future dates, link-outs …).
    public var needsReview: Bool
    /// Why, in Chinese.
    public var notes: [String]

    /// A column record as the scan JSON and the store hold it.
    public init(name: String, url: String, category: String, firstLevel: Bool, newest: String?, items: Int,
                stale: Bool, blank: Bool, parent: String?, status: String, needsReview: Bool, notes: [String])
    {
        self.name = name; self.url = url; self.category = category; self.firstLevel = firstLevel
        self.newest = newest; self.items = items; self.stale = stale; self.blank = blank; self.parent = parent
        self.status = status; self.needsReview = needsReview; self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case name, url, category, firstLevel, newest, items, stale, blank, parent, status, needsReview, notes
    }

    /// `newest` and `parent` are written as null when unknown: every column has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name); try c.encode(url, forKey: .url); try c.encode(category, forKey: .category)
        try c.encode(firstLevel, forKey: .firstLevel); try c.encode(newest, forKey: .newest); try c.encode(items, forKey: .items)
        try c.encode(stale, forKey: .stale); try c.encode(blank, forKey: .blank); try c.encode(parent, forKey: .parent)
        try c.encode(status, forKey: .status); try c.encode(needsReview, forKey: .needsReview); try c.encode(notes, forKey: .notes)
    }
}

/// A URL that could not be fetched or read, classified, with the page that links it.
public struct CrawlErrorRecord: Codable, Sendable {
    public var url: String
    /// Error class: `dns`, `refused`, `timeout`, `tls`, `redirect-loop`, `too-many-redirects`,
    /// `too-large`, `decode`, `binary`, `invalid-url`, `http`, …
    public var kind: String
    public var message: String
    /// A page that links to the URL, when known.
    public var referrer: String?
    /// An error record.
    public init(url: String, kind: String, message: String, referrer: String?) {
        self.url = url; self.kind = kind; self.message = message; self.referrer = referrer
    }
}

/// One attachment of the site. `checked == false` means its text was not checked, for `reason`:
/// such a file is never counted as clean.
public struct AttachmentRecord: Codable, Sendable, Equatable {
    public var url: String
    public var linkedFrom: String?
    /// pdf, docx, xlsx, doc, xls, html, text (when known).
    public var format: String?
    public var checked: Bool
    /// Characters of text checked.
    public var characters: Int
    /// A machine-readable class (too-large, encrypted, image-only, malformed, zip-bomb, timeout, …).
    public var problem: String?
    /// In Chinese, for the report.
    public var reason: String?

    /// An attachment record.
    public init(url: String, linkedFrom: String?, format: String?, checked: Bool, characters: Int,
                problem: String? = nil, reason: String? = nil)
    {
        self.url = url; self.linkedFrom = linkedFrom; self.format = format; self.checked = checked
        self.characters = characters; self.problem = problem; self.reason = reason
    }
}

/// Whether the spelling model judged a text: without it, typos are found only by the word lists
/// and the 成语 list, and scoring marks typo items 未评估 rather than counting them clean.
public struct SpellingStatus: Codable, Sendable, Equatable {
    /// `run` or `not run`.
    public var state: String
    public var reason: String?

    /// The model ran with `profile`.
    public static func ran(profile: String) -> SpellingStatus { SpellingStatus(state: "run", reason: "语言模型（\(profile)）") }
    /// The model did not run: the word lists alone.
    public static let notRun = SpellingStatus(
        state: "not run", reason: "未加载错别字语言模型（没有模型文件，或用了 --no-spell/--no-lm），错别字只按词库和成语表检查")
}
