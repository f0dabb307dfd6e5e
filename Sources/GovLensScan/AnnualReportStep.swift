import Foundation
import GovLensAnnualReport
import GovLensChecks
import GovLensCore
import GovLensCrawl
import GovLensText

/// The site scan's 年报 step. While the crawl runs it keeps every page titled as a 政府信息公开工作年度报告
/// and every attachment whose text opens as one, parsed; at the end it checks those the site's 年报
/// column lists (directly, or attached to a listed page) with `AnnualReportChecker`: the list's date
/// is the publication date, the previous year's report found on the site is last year's. Findings
/// name the report's URL as `page` (an attachment also `linkedFrom` its page). Text checks are not
/// run again here: the page and attachment pipelines already ran them on the same text.
public final class AnnualReportStep: @unchecked Sendable {  // state behind the lock; hooks run concurrently
    /// A report read during the crawl, or why it could not be read.
    struct Candidate {
        /// The site model's key (for matching the list) and the address findings name.
        var url: String
        var page: String
        var linkedFrom: String?
        var pageDate: SimpleDate?
        var report: AnnualReport?
        var error: AnnualReportError?
    }

    /// What the step found: findings, check ID → why not checked, and the reports checked.
    public struct Outcome: Sendable {
        public var findings: [Finding] = []
        public var notChecked: [String: String] = [:]
        /// URL → year of every report checked.
        public var checked: [String: Int] = [:]
        /// URL → reason of every listed report that could not be read.
        public var unreadable: [String: String] = [:]
    }

    private let lock = NSLock()
    private var candidates: [String: Candidate] = [:]
    let reader: AnnualReportReader
    let checker: AnnualReportChecker

    /// A step with the standard form.
    public init(reader: AnnualReportReader = AnnualReportReader(), checker: AnnualReportChecker = AnnualReportChecker()) {
        self.reader = reader; self.checker = checker
    }

    /// A title that names a 政府信息公开工作年度报告 (or 政务公开年报).
    static func isReportTitle(_ title: String) -> Bool {
        (title.contains("年度报告") || title.contains("年报")) && (title.contains("信息公开") || title.contains("政务公开"))
    }

    /// Keeps a crawled page that is a report (its title says so), parsed from its text.
    public func add(page: CrawledPage) {
        let model = page.page
        let title = model.meta("ArticleTitle").flatMap { $0.isEmpty ? nil : $0 }
            ?? model.title.map { String($0.split(separator: "_").first ?? Substring($0)) } ?? ""
        // A report page, not the 年报 column's list (undated, with entries).
        guard Self.isReportTitle(title), page.date != nil || model.listItems.count < 3 else { return }
        let url = SiteKey.of(page.url)
        var c = Candidate(url: url, page: page.url.description, pageDate: page.date)
        do { c.report = try reader.parseText("标题: \(title)\n" + model.plainText, source: page.url.description) } catch { c.error = error }
        store(c)
    }

    /// Keeps an attachment whose text (from the attachment step) opens as a report, parsed from its
    /// bytes (a PDF by word positions).
    public func add(attachment a: FetchedAttachment, text: String?) async {
        guard let text, let body = a.fetch.body, Self.isReportTitle(String(text.prefix(300).filter { !$0.isWhitespace })) else { return }
        var c = Candidate(url: SiteKey.of(a.url), page: a.url, linkedFrom: a.linkedFrom, pageDate: a.linkedFromDate)
        do { c.report = try await reader.read(body, name: a.url) } catch { c.error = error }
        store(c)
    }

    private func store(_ c: Candidate) {
        lock.lock(); candidates[c.url] = c; lock.unlock()
    }

    /// Checks the reports the site's 年报 columns list. `columns`: the site model's columns;
    /// `items`: a column URL's listed entries.
    public func finish(columns: [SiteModel.Column], items: (String) -> [SiteInspector.ListedItem]) -> Outcome {
        lock.lock(); let all = candidates; lock.unlock()
        var out = Outcome()
        let ids = CheckRegistry.checks.flatMap { $0.rules }.filter { $0.input == .annualReport }.map { $0.id.rawValue }
        let reportColumns = columns.filter { c in ["年报", "年度报告"].contains(where: c.name.contains) && c.status != .linkOut }
        guard !reportColumns.isEmpty else {
            for id in ids { out.notChecked[id] = "网站未发现政府信息公开年报栏目，未检查年度报告" }
            return out
        }
        // Listed URL → the list's date; a report is listed itself or attached to a listed page.
        var listed: [String: SimpleDate?] = [:]
        for column in reportColumns { for i in items(column.url) where listed[i.url] == nil { listed[i.url] = i.date } }
        let columnURLs = Set(reportColumns.map(\.url))
        var chosen: [Candidate] = []
        for c in all.values.sorted(by: { $0.url < $1.url }) {
            let from = c.linkedFrom.map(SiteKey.of)
            guard listed[c.url] != nil || from.map({ listed[$0] != nil || columnURLs.contains($0) }) == true else { continue }
            var c = c
            let listDate = listed[c.url] ?? from.flatMap { listed[$0] } ?? nil
            c.pageDate = listDate ?? c.pageDate
            if c.report == nil { out.unreadable[c.page] = c.error?.description ?? "无法读取"; continue }
            chosen.append(c)
        }
        // One report per year: an HTML page that only carries the attached PDF gives way to it.
        var byYear: [Int: Candidate] = [:]
        var undated: [Candidate] = []
        for c in chosen {
            guard let year = c.report?.year else { undated.append(c); continue }
            if let other = byYear[year], Self.rows(other) >= Self.rows(c) { continue }
            byYear[year] = c
        }
        // 规范性文件 the site lists: the entries of its 规范性文件 columns (an approximation), compared
        // with the newest report only.
        let normativeColumns = columns.filter { $0.name.contains("规范性文件") && $0.status == .ok }
        let siteNormative = normativeColumns.isEmpty ? nil : normativeColumns.reduce(0) { $0 + $1.items }
        let newest = byYear.keys.max()
        for c in byYear.values.sorted(by: { $0.url < $1.url }) + undated {
            let report = c.report!
            let previous = report.year.flatMap { byYear[$0 - 1]?.report }
            let published = c.pageDate ?? report.publishedOn
            let count = report.year != nil && report.year == newest ? siteNormative : nil
            for f in checker.check(report: report, previous: previous, publishedOn: published, siteNormative: count) {
                var finding = f.finding(page: c.page)
                finding.linkedFrom = c.linkedFrom
                out.findings.append(finding)
            }
            out.checked[c.page] = report.year ?? 0
        }
        if out.checked.isEmpty {
            let why = out.unreadable.isEmpty ? "年报栏目中未找到可读取的年度报告" : "年报栏目中的年度报告均无法读取（\(out.unreadable.values.sorted().first!)）"
            for id in ids { out.notChecked[id] = why }
        } else if !byYear.keys.contains(where: { byYear[$0 - 1] != nil }) {
            let why = "网站上未找到相邻两个年度的报告，无法与上年比较"
            out.notChecked[CheckID.annualReportCopied.rawValue] = why
            out.notChecked[CheckID.annualReportCrossYear.rawValue] = why
        }
        if !out.checked.isEmpty && siteNormative == nil {
            out.notChecked[CheckID.annualReportSiteCount.rawValue] = "网站未发现规范性文件栏目，未核对现行有效规范性文件数"
        }
        return out
    }

    static func rows(_ c: Candidate) -> Int {
        (c.report?.table3.rows.count ?? 0) + (c.report?.readAs == "pdf-layout" ? 1 : 0)
    }
}
