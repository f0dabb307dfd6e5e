import Foundation

/// One value as the store keeps it in either engine: integers (booleans as 0/1), text (dates as
/// ISO 8601), the odd real, bytes (uploaded files), and NULL.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value that can be bound to a statement's `?`.
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
}

/// A Swift value that can be read from a column: nil when the stored value does not fit.
public protocol SQLReadable {
    static func read(_ value: SQLValue) -> Self?
}

extension Int64: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .integer(self) }
    public static func read(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let v): v
        case .real(let v): Int64(exactly: v)
        case .text(let v): Int64(v)
        case .null, .blob: nil
        }
    }
}

extension Int: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func read(_ value: SQLValue) -> Int? { Int64.read(value).map(Int.init) }
}

extension Bool: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public static func read(_ value: SQLValue) -> Bool? { Int64.read(value).map { $0 != 0 } }
}

extension Double: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .real(self) }
    public static func read(_ value: SQLValue) -> Double? {
        switch value {
        case .integer(let v): Double(v)
        case .real(let v): v
        case .text(let v): Double(v)
        case .null, .blob: nil
        }
    }
}

extension String: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .text(self) }
    public static func read(_ value: SQLValue) -> String? {
        switch value {
        case .text(let v): v
        case .integer(let v): String(v)
        case .real(let v): String(v)
        case .blob(let v): String(data: v, encoding: .utf8)
        case .null: nil
        }
    }
}

extension Data: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .blob(self) }
    public static func read(_ value: SQLValue) -> Data? {
        switch value {
        case .blob(let v): v
        case .text(let v): Data(v.utf8)
        default: nil
        }
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension Optional: SQLReadable where Wrapped: SQLReadable {
    public static func read(_ value: SQLValue) -> Wrapped?? {
        if value == .null { return .some(nil) }
        return Wrapped.read(value).map { .some($0) }
    }
}

/// One result row, read by column name (as the statement names it: alias computed columns) or by
/// position. Reading a column as a type it does not hold is a programming error and stops, as in
/// GRDB: the schema and the statements are ours.
public struct SQLRow: Sendable {
    public let names: [String]
    public let values: [SQLValue]

    public init(names: [String], values: [SQLValue]) {
        self.names = names; self.values = values
    }

    /// The value of the first column called `name`.
    public func value(_ name: String) -> SQLValue {
        guard let i = names.firstIndex(of: name) else { preconditionFailure("no column \(name) in \(names)") }
        return values[i]
    }

    public subscript<T: SQLReadable>(_ name: String) -> T {
        guard let v = T.read(value(name)) else { preconditionFailure("column \(name) holds \(value(name)), not \(T.self)") }
        return v
    }

    public subscript<T: SQLReadable>(_ index: Int) -> T {
        guard let v = T.read(values[index]) else { preconditionFailure("column \(index) holds \(values[index]), not \(T.self)") }
        return v
    }
}
