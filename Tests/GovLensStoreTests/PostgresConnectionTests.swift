import Foundation
import GovLensCore
@testable import GovLensStore
import Testing

/// What a user of `--db postgres://` meets when the server misbehaves.
@Suite struct PostgresConnectionTests {
    @Test func droppedConnectionsAreReopenedAndNoWriteIsLost() throws {
        guard StoreBackend.available.contains(.postgres) else { return }
        let (store, address) = try StoreBackend.postgres.makeStore()
        let id = try store.save(ScanStoreTests().report(["a.html"]))
        // The server ends every connection of this store (as a restart or an idle timeout would).
        let schema = try #require(URLComponents(string: address)?.queryItems?.first?.value)
        let admin = try ScanStore(path: String(address.prefix { $0 != "?" }))
        let ended: Int = try #require(try admin.db.read { c in
            try c.value("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?
                """, ["govlens-" + schema])
        })
        #expect(ended >= 1)
        // Reads and writes go on over new connections.
        #expect(try store.findings(scan: id).count == 1)
        let second = try store.save(ScanStoreTests().report(["b.html"]))
        #expect(try store.scans().map(\.id) == [id, second])
    }

    @Test func anUnreachableServerIsAChineseErrorWithoutThePassword() throws {
        #expect { try ScanStore(path: "postgres://govlens:secret@127.0.0.1:1/none") } throws: { error in
            let text = "\(error)"
            return text.contains("无法连接数据库") && !text.contains("secret")
        }
        #expect(ScanStore.redacted("postgres://govlens:secret@db:5432/x") == "postgres://govlens:***@db:5432/x")
        #expect { try ScanStore(path: "postgres://db/x?schema=a;drop") } throws: { "\($0)".contains("schema") }
    }
}
