import Foundation
import GovLensCore
import GovLensDocuments
import GovLensScoring
import GovLensStore
import Crypto
import HummingbirdBcrypt

/// Setting the platform up: the units sheet into the store, users with hashed passwords.
public enum PlatformSetup {
    /// Imports the units sheet `score` reads (单位名称, 分组, 网站; CSV in UTF-8 or GBK, or XLSX).
    /// Bad rows are Chinese errors naming the row and column, and then nothing is imported.
    public static func importUnits(_ file: URL, into store: ScanStore) throws -> (added: Int, updated: Int) {
        let units = try UnitsFile.read(TableReader.read(file))
        return try store.importUnits(units.map { u in
            UnitImport(name: u.name, group: u.group, sites: u.site.map { [$0] } ?? [], email: u.email, place: u.place)
        })
    }

    /// Adds a user; the password is stored as a bcrypt hash only.
    @discardableResult
    public static func addUser(_ name: String, role: Role, unit: String?, password: String, store: ScanStore) throws -> Int64 {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError("用户名不能为空") }
        guard password.count >= 8 else { throw StoreError("密码至少 8 个字符") }
        if role != .unit, unit != nil { throw StoreError("只有单位用户（--role unit）需要 --unit") }
        return try store.addUser(name, role: role, unit: unit, passwordHash: Passwords.hash(password))
    }
}

/// Password hashing (bcrypt) and random tokens.
public enum Passwords {
    /// The bcrypt hash of `password` (cost 10: about 60 ms, slow for guessing, fine for a login).
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 10) }

    /// Whether `password` matches `hash`.
    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A random token (32 bytes, hex) and the digest stored in its place.
    public static func newToken() -> (token: String, hash: String) {
        var g = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
        return (token, digest(token))
    }

    /// What the store keeps for a token: its SHA-256, so a copied database holds no usable token.
    public static func digest(_ token: String) -> String { sha256(token) }

    /// SHA-256 of `text` in hex.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
