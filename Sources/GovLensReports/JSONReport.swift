import Foundation
import GovLensCore

/// The JSON form of reports: sorted keys, ISO 8601 dates, slashes unescaped.
public enum JSONReport {
    /// Stable, human-diffable JSON: sorted keys, ISO-8601 times, no escaped slashes.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return try e.encode(value)
    }

    /// A value from JSON written by `encode` (ISO-8601 times).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return try d.decode(type, from: data)
    }

    /// A scan report from `govlens scan` JSON.
    public static func decodeScan(_ data: Data) throws -> ScanReport { try decode(ScanReport.self, from: data) }
}
