import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The store on a PostgreSQL server (`postgres://user:password@host:port/database?schema=NAME`):
/// a small pool of connections on NIO's event loops, used synchronously like GRDB by waiting on
/// their futures (callers are never on an event loop). A connection that breaks is dropped and the
/// next call opens a new one, so a server restart costs the statements in flight, not the process.
final class PostgresDatabase: SQLDatabase, @unchecked Sendable {
    var dialect: SQLDialect { .postgres }
    let configuration: PostgresConnection.Configuration
    /// Tables live in this schema (created when missing): several stores can share one database.
    let schema: String?
    let maxConnections: Int
    let logger = Logger(label: "govlens.store.postgres")
    let condition = NSCondition()
    var idle: [PostgresConnection] = []
    var opened = 0
    var nextID = 0
    /// The address without the password, for messages.
    let display: String

    init(url: String, maxConnections: Int = 8) throws {
        guard let c = URLComponents(string: url), let host = c.host, !host.isEmpty else {
            throw StoreError("数据库地址“\(url)”无法识别，应为 postgres://用户:密码@主机:端口/数据库")
        }
        let database = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        var configuration = PostgresConnection.Configuration(host: host, port: c.port ?? 5432, username: c.user ?? "postgres",
                                                             password: c.password, database: database.isEmpty ? nil : database,
                                                             tls: .disable)
        schema = c.queryItems?.first { $0.name == "schema" }?.value
        // Names the connections in pg_stat_activity (and lets a test find its own).
        configuration.options.additionalStartupParameters = [("application_name", "govlens" + (schema.map { "-" + $0 } ?? ""))]
        self.configuration = configuration
        if let schema, schema.isEmpty || !schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            throw StoreError("数据库地址中的 schema“\(schema)”只能由英文字母、数字和下划线组成")
        }
        self.maxConnections = maxConnections
        display = "postgres://\(c.user.map { $0 + "@" } ?? "")\(host):\(c.port ?? 5432)/\(database)"
        // Fail now, with the reason, rather than on the first request.
        try withConnection(retry: { _ in false }) { _ in }
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        // A read changes nothing: on a connection the server dropped while idle, it is run again.
        try withConnection(retry: { _ in true }) { try body(Connection(pg: $0, logger: logger)) }
    }

    @discardableResult
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        // A transaction is run again only when its connection was already gone at BEGIN.
        var begun = false
        return try withConnection(retry: { _ in !begun }) { pg in
            let c = Connection(pg: pg, logger: logger)
            try c.execute("BEGIN")
            begun = true
            do {
                let result = try body(c)
                try c.execute("COMMIT")
                return result
            } catch {
                // A connection that cannot roll back is not given to the next caller.
                if !pg.isClosed, (try? c.execute("ROLLBACK")) == nil { try? pg.close().wait() }
                throw error
            }
        }
    }

    func close() {
        condition.lock()
        let all = idle
        idle = []
        opened -= all.count
        condition.unlock()
        for c in all { try? c.close().wait() }
    }

    deinit { close() }

    /// Runs `body` on a pooled connection. When a connection taken from the pool turns out to
    /// have been closed by the server (restarted, idle timeout) and `retry` allows it, `body` runs
    /// once more on a new connection.
    func withConnection<T>(retry: (any Error) -> Bool, _ body: (PostgresConnection) throws -> T) throws -> T {
        let (c, reused) = try acquire()
        do {
            let result = try body(c)
            release(c)
            return result
        } catch {
            release(c)
            if reused, c.isClosed || Self.connectionLost(error), retry(error) {
                // The server dropped this connection, so probably the other idle ones too: retry on a new one.
                close()
                return try withConnection(retry: { _ in false }, body)
            }
            throw Self.chinese(error)
        }
    }

    static func connectionLost(_ error: any Error) -> Bool {
        guard let e = error as? PSQLError else { return false }
        // 57P01–57P03: the server ended the session (restart, pg_terminate_backend, shutting down).
        if let state = e.serverInfo?[.sqlState], state.hasPrefix("57P") { return true }
        return [.serverClosedConnection, .uncleanShutdown, .connectionError].contains(e.code)
    }

    func acquire() throws -> (PostgresConnection, reused: Bool) {
        condition.lock()
        while idle.isEmpty && opened >= maxConnections { condition.wait() }
        if let c = idle.popLast() {
            condition.unlock()
            if !c.isClosed { return (c, true) }
            release(c)
            return try acquire()
        }
        opened += 1
        nextID += 1
        let id = nextID
        condition.unlock()
        do {
            let c = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                                                   id: id, logger: logger).wait()
            if let schema {
                let conn = Connection(pg: c, logger: logger)
                do {
                    // Created only when missing: a role without CREATE on the database can use an existing schema.
                    if try conn.rows("SELECT 1 FROM pg_namespace WHERE nspname = ?", [schema]).isEmpty {
                        try conn.execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
                    }
                    try conn.execute("SET search_path TO \(schema)")
                } catch {
                    try? c.close().wait()
                    throw error
                }
            }
            return (c, false)
        } catch {
            condition.lock(); opened -= 1; condition.signal(); condition.unlock()
            throw StoreUnavailable("无法连接数据库 \(display)：\(Self.chinese(error))")
        }
    }

    /// Returns a connection to the pool, or drops it when it broke.
    func release(_ c: PostgresConnection) {
        condition.lock()
        if c.isClosed { opened -= 1 } else { idle.append(c) }
        condition.signal()
        condition.unlock()
    }

    /// PostgresNIO hides the server's message from `description`; a user needs it.
    static func chinese(_ error: any Error) -> any Error {
        if let e = error as? PSQLError {
            if connectionLost(e) { return StoreUnavailable("数据库连接中断：\(e.serverInfo?[.message] ?? e.code.description)") }
            if let message = e.serverInfo?[.message] { return StoreError("数据库报错：\(message)") }
            return StoreUnavailable("数据库连接中断（\(e.code.description)）")
        }
        return error
    }

    struct Connection: SQLConnection {
        let pg: PostgresConnection
        let logger: Logger
        var dialect: SQLDialect { .postgres }

        func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int {
            try pg.query(Self.query(sql, arguments), logger: logger).wait().metadata.rows ?? 0
        }

        func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow] {
            try pg.query(Self.query(sql, arguments), logger: logger).wait().rows.map { row in
                var names: [String] = [], values: [SQLValue] = []
                for cell in row {
                    names.append(cell.columnName)
                    values.append(try Self.value(cell))
                }
                return SQLRow(names: names, values: values)
            }
        }

        /// `?` placeholders become `$1, $2, …` (outside quoted strings).
        static func query(_ sql: String, _ arguments: [any SQLBindable]) throws -> PostgresQuery {
            var text = "", n = 0, quoted = false
            for ch in sql {
                if ch == "'" { quoted.toggle() }
                if ch == "?" && !quoted { n += 1; text += "$\(n)" } else { text.append(ch) }
            }
            var binds = PostgresBindings(capacity: arguments.count)
            for a in arguments {
                switch a.sqlValue {
                case .null: binds.appendNull()
                case .integer(let i): try binds.append(i)
                case .real(let d): try binds.append(d)
                case .text(let s): try binds.append(s)
                case .blob(let b): try binds.append(b)
                }
            }
            return PostgresQuery(unsafeSQL: text, binds: binds)
        }

        static func value(_ cell: PostgresCell) throws -> SQLValue {
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            case .float4, .float8: return .real(try cell.decode(Double.self))
            case .numeric:
                let d = try cell.decode(Decimal.self)
                let n = NSDecimalNumber(decimal: d)
                return d == Decimal(n.int64Value) ? .integer(n.int64Value) : .real(n.doubleValue)
            case .bytea: return .blob(try cell.decode(Data.self))
            default: return .text(try cell.decode(String.self))
            }
        }
    }
}
