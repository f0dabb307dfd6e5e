import Foundation
import GovLensCore
import GovLensCrawl
import GovLensHTML
import GovLensNewMedia

/// Collects what a site's 政务新媒体 column lists while the crawl runs: a page whose title,
/// ColumnName or breadcrumb names the column (`SiteListing.columnWords`) gives its links and
/// QR-code pictures to `SiteListing`. The platform compares the result with the register.
public final class NewMediaColumnReader: @unchecked Sendable {  // pages arrive concurrently; state behind the lock
    private let lock = NSLock()
    private var listed: [String: [ListedAccount]] = [:]

    public init() {}

    /// Reads one crawled page (called concurrently by the crawler).
    public func add(_ page: CrawledPage) {
        let m = page.page
        let names = [m.title ?? "", m.meta("ColumnName") ?? "", m.breadcrumb.last?.text ?? ""]
        guard names.contains(where: SiteListing.isColumn) else { return }
        // Links and pictures of the page body; a picture's address is the image, not the account.
        let entries: [(text: String, url: String?)] = zip(m.links, page.resolvedLinks).compactMap { link, resolved in
            guard link.region == .main else { return nil }
            switch link.kind {
            case .anchor: return (link.text, resolved?.description)
            case .image: return (link.text, nil)
            default: return nil
            }
        }
        let url = page.url.description
        let accounts = SiteListing.accounts(entries).map {
            ListedAccount(name: $0.name, platform: $0.platform?.rawValue, url: $0.url, page: url)
        }
        lock.lock(); defer { lock.unlock() }
        listed[url] = accounts
    }

    /// Every account listed, by page then order; nil when no 政务新媒体 column page was crawled.
    public var accounts: [ListedAccount]? {
        lock.lock(); defer { lock.unlock() }
        guard !listed.isEmpty else { return nil }
        var seen = Set<String>()
        return listed.keys.sorted().flatMap { listed[$0]! }.filter { seen.insert("\($0.platform ?? "")/\($0.name)").inserted }
    }
}
