import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensMonitor
import GovLensReports
import GovLensScan
import GovLensStore
import Testing

/// An assessment on the platform scores the store's newest full scans, leaves out what an
/// inspector accepted as a false alarm, and turns each unit's 问题清单 into a 整改任务.
@Suite struct PlatformAssessmentTests {
    @Test func assessmentScoresStoredScansAndIssuesTickets() async throws {
        let fx = try await LiveUnitFixture.make(homeExtra: #"<p><a href="/gone1.html">旧一</a> <a href="/gone2.html">旧二</a></p>"#,
                                                host: "www.assess.gov.cn")
        defer { Task { await fx.cleanUp() } }
        let (asOf, server, store, options, jia) = (fx.asOf, fx.server, fx.store, fx.options, fx.jia)
        let admin = UserRecord(id: 1, username: "admin", role: .admin, unitID: nil)
        let unitUser = UserRecord(id: 2, username: "jia", role: .unit, unitID: jia.id)
        let platform = PlatformAssessment(store: store)
        #expect(throws: Rectification.Refusal.self) { try platform.run(pack: "website-2019", asOf: asOf, deadline: nil, manual: nil, by: unitUser) }

        // The assessors' 手工评分表 for the pack's manual items, as an office uploads it.
        let manual = (name: "人工评分.csv", data: Data(("单位名称,政策文件,办事指南,在线办理,办事统计数据,留言答复,征集调查与在线访谈,"
            + "搜索、IPv6与找错入口,集约化与数据开放,智能搜索与问答,创新应用,单项否决（人工认定）\n"
            + "甲县,0,2,0,0,0,1,0,6,4,3,\n乙县,0,0,0,0,0,0,0,0,0,0,\n").utf8))
        func brokenLost(_ id: Int64) throws -> Set<String> {
            let (_, scores) = try #require(try platform.scores(id))
            let unit = try #require(scores.groups.flatMap(\.units).first { $0.unit == "甲县" })
            return Set(unit.lost.flatMap(\.findings).filter { $0.check == .linkBroken }.compactMap(\.target))
        }
        let first = try platform.run(pack: "website-2019", asOf: asOf, deadline: asOf.adding(days: 20), manual: manual, by: admin)
        #expect(try brokenLost(first) == [server.homepage + "gone1.html", server.homepage + "gone2.html"])
        let (_, scores) = try #require(try platform.scores(first))
        #expect(scores.groups.flatMap(\.units).first { $0.unit == "乙县" }?.notes.isEmpty == false)  // no scan: said so

        // An inspector accepts 甲县's dispute about gone2: the next assessment leaves it out.
        let loop = Rectification(store: store, recheck: Recheck(store: store, options: options))
        let tracked = try store.trackedFindings(.all, .init(check: "link.broken")).filter { $0.finding.target == server.homepage + "gone2.html" }
        let ticket = try loop.issue(unitID: jia.id, findings: tracked.map(\.id), deadline: .workingDays(5), by: admin)
        let gone2 = try #require(try store.ticket(ticket, .all)?.items.first { $0.finding.target == server.homepage + "gone2.html" })
        _ = try loop.dispute(ticket, item: gone2.id, reason: "外部系统维护", by: unitUser)
        _ = try loop.decide(ticket, item: gone2.id, accept: true, note: "情况属实", by: admin)
        let second = try platform.run(pack: "website-2019", asOf: asOf, deadline: asOf.adding(days: 20), manual: manual, by: admin)
        #expect(try brokenLost(second) == [server.homepage + "gone1.html"])

        // Its 问题清单 becomes one ticket for 甲县 (乙县 has no scored findings), with the deadline.
        let made = try platform.issueTickets(second, loop: loop, by: admin)
        #expect(made.count == 1)
        let issued = try #require(try store.ticket(made[0], .all))
        #expect(issued.unitID == jia.id && issued.deadline == asOf.adding(days: 20).description)
        #expect(issued.items.contains { $0.finding.target == server.homepage + "gone1.html" })
        #expect(!issued.items.contains { $0.finding.target == server.homepage + "gone2.html" })
        #expect(try platform.issueTickets(second, loop: loop, by: admin).isEmpty)  // a second click issues nothing twice

        // gone1 is fixed, then comes back in a later scan: the next assessment names 甲县 as 屡查屡犯.
        let page = try #require(server.file("/index.html"))
        server.repairLink(on: server.homepage, target: server.homepage + "gone1.html")
        for body in [nil, page] {
            if let body { server.replace("/index.html", with: body) }
            _ = try store.enqueueScan(siteID: jia.sites[0].id)
            #expect(try await fx.runner.runOnce())
        }
        let third = try platform.run(pack: "website-2019", asOf: asOf, deadline: asOf.adding(days: 20), manual: manual, by: admin)
        let (_, again) = try #require(try platform.scores(third))
        #expect(again.repeatOffences == ["甲县": 1])
        #expect(again.groups.flatMap(\.units).first { $0.unit == "甲县" }?.notes.contains { $0.contains("屡查屡犯") } == true)
        #expect(again.groups.flatMap(\.units).first { $0.unit == "乙县" }?.notes.contains { $0.contains("屡查屡犯") } == false)
    }
}

import Hummingbird
import HummingbirdTesting
import GovLensServer

/// The 考核 pages: an assessor uploads the 手工评分表 in a multipart form, reads the rankings and
/// downloads the 通报.
@Suite struct AssessmentPagesTests {
    @Test func uploadRankAndDownload() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        let sheet = "单位名称,政策文件,办事指南,在线办理,办事统计数据,留言答复,征集调查与在线访谈,搜索、IPv6与找错入口,集约化与数据开放,智能搜索与问答,创新应用,单项否决（人工认定）\r\n"
            + "甲县,0,2,0,0,0,1,0,6,4,3,\r\n乙县,0,0,0,0,0,0,0,0,0,0,\r\n"
        let boundary = "----govlens\(UUID().uuidString)"
        let fields = [("pack", "website-2019"), ("asOf", "2023-06-30"), ("deadline", "")].map { name, value in
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }.joined()
        let body = fields + "--\(boundary)\r\nContent-Disposition: form-data; name=\"manual\"; filename=\"人工评分.csv\"\r\nContent-Type: text/csv\r\n\r\n\(sheet)\r\n--\(boundary)--\r\n"
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            let admin = try await PlatformFixture.bearer(client, "admin")
            let location = try await client.execute(uri: "/assessments", method: .post,
                                                    headers: admin.merging([.contentType: "multipart/form-data; boundary=\(boundary)"]),
                                                    body: ByteBuffer(string: body)) { r in
                #expect(r.status == .seeOther, "\(String(buffer: r.body))")
                return r.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/assessments/"))
            try await client.execute(uri: location, method: .get, headers: admin) { r in
                let html = String(buffer: r.body)
                #expect(r.status == .ok && html.contains("甲县") && html.contains("乙县") && html.contains("通报.docx"), "\(html.prefix(2000))")
            }
            try await client.execute(uri: location + "/files/0", method: .get, headers: admin) { r in
                #expect(r.status == .ok && r.body.readableBytes > 1000)
                #expect(r.headers[.contentDisposition]?.contains("attachment") == true)
            }
            // A sheet naming a unit the platform does not have: a Chinese error naming the row, nothing stored.
            let bad = body.replacingOccurrences(of: "乙县,0", with: "丙县,0")
            try await client.execute(uri: "/assessments", method: .post,
                                     headers: admin.merging([.contentType: "multipart/form-data; boundary=\(boundary)"]),
                                     body: ByteBuffer(string: bad)) { r in
                #expect(r.status == .badRequest && String(buffer: r.body).contains("丙县"), "\(String(buffer: r.body))")
            }
            #expect(try fx.store.assessments().count == 1)
        }
    }

    /// The office sets the 通报's header, 版记 and wording for an assessment, previews it, and
    /// downloads it so; a broken template is refused with its line and changes nothing.
    @Test func noticeSettingsAreSavedPreviewedAndDownloaded() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            let admin = try await PlatformFixture.bearer(client, "admin")
            let json = admin.merging([.contentType: "application/json"])
            let id = try await client.execute(uri: "/api/v1/assessments", method: .post, headers: json,
                                              body: ByteBuffer(string: #"{"pack": "website-2019", "asOf": "2023-06-30"}"#)) { r in
                #expect(r.status == .created, "\(String(buffer: r.body))")
                return try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])["id"] as? Int ?? 0
            }
            let template = NoticeTemplate.shippedText.replacingOccurrences(of: "二、表现较好的单位", with: "二、值得肯定的单位")
            let settings = try JSONSerialization.data(withJSONObject: [
                "docNumber": "青政公开办函〔2024〕3号", "contact": "李四", "phone": "0712-7654321", "templateText": template])
            try await client.execute(uri: "/api/v1/assessments/\(id)/notice", method: .put, headers: json, body: ByteBuffer(data: settings)) { r in
                #expect(r.status == .ok && String(buffer: r.body).contains("青政公开办函〔2024〕3号"), "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/assessments/\(id)/notice", method: .get, headers: admin) { r in
                let html = String(buffer: r.body)
                #expect(r.status == .ok && html.contains("青政公开办函〔2024〕3号") && html.contains("值得肯定的单位"), "\(html.prefix(1500))")
            }
            let files = try #require(try PlatformAssessment(store: fx.store).report(Int64(id), issuer: "x")?.1.files().map(\.0))
            let md = try #require(files.firstIndex(of: "通报.md"))
            try await client.execute(uri: "/assessments/\(id)/files/\(md)", method: .get, headers: admin) { r in
                let text = String(buffer: r.body)
                #expect(text.contains("青政公开办函〔2024〕3号") && text.contains("二、值得肯定的单位") && text.contains("联系人：李四，联系电话：0712-7654321"))
            }

            // A template with an unknown placeholder, or a date in another form: 400, nothing changed.
            let broken = try JSONSerialization.data(withJSONObject: ["docNumber": "改了", "templateText": template + "【正文】{{unitTotal}}\n"])
            try await client.execute(uri: "/api/v1/assessments/\(id)/notice", method: .put, headers: json, body: ByteBuffer(data: broken)) { r in
                let body = String(buffer: r.body)
                #expect(r.status == .badRequest && body.contains("unitTotal") && body.contains("行"), "\(body)")
            }
            try await client.execute(uri: "/api/v1/assessments/\(id)/notice", method: .put, headers: json,
                                     body: ByteBuffer(string: #"{"issueDate": "2024/1/5"}"#)) { r in
                #expect(r.status == .badRequest && String(buffer: r.body).contains("成文日期"))
            }
            try await client.execute(uri: "/api/v1/assessments/\(id)/notice", method: .get, headers: admin) { r in
                #expect(String(buffer: r.body).contains("青政公开办函〔2024〕3号"))
            }

            // The page's form: empty fields unset, the shipped template not stored.
            let form = "docNumber=%E9%9D%92%E6%94%BF%E5%87%BD%E3%80%942024%E3%80%955%E5%8F%B7&recipients=&templateText="
            try await client.execute(uri: "/assessments/\(id)/notice", method: .post,
                                     headers: admin.merging([.contentType: "application/x-www-form-urlencoded"]), body: ByteBuffer(string: form)) { r in
                #expect(r.status == .seeOther, "\(String(buffer: r.body))")
            }
            let saved = try #require(try PlatformAssessment(store: fx.store).report(Int64(id), issuer: "x")?.1.notice)
            #expect(saved.docNumber == "青政函〔2024〕5号" && saved.templateText == nil && saved.contact == nil)
        }
    }
}
