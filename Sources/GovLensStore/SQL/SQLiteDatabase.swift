import Foundation
import GRDB

/// The default store: one SQLite file in WAL mode through GRDB, shared by `serve` and workers on
/// one machine (writers wait up to 30 s for each other instead of failing).
final class SQLiteDatabase: SQLDatabase {
    let pool: DatabasePool
    var dialect: SQLDialect { .sqlite }

    init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(30)
        pool = try DatabasePool(path: path, configuration: config)
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.read { db in try body(Connection(db: db)) }
    }

    @discardableResult
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.write { db in try body(Connection(db: db)) }
    }

    func close() {}

    struct Connection: SQLConnection {
        let db: Database
        var dialect: SQLDialect { .sqlite }

        func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int {
            try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
            return db.changesCount
        }

        func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow] {
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments)).map { row in
                SQLRow(names: Array(row.columnNames), values: row.databaseValues.map(Self.value))
            }
        }

        static func arguments(_ values: [any SQLBindable]) -> StatementArguments {
            StatementArguments(values.map { v -> DatabaseValue in
                switch v.sqlValue {
                case .null: .null
                case .integer(let i): i.databaseValue
                case .real(let d): d.databaseValue
                case .text(let s): s.databaseValue
                case .blob(let b): b.databaseValue
                }
            })
        }

        static func value(_ v: DatabaseValue) -> SQLValue {
            switch v.storage {
            case .null: .null
            case .int64(let i): .integer(i)
            case .double(let d): .real(d)
            case .string(let s): .text(s)
            case .blob(let b): .blob(b)
            }
        }
    }
}
