import Foundation
import GovLensCore
import GovLensCrawl
import GovLensHTML
import GovLensText

/// Collects page summaries while the crawl runs, then builds the site model and runs the site
/// checks (columns, homepage, 信息公开 platform, catalogue, identity).
public final class SiteInspector: @unchecked Sendable {  // mutable state behind the lock; pages arrive concurrently
    private let lock = NSLock()
    private var summaries: [String: PageSummary] = [:]
    /// Breadcrumb trails of article pages: thousands of pages, a handful of distinct trails.
    private var articleTrails: Set<[Crumb]> = []
    private var missingMeta: [String: (count: Int, example: String)] = [:]
    private var pagesSeen = 0
    let rules: RuleBook

    /// An inspector for one scan, with the scan's rule book.
    public init(rules: RuleBook) { self.rules = rules }

    /// Records one crawled page (called concurrently by the crawler).
    public func add(_ page: CrawledPage) {
        let model = page.page
        let structural = page.depth <= 1 || [model.title ?? "", model.meta("ColumnName") ?? ""].contains { t in
            (rules.columns.sitemapLinkTexts + rules.columns.platformLinkTexts).contains { UTF8Search.contains(t, $0) }
        }
        var summary = PageSummary(page, rules: rules.columns, keepLinks: structural)
        let trail = summary.date != nil ? summary.crumbs : []
        if !trail.isEmpty { summary.crumbs = [] }
        let isList = summary.items.count >= 3 && summary.date == nil
        let missing = MetaTagCheck.missing(meta: model.meta, isList: isList, isArticle: summary.date != nil && !isList,
                                           rules: rules.identity)
        lock.lock(); defer { lock.unlock() }
        pagesSeen += 1
        if !trail.isEmpty { articleTrails.insert(trail) }
        for tag in missing {
            var m = missingMeta[tag] ?? (0, summary.url)
            m.count += 1
            missingMeta[tag] = m
        }
        // `/col/` and `/col/index.html` are one page: keep the first.
        if summaries[summary.url] == nil || summary.isHome { summaries[summary.url] = summary }
    }

    /// One entry of a column's list: where it links, its title and the date the list shows.
    public struct ListedItem: Sendable, Hashable {
        public var url: String
        public var title: String
        public var date: SimpleDate?
    }

    /// The entries a column lists across the crawled pages of its pagination (URLs as `SiteKey`),
    /// with the list's date (or, without one, the linked page's own date).
    public func listedItems(column url: String, asOf: SimpleDate) -> [ListedItem] {
        lock.lock(); defer { lock.unlock() }
        var out: [ListedItem] = []
        var seen: Set<String> = [url]
        var queue = [url][...]
        while let p = queue.popFirst(), seen.count < 500 {
            guard let page = summaries[p] else { continue }
            for item in page.items where item.url != url {
                let date = item.date?.resolved(asOf: asOf, url: item.url) ?? summaries[item.url]?.date
                out.append(ListedItem(url: item.url, title: item.title, date: date))
            }
            for next in page.pagination where seen.insert(next).inserted { queue.append(next) }
        }
        return out
    }

    /// The site model and the site-level findings.
    public func finish(outcome: CrawlOutcome, start: WebURL, extraHosts: Set<String>, asOf: SimpleDate, level: String?)
        -> (SiteModel, [Finding])
    {
        lock.lock(); defer { lock.unlock() }
        var unreachable: [String: String] = [:]
        for o in outcome.badLinks { unreachable[SiteKey.of(o.target.url)] = o.target.statusText }
        for e in outcome.errors { unreachable[SiteKey.of(e.url)] = e.kind }
        for p in outcome.pages where p.status >= 400 { unreachable[SiteKey.of(p.url)] = String(p.status) }
        let origins = Set([start.origin] + extraHosts.map { "\(start.scheme)://\($0)" })
        var model = SiteModelBuilder(summaries: summaries, articleTrails: articleTrails, unreachable: unreachable,
                                     origins: origins, asOf: asOf, rules: rules.columns).build()
        let site = start.description
        var findings = ColumnStaleCheck.apply(&model, rules: rules.columns)
        findings += ColumnBlankCheck.findings(model)
        findings += ColumnVetoCheck.findings(model, rules: rules.columns, site: site)
        if let f = HomeStaleCheck.finding(model, rules: rules.columns) { findings.append(f) }
        findings += PlatformColumnCheck.findings(model, catalogue: rules.disclosure, site: site)
        findings += DisclosureCategoryCheck.findings(model, catalogue: rules.disclosure, level: level, site: site)
        if let home = model.homepage {
            findings += SiteCodeCheck.findings(footer: home.footer, meta: home.meta, page: home.url, rules: rules.identity)
            findings += FooterNumberCheck.findings(footer: home.footer, page: home.url, rules: rules.identity)
        }
        if outcome.homepage.reachable, let f = DomainCheck.finding(host: start.host, page: site, rules: rules.identity) {
            findings.append(f)
        }
        findings += MetaTagCheck.findings(missing: missingMeta, pages: pagesSeen)
        return (model, findings)
    }
}
