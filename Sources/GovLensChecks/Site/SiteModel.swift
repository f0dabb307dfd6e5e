import Foundation
import GovLensCore
import GovLensHTML
import GovLensText

/// The column tree of a site (docs/RULES.md §12.3): columns found in the homepage navigation, the
/// 网站地图, the 信息公开 platform, breadcrumbs and sub-column lists, each read from its list pages.
public struct SiteModel: Sendable {
    /// One column of the site: where it is, its category, newest item and judgement.
    public struct Column: Sendable {
        public var name: String
        public var url: String
        public var parent: String?
        public var firstLevel: Bool
        public var category: String
        public var status: ColumnStatus
        public var newest: SimpleDate?
        public var items: Int
        public var notes: [String] = []
        public var needsReview = false
        /// Set by the freshness check.
        public var stale = false
        public var longStale = false

        public var judged: Bool { status == .ok || status == .singlePage }
    }

    /// Why a column was or was not judged (only `ok` and `singlePage` columns can be stale).
    public enum ColumnStatus: String, Sendable {
        /// `parent`: a page that lists only sub-columns (栏目导航页), judged through them.
        case ok, blank, singlePage = "single-page", undated, scriptRendered = "script-rendered", parent
        case unreachable, notCrawled = "not-crawled", linkOut = "link-out", excluded
    }

    /// The homepage's list entries (W-V3).
    public struct Homepage: Sendable {
        public var url: String
        public var datedItems: [SimpleDate]
        public var undatedItems: Int
        public var futureItems: Int
        public var scriptLoadsData: Bool
        public var footer: String
        public var meta: [String: String]
    }

    public var columns: [Column]
    public var homepage: Homepage?
    /// The 信息公开 platform's entry page and the names of what it links to.
    public var platform: (url: String, names: [String])?
    public var asOf: SimpleDate

    public var records: [ColumnRecord] {
        columns.map { c in
            ColumnRecord(name: c.name, url: c.url, category: c.category, firstLevel: c.firstLevel,
                         newest: c.newest?.description, items: c.items, stale: c.stale || c.longStale,
                         blank: c.status == .blank, parent: c.parent, status: c.status.rawValue,
                         needsReview: c.needsReview, notes: c.notes)
        }
    }
}

/// Builds the `SiteModel` from the page summaries of a finished crawl.
struct SiteModelBuilder {
    let summaries: [String: PageSummary]
    /// Breadcrumbs of article pages (their pages keep none).
    let articleTrails: Set<[Crumb]>
    let home: PageSummary?
    /// Key → status text of targets that could not be fetched.
    let unreachable: [String: String]
    /// Origins that belong to the site; a column elsewhere is a link-out.
    let origins: Set<String>
    let asOf: SimpleDate
    let rules: ColumnRules
    /// Lines that also appear on the homepage or on a fifth of all pages: the template, not content.
    let templateLines: Set<Int>
    /// Second and later pages of paginated lists (index_1.html, ?page=2): part of a column, never one.
    let continuations: Set<String>

    nonisolated(unsafe) static let laterPage = try! NSRegularExpression(
        pattern: #"/[A-Za-z]*_\d+\.(?:s?html?|jsp|php|aspx?)$|[?&](?:page|pageNo|pageIndex|curPage|p)=(?:[2-9]|\d{2,})"#,
        options: [.caseInsensitive])

    static func looksLikeLaterPage(_ url: String) -> Bool {
        laterPage.firstMatch(in: url, range: NSRange(url.startIndex..., in: url)) != nil
    }

    init(summaries: [String: PageSummary], articleTrails: Set<[Crumb]> = [], unreachable: [String: String],
         origins: Set<String>, asOf: SimpleDate, rules: ColumnRules)
    {
        self.summaries = summaries; self.articleTrails = articleTrails; self.unreachable = unreachable; self.origins = origins
        continuations = Set(summaries.values.flatMap(\.pagination).filter(SiteModelBuilder.looksLikeLaterPage))
        self.asOf = asOf; self.rules = rules
        home = summaries.values.first { $0.isHome }
        var counts: [Int: Int] = [:]
        for s in summaries.values { for h in Set(s.lines.map(\.hash)) { counts[h, default: 0] += 1 } }
        let threshold = max(3, summaries.count / 5)
        var template = Set(counts.filter { $0.value >= threshold }.keys)
        template.formUnion(home?.lines.map(\.hash) ?? [])
        templateLines = template
    }

    private struct Candidate {
        var url: String
        var names: [(name: String, rank: Int)] = []
        var parent: (url: String, rank: Int)?
        var level: Int?
        var strong = false
    }

    /// Sources, best first: a name or parent from a better source wins.
    private enum Source: Int { case navigation, sitemap, platform, crumb, heading, childList }

    func build() -> SiteModel {
        var found: [String: Candidate] = [:]
        var order: [String] = []
        let homeKey = home?.url
        func add(_ url: String, _ name: String, parent: String?, level: Int?, _ source: Source) {
            let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard url != homeKey, !name.isEmpty, name.count <= 20, !name.contains("首页"),
                  !rules.nonColumnLinkTexts.contains(where: name.contains),
                  !Attachment.isAttachment(url: url), !url.hasPrefix("javascript") else { return }
            if found[url] == nil { found[url] = Candidate(url: url); order.append(url) }
            found[url]!.names.append((name, source.rawValue))
            if let parent, parent != url, parent != homeKey, found[url]!.parent.map({ $0.rank > source.rawValue }) ?? true {
                found[url]!.parent = (parent, source.rawValue)
            }
            if let level { found[url]!.level = min(found[url]!.level ?? level, level) }
            if source != .heading && source != .childList { found[url]!.strong = true }
        }

        var platform: (url: String, names: [String])?
        if let home, let links = home.links {
            let navigation = links.filter { $0.region == .navigation }
            for l in navigation { add(l.url, l.text, parent: nil, level: 1, .navigation) }
            let navURLs = Set(navigation.map(\.url))
            for l in links where l.region == .main && l.heading && l.text.count <= 12 {
                add(l.url, l.text, parent: nil, level: nil, .heading)
            }
            // 网站地图: group titles are first-level columns, the links under them their children.
            if let map = links.first(where: { l in rules.sitemapLinkTexts.contains(l.text) }), let page = summaries[map.url] {
                var group: String?
                for l in page.links ?? [] where l.region == .main && l.url != map.url {
                    if l.heading { group = l.url; add(l.url, l.text, parent: nil, level: 1, .sitemap) }
                    else { add(l.url, l.text, parent: group, level: group == nil ? nil : 2, .sitemap) }
                }
            }
            // The 信息公开 platform and the columns its entry page links to.
            let entry = rules.platformLinkTexts.lazy.compactMap { text in links.first { $0.text == text } }.first
            if let entry {
                let level = navURLs.contains(entry.url) ? 1 : nil
                add(entry.url, entry.text, parent: nil, level: level, .platform)
                var names: [String] = []
                for l in summaries[entry.url]?.links ?? [] where l.region != .footer && !navURLs.contains(l.url) && l.url != entry.url {
                    names.append(l.text)
                    add(l.url, l.text, parent: entry.url, level: level.map { $0 + 1 }, .platform)
                }
                platform = (entry.url, names)
            }
        }
        // Breadcrumbs: every linked step is a column; a list page's unlinked last step is the page.
        // Thousands of pages share a handful of trails: each distinct trail is read once.
        var trails = articleTrails
        var pageTrails: [(crumbs: [Crumb], page: String?)] = []
        for page in summaries.values.sorted(by: { $0.url < $1.url }) where !page.crumbs.isEmpty && !continuations.contains(page.url) {
            let lastIsPage = page.crumbs.last?.url == nil && page.date == nil
            if lastIsPage { pageTrails.append((page.crumbs, page.url)) } else { trails.insert(page.crumbs) }
        }
        pageTrails += trails.sorted { $0.map(\.text).joined() < $1.map(\.text).joined() }.map { ($0, nil) }
        for (crumbs, page) in pageTrails {
            var chain = crumbs[...]
            if let first = chain.first, first.url == homeKey || first.text.contains("首页") { chain = chain.dropFirst() }
            var parent: String?
            for (i, crumb) in chain.enumerated() {
                var url = crumb.url
                if url == nil, i == chain.count - 1, let page { url = page }
                guard let url else { break }
                add(url, crumb.text, parent: parent, level: i + 1, .crumb)
                parent = url
            }
        }
        // Sub-column lists: a column page's entries that are themselves list pages.
        var queue = order[...]
        while let url = queue.popFirst() {
            for item in summaries[url]?.items ?? [] where found[item.url] == nil && isListPage(item.url) {
                add(item.url, item.title, parent: url, level: nil, .childList)
                queue.append(item.url)
            }
        }

        let keys = Set(found.keys)
        var columns: [SiteModel.Column] = []
        for url in order {
            let c = found[url]!
            if !c.strong && !isListPage(url) { continue }
            let name = c.names.min { $0.rank < $1.rank }?.name ?? summaries[url]?.columnName ?? url
            columns.append(analyse(url: url, name: name, parent: c.parent?.url, firstLevel: c.level == 1, columnKeys: keys))
        }
        return SiteModel(columns: columns, homepage: homepage(), platform: platform, asOf: asOf)
    }

    /// A page that lists entries, says it has none, or loads its list by script — and is not an article.
    func isListPage(_ url: String) -> Bool {
        guard let s = summaries[url], s.date == nil, !continuations.contains(url) else { return false }
        return !s.items.isEmpty || s.blankPhrase != nil || s.scriptLoadsData
    }

    // MARK: - one column

    func analyse(url: String, name: String, parent: String?, firstLevel: Bool, columnKeys: Set<String>) -> SiteModel.Column {
        let category = rules.category(of: name)
        var column = SiteModel.Column(name: name, url: url, parent: parent, firstLevel: firstLevel,
                                      category: category?.name ?? ColumnRules.other, status: .ok, newest: nil, items: 0)
        if let origin = SiteModelBuilder.origin(of: url), !origins.contains(origin) {
            column.status = .linkOut
            column.needsReview = true
            column.notes.append("栏目链接到其他系统（\(origin)），未检查其更新情况，请人工核实")
            return column
        }
        guard let first = summaries[url] else {
            if let status = unreachable[url] {
                column.status = .unreachable
                column.notes.append("栏目页面无法访问（\(status)），不判定是否更新或空白")
            } else {
                column.status = .notCrawled
                column.notes.append("栏目页面未抓取（超出抓取范围或 robots.txt 禁止），不判定是否更新或空白")
            }
            column.needsReview = true
            return column
        }
        // The list, across the pages of its pagination that were crawled.
        var pages = [first]
        var seen: Set<String> = [url]
        var next = first.pagination[...]
        while let p = next.popFirst(), pages.count < 500 {
            guard seen.insert(p).inserted, let s = summaries[p] else { continue }
            pages.append(s)
            next.append(contentsOf: s.pagination)
        }
        var dates: [SimpleDate] = []
        var future: [SimpleDate] = []
        var count = 0, subColumns = 0
        var firstPageDates: [SimpleDate] = []
        for (index, page) in pages.enumerated() {
            for item in page.items where item.url != homeKey && !seen.contains(item.url) {
                if columnKeys.contains(item.url) { subColumns += 1; continue }
                count += 1
                guard let date = item.date?.resolved(asOf: asOf, url: item.url) ?? summaries[item.url]?.date else { continue }
                if date > asOf { future.append(date); continue }
                dates.append(date)
                if index == 0 { firstPageDates.append(date) }
            }
        }
        column.items = count
        column.newest = dates.max()
        if subColumns > 0 && dates.isEmpty {
            column.status = .parent
            column.notes.append("栏目导航页，列出 \(subColumns) 个子栏目，按子栏目检查")
            return column
        }
        if !future.isEmpty {
            column.needsReview = true
            column.notes.append("有 \(future.count) 条信息的日期晚于检查日（如 \(future.max()!)），未计入最新日期；请核实是否伪造发稿日期")
        }
        if zip(firstPageDates, firstPageDates.dropFirst()).contains(where: { $0 < $1 }) {
            column.needsReview = true
            column.notes.append("列表未按日期排序，最新日期取所读各页中最晚的一条")
        }
        if category?.excluded == true {
            column.status = .excluded
            column.notes.append("历史专题栏目，不计入更新和空白检查")
            return column
        }
        if count == 0 {
            if first.scriptLoadsData {
                column.status = .scriptRendered
                column.needsReview = true
                column.notes.append("列表由脚本动态加载，无法读取条目，请人工核实")
            } else if let phrase = first.blankPhrase {
                column.status = .blank
                column.notes.append("栏目页面显示“\(phrase)”")
            } else if first.date == nil && contentCharacters(first) < rules.minContentCharacters {
                column.status = .blank
                column.notes.append("栏目页面除导航和页脚外没有内容")
            } else {  // one dated page or a page of its own text (机构职能, 公开指南)
                column.status = .singlePage
                column.newest = first.date
            }
        } else if column.newest == nil {
            column.status = .undated
            column.needsReview = true
            column.notes.append("列表和详情页均未显示发布日期（或为图片），无法判断更新时间，请人工核实")
        }
        return column
    }

    var homeKey: String? { home?.url }

    /// Characters of the page's own text, template lines left out.
    func contentCharacters(_ page: PageSummary) -> Int {
        page.lines.filter { !templateLines.contains($0.hash) }.reduce(0) { $0 + $1.characters }
    }

    static func origin(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" }
        return String(url[..<scheme.upperBound]) + host
    }

    // MARK: - homepage

    func homepage() -> SiteModel.Homepage? {
        guard let home else { return nil }
        var dated: [SimpleDate] = [], undated = 0, future = 0
        for item in home.items {
            guard let d = item.date?.resolved(asOf: asOf, url: item.url) else { undated += 1; continue }
            if d > asOf { future += 1 } else { dated.append(d) }
        }
        return SiteModel.Homepage(url: home.url, datedItems: dated, undatedItems: undated, futureItems: future,
                                  scriptLoadsData: home.scriptLoadsData, footer: home.footer ?? "", meta: home.meta ?? [:])
    }
}
