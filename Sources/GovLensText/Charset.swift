import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outcome of charset sniffing: what the bytes are, and what the page claimed.
public struct CharsetDecision: Sendable, Equatable {
    /// Canonical name used to decode: `UTF-8`, `GB18030`, `UTF-16LE`, `UTF-16BE`, or another iconv name.
    public var charset: String
    /// What the HTTP header or `<meta>` declared (normalised), if anything.
    public var declared: String?
    /// How the decision was made: `bom`, `utf8-valid`, `http`, `meta`, `default`.
    public var source: String
    /// Bytes to skip at the start (a BOM).
    public var bomLength: Int
    /// Invalid byte sequences replaced by U+FFFD while decoding (a UTF-8 page with a few stray
    /// bytes is decoded as UTF-8 and checked, and says how many).
    public var decodeErrors: Int

    /// A decision made elsewhere, e.g. UTF-8 for a string already in memory.
    public init(charset: String, declared: String?, source: String, bomLength: Int, decodeErrors: Int = 0) {
        self.charset = charset; self.declared = declared; self.source = source; self.bomLength = bomLength
        self.decodeErrors = decodeErrors
    }

    /// True when the page declares one charset but its bytes are another (a reportable defect).
    public var declarationMismatch: Bool {
        guard let declared else { return false }
        return declared != charset
    }
}

/// Charset sniffing and decoding for pages and files whose encoding is unknown or misdeclared.
public enum Charset {
    /// Canonical name for a declared label. GBK, GB2312 and their aliases are decoded as GB18030,
    /// their superset (as the WHATWG Encoding Standard does): decoding as GBK/GB2312 loses characters.
    public static func canonical(_ label: String) -> String {
        let l = label.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'")))
            .lowercased()
        switch l {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "gbk", "gb2312", "gb_2312", "gb_2312-80", "gb18030", "cp936", "x-gbk", "euc-cn", "csgb2312",
             "chinese", "iso-ir-58", "windows-936", "ms936", "x-euc-cn", "hz-gb-2312":
            return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5": return "BIG5-HKSCS"
        case "utf-16le", "utf-16": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        case "iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252": return "WINDOWS-1252"
        default: return l.uppercased()
        }
    }

    /// Sniffing order that survives pages that lie: BOM, then "is it valid UTF-8", then the HTTP
    /// header, then a `<meta>` prescan, then GB18030 (the common legacy charset of Chinese sites).
    public static func detect(_ bytes: UnsafeRawBufferPointer, contentType: String?) -> CharsetDecision {
        let httpLabel = contentType.flatMap(charsetParameter)
        let metaLabel = metaPrescan(bytes)
        let declared = (httpLabel ?? metaLabel).map(canonical)

        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return CharsetDecision(charset: "UTF-8", declared: declared, source: "bom", bomLength: 3)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return CharsetDecision(charset: "UTF-16LE", declared: declared, source: "bom", bomLength: 2)
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return CharsetDecision(charset: "UTF-16BE", declared: declared, source: "bom", bomLength: 2)
        }
        // Chinese text in GBK is essentially never valid UTF-8, so validity decides. Pure ASCII is
        // valid UTF-8 too, and decoding it as UTF-8 is right whatever was declared.
        let evidence = utf8Evidence(bytes)
        if evidence.invalid == 0 {
            return CharsetDecision(charset: "UTF-8", declared: declared, source: "utf8-valid", bomLength: 0)
        }
        // UTF-8 with damaged bytes (a stray byte, a truncated character). GBK text read as UTF-8 has
        // about one valid multi-byte sequence for every four invalid ones (0.23 on 300,000 characters
        // of the laws corpus encoded as GBK), so twice as many valid as invalid is UTF-8.
        if evidence.valid >= 4, evidence.invalid * 2 <= evidence.valid {
            return CharsetDecision(charset: "UTF-8", declared: declared, source: "utf8-mostly", bomLength: 0,
                                   decodeErrors: evidence.invalid)
        }
        if let h = httpLabel.map(canonical), h != "UTF-8", iconvSupports(h) {
            return CharsetDecision(charset: h, declared: declared, source: "http", bomLength: 0)
        }
        if let m = metaLabel.map(canonical), m != "UTF-8", iconvSupports(m) {
            return CharsetDecision(charset: m, declared: declared, source: "meta", bomLength: 0)
        }
        return CharsetDecision(charset: "GB18030", declared: declared, source: "default", bomLength: 0)
    }

    /// Same as the buffer version, for `Data`.
    public static func detect(_ data: Data, contentType: String?) -> CharsetDecision {
        data.withUnsafeBytes { detect($0, contentType: contentType) }
    }

    /// Decodes with the decision's charset; invalid bytes become U+FFFD and decoding continues.
    public static func decode(_ data: Data, contentType: String? = nil) -> (text: String, decision: CharsetDecision) {
        data.withUnsafeBytes { raw in
            let d = detect(raw, contentType: contentType)
            let body = UnsafeRawBufferPointer(rebasing: raw[d.bomLength...])
            if d.charset == "UTF-8" {
                return (String(decoding: body, as: UTF8.self), d)
            }
            return (iconvDecode(body, from: d.charset) ?? String(decoding: body, as: UTF8.self), d)
        }
    }

    /// `text/html; charset=gbk` → `gbk`.
    public static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                let v = kv[1].trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\"'")))
                return v.isEmpty ? nil : v
            }
        }
        return nil
    }

    /// Finds `charset=` in the first 2 KB: covers `<meta charset=…>` and `http-equiv` forms.
    public static func metaPrescan(_ bytes: UnsafeRawBufferPointer) -> String? {
        let n = min(bytes.count, 2048)
        guard n > 8 else { return nil }
        // ASCII-lowercased bytes: this runs on every page, so no String and no Unicode folding.
        let head = bytes[0..<n].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return head.withUnsafeBufferPointer { h -> String? in
            var from = 0
            while let at = UTF8Search.find(charsetWord, in: h, from: from) {
                from = at + charsetWord.count
                // Only inside a <meta …> tag.
                guard let open = h[..<at].lastIndex(of: 0x3C), open + 5 <= at,
                      Array(h[(open + 1)..<(open + 5)]) == metaWord else { continue }
                var i = from
                while i < n, h[i] == 0x20 { i += 1 }
                guard i < n, h[i] == 0x3D else { continue }
                i += 1
                while i < n, h[i] == 0x20 || h[i] == 0x22 || h[i] == 0x27 { i += 1 }
                var j = i
                while j < n, (h[j] >= 0x30 && h[j] <= 0x39) || (h[j] >= 0x61 && h[j] <= 0x7A) || h[j] == 0x2D || h[j] == 0x5F
                    || h[j] == 0x3A { j += 1 }
                if j > i { return String(decoding: UnsafeBufferPointer(rebasing: h[i..<j]), as: UTF8.self) }
            }
            return nil
        }
    }

    private static let charsetWord = Array("charset".utf8)
    private static let metaWord = Array("meta".utf8)

    /// Valid multi-byte UTF-8 sequences and invalid ones (each invalid lead or stray byte counts
    /// once), the evidence for "UTF-8 with damage" against "another charset".
    public static func utf8Evidence(_ b: UnsafeRawBufferPointer) -> (valid: Int, invalid: Int) {
        var i = 0, valid = 0, invalid = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let need = sequenceLength(b, at: i)
            if need > 0 { valid += 1; i += need } else { invalid += 1; i += 1 }
        }
        return (valid, invalid)
    }

    /// The length of the valid UTF-8 sequence starting at `i` (a lead byte ≥ 0x80), or 0.
    static func sequenceLength(_ b: UnsafeRawBufferPointer, at i: Int) -> Int {
        let c = b[i]
        var need = 0, min: UInt32 = 0, cp: UInt32 = 0
        if c & 0xE0 == 0xC0 { need = 1; cp = UInt32(c & 0x1F); min = 0x80 }
        else if c & 0xF0 == 0xE0 { need = 2; cp = UInt32(c & 0x0F); min = 0x800 }
        else if c & 0xF8 == 0xF0 { need = 3; cp = UInt32(c & 0x07); min = 0x10000 }
        else { return 0 }
        guard i + need < b.count else { return 0 }
        for k in 1...need {
            let cc = b[i + k]
            guard cc & 0xC0 == 0x80 else { return 0 }
            cp = (cp << 6) | UInt32(cc & 0x3F)
        }
        return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : need + 1
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates), fast path for ASCII.
    public static func isValidUTF8(_ b: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var min: UInt32 = 0
            var cp: UInt32 = 0
            if c & 0xE0 == 0xC0 { need = 1; cp = UInt32(c & 0x1F); min = 0x80 }
            else if c & 0xF0 == 0xE0 { need = 2; cp = UInt32(c & 0x0F); min = 0x800 }
            else if c & 0xF8 == 0xF0 { need = 3; cp = UInt32(c & 0x07); min = 0x10000 }
            else { return false }
            if i + need >= n { return false }
            for k in 1...need {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return false }
                cp = (cp << 6) | UInt32(cc & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return false }
            i += need + 1
        }
        return true
    }

    static func iconvSupports(_ charset: String) -> Bool {
        let cd = iconv_open("UTF-8", charset)
        if cd == iconv_t(bitPattern: -1) { return false }
        iconv_close(cd)
        return true
    }

    /// Lossy iconv decoding: each undecodable byte becomes U+FFFD and decoding goes on.
    public static func iconvDecode(_ input: UnsafeRawBufferPointer, from charset: String) -> String? {
        let cd = iconv_open("UTF-8", charset)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        if input.isEmpty { return "" }
        let capacity = input.count * 4 + 16
        return String(unsafeUninitializedCapacity: capacity) { out in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(
                mutating: input.baseAddress!.assumingMemoryBound(to: CChar.self))
            var inLeft = input.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = capacity
            while inLeft > 0 {
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 { break }
                guard errno == EILSEQ || errno == EINVAL, outLeft >= 3 else { break }
                for byte: UInt8 in [0xEF, 0xBF, 0xBD] {
                    outPtr!.pointee = CChar(bitPattern: byte)
                    outPtr! += 1
                }
                outLeft -= 3
                inPtr! += 1
                inLeft -= 1
            }
            return capacity - outLeft
        }
    }
}

extension Charset {
    /// Encodes UTF-8 text into `charset` (used to build GBK fixtures); nil if iconv can't.
    public static func iconvEncode(_ text: String, to charset: String) -> Data? {
        let cd = iconv_open(charset, "UTF-8")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        if input.isEmpty { return Data() }
        let capacity = input.count * 2 + 16
        var output = [UInt8](repeating: 0, count: capacity)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = capacity
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 else { return nil }
                return capacity - outLeft
            }
        }
        return written.map { Data(output[0..<$0]) }
    }
}
