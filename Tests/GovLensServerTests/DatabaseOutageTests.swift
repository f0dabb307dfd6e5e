import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensServer
@testable import GovLensStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The database going away: the server answers 503 in Chinese (API and pages) while PostgreSQL
/// refuses connections, and serves again as soon as it is back, without a restart.
@Suite struct DatabaseOutageTests {
    @Test func serverAnswers503WhileTheDatabaseIsGoneAndRecovers() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let base = env["GOVLENS_TEST_POSTGRES"] else {
            if env["CI"] != nil { Issue.record("CI 中需要 PostgreSQL：设置 GOVLENS_TEST_POSTGRES（scripts/test 会启动服务器）") }
            return
        }
        // A database of its own, so that closing it does not touch the other tests.
        let admin = try ScanStore(path: base)
        let name = "outage_" + UUID().uuidString.prefix(8).lowercased()
        try admin.db.read { c in try c.execute("CREATE DATABASE \(name)") }
        @Sendable func allow(_ yes: Bool) throws {
            try admin.db.read { c in
                try c.execute("ALTER DATABASE \(name) ALLOW_CONNECTIONS \(yes)")
                if !yes { try c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?", [name]) }
            }
        }
        let store = try ScanStore(path: String(base.prefix { $0 != "?" }).replacingOccurrences(of: "/govlens_test", with: "/\(name)"))
        _ = try store.importUnits([UnitImport(name: "甲县", group: "县级政府", sites: ["http://www.jia.gov.cn/"], place: "test")])
        try PlatformSetup.addUser("admin", role: .admin, unit: nil, password: PlatformFixture.password, store: store)
        let services = try await AppServices(store: store, config: ServerConfig(), inspector: TextInspector.standard())
        try await Application(router: buildRouter(services)).test(.router) { client in
            let headers = try await PlatformFixture.bearer(client, "admin")
            #expect(try await client.execute(uri: "/api/v1/units", method: .get, headers: headers) { $0.status } == .ok)
            try allow(false)
            try await client.execute(uri: "/api/v1/units", method: .get, headers: headers) { r in
                #expect(r.status == .serviceUnavailable && String(buffer: r.body).contains("数据库"), "\(r.status) \(String(buffer: r.body))")
            }
            try await client.execute(uri: "/tickets", method: .get, headers: headers) { r in
                #expect(r.status == .serviceUnavailable && String(buffer: r.body).contains("服务暂时不可用"))
            }
            try allow(true)
            #expect(try await client.execute(uri: "/api/v1/units", method: .get, headers: headers) { $0.status } == .ok)
        }
    }
}
