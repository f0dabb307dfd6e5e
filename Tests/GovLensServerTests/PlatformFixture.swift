import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensServer
import GovLensStore
import Hummingbird
import HummingbirdTesting

/// A store with two units (甲县, 乙县), a site each, users of every role, and a tracked finding
/// for each unit: what the route tests read as one unit and as the other.
struct PlatformFixture {
    let store: ScanStore
    let services: AppServices
    let path: String
    static let password = "password-123"

    static func make(config: ServerConfig = ServerConfig()) async throws -> PlatformFixture {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-platform-\(UUID()).sqlite").path
        let store = try ScanStore(path: path)
        _ = try store.importUnits([
            UnitImport(name: "甲县", group: "县级政府", sites: ["http://www.jia.gov.cn/"], place: "test"),
            UnitImport(name: "乙县", group: "县级政府", sites: ["http://www.yi.gov.cn/"], place: "test"),
        ])
        try PlatformSetup.addUser("admin", role: .admin, unit: nil, password: password, store: store)
        try PlatformSetup.addUser("inspector", role: .inspector, unit: nil, password: password, store: store)
        try PlatformSetup.addUser("jia", role: .unit, unit: "甲县", password: password, store: store)
        try PlatformSetup.addUser("yi", role: .unit, unit: "乙县", password: password, store: store)
        for site in try store.sites(.all) {
            let job = try store.enqueueScan(siteID: site.id)
            _ = try store.claimJob(worker: "fixture")
            try store.finishScanJob(job, report: report(site.url))
        }
        // A 整改任务 per unit, with its findings.
        for unit in try store.units(.all) {
            let ticket = try store.createTicket(unitID: unit.id, trackedIDs: try store.trackedFindings(.unit(unit.id)).map(\.id),
                                                deadline: SimpleDate.today().adding(days: 10), title: "\(unit.name)整改任务", actor: "admin",
                                                needsInspector: { _ in false })
            try store.moveTicket(ticket, from: [.open], to: .open, actor: "admin", reason: "补充材料",
                                 files: [UploadedFile(name: "\(unit.name)整改报告.pdf", contentType: "application/pdf", data: Data("%PDF-1.4 \(unit.name)".utf8))])
            try store.notify(unitID: unit.id, kind: "digest", title: "政府网站问题提示", body: "\(unit.name)：未整改问题1个",
                             onceKey: "digest|\(unit.id)", channels: [("email", "\(unit.id)@example.gov.cn"),
                                                                        ("webhook", "https://robot.example.cn/send?key=ROBOTSECRET")])
        }
        // A 政务新媒体 account per unit, checked once, with a finding whose evidence carries a
        // number in clear (pages and the API must still mask it).
        _ = try store.importAccounts(try store.units(.all).map { u in
            AccountImport(unit: u.name, platform: "微信公众号", name: "\(u.name)发布", owner: u.name, status: "正常", place: "test")
        })
        for a in try store.accounts(.all) {
            var list = [Finding(check: "newmedia.stale", severity: .veto, page: "newmedia:\(a.platform)/\(a.name)",
                                evidence: "\(a.label)超过 14 天未更新，联系电话 13812345678", suggestion: "及时更新账号内容",
                                needsReview: false, subject: a.label)]
            FindingKey.assign(&list)
            try store.finishAccountCheck(account: a.id, check: AccountCheckRecord(
                checkedAt: "2024-06-30T01:00:00Z", asOf: "2024-06-30", checked: true, reason: nil, source: "feed.xml", posts: 2,
                postsInPeriod: 1, lastPost: "2024-06-01", daysSinceLastPost: 29, interaction: nil, replies: 0, medianReplyHours: nil,
                findings: ["newmedia.stale"]), findings: list)
        }
        let services = try await AppServices(store: store, config: config, inspector: TextInspector.standard())
        return PlatformFixture(store: store, services: services, path: path)
    }

    /// A scan of `site` with one broken link (needs review) and one leaked mobile number.
    static func report(_ site: String, links: [String] = ["old.html"]) -> ScanReport {
        var findings = links.map { t in
            Finding(check: .linkBroken, severity: .deduct, page: site, target: site + t, evidence: "链接“旧版”指向 \(site)\(t)：服务器错误",
                    suggestion: "请复核该链接。", needsReview: true, status: "500", definite: false, scope: .home)
        }
        // Evidence with a number in clear, as a check that forgot to mask would leave it: the API and
        // the UI must still not show it.
        findings.append(Finding(check: "privacy.mobile", severity: .deduct, page: site + "a.html", evidence: "公开了手机号码 13812345678",
                                suggestion: "请删除或遮盖该手机号码。", wrongForm: "138****5678"))
        FindingKey.assign(&findings)
        return ScanReport(site: site, asOf: "2023-06-30", startedAt: Date(), finishedAt: Date(), stats: ScanStats(), complete: true,
                          incompleteReasons: [], homepage: HomepageStatus(url: site, reachable: true, status: "200", latencyMs: 3),
                          pages: [], findings: findings, errors: [])
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }

    /// Logs in through the API and returns the bearer header.
    static func bearer(_ client: some TestClientProtocol, _ user: String) async throws -> HTTPFields {
        let body = ByteBuffer(string: #"{"username":"\#(user)","password":"\#(password)"}"#)
        let token = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"], body: body) { r in
            try JSONDecoder().decode(SessionOut.self, from: Data(buffer: r.body)).token
        }
        return [.authorization: "Bearer \(token)"]
    }
}

struct SessionOut: Decodable { var token: String }
