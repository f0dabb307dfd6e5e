import Foundation
import GovLensStore
import Testing

/// The engines every store test runs on. PostgreSQL needs GOVLENS_TEST_POSTGRES (scripts/test
/// starts a server and sets it); under CI its absence fails the suite instead of skipping it.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var available: [StoreBackend] {
        let env = ProcessInfo.processInfo.environment
        return env["GOVLENS_TEST_POSTGRES"] != nil || env["CI"] != nil ? allCases : [.sqlite]
    }

    /// A new, empty store and the address that reopens it.
    func makeStore() throws -> (ScanStore, String) {
        let address: String
        switch self {
        case .sqlite:
            address = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-store-\(UUID()).sqlite").path
        case .postgres:
            let base = try #require(ProcessInfo.processInfo.environment["GOVLENS_TEST_POSTGRES"],
                                    "CI 中需要 PostgreSQL：设置 GOVLENS_TEST_POSTGRES（scripts/test 会启动服务器）")
            // A schema per test: tests run in parallel on one database.
            address = base + "?schema=t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        }
        return (try ScanStore(path: address), address)
    }

    /// Removes a SQLite file (a PostgreSQL test schema stays in the throwaway server).
    func cleanUp(_ address: String) {
        if self == .sqlite { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: address + suffix) } }
    }
}
