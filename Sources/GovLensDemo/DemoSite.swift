import GovLensCore
import Foundation
import GovLensText

/// Where the generated site lives and how big it is.
public struct DemoSiteConfig: Sendable {
    /// The county portal, e.g. `http://www.qingshan.gov.cn:8080`.
    public var siteOrigin: String
    /// The city portal the county links to (external), served by the same loopback server.
    public var externalOrigin: String
    /// The 政务服务 system on a port where nothing listens (connection refused).
    public var refusedOrigin: String
    /// The ICP filing site in every footer (same loopback server).
    public var icpOrigin: String
    public var asOf: SimpleDate
    /// Articles per ordinary column: 12 gives a ~300-page demo, 1,000 a ~20,000-page benchmark.
    public var articlesPerColumn = 12
    public var seed: UInt64 = 20_230_512

    /// Configures the demo site; the ICP filing origin is derived from `externalOrigin` (same port,
    /// ICP host), and size and seed keep their defaults.
    public init(siteOrigin: String, externalOrigin: String, refusedOrigin: String, asOf: SimpleDate) {
        self.siteOrigin = siteOrigin; self.externalOrigin = externalOrigin
        self.refusedOrigin = refusedOrigin; self.asOf = asOf
        self.icpOrigin = externalOrigin.replacingOccurrences(of: DemoSiteConfig.externalHost, with: DemoSiteConfig.icpHost)
    }

    public static let siteHost = "www.qingshan.gov.cn"
    public static let externalHost = "www.example-city.gov.cn"
    public static let serviceHost = "zwfw.qingshan.gov.cn"
    public static let deadHost = "www.qingshan-old.invalid"
    /// The ICP filing site every footer links to (answered by the loopback server).
    public static let icpHost = "beian.miit.gov.cn"
}

/// A static file of the generated site.
public struct DemoFile: Sendable {
    public var path: String
    public var contentType: String
    public var body: Data
}

/// Endpoints that misbehave on purpose; the loopback server implements them.
public enum SpecialRoute: Sendable, Equatable {
    case status(Int)
    /// Answers after `DemoServer.slowSeconds` (past the scan's timeout).
    case slow
    case redirect(String)
    /// 503 on the first request, 200 afterwards.
    case flaky
    /// 429 with Retry-After: 1 on the first request, 200 afterwards.
    case rateLimited
    /// 429 on every request, asking to come back after `retryAfter` seconds (an hour, say).
    case alwaysRateLimited(retryAfter: Int)
    /// A chunked body far larger than any body cap.
    case huge
    /// The first request answers only after `DemoServer.slowSeconds`; later ones are `huge` (a
    /// loaded server whose too-large page timed out once).
    case slowThenHuge
    /// The first request answers only after `DemoServer.slowSeconds`; later ones get the page.
    case slowOnce
    case truncatedGzip
    /// Declared text/html, bytes are binary.
    case binary
    /// HEAD answers 404, GET serves the file (servers that answer HEAD wrongly).
    case headWrong
    /// 活动日历: any ?date= renders a day with links to the day before and after, forever.
    case calendar
    /// 专题: any path below answers with a relative link one level deeper, forever.
    case topicLoop
    case softNotFound
    /// A file that announces (and serves) `bytes` bytes: an attachment above the size cap.
    case largeFile(bytes: Int, contentType: String)
}

/// Ground truth for the planted defects (`truth.json`).
public struct DemoTruth: Codable, Sendable {
    /// A planted broken link, with the fields a `link.broken` finding must carry to match it.
    public struct Link: Codable, Sendable, Hashable {
        public var page: String
        public var target: String
        public var status: String
        public var definite: Bool
        public var scope: String
        public var external: Bool
        public var note: String
    }
    public var site: String
    public var asOf: String
    /// Every link the scan must report as `link.broken`, and no others.
    public var brokenLinks: [Link]
    /// Targets that misbehave transiently or only for HEAD: reporting them is a false alarm.
    public var notBroken: [String]
    /// Paths robots.txt disallows: the crawler must never request them.
    public var robotsDisallowed: [String]
    /// Pages linked only from malformed or GBK pages: the crawl must reach them.
    public var mustCrawl: [String]
    /// Article URL → publication date the page states.
    public var articleDates: [String: String]
    /// URL → title of pages served in GBK.
    public var gbkTitles: [String: String]
    /// A page that declares gb2312 but is UTF-8.
    public var charsetMismatchPage: String
    /// URLs that are classified errors, not link findings (binary body).
    public var errorPages: [String: String]
    public var pageCount: Int
    /// Government level of the demo organ (Article 21 items).
    public var level = "county"
    /// Every column the site model must find, as the column checks must judge it at `asOf`.
    public var columns: [ColumnTruth] = []
    /// Catalogue items (Article 20/21 id → name) the site lacks: `missing`, `blank` or `review`.
    public var missingCategories: [CategoryTruth] = []
    /// 信息公开 platform columns that are not there.
    public var missingPlatformColumns: [String] = []
    /// A column of the demo site and how the column checks must judge it at `asOf`.
    public struct ColumnTruth: Codable, Sendable, Hashable {
        public var name: String
        public var url: String
        /// ok, blank, single-page, undated, script-rendered, parent, unreachable, link-out, excluded.
        public var status: String
        public var category: String
        public var firstLevel: Bool
        /// Newest item date (yyyy-MM-dd) a reader of the list must arrive at.
        public var newest: String?
        public var stale: Bool
        public var needsReview: Bool
    }
    /// A catalogue item the site lacks, with `kind` one of `missing`, `blank` or `review`.
    public struct CategoryTruth: Codable, Sendable, Hashable {
        public var name: String
        public var kind: String
    }
    /// Personal numbers published on purpose (synthetic, valid checksums), as findings must show them.
    /// For a leak inside an attachment, `page` is the attachment URL.
    public var privacy: [Leak] = []
    /// Wrong wording planted in pages and attachments: exactly these text.* findings must appear.
    public var text: [TextDefect] = []
    /// Pages that use an old name or a repealed law but are dated before the change: no finding.
    public var beforeChangePages: [String] = []
    /// Every 政府信息公开工作年度报告 the 年报 column lists: URL → the year it reports on.
    public var annualReports: [String: Int] = [:]
    /// Defects planted in those reports: exactly these annual-report.* checks must fire on these pages.
    public var annualReportDefects: [AnnualReportDefect] = []
    /// A planted report defect: the report's URL, the check that must fire, what was changed.
    public struct AnnualReportDefect: Codable, Sendable, Hashable {
        public var page: String
        public var check: String
        public var note: String
    }
    /// Every attachment of the site and whether its text can be checked (else the problem class).
    public var attachments: [AttachmentTruth] = []
    /// Planted interaction, consultation, period and duplicate-column defects: exactly these findings
    /// must appear (`DemoEvaluation.interaction`), keyed as `DemoEvaluation.interactionKey` keys a finding.
    public var interaction: [InteractionDefect] = []
    /// The message boards the scan must list, with their statistics.
    public var boards: [BoardTruth] = []
    /// A planted defect: the check that must fire and its key (the page of a message or consultation,
    /// the column, or the missing item), with what was planted.
    public struct InteractionDefect: Codable, Sendable, Hashable {
        public var check: String
        public var key: String
        public var note: String
    }
    /// A board as the scan's `boards` must show it.
    public struct BoardTruth: Codable, Sendable, Hashable {
        public var name: String
        public var url: String
        public var status: String
        public var messages: Int
        public var answered: Int
        public var overdue: Int
        public var medianReplyDays: Double?
        public var statisticsPublished: Bool
    }
    /// Planted wrong wording: the page (or attachment) holding it, the text.* check that must fire, and the wrong form.
    public struct TextDefect: Codable, Sendable, Hashable {
        public var page: String
        public var check: String
        public var wrong: String
    }
    /// An attachment of the site: whether its text can be checked, and if not, the expected problem class.
    public struct AttachmentTruth: Codable, Sendable, Hashable {
        public var url: String
        public var checked: Bool
        public var problem: String?
    }
    /// Policy documents of the 行政规范性文件 column, as `documents[]` must read them.
    public var documents: [DocumentTruth] = []
    /// document.* and interpretation.* findings that must appear (check, page, target), and no others.
    public var documentDefects: [DocumentDefect] = []
    /// A planted policy document and the facts its page prints.
    public struct DocumentTruth: Codable, Sendable, Hashable {
        public var url: String
        public var title: String
        public var issuer: String
        public var docNumber: String
        public var writtenDate: String
        public var publishedDate: String
        public var validity: String
        public var normative: Bool
        public var interpretations: [String]
    }
    /// A planted document or 解读 defect: the check, the document (or column) page, the 解读 it concerns.
    public struct DocumentDefect: Codable, Sendable, Hashable {
        public var check: String
        public var page: String
        public var target: String? = nil
    }
    /// A planted personal number: where it is, the privacy.* check that must fire, and its masked form.
    public struct Leak: Codable, Sendable, Hashable {
        public var page: String
        public var check: String
        public var masked: String
        /// Records a leak by its page, check id and masked value.
        public init(page: String, check: String, masked: String) {
            self.page = page; self.check = check; self.masked = masked
        }
    }
}

/// One column of the generated site.
struct ColumnSpec {
    let path: String
    let name: String
    let newestDaysAgo: Int
    let gapDays: Int
    var items: Int? = nil
    var gbk = false
    /// 暂无信息 on the page; `emptyList`: an empty list and nothing else.
    var blank = false
    var emptyList = false
    var attachment: String? = nil
    /// The first entry carries a date ten years ahead (a mistyped year).
    var futureFirst = false
    /// The oldest entry is pinned first (置顶): the list is not sorted by date.
    var pinnedOld = false
    /// Picture entries without dates, on pages without dates (图片新闻).
    var undated = false
    /// The list is rendered by script from JSON: nothing to read in the HTML.
    var scripted = false
}
