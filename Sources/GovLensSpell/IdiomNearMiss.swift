import Foundation

/// A four-character run one character away from a known 成语, where that character and the
/// idiom's are written for one another (same sound or similar shape): 一愁莫展 for 一筹莫展.
public struct IdiomMiss: Sendable, Equatable {
    /// Offset of the run in Unicode scalars.
    public var offset: Int
    public var wrong: String
    public var idiom: String
    /// Which of the four characters differs.
    public var position: Int
}

/// Finds near-misses of fixed expressions. An idiom is a closed form: a run that differs from
/// one in a single confusable character, and that real text never uses (`attested`), is almost
/// always a typo, which no language model over short windows sees as clearly.
public struct IdiomNearMiss: Sendable {
    /// Runs packed four characters to a key (16 bits each: the basic Han block fits).
    private let idioms: Set<UInt64>
    /// Near-miss forms that occur in clean text (务业管理 in 服务业管理) or are words themselves.
    private let attested: Set<UInt64>
    /// An idiom with one character blanked → the blanked position and the idiom's character there.
    private let byPattern: [UInt64: [(position: Int, char: UInt16)]]
    private let confusions: ConfusionSets
    /// A sentence with more Chinese characters that no confusion set mentions is another script
    /// (學而時習之，不亦樂乎 is classical text in traditional characters, not 不亦乐乎 misspelt): the
    /// model's `maxUnlistedCharacters`, shipped in `Data/spell.json`. nil: judge everything.
    public var maxUnlistedCharacters: Int?

    /// `idioms`: one expression a line; `attested`: `neighbour<TAB>expression` lines.
    public init(idioms: String, attested: String, confusions: ConfusionSets) {
        var set = Set<UInt64>(), patterns: [UInt64: [(Int, UInt16)]] = [:]
        for line in idioms.split(separator: "\n") {
            guard let key = Self.pack(Array(line.unicodeScalars)) else { continue }
            set.insert(key)
            for k in 0..<4 { patterns[Self.blank(key, k), default: []].append((k, Self.char(key, k))) }
        }
        self.idioms = set
        self.byPattern = patterns
        self.attested = Set(attested.split(separator: "\n").compactMap { line in
            line.split(separator: "\t").first.flatMap { Self.pack(Array($0.unicodeScalars)) }
        })
        self.confusions = confusions
    }

    /// The shipped idiom list and attested neighbours (Data/SOURCE.txt) with the shipped confusion sets.
    public static func bundled(confusions: ConfusionSets? = nil) throws -> IdiomNearMiss {
        func read(_ name: String) throws -> String {
            guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Data") else {
                throw SpellError("缺少成语表 \(name).txt")
            }
            return try String(contentsOf: url, encoding: .utf8)
        }
        var near = IdiomNearMiss(idioms: try read("idioms"), attested: try read("idiom_neighbours_attested"),
                                 confusions: try confusions ?? .bundled())
        near.maxUnlistedCharacters = try SpellSettings.bundled().maxUnlistedCharacters
        return near
    }

    /// Every near-miss in `text`, left to right, never overlapping; none inside 《…》 titles (a
    /// book may be called anything) or in sentences of another script.
    public func check(_ text: String) -> [IdiomMiss] {
        let scalars = Array(text.unicodeScalars)
        let values = scalars.map(\.value)
        let unjudged = unjudgedPositions(scalars)
        var out: [IdiomMiss] = []
        var i = 0
        while i + 4 <= scalars.count {
            guard let key = Self.pack(scalars[i..<(i + 4)]), !idioms.contains(key), !attested.contains(key),
                  !unjudged[i..<(i + 4)].contains(true), !continuesNumber(scalars, at: i),
                  !confusions.crossesWords(i..<(i + 4), in: values) else { i += 1; continue }
            if let (k, right) = match(key) {
                var idiom = Array(scalars[i..<(i + 4)])
                idiom[k] = Unicode.Scalar(right)!
                out.append(IdiomMiss(offset: i, wrong: String(String.UnicodeScalarView(scalars[i..<(i + 4)])),
                                     idiom: String(String.UnicodeScalarView(idiom)), position: k))
                i += 4
            } else {
                i += 1
            }
        }
        return out
    }

    /// Characters that write numbers (三十一点一, 两千零五).
    static let numerals: Set<UInt32> = Set("〇零一二三四五六七八九十百千万亿两点".unicodeScalars.map(\.value))

    /// Whether the run at `i` starts inside a number written in characters: 百分之三十一点一提高
    /// holds 一点一提, which is no slip of 一点一滴.
    func continuesNumber(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        i > 0 && Self.numerals.contains(scalars[i - 1].value) && Self.numerals.contains(scalars[i].value)
    }

    /// The one idiom `key` misses by a confusable character (nil when none, or when several
    /// idioms fit equally: then the run is no clear miss of any).
    private func match(_ key: UInt64) -> (Int, UInt16)? {
        var found: (Int, UInt16)?
        for k in 0..<4 {
            let have = UInt32(Self.char(key, k))
            guard let fits = byPattern[Self.blank(key, k)] else { continue }
            // The confusion sets, or any shared reading (步 and 部 are both bu): inside a fixed
            // expression the sound alone is evidence enough. Readings are looked up once per position.
            let sounds = Set(confusions.soundAlikes(have))
            for (position, right) in fits where position == k && UInt32(right) != have {
                let confusable = confusions.candidates[have]?.contains(UInt32(right)) == true
                    || confusions.candidates[UInt32(right)]?.contains(have) == true
                    || sounds.contains(UInt32(right))
                guard confusable else { continue }
                if found != nil { return nil }
                found = (k, right)
            }
        }
        return found
    }

    /// Positions inside 《…》 and in sentences (split at 。！？； and line ends, outside titles) with
    /// more than `maxUnlistedCharacters` characters no confusion set mentions.
    func unjudgedPositions(_ scalars: [Unicode.Scalar]) -> [Bool] {
        var out = [Bool](repeating: false, count: scalars.count)
        var start = 0, unlisted = 0, depth = 0
        func endSentence(at end: Int) {
            if let most = maxUnlistedCharacters, unlisted > most { for k in start..<end { out[k] = true } }
            start = end; unlisted = 0
        }
        for (i, s) in scalars.enumerated() {
            if s == "《" { depth += 1 }
            out[i] = depth > 0
            if s == "》" { depth = max(0, depth - 1) }
            if confusions.isUnlisted(s.value) { unlisted += 1 }
            if depth == 0, SpellText.endsSentence(s) || s == "\n" { endSentence(at: i + 1) }
        }
        endSentence(at: scalars.count)
        return out
    }

    static func pack<C: Collection>(_ run: C) -> UInt64? where C.Element == Unicode.Scalar {
        guard run.count == 4 else { return nil }
        var key: UInt64 = 0
        for s in run {
            guard s.value >= 0x4E00, s.value <= 0x9FFF else { return nil }
            key = key << 16 | UInt64(s.value)
        }
        return key
    }

    static func char(_ key: UInt64, _ k: Int) -> UInt16 { UInt16(truncatingIfNeeded: key >> UInt64(16 * (3 - k))) }
    static func blank(_ key: UInt64, _ k: Int) -> UInt64 { key & ~(UInt64(0xFFFF) << UInt64(16 * (3 - k))) }
}
