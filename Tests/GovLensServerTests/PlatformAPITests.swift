import Foundation
import GovLensServer
import GovLensStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The API beyond reading: assessments run, read and turned into tickets by a script, and a
/// unit's feedback sent as a multipart form whose files are judged before anything is stored.
@Suite struct PlatformAPITests {
    @Test func assessmentsThroughTheAPI() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            let admin = try await PlatformFixture.bearer(client, "admin")
            let headers = admin.merging([.contentType: "application/json"])
            try await client.execute(uri: "/api/v1/assessments", method: .post, headers: headers,
                                     body: ByteBuffer(string: #"{"pack": "没有这个方案"}"#)) { r in
                #expect(r.status == .badRequest && String(buffer: r.body).contains("没有这个方案"), "\(String(buffer: r.body))")
            }
            let id = try await client.execute(uri: "/api/v1/assessments", method: .post, headers: headers,
                                              body: ByteBuffer(string: #"{"pack": "website-2019", "asOf": "2023-06-30"}"#)) { r in
                #expect(r.status == .created, "\(String(buffer: r.body))")
                let doc = try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
                let scores = try #require(doc["scores"] as? [String: Any])
                let units = (scores["groups"] as? [[String: Any]])?.flatMap { ($0["units"] as? [[String: Any]]) ?? [] } ?? []
                #expect(Set(units.compactMap { $0["unit"] as? String }) == ["甲县", "乙县"])
                #expect((doc["files"] as? [[String: Any]])?.contains { ($0["url"] as? String)?.hasSuffix("/files/0") == true } == true)
                return try #require(doc["id"] as? Int)
            }
            try await client.execute(uri: "/api/v1/assessments", method: .get, headers: admin) { r in
                let list = try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [[String: Any]])
                #expect(list.map { $0["id"] as? Int } == [id] && list[0]["scores"] == nil)
            }
            try await client.execute(uri: "/api/v1/assessments/\(id)", method: .get, headers: admin) { r in
                #expect(r.status == .ok && String(buffer: r.body).contains("website-2019"))
            }
            try await client.execute(uri: "/api/v1/assessments/\(id + 100)", method: .get, headers: admin) { r in
                #expect(r.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/assessments/\(id)/tickets", method: .post, headers: admin) { r in
                #expect(r.status == .created, "\(String(buffer: r.body))")
                #expect(String(buffer: r.body).contains("tickets"))
            }
        }
    }

    @Test func feedbackFilesAreJudgedBeforeAnythingIsStored() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        let yi = try #require(try fx.store.units(.all).first { $0.name == "乙县" })
        let ticket = try #require(try fx.store.tickets(.unit(yi.id)).first)
        let boundary = "----govlens\(UUID().uuidString)"
        let form: @Sendable (String, String) -> ByteBuffer = { file, bytes in
            ByteBuffer(string: "--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n已整改\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(file)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\(bytes)\r\n--\(boundary)--\r\n")
        }
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            let user = try await PlatformFixture.bearer(client, "yi")
            let headers = user.merging([.contentType: "multipart/form-data; boundary=\(boundary)"])
            for (name, bytes, reason) in [("报告.pdf", "MZ not a pdf", "扩展名与内容不符"), ("run.sh", "#!/bin/sh", "类型不允许")] {
                try await client.execute(uri: "/api/v1/tickets/\(ticket.id)/feedback", method: .post, headers: headers,
                                         body: form(name, bytes)) { r in
                    #expect(r.status == .badRequest && String(buffer: r.body).contains(reason), "\(name): \(String(buffer: r.body))")
                }
            }
            let after = try #require(try fx.store.ticket(ticket.id, .all))
            #expect(after.state == ticket.state && after.files == ticket.files && after.feedback == ticket.feedback)
            // The stored file downloads as an attachment, never inline.
            let file = try #require(ticket.files.first)
            try await client.execute(uri: "/api/v1/tickets/\(ticket.id)/files/\(file.id)", method: .get, headers: user) { r in
                #expect(r.status == .ok && r.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                #expect(String(buffer: r.body).hasPrefix("%PDF"))
            }
        }
    }

    /// 总览 ranks units by their current score (the newest scans under the configured pack);
    /// a unit's user sees its own row only.
    @Test func dashboardRanksUnitsByCurrentScore() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            let admin = try await PlatformFixture.bearer(client, "admin")
            let rows = try Self.rankedRows(try await client.execute(uri: "/", method: .get, headers: admin) { String(buffer: $0.body) })
            #expect(rows.count == 2, "\(rows)")
            let ranks = rows.compactMap(\.rank)  // a tie shares a rank
            #expect(ranks.count == 2 && ranks == ranks.sorted() && ranks.first == 1 && rows.allSatisfy { $0.score != nil })
            if rows.count == 2, let a = rows[0].score, let b = rows[1].score { #expect(a >= b) }
            let yi = try await PlatformFixture.bearer(client, "yi")
            let mine = try Self.rankedRows(try await client.execute(uri: "/", method: .get, headers: yi) { String(buffer: $0.body) })
            #expect(mine.map(\.unit) == ["乙县"])
        }
    }

    /// The 总览's unit rows: name, rank and score as printed.
    static func rankedRows(_ html: String) throws -> [(unit: String, rank: Int?, score: Double?)] {
        let row = try Regex(#"<a href="/units/\d+">([^<]+)</a></td><td>([^<]+)</td><td class="rank">([^<]+)</td><td class="score">([^<]+)</td>"#)
        return html.matches(of: row).map { m in
            (unit: String(m.output[1].substring!), rank: Int(m.output[3].substring!),
             score: Double(m.output[4].substring!.prefix { $0.isNumber || $0 == "." }))
        }
    }
}
