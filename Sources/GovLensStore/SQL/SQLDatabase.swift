import Foundation

/// The SQL the two engines disagree on; everything else the store writes once.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// Appended to a `SELECT` that claims rows for one worker: PostgreSQL lets concurrent
    /// claimers pass each other; SQLite has one writer, so the transaction alone is enough.
    var skipLocked: String { self == .postgres ? " FOR UPDATE SKIP LOCKED" : "" }
}

/// A connection inside one read or one write transaction. Statements use `?` placeholders.
public protocol SQLConnection {
    var dialect: SQLDialect { get }
    /// Runs one statement; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int
    /// Runs one query and returns all its rows.
    func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow]
}

extension SQLConnection {
    @discardableResult
    func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    /// The first row, if any.
    func row(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row; nil when there is no row or the value is NULL.
    func value<T: SQLReadable>(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> T? {
        guard let row = try row(sql, arguments), let v = row.values.first else { return nil }
        return T.read(v)
    }

    /// The first column of every row.
    func column<T: SQLReadable>(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> [T] {
        try rows(sql, arguments).compactMap { $0.values.first.flatMap(T.read) }
    }

    /// Runs an `INSERT` into a table with an `id` key and returns the new row's id (both engines
    /// know `RETURNING`).
    func insert(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int64 {
        guard let id: Int64 = try value(sql + " RETURNING id", arguments) else { throw StoreError("插入后未返回编号") }
        return id
    }
}

/// Where the store keeps its tables: SQLite through GRDB by default, PostgreSQL for a city that
/// runs several worker machines. The interface is synchronous, like GRDB; the PostgreSQL driver
/// waits on its event loop's futures from the caller's thread.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` on a connection, outside any write transaction.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` in one transaction: all of it is stored, or none.
    @discardableResult
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Releases connections (the PostgreSQL driver closes its pool).
    func close()
}

extension StringProtocol {
    /// The statements of a script, split at the semicolons that end lines (the store's scripts
    /// hold no semicolons inside strings).
    var sqlStatements: [String] {
        split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
