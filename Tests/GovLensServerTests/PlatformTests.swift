import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensMonitor
import GovLensScan
import GovLensServer
import GovLensStore
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PlatformTests {
    @Test func loginRolesReviewAndRateLimit() async throws {
        var config = ServerConfig()
        config.loginAttempts = 3
        let fx = try await PlatformFixture.make(config: config)
        defer { fx.cleanUp() }
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            let admin = try await PlatformFixture.bearer(client, "admin")
            let units = try await client.execute(uri: "/api/v1/units", method: .get, headers: admin) { String(buffer: $0.body) }
            #expect(units.contains("甲县") && units.contains("乙县"))
            // Personal numbers stay masked in the API.
            let findings = try await client.execute(uri: "/api/v1/findings?check=privacy", method: .get, headers: admin) { String(buffer: $0.body) }
            #expect(findings.contains("138****5678") && !findings.contains("13812345678"))
            #expect(findings.contains("\"state\":\"new\"") && findings.contains("\"key\":\"privacy.mobile|"))

            // A unit user may not confirm or dismiss (403), an inspector may, with a reason, and it is audited.
            let finding = try #require(try fx.store.trackedFindings(.all, .init(check: "link.broken")).first)
            let jia = try await PlatformFixture.bearer(client, "jia")
            let review = ByteBuffer(string: #"{"decision":"dismiss","reason":"链接已恢复，误报"}"#)
            let json: HTTPFields = [.contentType: "application/json"]
            let unitStatus = try await client.execute(uri: "/api/v1/findings/\(finding.id)/review", method: .post,
                                                      headers: jia.merging(json), body: review) { $0.status }
            #expect(unitStatus == (finding.unit == "甲县" ? .forbidden : .notFound))
            let inspector = try await PlatformFixture.bearer(client, "inspector")
            let empty = ByteBuffer(string: #"{"decision":"dismiss","reason":" "}"#)
            #expect(try await client.execute(uri: "/api/v1/findings/\(finding.id)/review", method: .post, headers: inspector.merging(json),
                                             body: empty) { $0.status } == .badRequest)
            #expect(try await client.execute(uri: "/api/v1/findings/\(finding.id)/review", method: .post, headers: inspector.merging(json),
                                             body: review) { $0.status } == .ok)
            #expect(try fx.store.trackedFinding(finding.id, .all)?.review?.decision == "dismiss")
            #expect(try fx.store.auditLog().contains { $0.action == "review:dismiss" && $0.actor == "inspector" })

            // Wrong passwords: 401, then 429 once the limit is reached, even with the right one.
            let wrong = ByteBuffer(string: #"{"username":"yi","password":"nope-nope"}"#)
            for _ in 0..<3 {
                #expect(try await client.execute(uri: "/api/v1/session", method: .post, headers: json, body: wrong) { $0.status } == .unauthorized)
            }
            let right = ByteBuffer(string: #"{"username":"yi","password":"\#(PlatformFixture.password)"}"#)
            #expect(try await client.execute(uri: "/api/v1/session", method: .post, headers: json, body: right) { $0.status } == .tooManyRequests)
        }
    }

    @Test func browserFormsNeedTheSessionsCSRFValue() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let cookie = try await client.execute(uri: "/login", method: .post, headers: form,
                                                  body: ByteBuffer(string: "username=jia&password=\(PlatformFixture.password)")) { r in
                #expect(r.status == .seeOther)
                return try #require(r.headers[.setCookie]).split(separator: ";")[0]
            }
            let session: HTTPFields = [.cookie: String(cookie)]
            let site = try #require(try fx.store.sites(.all).first { $0.unit == "甲县" })
            let page = try await client.execute(uri: "/sites/\(site.id)", method: .get, headers: session) { String(buffer: $0.body) }
            #expect(page.contains("立即检查") && page.contains("<td>新发现</td>"))
            let csrf = try #require(page.range(of: #"name="csrf" value="[0-9a-f]+""#, options: .regularExpression).map { page[$0] })
                .split(separator: "\"")[3]
            let queued = try fx.store.queueDepth()
            #expect(try await client.execute(uri: "/sites/\(site.id)/scan", method: .post, headers: session.merging(form),
                                             body: ByteBuffer(string: "csrf=forged")) { $0.status } == .forbidden)
            #expect(try fx.store.queueDepth() == queued)
            #expect(try await client.execute(uri: "/sites/\(site.id)/scan", method: .post, headers: session.merging(form),
                                             body: ByteBuffer(string: "csrf=\(csrf)")) { $0.status } == .seeOther)
            #expect(try fx.store.queueDepth() == queued + 1)
        }
    }

    @Test func checkTextEndpointGivesWhatCheckTextGives() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            let jia = try await PlatformFixture.bearer(client, "jia")
            let body = ByteBuffer(string: #"{"text":"活动内容丰富多采，联系电话 13812345678。","date":"2023-06-30"}"#)
            let out = try await client.execute(uri: "/api/v1/check-text", method: .post, headers: jia.merging([.contentType: "application/json"]),
                                               body: body) { r in
                #expect(r.status == .ok)
                return String(buffer: r.body)
            }
            #expect(out.contains("丰富多彩") && out.contains("privacy.mobile") && !out.contains("13812345678"))
            // The same draft as a file in a multipart form, as a CMS's upload would send it.
            let boundary = "----govlens-draft"
            var form = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"date\"\r\n\r\n2023-06-30\r\n".utf8)
            form += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"通知.txt\"\r\nContent-Type: text/plain\r\n\r\n".utf8)
            form += Data("活动内容丰富多采，联系电话 13812345678。".utf8)
            form += Data("\r\n--\(boundary)--\r\n".utf8)
            let uploaded = try await client.execute(uri: "/api/v1/check-text", method: .post,
                                                    headers: jia.merging([.contentType: "multipart/form-data; boundary=\(boundary)"]),
                                                    body: ByteBuffer(data: form)) { r in
                #expect(r.status == .ok)
                return String(buffer: r.body)
            }
            #expect(uploaded.contains("丰富多彩") && uploaded.contains("privacy.mobile") && uploaded.contains("通知.txt"))
            let bad = ByteBuffer(string: #"{"text":"x","date":"2023-13-45"}"#)
            #expect(try await client.execute(uri: "/api/v1/check-text", method: .post, headers: jia.merging([.contentType: "application/json"]),
                                             body: bad) { $0.status } == .badRequest)
        }
    }

    /// The durable queue end to end: a site served on loopback is scanned by the job runner, then
    /// repaired and scanned again; a job left running by a killed process is run again without
    /// storing anything twice.
    @Test func jobsScanTrackAndSurviveAKilledRunner() async throws {
        let site = ExampleSite(asOf: "2023-06-30", homeExtra: "<a href=\"/old/notice.html\">旧版通知</a>")
        let server = try await DemoServer.serve(pages: site.pages, asOf: site.asOf, host: site.host)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-jobs-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ScanStore(path: path)
        _ = try store.importUnits([UnitImport(name: "某某县", group: "县级政府", sites: [server.homepage], place: "test")])
        let siteID = try #require(try store.sites(.all).first).id
        let runner = JobRunner(store: store, worker: "test") { s in
            var o = ScanOptions(url: s.url, asOf: site.asOf)
            o.resolve = [site.host: "127.0.0.1"]
            o.minInterval = 0
            o.recheckDelay = 0
            return o
        }
        let first = try store.enqueueScan(siteID: siteID)
        #expect(try store.enqueueScan(siteID: siteID) == first)  // one queued scan per site
        #expect(try await runner.runOnce())
        #expect(try await runner.runOnce() == false)
        let broken = try store.trackedFindings(.all, .init(check: "link.broken"))
        #expect(broken.count == 1 && broken[0].state == .new)

        // A runner killed mid-scan leaves its job running; recovery queues it again, and running it
        // twice stores the scan once.
        let second = try store.enqueueScan(siteID: siteID)
        _ = try store.claimJob(worker: "dead")
        #expect(try store.claimJob(worker: "other") == nil)  // its site is busy
        #expect(try runner.recover() == 0)  // its lease has not run out: a live runner's job is never taken
        #expect(try store.requeueInterrupted(now: Date().addingTimeInterval(120)) == 1)
        server.repairLink(on: server.homepage, target: server.homepage + "old/notice.html")
        #expect(try await runner.runOnce())
        let scanID = try #require(try store.job(second, .all)?.scanID)
        let report = try await SiteScanner.run(try runner.options(try #require(try store.site(siteID, .all))))
        #expect(try store.finishScanJob(second, report: report) == scanID)
        #expect(try store.scans().count == 2)
        #expect(try store.trackedFindings(.all, .init(check: "link.broken")).map(\.state) == [.fixed])
        await server.shutdown()
    }
}

extension PlatformTests {
    @Test func badRequestBodiesAreExplainedInChinese() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            let json: HTTPFields = [.contentType: "application/json"]
            let (status, body) = try await client.execute(uri: "/api/v1/session", method: .post, headers: json,
                                                          body: ByteBuffer(string: #"{"user":"x"}"#)) { ($0.status, String(buffer: $0.body)) }
            #expect(status == .badRequest && body.contains("请求体应为 JSON") && !body.contains("Coding key"))
            let admin = try await PlatformFixture.bearer(client, "admin")
            let f = try #require(try fx.store.trackedFindings(.all).first)
            let review = try await client.execute(uri: "/api/v1/findings/\(f.id)/review", method: .post, headers: admin.merging(json),
                                                  body: ByteBuffer(string: "not json")) { String(buffer: $0.body) }
            #expect(review.contains("decision"))
        }
    }
}

extension PlatformTests {
    /// The unit page draws the findings of each scan over time, from the store, for its own unit only.
    @Test func unitPageShowsTheTrendOfItsScans() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        let jia = try #require(try fx.store.units(.all).first { $0.name == "甲县" })
        let site = jia.sites[0]
        let job = try fx.store.enqueueScan(siteID: site.id)
        _ = try fx.store.claimJob(worker: "t")
        try fx.store.finishScanJob(job, report: PlatformFixture.report(site.url, links: ["a.html", "b.html", "c.html"]))
        #expect(try fx.store.findingTrend(unit: jia.id, .all).map(\.findings) == [2, 4])
        #expect(try fx.store.findingTrend(unit: jia.id, .unit(jia.id + 1)).isEmpty)
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            // The UI reads the session cookie: log in through the form.
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let cookie = try await client.execute(uri: "/login", method: .post, headers: form,
                                                  body: ByteBuffer(string: "username=jia&password=\(PlatformFixture.password)")) {
                String(try #require($0.headers[.setCookie]).split(separator: ";")[0])
            }
            let html = try await client.execute(uri: "/units/\(jia.id)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(html.contains("<polyline") && html.contains("4 个问题") && html.contains("2 个问题"))
        }
    }
}
