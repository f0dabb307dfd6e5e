import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensScan
import GovLensStore

/// The demo county on the platform: the portal (the generated 青山县 site) and the twelve
/// townships and departments of the assessment example, each with a small site of its own on
/// loopback (some with planted problems), an admin, an inspector and two unit users.
public struct DemoPlatform: Sendable {
    /// Who can log in, with the passwords generated for this run (printed once, never stored).
    public struct Login: Sendable {
        public var username: String
        public var role: Role
        public var unit: String?
        public var password: String
    }

    public let servers: [DemoServer]
    public let logins: [Login]
    /// host → 127.0.0.1 for every demo site.
    public let resolve: [String: String]
    /// The county's 政务新媒体 accounts, served on loopback and registered under their units.
    public var newMedia: DemoNewMedia? = nil

    /// The units' sites: one planted problem each for most of them.
    static func site(_ index: Int, asOf: SimpleDate) -> ExampleSite {
        let d = asOf.description
        switch index % 6 {
        case 0: return ExampleSite(asOf: d, homeExtra: "<p><a href=\"/old/notice.html\">旧版通知</a></p>")
        case 1: return ExampleSite(asOf: d, columns: ExampleSite.replacing("工作动态", dates: ["-45", "-80"]))
        case 2: return ExampleSite(asOf: d, footer: "网站标识码：3301230001 浙公网安备 33012302000123号")
        case 3: return ExampleSite(asOf: d, homeExtra: "<p>活动内容丰富多采，欢迎参加。</p>")
        case 4: return ExampleSite(asOf: d, homeDates: ["-40"])
        default: return ExampleSite(asOf: d)
        }
    }

    /// Starts the sites, imports the units into `store` and adds the users.
    public static func seed(_ store: ScanStore, portal: DemoServer, asOf: SimpleDate) async throws -> DemoPlatform {
        var servers: [DemoServer] = [], resolve = portal.resolve
        var units = [UnitImport(name: "青山县人民政府", group: "县级政府门户网站", sites: [portal.homepage], place: "演示")]
        for (i, unit) in DemoAssessment.disclosureUnits.enumerated() {
            let host = "u\(i + 1).qingshan.gov.cn"
            var site = site(i, asOf: asOf)
            site.host = host
            if unit.0 == DemoNewMedia.listingUnit { DemoNewMedia.addListing(to: &site) }
            let server = try await DemoServer.serve(pages: site.pages, asOf: asOf, host: host)
            servers.append(server)
            resolve[host] = "127.0.0.1"
            units.append(UnitImport(name: unit.0, group: unit.1, sites: [server.homepage], place: "演示"))
        }
        _ = try store.importUnits(units)
        let logins = [
            Login(username: "admin", role: .admin, unit: nil, password: password()),
            Login(username: "inspector", role: .inspector, unit: nil, password: password()),
            Login(username: "qingshan", role: .unit, unit: DemoAssessment.disclosureUnits[0].0, password: password()),
            Login(username: "jiaoyu", role: .unit, unit: DemoAssessment.disclosureUnits[7].0, password: password()),
        ]
        for l in logins where try store.credentials(l.username) == nil {
            try PlatformSetup.addUser(l.username, role: l.role, unit: l.unit, password: l.password, store: store)
        }
        let newMedia = try await DemoNewMedia.serve(asOf: asOf)
        try newMedia.register(store)
        return DemoPlatform(servers: servers, logins: logins, resolve: resolve, newMedia: newMedia)
    }

    /// Scans every site not scanned yet once through the job queue, as the platform would.
    public func firstScans(_ store: ScanStore, asOf: SimpleDate, spellModel: URL?) async throws -> Int {
        let scanned = Set(try store.jobs(.all, limit: 10_000).map(\.siteID))
        for site in try store.sites(.all) where !scanned.contains(site.id) { _ = try store.enqueueScan(siteID: site.id) }
        let runner = runner(store, asOf: asOf, spellModel: spellModel)
        var n = 0
        while try await runner.runOnce() { n += 1 }
        return n
    }

    /// A job runner for the demo's sites.
    public func runner(_ store: ScanStore, asOf: SimpleDate, spellModel: URL?) -> JobRunner {
        let resolve = self.resolve
        return JobRunner(store: store, worker: "demo") { site in
            var o = ScanOptions(url: site.url, asOf: asOf)
            o.resolve = resolve
            o.spellModel = spellModel
            o.minInterval = 0.02
            return o
        }
    }

    /// The loop for the demo's sites: re-checks resolve the demo hosts to loopback.
    public func rectification(_ store: ScanStore, asOf: SimpleDate, spellModel: URL?) -> Rectification {
        var loop = Rectification(store: store, recheck: Recheck(store: store, options: runner(store, asOf: asOf, spellModel: spellModel).options))
        loop.newMedia = try? NewMediaMonitor.standard(store: store, inspector: TextInspector.standard(spellModel: spellModel), asOf: { asOf })
        return loop
    }

    /// What the demo's first round of 考核 and 整改 did.
    public struct Round: Sendable {
        public var assessment: Int64
        public var tickets: [Ticket]
    }

    /// The office's first round on the platform: an assessment of every unit on its first scan
    /// (website pack; manual items 未评估), each unit's 问题清单 issued as a 整改任务; then some
    /// units fix their sites (a broken link repaired, a post added to a stale column), others do
    /// not, and all of them report back, so the re-check closes some items and reopens the rest.
    public func firstRound(_ store: ScanStore, asOf: SimpleDate, loop: Rectification) async throws -> Round {
        let office = UserRecord(id: 0, username: "演示管理员", role: .admin, unitID: nil)
        let assessments = PlatformAssessment(store: store)
        // The sites are dated as of `asOf`; the units' deadline runs from the real today.
        let deadline = WorkingDayCalendar.official.add(10, to: SimpleDate(date: loop.now()))
        let id = try assessments.run(pack: "website-2019", asOf: asOf, deadline: deadline, by: office)
        let made = try assessments.issueTickets(id, loop: loop, by: office)
        for (i, server) in servers.enumerated() {
            switch i % 6 {
            case 0: server.repairLink(on: server.homepage, target: server.homepage + "old/notice.html")
            case 1: server.addPost(to: server.homepage + "gzdt/", title: "县政务公开工作推进会召开", date: asOf)
            default: break  // these units report back without fixing anything
            }
        }
        var tickets: [Ticket] = []
        for ticket in made {
            tickets.append(try await loop.submit(ticket, note: "已按问题清单整改。", by: office))
        }
        return Round(assessment: id, tickets: tickets)
    }

    static func password() -> String {
        let letters = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return String((0..<12).map { _ in letters.randomElement()! })
    }

    /// Checks every account once, as the scheduler would, judged as of the demo's day.
    public func checkAccounts(_ store: ScanStore, asOf: SimpleDate, spellModel: URL?) async throws -> Int {
        let inspector = try TextInspector.standard(spellModel: spellModel)
        return try await NewMediaMonitor.standard(store: store, inspector: inspector, asOf: { asOf }).runDue()
    }

    public func shutdown() async {
        for s in servers { await s.shutdown() }
        await newMedia?.server.shutdown()
    }
}

extension DemoPlatform {
    /// A load for the platform benchmark: `units` units with one site each and `findings` tracked
    /// findings per site (stored through the job queue as real scans are), plus an admin and a
    /// unit user with `password`.
    public static func seedLoad(_ store: ScanStore, units: Int, findings: Int, password: String) throws {
        _ = try store.importUnits((1...units).map { i in
            UnitImport(name: "单位\(i)", group: i % 2 == 0 ? "市直部门" : "区县政府", sites: ["http://www.u\(i).gov.cn/"], place: "bench")
        })
        for site in try store.sites(.all) {
            var list = (0..<findings).map { n in
                Finding(check: n % 3 == 0 ? "text.typo" : .linkBroken, severity: .deduct, page: "\(site.url)p\(n / 10).html",
                        target: n % 3 == 0 ? nil : "\(site.url)gone\(n).html",
                        evidence: "第 \(n) 个问题：链接指向的页面不存在（404）", suggestion: "请删除或更正该链接。",
                        status: "404", definite: true, scope: .other, wrongForm: n % 3 == 0 ? "错字\(n)" : nil)
            }
            FindingKey.assign(&list)
            let report = ScanReport(site: site.url, asOf: "2023-06-30", startedAt: Date(), finishedAt: Date(), stats: ScanStats(),
                                    complete: true, incompleteReasons: [],
                                    homepage: HomepageStatus(url: site.url, reachable: true, status: "200", latencyMs: 5),
                                    pages: [], findings: list, errors: [])
            let job = try store.enqueueScan(siteID: site.id)
            _ = try store.claimJob(worker: "bench")
            try store.finishScanJob(job, report: report)
        }
        if try store.credentials("admin") == nil {
            try PlatformSetup.addUser("admin", role: .admin, unit: nil, password: password, store: store)
            try PlatformSetup.addUser("unit1", role: .unit, unit: "单位1", password: password, store: store)
        }
    }
}
