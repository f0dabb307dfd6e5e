import Foundation
import GovLensCore
import GovLensHTML
import GovLensSpell
import GovLensText

/// Runs the text checks (lexicons, personal numbers and, when a language model is loaded, the
/// confusion-set spelling check) over one text — a page's visible text, an attachment or a file
/// given to `check-text` — in one pass of each engine.
public struct TextInspector: Sendable {
    public let matcher: LexiconMatcher
    public let detector: PersonalNumberDetector
    /// Typos no word list holds (`text.typo` with a confidence); nil without a model.
    public var spell: SpellChecker?
    /// Near-misses of 成语 (一愁莫展 for 一筹莫展); needs no model.
    public var idioms: IdiomNearMiss?
    /// The word list that tells a two-character listed error from a run across two words (伏输 in
    /// 千伏输电); nil: every listed form is reported.
    public var words: ConfusionSets?
    /// Sentences and neighbourhoods the model already judged (page templates repeat on every page).
    let cleanSentences = SentenceCache()
    /// Characters of context on each side of a hit in the evidence.
    public var excerptRadius = 15
    /// Digests of the lexicons and the spelling model with its settings, for the report's provenance.
    public private(set) var lexiconHash = ""
    public private(set) var spellModelHash: String?
    /// Whether the language model runs, for the reports.
    public var spellingStatus: SpellingStatus { spell == nil ? .notRun : .ran(profile: spellProfile.rawValue) }
    public private(set) var spellProfile = SpellProfile.official

    /// An inspector over `lexicon` and the personal-number detector, without a spelling model.
    public init(lexicon: Lexicon, detector: PersonalNumberDetector = PersonalNumberDetector()) {
        self.matcher = LexiconMatcher(lexicon)
        self.detector = detector
    }

    /// The shipped lexicons plus any files or directories given (a province's own lexicons).
    /// With `spellModel`, the language-model check runs too, with `spellProfile`'s thresholds.
    public static func standard(extraLexicons: [String] = [], spellModel: URL? = nil, spellProfile: SpellProfile = .official) throws -> TextInspector {
        var lexicon = try Lexicon.shipped()
        for path in extraLexicons { try lexicon.add(contentsOf: URL(fileURLWithPath: path)) }
        var inspector = TextInspector(lexicon: lexicon)
        inspector.lexiconHash = lexicon.contentHash
        let confusions = try ConfusionSets.bundled()
        inspector.idioms = try IdiomNearMiss.bundled(confusions: confusions)
        inspector.words = confusions
        if let spellModel {
            inspector.spell = try SpellChecker.load(model: spellModel, confusions: confusions, profile: spellProfile)
            inspector.spellProfile = spellProfile
            // The settings file changes what the model reports as much as the model does.
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let settings = (try? encoder.encode(inspector.spell!.settings)) ?? Data()
            inspector.spellModelHash = ContentHash.ofFile(spellModel).map {
                "\($0) (\(spellProfile.rawValue), settings \(ContentHash.of([settings]).prefix(12)))"
            }
        }
        return inspector
    }

    /// Which engines a call runs: a page's whole text gets the word lists and the personal
    /// numbers; the language model judges only prose (navigation and pagination are not sentences).
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let lexicon = Parts(rawValue: 1)
        public static let numbers = Parts(rawValue: 2)
        public static let model = Parts(rawValue: 4)
        public static let all: Parts = [.lexicon, .numbers, .model]
    }

    /// Findings for `text` as published at `page` on `date` (nil: unknown). With `positions`,
    /// each finding carries its 1-based line and column in characters. `uses`: the two-character
    /// runs of the whole document when `text` is one block of it (`SpellChecker.check`).
    public func inspect(_ text: String, page: String, date: SimpleDate?, linkedFrom: String? = nil,
                        positions: Bool = false, parts: Parts = .all, uses: TermUses? = nil) -> [Finding]
    {
        let numbers = parts.contains(.numbers) ? detector.scan(text) : []
        // The model's guesses first: for them the word lists and near-misses only mark what the model
        // must not guess inside, so a model-only call that guesses nothing (nearly every page) skips them.
        let guesses = parts.contains(.model) ? spell?.check(text, cache: cleanSentences, uses: uses) ?? [] : []
        let needsLists = parts.contains(.lexicon) || !guesses.isEmpty
        // A listed form not in force on `date` (a variant before the table's trial) is no finding,
        // but it stays listed: neither the 成语 rule nor the model may report it instead.
        let listed = needsLists ? lexiconHits(text) : []
        let words = parts.contains(.lexicon) ? listed.filter { LexiconCheck.applies($0.entry, date: date) } : []
        let near = needsLists ? idiomMisses(text, besides: listed) : []
        let misses = parts.contains(.lexicon) ? near : []
        let typos = guesses.isEmpty ? [] : modelTypos(guesses, besides: listed, near)
        guard !numbers.isEmpty || !words.isEmpty || !misses.isEmpty || !typos.isEmpty else { return [] }
        // Mask every personal number once (masks keep the length), so no excerpt shows one.
        var scalars = Array(text.unicodeScalars)
        for m in numbers { scalars.replaceSubrange(m.offset..<(m.offset + m.length), with: m.masked.unicodeScalars) }
        func excerpt(_ offset: Int, _ length: Int) -> String {
            var lo = max(0, offset - excerptRadius), hi = min(scalars.count, offset + length + excerptRadius)
            // Never cut a number in two, and show no long digit run in clear: a number that failed
            // its checksum may still be someone's mistyped ID.
            let (minLo, maxHi) = (lo - 24, hi + 24)
            while lo > max(0, minLo), scalars[lo].isASCIIDigitOrStar, scalars[lo - 1].isASCIIDigitOrStar { lo -= 1 }
            while hi < min(scalars.count, maxHi), hi > 0, scalars[hi - 1].isASCIIDigitOrStar, scalars[hi].isASCIIDigitOrStar { hi += 1 }
            var view = Array(scalars[lo..<hi])
            var i = 0
            while i < view.count {
                guard view[i].isASCIIDigit else { i += 1; continue }
                var j = i
                while j < view.count, view[j].isASCIIDigitOrStar { j += 1 }
                if j - i >= 11 { for k in (i + 3)..<(j - 4) { view[k] = "*" } }
                i = j
            }
            return String(String.UnicodeScalarView(view))
                .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        }
        var located: [(offset: Int, finding: Finding)] = []
        for m in numbers {
            located.append((m.offset, PrivacyCheck.finding(m, page: page, excerpt: excerpt(m.offset, m.length))))
        }
        for m in words {
            located.append((m.offset, LexiconCheck.finding(m, date: date, page: page, excerpt: excerpt(m.offset, m.length))))
        }
        for m in misses { located.append((m.offset, IdiomCheck.finding(m, page: page, excerpt: excerpt(m.offset, 4)))) }
        for r in SpellSuggestion.replacements(typos) {
            located.append((r[0].offset, SpellCheck.finding(r, page: page, excerpt: excerpt(r[0].offset, r.count))))
        }
        located.sort { $0.offset < $1.offset }
        var lineStarts: [Int] = [0]
        if positions {
            for (i, s) in scalars.enumerated() where s == "\n" { lineStarts.append(i + 1) }
        }
        return located.map { offset, finding in
            var f = finding
            f.linkedFrom = linkedFrom
            if positions {
                var lo = 0, hi = lineStarts.count - 1
                while lo < hi { let mid = (lo + hi + 1) / 2; if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 } }
                f.position = TextPosition(line: lo + 1, column: offset - lineStarts[lo] + 1)
            }
            return f
        }
    }
}

extension TextInspector {
    /// A page as scans judge it: word lists and personal numbers on everything it shows, the
    /// language model only on its prose (not menus, pagination, link lists or the footer: 尾页 is
    /// no typo of 一页).
    public func inspect(page: PageModel, url: String, date: SimpleDate?) -> [Finding] {
        inspect(page.text, page: url, date: date, parts: [.lexicon, .numbers])
            + inspect(page.plainText, page: url, date: date, parts: .model)
    }

    /// Every listed form in `text`, whatever its date of effect.
    func lexiconHits(_ text: String) -> [LexiconMatch] {
        let hits = matcher.matches(in: text)
        guard let words, hits.contains(where: { $0.entry.kind.isSpelling && $0.length == 2 }) else { return hits }
        let u = text.unicodeScalars.map(\.value)
        // A listed two-character error across two words is none (伏输 in 千伏|输电).
        return hits.filter { !($0.entry.kind.isSpelling && $0.length == 2 && words.crossesWords($0.offset..<($0.offset + 2), in: u)) }
    }

    /// Idiom near-misses, except inside a lexicon hit (the list names the error and its source).
    func idiomMisses(_ text: String, besides words: [LexiconMatch]) -> [IdiomMiss] {
        guard let idioms else { return [] }
        let listed = Set(words.flatMap { $0.offset..<($0.offset + $0.length) })
        return idioms.check(text).filter { m in !(m.offset..<(m.offset + 4)).contains(where: listed.contains) }
    }

    /// The model's guesses, except inside a lexicon hit or an idiom near-miss: known errors stay certain.
    func modelTypos(_ text: String, besides words: [LexiconMatch], _ misses: [IdiomMiss] = []) -> [SpellSuggestion] {
        guard let spell else { return [] }
        return modelTypos(spell.check(text, cache: cleanSentences), besides: words, misses)
    }

    /// `guesses` of the model, except inside a lexicon hit or an idiom near-miss; a two-character
    /// replacement half inside one goes whole (its other half means nothing alone).
    func modelTypos(_ guesses: [SpellSuggestion], besides words: [LexiconMatch], _ misses: [IdiomMiss]) -> [SpellSuggestion] {
        let listed = Set(words.flatMap { $0.offset..<($0.offset + $0.length) } + misses.flatMap { $0.offset..<($0.offset + 4) })
        return SpellSuggestion.replacements(guesses).filter { !$0.contains { listed.contains($0.offset) } }.flatMap { $0 }
    }

    /// The characters the typo checks call wrong in `text` (offset in Unicode scalars → the right
    /// character; "?" where a listed error changes the length), lexicon and model together as
    /// `inspect` reports them: what ground truth is scored against.
    public func typoCorrections(_ text: String, date: SimpleDate? = nil) -> [Int: Character] {
        let words = lexiconHits(text)
        let scalars = Array(text.unicodeScalars)
        var out: [Int: Character] = [:]
        for m in words where m.entry.kind.isSpelling && LexiconCheck.applies(m.entry, date: date) {
            let suggested = Array(m.entry.suggested.unicodeScalars)
            for k in 0..<m.length where suggested.count != m.length || suggested[k] != scalars[m.offset + k] {
                out[m.offset + k] = suggested.count == m.length ? Character(suggested[k]) : "?"
            }
        }
        let misses = idiomMisses(text, besides: words)
        for m in misses { out[m.offset + m.position] = Character(Array(m.idiom.unicodeScalars)[m.position]) }
        for t in modelTypos(text, besides: words, misses) { out[t.offset] = t.suggestion }
        return out
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
    var isASCIIDigitOrStar: Bool { isASCIIDigit || value == 0x2A }
}
