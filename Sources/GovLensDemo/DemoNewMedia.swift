import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensNewMedia
import GovLensStore

/// The demo county's ten 政务新媒体 accounts (`NewMediaSample`: stale, zombie, two duplicates,
/// one without interaction, one with a leaked number in a post, one closed but posting, the rest
/// healthy), served on loopback: the RSS/Atom accounts as feeds the platform fetches, the
/// 公众号 article-list exports as files a unit downloads and uploads.
public struct DemoNewMedia: Sendable {
    public let server: DemoServer
    /// account key (`微信公众号/青山发布`) → the check IDs it must get, nothing else.
    public let truth: NewMediaSample.Truth
    /// The accounts as the register lists them, feeds pointing at the loopback server.
    public let accounts: [Account]
    /// account key → the export file (name, bytes) a unit uploads for it.
    public let exports: [String: (name: String, data: Data)]

    /// The unit whose demo site has a 政务新媒体 column: it lists the unit's registered 今日头条
    /// account and a 公众号 no register has (`newmedia.unregistered`).
    public static let listingUnit = "县人力资源和社会保障局"
    public static let unregisteredKey = "微信公众号/青山人社服务"

    /// Adds the column (QR-code pictures with their captions, as county sites show them) to a
    /// unit's example site, linked from its homepage.
    public static func addListing(to site: inout ExampleSite) {
        site.pages["/"] = site.pages["/"]?.replacingOccurrences(of: "</body>", with: "<p><a href=\"/xmt/\">政务新媒体</a></p></body>")
        site.pages["/xmt/"] = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>政务新媒体_某某县人民政府</title>
            <meta name="SiteName" content="某某县人民政府"><meta name="SiteDomain" content="\(site.host)">
            <meta name="SiteIDCode" content="3301230001"><meta name="ColumnName" content="政务新媒体"></head>
            <body><div class="list"><h1>政务新媒体</h1><ul>
            <li><img src="/xmt/qr-toutiao.png" alt="今日头条：青山人社"><p>今日头条：青山人社</p></li>
            <li><img src="/xmt/qr-wechat.png" alt="“青山人社服务”微信公众号二维码"><p>扫码关注“青山人社服务”微信公众号</p></li>
            </ul></div><div class="footer"><p>\(ExampleSite.footer)</p></div></body></html>
            """
        for image in ["/xmt/qr-toutiao.png", "/xmt/qr-wechat.png"] { site.pages[image] = "QR" }
    }

    /// Generates the ten accounts as of `asOf` and serves their sources under `/xmt/`.
    public static func serve(asOf: SimpleDate) async throws -> DemoNewMedia {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-demo-newmedia-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let truth = try NewMediaSample.writeTen(to: dir, asOf: asOf)
        let register = try RegisterReader.read(dir.appendingPathComponent("register.csv"))
        var pages: [String: String] = [:], files: [String: (name: String, data: Data)] = [:]
        for (i, a) in register.accounts.enumerated() {
            let sources = dir.appendingPathComponent("sources")
            let base = "\(a.platform.rawValue)-\(a.name)"
            if let data = FileManager.default.contents(atPath: sources.appendingPathComponent(base + ".xml").path) {
                pages["/xmt/feed-\(i + 1).xml"] = String(decoding: data, as: UTF8.self)
            } else if let data = FileManager.default.contents(atPath: sources.appendingPathComponent(base + ".csv").path) {
                pages["/xmt/export-\(i + 1).csv"] = String(decoding: data, as: UTF8.self)
                files[a.key] = (base + ".csv", data)
            }
        }
        let server = try await DemoServer.serve(pages: pages, asOf: asOf, host: "127.0.0.1")
        let origin = "http://127.0.0.1:\(server.port)"
        let accounts = register.accounts.enumerated().map { i, a in
            var a = a
            if pages["/xmt/feed-\(i + 1).xml"] != nil { a.url = "\(origin)/xmt/feed-\(i + 1).xml" }
            return a
        }
        return DemoNewMedia(server: server, truth: truth, accounts: accounts, exports: files)
    }

    /// Registers the accounts on the platform as the office would: each under the demo unit its
    /// 主办单位 names (青山县教育局 → 县教育局), the rest under the county government; the
    /// exports uploaded by their unit.
    public func register(_ store: ScanStore, fallbackUnit: String = "青山县人民政府") throws {
        let units = Set(try store.units(.all).map(\.name))
        func unit(_ owner: String) -> String {
            let short = owner.hasPrefix("青山") ? String(owner.dropFirst(2)) : owner
            return units.contains(owner) ? owner : units.contains(short) ? short : fallbackUnit
        }
        _ = try store.importAccounts(accounts.map { a in
            AccountImport(unit: unit(a.owner), platform: a.platform.rawValue, name: a.name, owner: a.owner, handle: a.handle,
                          url: a.url, opened: a.openedOn?.description, status: a.status.rawValue, place: "演示登记表第\(a.row ?? 0)行")
        })
        let records = try store.accounts(.all)
        for (key, file) in exports {
            guard let r = records.first(where: { "\($0.platform)/\($0.name)" == key }) else { continue }
            try store.addAccountExport(account: r.id, name: file.name, data: file.data, by: "演示单位", .all)
        }
    }

    /// Precision and recall of the platform's new-media findings against the truth (account key
    /// and check ID pairs): the accounts' own, and with `siteListing` the unregistered account
    /// the listing unit's site shows.
    public func evaluate(_ store: ScanStore, siteListing: Bool = false) throws
        -> (precision: Double, recall: Double, found: Set<String>, expected: Set<String>)
    {
        func key(_ label: String) -> String { label.replacingOccurrences(of: "「", with: "/").replacingOccurrences(of: "」", with: "") }
        var found = Set(try store.accountFindings(.all, includeFixed: false).map { "\(key($0.account)) \($0.finding.check.rawValue)" })
        var expected = Set(truth.flatMap { key, ids in ids.map { "\(key) \($0)" } })
        if siteListing {
            expected.insert("\(Self.unregisteredKey) newmedia.unregistered")
            for t in try store.trackedFindings(.all, .init(check: "newmedia.unregistered")) where t.state != .fixed {
                found.insert("\(key(t.finding.subject ?? "")) newmedia.unregistered")
            }
        }
        let hit = Double(found.intersection(expected).count)
        return (found.isEmpty ? 1 : hit / Double(found.count), expected.isEmpty ? 1 : hit / Double(expected.count), found, expected)
    }
}
