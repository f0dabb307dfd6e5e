import Foundation
import GovLensCore
import GovLensServer
import GovLensStore
import Hummingbird
import HummingbirdTesting
import Testing

/// A unit's user sees its own unit only, on every route: the test walks the router's own list of
/// routes, so a route added later without a case here fails it.
@Suite struct ScopeTests {
    /// Routes that carry no unit's data.
    static let public_ = ["GET /login", "POST /login", "POST /logout", "POST /api/v1/session", "GET /api/v1/openapi.json",
                          "GET /metrics", "GET /assets/style.css", "POST /api/v1/check-text"]
    /// Lists: filtered by scope.
    static let lists = ["GET /", "GET /api/v1/units", "GET /api/v1/sites", "GET /api/v1/findings", "GET /audit", "GET /api/v1/tickets",
                        "GET /tickets", "GET /reports/ledger.xlsx", "GET /notices", "GET /api/v1/notifications",
                        "GET /accounts", "GET /api/v1/accounts"]
    /// The office's own actions: a unit's user is refused (403).
    static let staffOnly = ["POST /api/v1/tickets", "POST /tickets", "GET /reports/rectification.docx", "GET /assessments",
                            "POST /assessments", "GET /assessments/{id}", "GET /assessments/{id}/files/{n}", "POST /assessments/{id}/tickets",
                            "GET /api/v1/assessments", "POST /api/v1/assessments", "GET /api/v1/assessments/{id}",
                            "POST /api/v1/assessments/{id}/tickets", "GET /assessments/{id}/notice", "POST /assessments/{id}/notice",
                            "GET /api/v1/assessments/{id}/notice", "PUT /api/v1/assessments/{id}/notice",
                            "POST /accounts/import", "POST /api/v1/accounts/import"]

    @Test func everyRouteHidesAnotherUnitsData() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        let router = buildRouter(fx.services)
        let routes = router.routes.map { (method: $0.method, path: $0.path.description, components: $0.path.components.map(\.description)) }
        let jia = try #require(try fx.store.units(.all).first { $0.name == "甲县" })
        let yi = try #require(try fx.store.units(.all).first { $0.name == "乙县" })
        func ids(_ unit: UnitRecord) throws -> [String: Int64] {
            let site = unit.sites[0].id
            let ticket = try #require(try fx.store.tickets(.unit(unit.id)).first)
            return ["units": unit.id, "sites": site,
                    "scans": try #require(try fx.store.jobs(.all).first { $0.siteID == site }).id,
                    "findings": try #require(try fx.store.trackedFindings(.all, .init(site: site)).first).id,
                    "tickets": ticket.id, "item": ticket.items[0].id, "file": try #require(ticket.files.first).id,
                    "accounts": try #require(try fx.store.accounts(.unit(unit.id)).first).id]
        }
        let theirs = try ids(jia), mine = try ids(yi)
        let app = Application(router: router)
        try await app.test(.router) { client in
            let yiUser = try await PlatformFixture.bearer(client, "yi")
            var covered = 0
            for route in routes {
                let name = "\(route.method) \(route.path)".replacingOccurrences(of: "//", with: "/")
                if Self.public_.contains(name) { covered += 1; continue }
                if Self.staffOnly.contains(name) {
                    covered += 1
                    try await client.execute(uri: route.path, method: route.method, headers: yiUser) { r in
                        #expect(r.status == .forbidden, "\(name) as a unit's user: \(r.status)")
                    }
                    continue
                }
                if Self.lists.contains(name) {
                    covered += 1
                    try await client.execute(uri: route.path, method: route.method, headers: yiUser) { r in
                        let body = String(buffer: r.body)
                        #expect(!body.contains("甲县") && !body.contains("www.jia.gov.cn"), "\(name) shows 甲县's data")
                        #expect(!body.contains("ROBOTSECRET"), "\(name) shows the office's webhook key")
                        #expect([.ok, .forbidden].contains(r.status), "\(name): \(r.status)")
                    }
                    continue
                }
                // A route with an id: 404 for 甲县's object, anything but 404 for 乙县's own.
                let kind = route.components.first { ["units", "sites", "scans", "findings", "tickets", "accounts"].contains($0) }
                let family = try #require(kind, "route \(name) is neither public, a list nor about a unit's object")
                func uri(_ ids: [String: Int64]) -> String {
                    route.components.map { c in
                        ["{item}": "item", "{file}": "file"][c].map { String(ids[$0]!) } ?? (c.hasPrefix("{") ? String(ids[family]!) : c)
                    }
                        .joined(separator: "/")
                }
                let body = ByteBuffer(string: #"{"decision":"dismiss","reason":"测试"}"#)
                try await client.execute(uri: "/" + uri(theirs), method: route.method,
                                         headers: yiUser.merging([.contentType: "application/json"]), body: body) { r in
                    #expect(r.status == .notFound, "\(name) as 乙县 for 甲县's \(family): \(r.status)")
                    #expect(!String(buffer: r.body).contains("甲县"))
                }
                try await client.execute(uri: "/" + uri(mine), method: route.method,
                                         headers: yiUser.merging([.contentType: "application/json"]), body: body) { r in
                    #expect(r.status != .notFound, "\(name) as 乙县 for its own \(family)")
                }
                covered += 1
            }
            #expect(covered == routes.count && covered >= 20)
        }
    }

    @Test func anonymousCallersGetNothing() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        try await Application(router: buildRouter(fx.services)).test(.router) { client in
            for uri in ["/api/v1/units", "/api/v1/findings", "/api/v1/sites/1", "/api/v1/findings/1"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .unauthorized, "\(uri)") }
            }
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .seeOther && r.headers[.location] == "/login")
            }
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var out = self
        for f in other { out.append(f) }
        return out
    }
}

/// The OpenAPI document describes every API route the router has.
@Suite struct OpenAPITests {
    @Test func everyAPIRouteIsDocumented() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        let router = buildRouter(fx.services)
        let api = router.routes.map { ($0.method.rawValue.lowercased(), $0.path.description) }.filter { $0.1.contains("api/v1") || $0.1.contains("metrics") }
        try await Application(router: router).test(.router) { client in
            let data = try await client.execute(uri: "/api/v1/openapi.json", method: .get) { Data(buffer: $0.body) }
            let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(doc["openapi"] as? String == "3.0.3")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            for (method, path) in api {
                let documented = "/" + path.split(separator: "/").joined(separator: "/")
                #expect(paths[documented]?[method] != nil, "\(method) \(documented) is not in openapi.json")
            }
            #expect(api.count >= 12)
        }
    }
}
