import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
@testable import GovLensMonitor
import GovLensScan
import GovLensServer
import GovLensStore
import Hummingbird
import HummingbirdTesting
import Testing

/// 政务新媒体 accounts on the platform: the office imports the register, a unit uploads an
/// account's export, the monitor checks it, and the findings show to that unit only; the demo's
/// ten accounts on loopback measured against their truth.
@Suite struct NewMediaPlatformTests {
    static func multipart(_ fields: [String: String], file: (field: String, name: String, data: Data)) -> (String, ByteBuffer) {
        let boundary = "----govlens-newmedia"
        var form = Data()
        for (k, v) in fields { form += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8) }
        form += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        form += file.data
        form += Data("\r\n--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(data: form))
    }

    @Test func importUploadCheckAndScope() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        let register = """
            账号名称,平台,主办单位,账号ID,链接,开设日期,状态
            甲县教育,微博,甲县,jy01,,2019-03-01,正常
            乙县政务,今日头条,乙县,yz01,,2019-03-01,正常
            乙县脸书,脸书,乙县,,,,正常

            """
        let asOf = SimpleDate(iso: "2024-06-30")!
        // Posts until 20 days before the check day, one of them with a mobile number in clear.
        let export = "发布时间,标题,链接,正文,留言,回复时间\n" + stride(from: 20, through: 120, by: 5).map { d in
            let text = d == 25 ? "报名请联系工作人员，手机13912345678。" : "县政府召开常务会议，研究部署近期重点工作。"
            return "\(asOf.adding(days: -d)) 10:00,工作动态\(d),https://example.gov.cn/yz/\(d),\(text),开启,\n"
        }.joined()
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            let admin = try await PlatformFixture.bearer(client, "admin")
            let yi = try await PlatformFixture.bearer(client, "yi")
            let (type, body) = Self.multipart([:], file: ("register", "登记表.csv", Data(register.utf8)))
            // Only the office imports.
            try await client.execute(uri: "/api/v1/accounts/import", method: .post, headers: yi.merging([.contentType: type]), body: body) {
                #expect($0.status == .forbidden)
            }
            let imported = try await client.execute(uri: "/api/v1/accounts/import", method: .post,
                                                    headers: admin.merging([.contentType: type]), body: body) { r in
                #expect(r.status == .created)
                return String(buffer: r.body)
            }
            #expect(imported.contains(#""added":2"#) && imported.contains("第4行") && imported.contains("脸书"))
            let yiAccount = try #require(try fx.store.accounts(.all).first { $0.name == "乙县政务" })
            let jiaAccount = try #require(try fx.store.accounts(.all).first { $0.name == "甲县教育" })
            // 乙县 uploads its account's export; 甲县's account does not exist for it.
            let (etype, ebody) = Self.multipart([:], file: ("file", "今日头条-乙县政务.csv", Data(export.utf8)))
            try await client.execute(uri: "/api/v1/accounts/\(jiaAccount.id)/export", method: .post, headers: yi.merging([.contentType: etype]),
                                     body: ebody) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/accounts/\(yiAccount.id)/export", method: .post, headers: yi.merging([.contentType: etype]),
                                     body: ebody) { #expect($0.status == .created) }
            // Bad input: a file that is no export is refused naming it; a register naming a unit the
            // platform does not have stores nothing and names the row.
            let (xtype, xbody) = Self.multipart([:], file: ("file", "setup.exe", Data("MZ".utf8)))
            let refused = try await client.execute(uri: "/api/v1/accounts/\(yiAccount.id)/export", method: .post,
                                                   headers: yi.merging([.contentType: xtype]), body: xbody) { r in
                #expect(r.status == .badRequest)
                return String(buffer: r.body)
            }
            #expect(refused.contains("setup.exe"))
            let (utype, ubody) = Self.multipart([:], file: ("register", "r.csv", Data("账号名称,平台,主办单位\n丙县发布,微博,丙县\n".utf8)))
            let unknown = try await client.execute(uri: "/api/v1/accounts/import", method: .post,
                                                   headers: admin.merging([.contentType: utype]), body: ubody) { r in
                #expect(r.status == .badRequest)
                return String(buffer: r.body)
            }
            #expect(unknown.contains("第2行") && unknown.contains("丙县"))
            #expect(try fx.store.accounts(.all).allSatisfy { $0.name != "丙县发布" })
            // An export without 发布时间 leaves 甲县教育 未检查 with the reason (uploaded by the office).
            let (btype, bbody) = Self.multipart([:], file: ("file", "微博-甲县教育.csv", Data("标题,正文\n工作动态,内容\n".utf8)))
            try await client.execute(uri: "/api/v1/accounts/\(jiaAccount.id)/export", method: .post,
                                     headers: admin.merging([.contentType: btype]), body: bbody) { #expect($0.status == .created) }
            // The monitor reads the exports (no feed, no network).
            let inspector = fx.services.inspector
            var monitor = try NewMediaMonitor.standard(store: fx.store, inspector: inspector, asOf: { asOf })
            monitor.fetchFeeds = false
            #expect(try await monitor.runDue() == 4)  // every account of both units (the fixture's two and these two)
            let checked = try #require(try fx.store.account(yiAccount.id, .all)?.lastCheck)
            #expect(checked.checked && checked.posts == 21 && checked.lastPost == asOf.adding(days: -20).description)
            let unread = try #require(try fx.store.account(jiaAccount.id, .all)?.lastCheck)
            #expect(!unread.checked && unread.reason?.contains("发布时间") == true, "\(unread)")
            // The fixture's accounts have neither feed nor export: 未检查, saying so.
            #expect(try fx.store.accounts(.all).filter { $0.name.hasSuffix("县发布") }.allSatisfy {
                $0.lastCheck?.checked == false && $0.lastCheck?.reason?.contains("未上传") == true
            })
            #expect(try fx.store.accountFindings(.all).filter { $0.accountID == jiaAccount.id }.isEmpty)  // 未检查 is not 未更新
            // 乙县 sees its findings, masked; 甲县's account is 404 for it.
            let mine = try await client.execute(uri: "/api/v1/accounts/\(yiAccount.id)", method: .get, headers: yi) { r in
                #expect(r.status == .ok)
                return String(buffer: r.body)
            }
            #expect(mine.contains("newmedia.stale") && mine.contains("privacy.mobile"))
            #expect(!mine.contains("13912345678") && !mine.contains("13812345678"))
            try await client.execute(uri: "/api/v1/accounts/\(jiaAccount.id)", method: .get, headers: yi) { #expect($0.status == .notFound) }
            let page = try await client.execute(uri: "/accounts/\(yiAccount.id)", method: .get, headers: yi) { String(buffer: $0.body) }
            #expect(page.contains("乙县政务") && page.contains("已检查") && !page.contains("13912345678"))
            // 立即检查 through the API: the account's figures come back (no network: no feed here).
            let now = try await client.execute(uri: "/api/v1/accounts/\(yiAccount.id)/check", method: .post, headers: yi) { r in
                #expect(r.status == .ok)
                return String(buffer: r.body)
            }
            #expect(now.contains("乙县政务") && now.contains(#""checked":true"#))
            try await client.execute(uri: "/api/v1/accounts/\(jiaAccount.id)/check", method: .post, headers: yi) { #expect($0.status == .notFound) }
            let list = try await client.execute(uri: "/accounts", method: .get, headers: yi) { String(buffer: $0.body) }
            #expect(list.contains("乙县政务") && !list.contains("甲县"))
            let unitPage = try await client.execute(uri: "/units/\(yiAccount.unitID)", method: .get, headers: yi) { String(buffer: $0.body) }
            #expect(unitPage.contains("政务新媒体") && unitPage.contains("/accounts/\(yiAccount.id)") && !unitPage.contains("甲县"))
        }
    }

    /// The demo's ten accounts served on loopback, registered as the demo platform does, checked
    /// by the monitor (feeds fetched, exports uploaded): every planted problem found, nothing else.
    @Test func demoAccountsPrecisionAndRecall() async throws {
        let asOf = SimpleDate(iso: "2024-06-30")!
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-nm-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ScanStore(path: path)
        _ = try store.importUnits([
            UnitImport(name: "青山县人民政府", group: "县级", sites: ["http://www.qingshan.gov.cn/"], place: "test"),
            UnitImport(name: "县教育局", group: "县直部门", sites: [], place: "test"),
            UnitImport(name: "县人力资源和社会保障局", group: "县直部门", sites: [], place: "test"),
        ])
        let demo = try await DemoNewMedia.serve(asOf: asOf)
        try demo.register(store)
        #expect(try store.accounts(.all).count == 10)
        #expect(try store.accounts(.all).first { $0.name == "青山教育" }?.unit == "县教育局")
        let start = Date()
        let monitor = try NewMediaMonitor.standard(store: store, inspector: try .standard(), asOf: { asOf })
        #expect(try await monitor.runDue() == 10)
        let seconds = Date().timeIntervalSince(start)
        let accounts = try store.accounts(.all)
        #expect(accounts.allSatisfy { $0.lastCheck?.checked == true }, "\(accounts.compactMap(\.lastCheck?.reason))")
        #expect(accounts.filter { $0.lastCheck?.source?.contains("127.0.0.1") == true }.count == 6)  // the feeds, fetched
        let (precision, recall, found, expected) = try demo.evaluate(store)
        print("newmedia demo on the platform: precision \(precision) recall \(recall) (\(found.count) found, \(expected.count) planted), \(String(format: "%.2f", seconds)) s")
        #expect(precision == 1 && recall == 1, "missed \(expected.subtracting(found)), extra \(found.subtracting(expected))")
        // Nothing due again within the interval; the leaked number never reaches the store in clear.
        #expect(try await monitor.runDue() == 0)
        let leak = try store.accountFindings(.all).filter { $0.finding.check.rawValue == "privacy.mobile" }
        #expect(!leak.isEmpty && leak.allSatisfy { !"\($0.finding)".contains("13912345678") })
        let open = try store.accountFindings(.all, includeFixed: false).count
        // The feeds go away (404): the next check lists them 未检查 and fixes nothing.
        for i in 1...10 { demo.server.replace("/xmt/feed-\(i).xml", with: nil) }
        #expect(try await monitor.runDue(now: Date().addingTimeInterval(2 * 86400)) == 10)
        let after = try store.accounts(.all)
        #expect(after.filter { $0.lastCheck?.checked == false }.count == 6)
        #expect(after.compactMap(\.lastCheck?.reason).allSatisfy { $0.contains("HTTP 404") })
        #expect(try store.accountFindings(.all, includeFixed: false).count == open)
        await demo.server.shutdown()
    }

    /// A site scan reads the unit's 政务新媒体 column: the 公众号 it shows that the register lacks is
    /// a `newmedia.unregistered` finding of the site (tracked, fixed when the column drops it), and
    /// the registered account it does not show is marked unlisted.
    @Test func siteColumnIsComparedWithTheRegister() async throws {
        let asOf = SimpleDate(iso: "2024-06-30")!
        var site = ExampleSite(asOf: asOf.description, host: "rs.qingshan.gov.cn")
        DemoNewMedia.addListing(to: &site)
        let server = try await DemoServer.serve(pages: site.pages, asOf: asOf, host: site.host)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-nm-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ScanStore(path: path)
        _ = try store.importUnits([UnitImport(name: DemoNewMedia.listingUnit, group: "县直部门", sites: [server.homepage], place: "test")])
        _ = try store.importAccounts([
            AccountImport(unit: DemoNewMedia.listingUnit, platform: "今日头条", name: "青山人社", owner: "县人社局", status: "正常", place: "t"),
            AccountImport(unit: DemoNewMedia.listingUnit, platform: "微博", name: "青山就业", owner: "县人社局", status: "正常", place: "t"),
        ])
        let runner = JobRunner(store: store, worker: "test") { s in
            var o = ScanOptions(url: s.url, asOf: asOf)
            o.resolve = ["rs.qingshan.gov.cn": "127.0.0.1"]
            o.minInterval = 0.01
            return o
        }
        let siteID = try #require(try store.sites(.all).first).id
        _ = try store.enqueueScan(siteID: siteID)
        #expect(try await runner.runOnce())
        let tracked = try store.trackedFindings(.all, .init(check: "newmedia.unregistered"))
        #expect(tracked.map(\.finding.subject) == ["微信公众号「青山人社服务」"])
        #expect(tracked.first?.finding.needsReview == true && tracked.first?.finding.page.hasSuffix("/xmt/") == true)
        let accounts = try store.accounts(.all)
        #expect(accounts.first { $0.name == "青山人社" }?.listedOnSite == true)
        #expect(accounts.first { $0.name == "青山就业" }?.listedOnSite == false)
        // The column drops the 公众号: the next full scan finds it fixed.
        let dropped = site.pages["/xmt/"]!.split(separator: "\n").filter { !$0.contains("青山人社服务") }.joined(separator: "\n")
        server.replace("/xmt/index.html", with: dropped)
        _ = try store.enqueueScan(siteID: siteID)
        #expect(try await runner.runOnce())
        #expect(try store.trackedFindings(.all, .init(check: "newmedia.unregistered")).map(\.state) == [.fixed])
        await server.shutdown()
    }
    /// An account's problem issued in a 整改任务 with the site's: the 复核 reads the account again
    /// (the newest export): still stale → 复核未通过; a new export with a recent post → 已整改.
    @Test func accountProblemsAreIssuedAndRechecked() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        let asOf = SimpleDate(iso: "2024-06-30")!
        let yi = try #require(try fx.store.units(.all).first { $0.name == "乙县" })
        _ = try fx.store.importAccounts([AccountImport(unit: "乙县", platform: "微博", name: "乙县政务", owner: "乙县", status: "正常", place: "t")])
        let account = try #require(try fx.store.accounts(.all).first { $0.name == "乙县政务" })
        func export(_ days: [Int]) -> Data {
            Data(("发布时间,标题,正文,留言\n" + days.map { "\(asOf.adding(days: -$0)) 10:00,工作动态\($0),县政府召开常务会议。,开启\n" }.joined()).utf8)
        }
        try fx.store.addAccountExport(account: account.id, name: "微博-乙县政务.csv", data: export(Array(stride(from: 20, through: 80, by: 4))),
                                      by: "yi", .all)
        var monitor = try NewMediaMonitor.standard(store: fx.store, inspector: fx.services.inspector, asOf: { asOf })
        monitor.fetchFeeds = false
        try await monitor.check(unit: yi.id)
        let stale = try #require(try fx.store.accountFindings(.unit(yi.id)).first { $0.accountID == account.id && $0.finding.check.rawValue == "newmedia.stale" })
        var loop = Rectification(store: fx.store, recheck: Recheck(store: fx.store, options: { ScanOptions(url: $0.url, asOf: asOf) }))
        loop.newMedia = monitor
        let admin = try #require(try fx.store.credentials("admin")).0
        let yiUser = try #require(try fx.store.credentials("yi")).0
        // Another unit's account problem cannot go into 乙县's ticket.
        let jiaFinding = try #require(try fx.store.accountFindings(.all).first { $0.unitID != yi.id })
        #expect(throws: StoreError.self) { try loop.issue(unitID: yi.id, findings: [], accountFindings: [jiaFinding.id], deadline: .workingDays(5), by: admin) }
        let id = try loop.issue(unitID: yi.id, findings: [], accountFindings: [stale.id], deadline: .workingDays(5), by: admin)
        let ticket = try #require(try fx.store.ticket(id, .unit(yi.id)))
        #expect(ticket.items.map(\.accountFindingID) == [stale.id] && ticket.items[0].siteID == 0)
        #expect(try fx.store.ticket(id, .unit(jiaFinding.unitID)) == nil)
        // Held: the same problem is not issued twice.
        #expect(throws: StoreError.self) { try loop.issue(unitID: yi.id, findings: [], accountFindings: [stale.id], deadline: .workingDays(5), by: admin) }
        // Feedback without fixing: the 复核 reads the same export, the problem is still there.
        var t = try await loop.submit(id, note: "已整改。", by: yiUser)
        #expect(t.items[0].state == .reopened, "\(t.items[0])")
        // A new export with yesterday's post: fixed.
        try fx.store.addAccountExport(account: account.id, name: "微博-乙县政务.csv", data: export([1] + Array(stride(from: 5, through: 80, by: 4))),
                                      by: "yi", .unit(yi.id))
        t = try await loop.submit(id, note: "已恢复更新。", by: yiUser)
        #expect(t.items[0].state == .fixed, "\(t.items[0])")
        #expect(t.items[0].note?.contains("微博「乙县政务」") == true)
        // Without the account check the item cannot be judged and stays open.
        let unverified = try await Rectification(store: fx.store, recheck: loop.recheck).recheckAccounts(unit: yi.id, items: t.items)
        #expect(unverified.values.allSatisfy { if case .unverifiable = $0 { true } else { false } })
    }
    /// An export's relative dates (3天前, 昨天) were written on the day it was downloaded: a check ten
    /// days after the upload reads them against the upload day, not the check day.
    @Test func relativeDatesInAnExportAreReadAgainstTheUploadDay() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-nm-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ScanStore(path: path)
        _ = try store.importUnits([UnitImport(name: "甲县", group: "县级", sites: [], place: "t")])
        _ = try store.importAccounts([AccountImport(unit: "甲县", platform: "微信公众号", name: "甲县发布", owner: "甲县", status: "正常", place: "t")])
        let account = try #require(try store.accounts(.all).first)
        try store.addAccountExport(account: account.id, name: "微信公众号-甲县发布.csv",
                                   data: Data("发布时间,标题\n3天前,工作动态\n昨天 10:30,通知\n".utf8), by: "t", .all)
        let today = SimpleDate.today()
        var monitor = try NewMediaMonitor.standard(store: store, inspector: TextInspector.standard(), asOf: { today.adding(days: 10) })
        monitor.fetchFeeds = false
        try await monitor.runDue()
        let check = try #require(try store.account(account.id, .all)?.lastCheck)
        #expect(check.lastPost == today.adding(days: -1).description && check.daysSinceLastPost == 11, "\(check)")
    }
}
