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

    /// A scan report from `govlens scan` JSON.
    public static func decodeScan(_ data: Data) throws -> ScanReport {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return try d.decode(ScanReport.self, from: data)
    }
}
