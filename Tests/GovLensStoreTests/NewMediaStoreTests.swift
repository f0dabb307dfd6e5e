import Foundation
import GovLensCore
import GovLensStore
import Testing

/// 政务新媒体 accounts in the store on both engines: import under units (all or nothing), reads
/// by scope, uploaded exports, and findings tracked per account across checks.
@Suite struct NewMediaStoreTests {
    func seeded(_ backend: StoreBackend) throws -> (ScanStore, String, [UnitRecord]) {
        let (store, address) = try backend.makeStore()
        _ = try store.importUnits([
            UnitImport(name: "县政府办", group: "县政府部门", sites: ["http://www.x.gov.cn/"], place: "第 2 行"),
            UnitImport(name: "县教育局", group: "县政府部门", sites: ["http://jy.x.gov.cn/"], place: "第 3 行"),
        ])
        _ = try store.importAccounts([
            AccountImport(unit: "县政府办", platform: "微信公众号", name: "青山发布", owner: "县政府办", url: "http://x/feed.xml",
                          status: "正常", place: "register.csv 第2行"),
            AccountImport(unit: "县教育局", platform: "微博", name: "青山教育", owner: "县教育局", status: "正常", place: "register.csv 第3行"),
        ])
        return (store, address, try store.units(.all))
    }

    func check(_ ids: [String], checked: Bool = true) -> AccountCheckRecord {
        AccountCheckRecord(checkedAt: ISO8601DateFormatter().string(from: Date()), asOf: "2024-06-30", checked: checked,
                           reason: checked ? nil : "订阅地址返回 HTTP 500", source: "feed.xml", posts: 3, postsInPeriod: 2,
                           lastPost: "2024-06-01", daysSinceLastPost: 29, interaction: nil, replies: 0, medianReplyHours: nil, findings: ids)
    }

    func finding(_ id: CheckID, account: String = "微信公众号「青山发布」") -> Finding {
        var list = [Finding(check: id, severity: .veto, page: "newmedia:微信公众号/青山发布", evidence: "\(account)超过 14 天未更新",
                            suggestion: "及时更新", needsReview: false, subject: account)]
        FindingKey.assign(&list)
        return list[0]
    }

    @Test(arguments: StoreBackend.available) func importBelongsToUnitsAndIsAllOrNothing(_ backend: StoreBackend) throws {
        let (store, address, units) = try seeded(backend)
        defer { backend.cleanUp(address) }
        #expect(try store.accounts(.all).map(\.label) == ["微信公众号「青山发布」", "微博「青山教育」"])
        // A unit's user sees its own accounts only, on lists and by id.
        let jiaoyu = units[1].id
        let mine = try store.accounts(.unit(jiaoyu))
        #expect(mine.map(\.name) == ["青山教育"])
        let other = try #require(try store.accounts(.all).first { $0.unitID != jiaoyu })
        #expect(try store.account(other.id, .unit(jiaoyu)) == nil)
        #expect(try store.account(mine[0].id, .unit(jiaoyu))?.unit == "县教育局")
        // An unknown unit in the second row: nothing of the import is kept, the row is named.
        #expect {
            try store.importAccounts([
                AccountImport(unit: "县政府办", platform: "抖音", name: "青山视频", owner: "县政府办", status: "正常", place: "r.csv 第2行"),
                AccountImport(unit: "县林业局", platform: "微博", name: "青山林业", owner: "县林业局", status: "正常", place: "r.csv 第3行"),
            ])
        } throws: { "\($0)".contains("r.csv 第3行") && "\($0)".contains("县林业局") }
        #expect(try store.accounts(.all).count == 2)
        // The same account again is an update (status now closed), not a second row.
        let again = try store.importAccounts([
            AccountImport(unit: "县政府办", platform: "微信公众号", name: "青山发布", owner: "县政府办", status: "已关停", place: "r.csv 第2行"),
        ])
        #expect(again.added == 0 && again.updated == 1)
        #expect(try store.accounts(.all).first { $0.name == "青山发布" }?.status == "已关停")
    }

    @Test(arguments: StoreBackend.available) func exportsAreScopedAndTheNewestIsRead(_ backend: StoreBackend) throws {
        let (store, address, units) = try seeded(backend)
        defer { backend.cleanUp(address) }
        let jiaoyu = units[1].id
        let theirs = try #require(try store.accounts(.all).first { $0.unitID != jiaoyu })
        let mine = try #require(try store.accounts(.unit(jiaoyu)).first)
        // Another unit's account: nothing stored, nothing read.
        #expect(try store.addAccountExport(account: theirs.id, name: "x.csv", data: Data("a".utf8), by: "jiaoyu", .unit(jiaoyu)) == nil)
        #expect(try store.latestAccountExport(account: theirs.id, .all) == nil)
        try store.addAccountExport(account: mine.id, name: "old.csv", data: Data("旧".utf8), by: "jiaoyu", .unit(jiaoyu))
        try store.addAccountExport(account: mine.id, name: "new.csv", data: Data("新".utf8), by: "jiaoyu", .unit(jiaoyu))
        let latest = try #require(try store.latestAccountExport(account: mine.id, .unit(jiaoyu)))
        #expect(latest.name == "new.csv" && latest.data == Data("新".utf8))
        #expect(try store.latestAccountExport(account: mine.id, .unit(units[0].id)) == nil)
        #expect(try store.account(mine.id, .all)?.latestExport == "new.csv")
    }

    @Test(arguments: StoreBackend.available) func findingsAreTrackedPerAccount(_ backend: StoreBackend) throws {
        let (store, address, units) = try seeded(backend)
        defer { backend.cleanUp(address) }
        let a = try #require(try store.accounts(.all).first { $0.name == "青山发布" })
        let now = Date()
        #expect(try store.accountsDue(every: 86400, at: now).count == 2)  // never checked
        try store.finishAccountCheck(account: a.id, check: check(["newmedia.stale"]), findings: [finding("newmedia.stale")])
        #expect(try store.accountsDue(every: 86400, at: now).map(\.name) == ["青山教育"])
        #expect(try store.accountsDue(every: 86400, at: now.addingTimeInterval(86400)).count == 2)
        #expect(try store.account(a.id, .all)?.lastCheck?.findings == ["newmedia.stale"])
        #expect(try store.accountFindings(.all).map(\.state) == [.new])
        // Seen again: persisting. A check whose source could not be read fixes nothing.
        try store.finishAccountCheck(account: a.id, check: check(["newmedia.stale"]), findings: [finding("newmedia.stale")])
        #expect(try store.accountFindings(.all).map(\.state) == [.persisting])
        try store.finishAccountCheck(account: a.id, check: check([], checked: false), findings: [])
        #expect(try store.accountFindings(.all).map(\.state) == [.persisting])
        #expect(try store.account(a.id, .all)?.lastCheck?.reason == "订阅地址返回 HTTP 500")
        // Read and gone: fixed; hidden from open lists; other units never see it.
        try store.finishAccountCheck(account: a.id, check: check([]), findings: [])
        #expect(try store.accountFindings(.all).map(\.state) == [.fixed])
        #expect(try store.accountFindings(.all, includeFixed: false).isEmpty)
        #expect(try store.accountFindings(.unit(units[1].id)).isEmpty)
        #expect(try store.accountFindings(.unit(units[0].id)).count == 1)
        // Back after the fix: new again.
        try store.finishAccountCheck(account: a.id, check: check(["newmedia.stale"]), findings: [finding("newmedia.stale")])
        #expect(try store.accountFindings(.all).map(\.state) == [.new])
    }
    @Test(arguments: StoreBackend.available) func accountFindingsGoIntoTickets(_ backend: StoreBackend) throws {
        let (store, address, units) = try seeded(backend)
        defer { backend.cleanUp(address) }
        let a = try #require(try store.accounts(.all).first { $0.name == "青山发布" })
        try store.finishAccountCheck(account: a.id, check: check(["newmedia.stale"]), findings: [finding("newmedia.stale")])
        let f = try #require(try store.accountFindings(.all).first)
        // Not 县教育局's to be issued; then 县政府办's ticket holds it, so it is not issued twice.
        #expect(throws: StoreError.self) {
            try store.createTicket(unitID: units[1].id, trackedIDs: [], accountFindingIDs: [f.id], deadline: SimpleDate(iso: "2024-07-10")!,
                                   title: "t", actor: "admin", needsInspector: { _ in false })
        }
        let id = try store.createTicket(unitID: units[0].id, trackedIDs: [], accountFindingIDs: [f.id], deadline: SimpleDate(iso: "2024-07-10")!,
                                        title: "整改", actor: "admin", needsInspector: { _ in false })
        let ticket = try #require(try store.ticket(id, .unit(units[0].id)))
        #expect(ticket.items.map(\.accountFindingID) == [f.id] && ticket.items.map(\.key) == [f.key])
        #expect(try store.ticket(id, .unit(units[1].id)) == nil)
        #expect(throws: StoreError.self) {
            try store.createTicket(unitID: units[0].id, trackedIDs: [], accountFindingIDs: [f.id], deadline: SimpleDate(iso: "2024-07-10")!,
                                   title: "t", actor: "admin", needsInspector: { _ in false })
        }
    }
}
