import Foundation
import GovLensCore

/// A personal number found in text (RULES-CN §12.6). `masked` is the only form that may be output.
public struct PersonalNumberMatch: Sendable, Equatable {
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
    }
    let rules: Rules
    let mobile: NSRegularExpression

    public init() {
        let url = Bundle.module.url(forResource: "privacy", withExtension: "json", subdirectory: "Data")!
        rules = try! JSONDecoder().decode(Rules.self, from: Data(contentsOf: url))
        mobile = try! NSRegularExpression(pattern: "^" + rules.mobilePattern + "$")
    }

    public func scan(_ text: String) -> [PersonalNumberMatch] {
        let scalars = Array(text.unicodeScalars)
        var out: [PersonalNumberMatch] = []
        var i = 0
        while i < scalars.count {
            guard scalars[i].isASCIIDigit else { i += 1; continue }
            var j = i
            while j < scalars.count, scalars[j].isASCIIDigit { j += 1 }
            // An ID may end in X/x; a run touching letters, '*' or '.' is a code, a masked value or a decimal.
            var end = j
            if j - i == 17, j < scalars.count, scalars[j] == "X" || scalars[j] == "x" { end = j + 1 }
            let before = i > 0 ? scalars[i - 1] : " "
            let after = end < scalars.count ? scalars[end] : " "
            let glued = { (s: Unicode.Scalar) in s == "*" || s.isASCIIDigit || (s.isASCII && s.properties.isAlphabetic) }
            let decimal = (after == "." && end + 1 < scalars.count && scalars[end + 1].isASCIIDigit)
                || (before == "." && i >= 2 && scalars[i - 2].isASCIIDigit)
            if !glued(before) && !glued(after) && !decimal {
                let value = String(String.UnicodeScalarView(scalars[i..<end]))
                if let kind = classify(value, context: String(String.UnicodeScalarView(scalars[max(0, i - rules.contextWindow)..<i]))) {
                    out.append(PersonalNumberMatch(kind: kind, offset: i, length: end - i, masked: PersonalNumberDetector.mask(value, kind)))
                }
            }
            i = max(end, i + 1)
        }
        return out
    }

    func classify(_ v: String, context: String) -> PersonalNumberMatch.Kind? {
        switch v.count {
        case 18 where PersonalNumberDetector.isValidID18(v): return .idNumber
        case 15 where PersonalNumberDetector.isValidID15(v): return .legacyIDNumber
        case 11 where mobile.firstMatch(in: v, range: NSRange(location: 0, length: 11)) != nil: return .mobile
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
