import Foundation
import GovLensCore
import GovLensScan
import GovLensStore

/// 复核 by re-check: fetches again exactly what each item is about and says whether its finding is
/// still there. Page problems (links, text, personal numbers) re-read their page; column, homepage
/// and other site-level problems re-run the light check (homepage and first-level columns); the
/// availability veto is the probes' verdict. Never "fixed" without having looked.
public struct Recheck: Sendable {
    /// What a re-check found for one item.
    public enum Outcome: Sendable, Equatable {
        /// The finding is gone; the evidence says what was fetched.
        case gone(String)
        /// Still there, with the finding's evidence now.
        case present(String)
        /// The re-check could not look (site unreachable, page not fetched): the item stays open.
        case unverifiable(String)
    }

    /// The scan options for a site, as the job runner uses them (rules, as-of date, `--resolve`).
    public let options: @Sendable (SiteRecord) throws -> ScanOptions
    public let store: ScanStore

    public init(store: ScanStore, options: @escaping @Sendable (SiteRecord) throws -> ScanOptions) {
        self.store = store; self.options = options
    }

    /// Checks that a page re-read settles: everything found on one page.
    static let pageFamilies = ["link.", "text.", "privacy."]

    /// Re-checks `items` (all of one site) and returns each item's outcome by id.
    public func run(site: SiteRecord, items: [TicketItem]) async -> [Int64: Outcome] {
        var out: [Int64: Outcome] = [:]
        let onPage = items.filter { i in Self.pageFamilies.contains { i.finding.check.rawValue.hasPrefix($0) } }
        let availability = items.filter { $0.finding.check == .siteUnavailable }
        let siteLevel = items.filter { i in !onPage.contains(i) && !availability.contains(i) }

        for (page, group) in Dictionary(grouping: onPage, by: \.finding.page) {
            let report: ScanReport
            do {
                var o = try options(site)
                o.url = page
                o.maxPages = 1
                o.maxDepth = 0
                o.checkExternal = true
                report = try await SiteScanner.run(o)
            } catch {
                for i in group { out[i.id] = .unverifiable("无法复核：\(ErrorText.chinese(error))") }
                continue
            }
            for i in group {
                guard Self.wasRead(page, in: report) else {
                    let why = report.errors.first { FindingKey.normalise($0.url) == FindingKey.normalise(page) }?.message ?? "页面未能重新抓取"
                    out[i.id] = .unverifiable("无法复核：\(page) \(why)")
                    continue
                }
                out[i.id] = Self.outcome(i, in: report, what: "重新读取 \(page)")
            }
        }

        if !siteLevel.isEmpty {
            do {
                var o = try options(site)
                o.maxDepth = 2
                o.checkAttachments = false
                o.checkExternal = false
                var report = try await SiteScanner.run(o)
                // An unregistered account the 政务新媒体 column shows is found by comparing with the register.
                try NewMediaMonitor.compareListing(&report, site: site, store: store)
                for i in siteLevel {
                    // Absent from a partial rescan proves nothing: the item's page must have been read,
                    // and the check must have got to its input (a board's messages, the level's items).
                    if !report.homepage.reachable {
                        out[i.id] = .unverifiable("无法复核：首页无法访问（\(report.homepage.status)）")
                    } else if !Self.wasRead(i.finding.page, in: report) {
                        out[i.id] = .unverifiable("无法复核：\(i.finding.page) 未能在复核中重新读取")
                    } else if let why = report.notChecked?[i.finding.check.rawValue] {
                        out[i.id] = .unverifiable("无法复核：\(why)")
                    } else {
                        out[i.id] = Self.outcome(i, in: report, what: "重新检查首页和一级栏目")
                    }
                }
            } catch {
                for i in siteLevel { out[i.id] = .unverifiable("无法复核：\(ErrorText.chinese(error))") }
            }
        }

        for i in availability {
            let tracked = i.trackedID.flatMap { try? store.trackedFinding($0, .all) }
            out[i.id] = tracked?.state == .fixed
                ? .gone("近期首页监测已达标")
                : .present("近期首页监测仍不达标（按监测窗口内的访问记录）")
        }
        return out
    }

    /// The re-check fetched `page` and got it (2xx): only then can an absent finding mean fixed.
    static func wasRead(_ page: String, in report: ScanReport) -> Bool {
        let key = FindingKey.normalise(page)
        return report.pages.contains { FindingKey.normalise($0.url) == key && (200..<300).contains($0.status) }
    }

    static func outcome(_ item: TicketItem, in report: ScanReport, what: String) -> Outcome {
        // A problem repeated on many pages (a template) was keyed without its page; one page read
        // again shows it under that page's key: match by what it is, not where.
        let f = item.finding
        let same: (Finding) -> Bool = f.pageCount == nil ? { $0.key == item.key }
            : { $0.key == item.key || ($0.check == f.check && $0.target == f.target && $0.wrongForm == f.wrongForm) }
        if let still = report.findings.first(where: same) {
            return .present("\(what)：问题仍存在（\(still.evidence)）")
        }
        return .gone("\(what)：问题已不存在")
    }
}
