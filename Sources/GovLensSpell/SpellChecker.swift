import Foundation

/// Character classes and normalisation shared by training and detection.
public enum SpellText {
    /// Full-width ASCII (digits, letters) folds to half-width, so ２０２３ and 2023 are one context.
    @inline(__always)
    public static func normalise(_ u: Unicode.Scalar) -> Unicode.Scalar {
        if u.value >= 0xFF01, u.value <= 0xFF5E, !isCJKPunctuation(u) { return Unicode.Scalar(u.value - 0xFEE0)! }
        return u
    }

    /// Full-width punctuation a Chinese sentence uses as such (，：；！？（）) stays as it is.
    static func isCJKPunctuation(_ u: Unicode.Scalar) -> Bool {
        [0xFF0C, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF08, 0xFF09].contains(u.value)
    }

    /// `u.properties.isWhitespace`, answered without the Unicode tables for ASCII and Chinese characters.
    @inline(__always)
    static func isWhitespace(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        if isHan(v) { return false }
        return u.properties.isWhitespace
    }

    /// 。！？；!?; (where a segment ends outside titles).
    @inline(__always)
    static func endsSentence(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B: return true
        default: return false
        }
    }

    /// Two scalars packed in one key (`a << 32 | b`): a two-character word, reading or pair.
    @inline(__always)
    public static func pair(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    /// Whether a scalar is a common Chinese character (CJK Unified Ideographs and Extension A).
    @inline(__always)
    public static func isHan(_ v: UInt32) -> Bool { (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) }
}

/// Characters that are written for one another: same sound (同音同调, 同音异调) and similar
/// shape (形近), from pycorrector's sets (`Data/SOURCE.txt`).
public struct ConfusionSets: Sendable {
    public private(set) var candidates: [UInt32: [UInt32]] = [:]
    /// Every character the sets mention, as a key or as a candidate: the simplified characters
    /// of everyday text (日 and 他 have no set of their own but are in others'; 國 is in none).
    public private(set) var listed: Set<UInt32> = []

    /// Two-character words by how they are read (toneless): (syllable, syllable) → words packed as
    /// `first << 32 | second`.
    private var wordsBySound: [UInt64: [UInt64]] = [:]
    /// Every reading of a character, the usual one first.
    private var readings: [UInt32: [UInt32]] = [:]
    private var bySyllable: [UInt32: [UInt32]] = [:]
    /// Two-character words not read by their characters' usual readings (银行 yin hang).
    private var phraseReadings: [UInt64: UInt64] = [:]
    /// The two-character words, packed as `first << 32 | second`.
    private var words: Set<UInt64> = []

    /// `mined`: `wrong<TAB>right` pairs seen in training data (one direction only). `readings`:
    /// `字<TAB>syllable syllable…` (toneless, the usual reading first); `phrases`: `词<TAB>syllable
    /// syllable` for words read otherwise; `words`: two-character words, one per line.
    public init(pinyin: String, stroke: String, mined: String = "", readings: String = "", phrases: String = "", words: String = "") {
        var sets: [UInt32: Set<UInt32>] = [:]
        func han(_ s: Substring) -> [UInt32] { s.unicodeScalars.map(\.value).filter(SpellText.isHan) }
        for line in pinyin.split(separator: "\n") where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let key = cols.first.flatMap({ han($0).first }) else { continue }
            for col in cols.dropFirst() { sets[key, default: []].formUnion(han(col)) }
        }
        for line in stroke.split(separator: "\n") where !line.hasPrefix("#") {
            let group = han(line[...])
            for a in group { sets[a, default: []].formUnion(group) }
        }
        for line in mined.split(separator: "\n") {
            let cols = line.split(separator: "\t").map { han($0) }
            if cols.count == 2, let a = cols[0].first, let b = cols[1].first { sets[a, default: []].insert(b) }
        }
        for (k, v) in sets { candidates[k] = v.subtracting([k]).sorted(); listed.insert(k); listed.formUnion(v) }
        var syllables: [Substring: UInt32] = [:]
        for line in readings.split(separator: "\n") {
            let cols = line.split(separator: "\t")
            guard cols.count == 2, let c = cols[0].unicodeScalars.first else { continue }
            self.readings[c.value] = cols[1].split(separator: " ").map { s in
                if let id = syllables[s] { return id }
                syllables[s] = UInt32(syllables.count); return UInt32(syllables.count - 1)
            }
        }
        for (c, rs) in self.readings { for r in rs { bySyllable[r, default: []].append(c) } }
        for line in phrases.split(separator: "\n") {
            let cols = line.split(separator: "\t")
            let u = cols.first?.unicodeScalars.map(\.value) ?? [], rs = cols.count == 2 ? cols[1].split(separator: " ").compactMap { syllables[$0] } : []
            if u.count == 2, rs.count == 2 { phraseReadings[SpellText.pair(u[0], u[1])] = SpellText.pair(rs[0], rs[1]) }
        }
        for word in words.split(separator: "\n") {
            let u = word.unicodeScalars.map(\.value)
            guard u.count == 2 else { continue }
            self.words.insert(SpellText.pair(u[0], u[1]))
            guard let key = soundKey(u[0], u[1]) else { continue }
            wordsBySound[key, default: []].append(SpellText.pair(u[0], u[1]))
        }
    }

    /// How `a b` is read as a word: its own reading where it has one, else each character's
    /// usual reading. A rare reading is no sound a writer types by (捍卫 is not 现有, though 捍
    /// can be read xian and 有 wei).
    private func soundKey(_ a: UInt32, _ b: UInt32) -> UInt64? {
        if let r = phraseReadings[SpellText.pair(a, b)] { return r }
        guard let x = readings[a]?.first, let y = readings[b]?.first else { return nil }
        return SpellText.pair(x, y)
    }

    /// Whether `a b` is a two-character word of the shipped word list (`words2.txt`).
    public func isWord(_ a: UInt32, _ b: UInt32) -> Bool { words.contains(SpellText.pair(a, b)) }

    /// Whether the run `run` of `u` begins by ending a word with the character before it and ends
    /// by starting one with the character after it: its characters then belong to the words around
    /// it (原故 in 屈原|故里, 以听取人 in 可以|听取|人民), and it is no slip of a listed error or a
    /// fixed expression. Both sides must bind: the word list holds junk pairs (有幸, 新装) that one
    /// side alone would take for words in 有幸苦 or 重新装璜, which are errors.
    public func crossesWords(_ run: Range<Int>, in u: [UInt32]) -> Bool {
        run.lowerBound > 0 && run.upperBound < u.count
            && isWord(u[run.lowerBound - 1], u[run.lowerBound]) && isWord(u[run.upperBound - 1], u[run.upperBound])
    }

    /// A Chinese character no set mentions (國, 學): a run of them is another script or register.
    public func isUnlisted(_ c: UInt32) -> Bool { SpellText.isHan(c) && !listed.contains(c) }

    /// Characters with a reading in common with `c`: the candidates for a character no
    /// confusion set lists (rare characters: 菓 for 国).
    public func soundAlikes(_ c: UInt32) -> [UInt32] {
        var out: Set<UInt32> = []
        for r in readings[c] ?? [] { out.formUnion(bySyllable[r] ?? []) }
        out.remove(c)
        return out.sorted()
    }

    /// Words that sound like `a b` and differ from it in both characters (述职 for 树脂): typed by
    /// pinyin, a wrong word is often a real word, which no single-character swap repairs.
    public func homophoneWords(_ a: UInt32, _ b: UInt32) -> [(UInt32, UInt32)] {
        guard let key = soundKey(a, b) else { return [] }
        return (wordsBySound[key] ?? []).compactMap { w in
            let x = UInt32(truncatingIfNeeded: w >> 32), y = UInt32(truncatingIfNeeded: w)
            return x != a && y != b ? (x, y) : nil
        }
    }

    /// The confusion sets, readings and word list shipped in the module's `Data` folder.
    public static func bundled() throws -> ConfusionSets {
        func read(_ name: String) throws -> String {
            guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Data") else {
                throw SpellError("缺少混淆字表 \(name).txt")
            }
            return try String(contentsOf: url, encoding: .utf8)
        }
        return ConfusionSets(pinyin: try read("same_pinyin"), stroke: try read("same_stroke"), mined: try read("odw_confusions"),
                             readings: try read("pinyin"), phrases: try read("phrase_pinyin"), words: try read("words2"))
    }
}

/// What the checker already worked out during a scan, shared by its pages (bounded; thread-safe):
/// each judged sentence's suggestions (most are none), and each character's best replacement by its
/// neighbourhood. Page templates repeat sentences on every page, and lines that differ only in a
/// date or a number (发布时间：… 浏览次数：…) repeat the neighbourhoods of most of their characters.
/// Both are pure functions of the model and the settings: use one cache per checker.
public final class SentenceCache: @unchecked Sendable {  // state behind the lock
    private let lock = NSLock()
    /// Sentence hash → suggestions, offsets counted in the sentence's characters.
    private var sentences: [Int: [SpellSuggestion]] = [:]
    private var options: [SpellChecker.Neighbourhood: SpellChecker.Remembered] = [:]
    public let limit: Int
    /// An empty cache; each of its two tables is cleared whenever it reaches `limit` entries.
    public init(limit: Int = 200_000) { self.limit = limit }

    func suggestions(_ key: Int) -> [SpellSuggestion]? { lock.lock(); defer { lock.unlock() }; return sentences[key] }
    func store(_ key: Int, _ found: [SpellSuggestion]) {
        lock.lock(); defer { lock.unlock() }
        if sentences.count >= limit { sentences.removeAll(keepingCapacity: true) }
        sentences[key] = found
    }
    func option(_ key: SpellChecker.Neighbourhood) -> SpellChecker.Remembered? { lock.lock(); defer { lock.unlock() }; return options[key] }
    func store(_ key: SpellChecker.Neighbourhood, _ option: SpellChecker.Remembered) {
        lock.lock(); defer { lock.unlock() }
        if options.count >= limit { options.removeAll(keepingCapacity: true) }
        options[key] = option
    }
}

/// Which text the thresholds were tuned for.
public enum SpellProfile: String, Sendable, CaseIterable {
    /// 公文 and government pages (the default): tuned on ECSpell's 公文 fold for precision.
    case official
    /// Everyday written Chinese (essays, posts, comments): tuned on a SIGHAN-15 training fold
    /// for F1. It finds more and raises far more false alarms.
    case general

    var resource: String { self == .official ? "spell" : "spell-general" }
}

/// Thresholds chosen on training data (`Data/spell.json`, `Data/spell-general.json`, written by
/// `govlens lm tune`).
public struct SpellSettings: Codable, Sendable {
    /// log10 gain a replacement must clear to be reported.
    public var threshold: Double
    /// Once a sentence has one error, the next ones need only this much: errors cluster (a
    /// careless sentence has several), and one found error already says the sentence is bad.
    public var followThreshold: Double
    /// Findings below this gain need a person's confirmation.
    public var reviewBelow: Double
    /// Observed precision on the tuning data by gain band: `[[fromGain, precision], …]`, ascending.
    public var calibration: [[Double]]
    /// A candidate must be a character the corpus has seen at least this often.
    public var minCandidateCount: UInt32
    /// A two-character replacement must beat the best single one by this much (log10): two
    /// changes are a bigger claim.
    public var pairPenalty: Double
    /// Segments with fewer Chinese characters are not judged: a menu item, a heading or a list of
    /// names gives the model too little context (清徐县, 左云县 read as typos).
    public var minSegmentHan: Int
    /// Segments whose familiarity (median per-character log10 score) is below this are not
    /// judged: classical verse and name lists read as one long typo. Set by `govlens lm tune` at
    /// a low percentile of the tuning text's clean segments; nil: judge everything.
    public var minFamiliarity: Double?
    /// Segments with more Chinese characters that no confusion set mentions (traditional 國務院,
    /// classical or foreign names) are not judged: one rare character in 公文 is a likely typo
    /// (菓 for 国), a run of them is another script or register. (Common characters with no set
    /// of their own, such as the 日 of every date, are mentioned in others' sets.)
    public var maxUnlistedCharacters: Int?
    /// Groups of characters that are free choices of the writer, not typos, when one stands for
    /// another (或/和, 的/地/得, 制订/制定): the model never replaces one by another of its group.
    public var freeChoices: [String]?
    /// A two-character run the text uses at least twice and the corpus has seen at most this often
    /// is the text's own term: the model's guesses inside it are dropped (see
    /// `SpellChecker.droppingOwnTerms`). nil: no such rule.
    public var ownTermMaxCount: UInt32?
    /// Function characters the model never suggests (的, 和, 其 …): on real official text,
    /// "corrections" into them were nearly all false alarms (docs/QUALITY.md).
    public var neverSuggest: String?
    /// Characters the model never calls wrong (及: in ODW's 1,955 errors never the wrong character,
    /// while in 及以上 and 服务及约定 on real official text it was taken for 级 and 期 every time).
    public var neverFlag: String?
    /// Where the values came from.
    public var note: String

    /// The tuned settings shipped for `profile` (`Data/spell.json` or `Data/spell-general.json`).
    public static func bundled(_ profile: SpellProfile = .official) throws -> SpellSettings {
        guard let url = Bundle.module.url(forResource: profile.resource, withExtension: "json", subdirectory: "Data") else {
            throw SpellError("缺少错别字检查参数文件 \(profile.resource).json")
        }
        return try JSONDecoder().decode(SpellSettings.self, from: Data(contentsOf: url))
    }

    /// Estimated precision of a finding with this gain: the calibration value of the highest band it reaches.
    public func confidence(gain: Double) -> Double {
        var c = calibration.first?[1] ?? 0.5
        for band in calibration where band.count == 2 && gain >= band[0] { c = band[1] }
        return c
    }
}

/// One suspected wrong character and its replacement.
public struct SpellSuggestion: Sendable, Equatable {
    /// Offset in Unicode scalars of the checked text.
    public var offset: Int
    public var wrong: Character
    public var suggestion: Character
    /// log10 of how much more likely the text is with the replacement.
    public var gain: Double
    public var confidence: Double
    public var needsReview: Bool

    /// `found` (in offset order) as replacements: a two-character replacement (述职 for 树脂) is two
    /// suggestions side by side with the same gain; every other suggestion stands alone.
    public static func replacements(_ found: [SpellSuggestion]) -> [[SpellSuggestion]] {
        var out: [[SpellSuggestion]] = []
        for f in found {
            if let last = out.last, last.count == 1, last[0].offset + 1 == f.offset, last[0].gain == f.gain {
                out[out.count - 1].append(f)
            } else {
                out.append([f])
            }
        }
        return out
    }
}

/// For each Chinese character, compares the model's score of its neighbourhood with that of the
/// best confusable replacement; reports it where the gain clears the tuned threshold. Never
/// touches non-Chinese runs, numbers, Latin text or titles in 《…》.
public struct SpellChecker: Sendable {
    public let model: NGramModel
    public let confusions: ConfusionSets
    public var settings: SpellSettings
    /// Replacements the settings rule out: `wrong << 32 | candidate` (free choices), and candidates never suggested.
    let blocked: Set<UInt64>
    let unsuggested: Set<UInt32>
    let unflagged: Set<UInt32>
    /// Set by `check` while it uses a cache: `best` looks neighbourhoods up there first.
    var memo: SentenceCache?

    /// A checker from parts, e.g. with tuned or test settings; use `load(model:profile:)` for the shipped ones.
    public init(model: NGramModel, confusions: ConfusionSets, settings: SpellSettings) {
        self.model = model; self.confusions = confusions; self.settings = settings
        var pairs = Set<UInt64>()
        for group in settings.freeChoices ?? [] {
            let chars = group.unicodeScalars.map(\.value)
            for a in chars { for b in chars where a != b { pairs.insert(SpellText.pair(a, b)) } }
        }
        blocked = pairs
        unsuggested = Set((settings.neverSuggest ?? "").unicodeScalars.map(\.value))
        unflagged = Set((settings.neverFlag ?? "").unicodeScalars.map(\.value))
    }

    /// Whether the settings let the model replace `wrong` by `candidate`.
    func allowed(_ wrong: UInt32, _ candidate: UInt32) -> Bool {
        wrong == candidate || (!unsuggested.contains(candidate) && !unflagged.contains(wrong)
            && !blocked.contains(SpellText.pair(wrong, candidate)))
    }

    /// The shipped confusion sets and a profile's settings with the model at `url`.
    public static func load(model url: URL, confusions: ConfusionSets? = nil, profile: SpellProfile = .official) throws -> SpellChecker {
        SpellChecker(model: try NGramModel(contentsOf: url), confusions: try confusions ?? .bundled(), settings: try .bundled(profile))
    }

    /// Suggestions for `text`, with offsets in its Unicode scalars. With a cache, a sentence judged
    /// before is not judged again, and a neighbourhood scored before is not scored again (same results).
    /// `uses`: the two-character runs of the whole document when `text` is only part of it (see
    /// `droppingOwnTerms`); nil: `text` is the document.
    public func check(_ text: String, cache: SentenceCache? = nil, uses: TermUses? = nil) -> [SpellSuggestion] {
        var out: [SpellSuggestion] = []
        guard let cache else {
            segments(of: text) { sentence, offsets, protected in out += checkSentence(sentence, offsets: offsets, protected: protected) }
            return droppingOwnTerms(out, in: text, uses: uses)
        }
        var checker = self
        checker.memo = cache
        segments(of: text) { sentence, offsets, protected in
            var h = Hasher()
            h.combine(sentence); h.combine(protected)
            let key = h.finalize()
            let found: [SpellSuggestion]
            if let known = cache.suggestions(key) { found = known } else {
                found = checker.checkSentence(sentence, offsets: Array(0..<sentence.count), protected: protected)
                cache.store(key, found)
            }
            for var f in found { f.offset = offsets[f.offset]; out.append(f) }
        }
        return droppingOwnTerms(out, in: text, uses: uses)
    }

    /// The segments the checker judges: split at 。！？； (outside titles) and line ends, at most
    /// 200 characters, with enough Chinese; with each character's offset and whether it is in 《…》.
    func segments(of text: String, _ body: (_ chars: [UInt32], _ offsets: [Int], _ protected: [Bool]) -> Void) {
        var sentence: [UInt32] = [], offsets: [Int] = [], protected: [Bool] = []
        var titleDepth = 0
        func flush() {
            if sentence.count(where: SpellText.isHan) >= settings.minSegmentHan { body(sentence, offsets, protected) }
            sentence.removeAll(keepingCapacity: true); offsets.removeAll(keepingCapacity: true); protected.removeAll(keepingCapacity: true)
        }
        for (i, raw) in text.unicodeScalars.enumerated() {
            if SpellText.isWhitespace(raw) { if raw == "\n" { flush() }; continue }
            let u = SpellText.normalise(raw)
            if u == "《" || u == "〈" { titleDepth += 1 }
            sentence.append(u.value); offsets.append(i); protected.append(titleDepth > 0)
            if u == "》" || u == "〉" { titleDepth = max(0, titleDepth - 1) }
            if SpellText.endsSentence(u), titleDepth == 0 { flush() }
            if sentence.count >= 200 { flush() }  // very long runs: check in bounded windows
        }
        flush()
    }

    /// How familiar a segment reads to the model: the median of its characters' log10 scores.
    /// Classical verse, lists of names and foreign text score low; a 公文 sentence with a typo or
    /// two still scores like 公文, since the median ignores a few bad characters.
    func familiarity(_ chars: [UInt32]) -> Double {
        let s = [NGramModel.boundary.value] + chars + [NGramModel.boundary.value]
        let scores = s.withUnsafeBufferPointer { b in (1...chars.count).map { model.logScore(b, at: $0) } }.sorted()
        return scores[scores.count / 2]
    }

    /// The familiarity of every segment of `text` (for tuning `minFamiliarity`).
    public func familiarities(of text: String) -> [Double] {
        var out: [Double] = []
        segments(of: text) { chars, _, _ in out.append(familiarity(chars)) }
        return out
    }

    /// The best replacement at `p` (one character, or two when `p` and `p + 1` form a bigram the
    /// corpus never saw), as log10 gain over the neighbourhood.
    struct Option { var gain: Double; var first: UInt32; var second: UInt32?; var position: Int }

    /// What `score(at:…)` reads: the characters from `p - order + 1` to `p + order` (cut at the
    /// sentence's boundaries), where `p` is among them, and whether `p + 1` may change. Packed three
    /// scalars (21 bits each) to a lane; the last lane also holds the window's length, p's place and the flag.
    struct Neighbourhood: Hashable { var packed: SIMD4<UInt64> }
    /// A remembered `Option` without its position; `first == 0`: no replacement.
    struct Remembered { var gain: Double; var first: UInt32; var second: UInt32 }

    func best(at p: Int, in m: UnsafeMutableBufferPointer<UInt32>, n: Int, eligible: [Bool]) -> Option? {
        guard eligible[p] else { return nil }
        guard let memo, model.order <= 5 else { return score(at: p, in: m, n: n, eligible: eligible) }
        let lo = max(0, p - model.order + 1), hi = min(n + 1, p + model.order)
        var key = SIMD4<UInt64>(repeating: 0)
        for i in lo...hi { key[(i - lo) / 3] |= UInt64(m[i] & 0x1F_FFFF) << (21 * UInt64((i - lo) % 3)) }
        key[3] |= (UInt64(hi - lo) | UInt64(p - lo) << 4 | (p + 1 <= n && eligible[p + 1] ? 1 << 8 : 0)) << 21
        let k = Neighbourhood(packed: key)
        if let known = memo.option(k) {
            guard known.first != 0 else { return nil }
            return Option(gain: known.gain, first: known.first, second: known.second == 0 ? nil : known.second, position: p)
        }
        let o = score(at: p, in: m, n: n, eligible: eligible)
        memo.store(k, o.map { Remembered(gain: $0.gain, first: $0.first, second: $0.second ?? 0) }
                       ?? Remembered(gain: 0, first: 0, second: 0))
        return o
    }

    /// `best` without the cache. It must read nothing but what `Neighbourhood` holds (and the model,
    /// sets and settings): reading further would make the cached answers wrong.
    func score(at p: Int, in m: UnsafeMutableBufferPointer<UInt32>, n: Int, eligible: [Bool]) -> Option? {
        let b = UnsafeBufferPointer(m)
        let c = b[p]
        guard eligible[p] else { return nil }
        let cands = confusions.candidates[c] ?? confusions.soundAlikes(c)
        let last = min(p + model.order, n + 1)
        func local(through end: Int) -> Double {
            var sum = 0.0
            for j in p...end { sum += model.logScore(b, at: j) }
            return sum
        }
        func known(_ x: UInt32) -> Bool { m[p] = x; defer { m[p] = c }; return model.count(b, p, p + 1) >= settings.minCandidateCount }
        let original = local(through: last - 1)
        var best: Option?
        for cand in cands where allowed(c, cand) {
            m[p] = cand
            // Only characters the corpus knows, in this very context: a seen trigram around it.
            if model.count(b, p, p + 1) >= settings.minCandidateCount,
               model.count(b, p - 1, min(p + 2, n + 2)) > 0 || (p >= 2 && model.count(b, p - 2, p + 1) > 0)
                || (p + 2 <= n + 1 && model.count(b, p, p + 3) > 0)
            {
                let g = local(through: last - 1) - original
                if g > (best?.gain ?? -.infinity) { best = Option(gain: g, first: cand, second: nil, position: p) }
            }
            m[p] = c
        }
        let q = p + 1
        guard q <= n, eligible[q] else { return best }
        let d = b[q]
        let original2 = local(through: last)
        func consider(_ c1: UInt32, _ c2: UInt32) {
            guard allowed(c, c1), allowed(d, c2) else { return }
            m[p] = c1; m[q] = c2
            if model.count(b, p, q + 1) >= settings.minCandidateCount, model.count(b, p - 1, q + 1) > 0 || model.count(b, p, q + 2) > 0 {
                let g = local(through: last) - original2 - settings.pairPenalty
                if g > (best?.gain ?? -.infinity) { best = Option(gain: g, first: c1, second: c2, position: p) }
            }
            m[p] = c; m[q] = d
        }
        // A word that sounds the same (树脂 for 述职).
        for (c1, c2) in confusions.homophoneWords(c, d) { consider(c1, c2) }
        // Two confusable characters side by side: only when the pair was never seen.
        if model.count(b, p, q + 1) == 0, let next = confusions.candidates[d] {
            for c1 in cands + [c] where c1 == c || known(c1) {
                for c2 in next + [d] where !(c1 == c && c2 == d) { consider(c1, c2) }
            }
        }
        return best
    }

    static let placeSuffixes: Set<UInt32> = Set("省市县区镇乡村州旗盟".unicodeScalars.map(\.value))
    /// （） () “” 「」: short runs inside them are names, credits and coined terms.
    static let brackets: [UInt32: UInt32] = [0xFF08: 0xFF09, 0x28: 0x29, 0x201C: 0x201D, 0x300C: 0x300D]

    /// Proper names the corpus cannot know: the two characters before a place suffix (清徐县,
    /// 左云县), short parentheticals such as photo credits (（刘通摄）), and short quotations, which
    /// in 公文 are coined terms and slogans (“三保”, “一委一办一平台”, “蓉城囍事”).
    static func protectNames(_ chars: [UInt32], _ protected: [Bool]) -> [Bool] {
        var out = protected
        for (i, c) in chars.enumerated() where placeSuffixes.contains(c) {
            for k in max(0, i - 2)..<i { out[k] = true }
        }
        var i = 0
        while i < chars.count {
            if let close = brackets[chars[i]], let j = chars[(i + 1)...].prefix(10).firstIndex(of: close) {
                for k in i...j { out[k] = true }
                i = j
            }
            i += 1
        }
        return out
    }

    /// Greedy correction: apply the best replacement in the sentence, rescore its neighbourhood,
    /// repeat while one clears the threshold. A fixed neighbour gives the next error its context
    /// (郭嘉发展改革委: 嘉→家 first, then 郭→国).
    func checkSentence(_ chars: [UInt32], offsets: [Int], protected: [Bool]) -> [SpellSuggestion] {
        // Text unlike anything the thresholds were tuned on is not judged (see `minFamiliarity`,
        // `maxUnlistedCharacters`). The set lookup goes first: familiarity scores every character.
        if let most = settings.maxUnlistedCharacters,
           chars.count(where: confusions.isUnlisted) > most { return [] }
        if let floor = settings.minFamiliarity, familiarity(chars) < floor { return [] }
        var s = [NGramModel.boundary.value] + chars + [NGramModel.boundary.value]
        let n = chars.count
        let protected = SpellChecker.protectNames(chars, protected)
        var eligible = [false] + (0..<n).map { i in
            // Chinese, outside 《…》, and with at least one Chinese neighbour (or the sentence edge):
            // digits and Latin runs give no evidence either way.
            SpellText.isHan(chars[i]) && !protected[i]
                && ((i == 0 || SpellText.isHan(chars[i - 1])) || (i == n - 1 || SpellText.isHan(chars[i + 1])))
        } + [false]
        var found: [SpellSuggestion] = []
        s.withUnsafeMutableBufferPointer { m in
            var options = (0...(n + 1)).map { p in p >= 1 && p <= n ? best(at: p, in: m, n: n, eligible: eligible) : nil }
            for _ in 0..<max(1, n / 3) {
                let bar = found.isEmpty ? settings.threshold : min(settings.threshold, settings.followThreshold)
                guard let top = options.compactMap({ $0 }).max(by: { $0.gain < $1.gain }), top.gain > bar else { break }
                let p = top.position
                var changed = [(p, top.first)]
                if let second = top.second { changed.append((p + 1, second)) }
                for (at, to) in changed where m[at] != to {
                    found.append(SpellSuggestion(offset: offsets[at - 1], wrong: Character(Unicode.Scalar(m[at])!),
                                                 suggestion: Character(Unicode.Scalar(to)!), gain: top.gain,
                                                 confidence: settings.confidence(gain: top.gain),
                                                 needsReview: top.gain < settings.reviewBelow))
                    m[at] = to
                }
                for (at, _) in changed { eligible[at] = false }
                for r in max(1, p - model.order)...min(n, p + model.order) {
                    options[r] = best(at: r, in: m, n: n, eligible: eligible)
                }
            }
        }
        return found.sorted { $0.offset < $1.offset }
    }
}
