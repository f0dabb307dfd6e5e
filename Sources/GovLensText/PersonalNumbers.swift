import Foundation
import GovLensCore

/// A personal number found in text (docs/RULES.md §12.6). `masked` is the only form that may be output.
public struct PersonalNumberMatch: Sendable, Equatable {
    /// Which kind of number matched (18-digit ID, 15-digit legacy ID, mobile, bank card); each maps to a privacy.* check.
    public enum Kind: String, Sendable { case idNumber = "id-number", legacyIDNumber = "legacy-id-number", mobile, bankCard = "bank-card" }
    public var kind: Kind
    /// Offset in characters (Unicode scalars) from the start of the text.
    public var offset: Int
    public var length: Int
    public var masked: String
}

/// Resident ID numbers (GB 11643 checksum and a real birth date), mobiles (current prefixes) and
/// bank cards (Luhn, BIN prefix and a context word). Masked values (`138****1234`) never match:
/// a run of digits broken by `*` is not a number.
public struct PersonalNumberDetector: Sendable {
    struct Rules: Decodable {
        var mobilePattern: String
        var bankCardPrefixes: [String]
        var bankCardContext: [String]
        var contextWindow: Int
        /// A mobile right after one of these labels is the organ's published contact number
        /// (docs/RULES.md §12.6 whitelist), not a leaked personal number.
        var officialContactLabels: [String]
        var officialContactWindow: Int
    }
    let rules: Rules
    let mobile: NSRegularExpression

    /// Loads the detection rules (mobile pattern, bank BINs, context words) from the bundled `privacy.json`.
    public init() {
        let url = Bundle.module.url(forResource: "privacy", withExtension: "json", subdirectory: "Data")!
        rules = try! JSONDecoder().decode(Rules.self, from: Data(contentsOf: url))
        mobile = try! NSRegularExpression(pattern: "^" + rules.mobilePattern + "$")
    }

    /// Personal numbers in `text`, in order, with offsets in scalars and values masked.
    public func scan(_ text: String) -> [PersonalNumberMatch] {
        var text = text
        return text.withUTF8 { scan(utf8: $0) }
    }

    /// Works on the UTF-8 bytes (digits are ASCII) and counts scalars on the way, so a page or a
    /// 50 MB attachment is scanned without building a scalar array.
    public func scan(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [PersonalNumberMatch] {
        var out: [PersonalNumberMatch] = []
        let n = bytes.count
        var i = 0, scalar = 0
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
        // A run touching letters, '*' or other digits is a code or a masked value.
        @inline(__always) func glued(_ b: UInt8) -> Bool { b == 0x2A || isDigit(b) || (b | 0x20) &- 0x61 < 26 }
        while i < n {
            let b = bytes[i]
            guard isDigit(b) else {
                if b & 0xC0 != 0x80 { scalar += 1 }
                i += 1
                continue
            }
            var j = i
            while j < n, isDigit(bytes[j]) { j += 1 }
            var end = j
            if j - i == 17, j < n, bytes[j] == 0x58 || bytes[j] == 0x78 { end = j + 1 }  // X or x
            let length = end - i
            if length == 11 || length >= 15 && length <= 19 {
                let before: UInt8 = i > 0 ? bytes[i - 1] : 0x20
                let after: UInt8 = end < n ? bytes[end] : 0x20
                let decimal = (after == 0x2E && end + 1 < n && isDigit(bytes[end + 1]))
                    || (before == 0x2E && i >= 2 && isDigit(bytes[i - 2]))
                if !glued(before) && !glued(after) && !decimal {
                    let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
                    var from = max(0, i - rules.contextWindow * 4)
                    while from < i, bytes[from] & 0xC0 == 0x80 { from += 1 }
                    let context = String(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<i]), as: UTF8.self)
                        .unicodeScalars.suffix(rules.contextWindow))
                    if let kind = classify(value, context: context) {
                        out.append(PersonalNumberMatch(kind: kind, offset: scalar, length: length, masked: PersonalNumberDetector.mask(value, kind)))
                    }
                }
            }
            scalar += length
            i = end
        }
        return out
    }

    func classify(_ v: String, context: String) -> PersonalNumberMatch.Kind? {
        switch v.count {
        case 18 where PersonalNumberDetector.isValidID18(v): return .idNumber
        case 15 where PersonalNumberDetector.isValidID15(v): return .legacyIDNumber
        case 11 where mobile.firstMatch(in: v, range: NSRange(location: 0, length: 11)) != nil:
            let label = String(context.unicodeScalars.suffix(rules.officialContactWindow))
            return rules.officialContactLabels.contains(where: label.contains) ? nil : .mobile
        case 16...19 where PersonalNumberDetector.luhn(v) && rules.bankCardPrefixes.contains(where: v.hasPrefix)
            && rules.bankCardContext.contains(where: context.contains): return .bankCard
        default: return nil
        }
    }

    static func mask(_ v: String, _ kind: PersonalNumberMatch.Kind) -> String {
        switch kind {
        case .idNumber, .legacyIDNumber: return Masking.idNumber(v)
        case .mobile: return Masking.mobile(v)
        case .bankCard: return Masking.bankCard(v)
        }
    }

    /// GB 11643-1999: ISO 7064 MOD 11-2 check character, and a real birth date.
    public static func isValidID18(_ s: String) -> Bool {
        let c = Array(s.utf8)
        guard c.count == 18, c[0] != UInt8(ascii: "0"), c[0..<17].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(c[0..<17], weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
        let check = Array("10X98765432".utf8)[sum % 11]
        let last = c[17] == UInt8(ascii: "x") ? UInt8(ascii: "X") : c[17]
        guard last == check else { return false }
        let digits = { (r: Range<Int>) in c[r].reduce(0) { $0 * 10 + Int($1 - 48) } }
        return SimpleDate(year: digits(6..<10), month: digits(10..<12), day: digits(12..<14)) != nil
    }

    /// First-generation 15-digit IDs: region, YYMMDD birth date (19YY), sequence; no check digit.
    public static func isValidID15(_ s: String) -> Bool {
        let c = Array(s.utf8)
        guard c.count == 15, c[0] != UInt8(ascii: "0"), c.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        let digits = { (r: Range<Int>) in c[r].reduce(0) { $0 * 10 + Int($1 - 48) } }
        return SimpleDate(year: 1900 + digits(6..<8), month: digits(8..<10), day: digits(10..<12)) != nil
    }

    /// Whether a digit string passes the Luhn checksum that bank card numbers carry.
    public static func luhn(_ s: String) -> Bool {
        let d = s.utf8.map { Int($0) - 48 }
        guard d.count >= 2, d.allSatisfy({ (0...9).contains($0) }) else { return false }
        var sum = 0
        for (i, x) in d.reversed().enumerated() { sum += i % 2 == 1 ? (x * 2 > 9 ? x * 2 - 9 : x * 2) : x }
        return sum % 10 == 0
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIDigit: Bool { value >= 48 && value <= 57 }
}
