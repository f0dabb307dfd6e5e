import Foundation

/// A short, stable digest of some content (64-bit FNV-1a, 16 hex digits): enough to tell whether a
/// rule file, a lexicon or a model changed between two scans. Not a security hash.
public enum ContentHash {
    /// The digest of `parts` in order.
    public static func of(_ parts: [Data]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for b in part { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            h = (h ^ 0xFF) &* 0x0000_0100_0000_01B3  // part separator
        }
        return String(format: "%016llx", h)
    }

    /// The digest of `strings` (UTF-8) in order.
    public static func of(_ strings: [String]) -> String { of(strings.map { Data($0.utf8) }) }

    /// A large file by its size and its first MiB (a 200 MB model is not read whole to name it).
    public static func ofFile(_ url: URL) -> String? {
        guard let h = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? h.close() }
        let size = (try? h.seekToEnd()) ?? 0
        try? h.seek(toOffset: 0)
        let head = (try? h.read(upToCount: 1 << 20)) ?? Data()
        return of([Data(String(size).utf8), head])
    }
}

/// govlens's own version, recorded in every report.
public enum GovLensVersion {
    public static let current = "0.2.0"
}
