import Foundation
import GovLensCore
import GovLensHTML
import GovLensText

/// Measures the text checks against ground truth: sentence pairs (wrong, corrected) as in the
/// ECSpell ODW set, and clean government text where every alarm is a false one.
public enum TextQuality {
    public struct SentencePair: Sendable {
        public var source: String
        public var target: String
        public init(source: String, target: String) { self.source = source; self.target = target }
    }

    /// Sentence-level detection as ECSpell and SIGHAN report it: a sentence counts as detected
    /// correctly when the flagged character positions equal the wrong ones exactly.
    public struct Detection: Sendable {
        public var sentences = 0, withErrors = 0, flagged = 0, correct = 0
        /// Loose: an erroneous sentence with any alarm.
        public var looseHits = 0
        public var cleanSentences = 0, cleanFlagged = 0, cleanCharacters = 0
        public var precision: Double { flagged == 0 ? 1 : Double(correct) / Double(flagged) }
        public var recall: Double { withErrors == 0 ? 0 : Double(correct) / Double(withErrors) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public var falseAlarmRate: Double { cleanSentences == 0 ? 0 : Double(cleanFlagged) / Double(cleanSentences) }
    }

    /// Reads `label<TAB>source<TAB>target` lines (the ODW format).
    public static func readPairs(_ tsv: String) -> [SentencePair] {
        tsv.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count >= 3 else { return nil }
            return SentencePair(source: String(cells[1]), target: String(cells[2]))
        }
    }

    /// Character positions a set of lexicon matches claims are wrong.
    static func flaggedPositions(_ text: String, _ matches: [LexiconMatch]) -> Set<Int> {
        let scalars = Array(text.unicodeScalars)
        var out: Set<Int> = []
        for m in matches {
            let suggested = Array(m.entry.suggested.unicodeScalars)
            for k in 0..<m.length where suggested.count != m.length || suggested[k] != scalars[m.offset + k] {
                out.insert(m.offset + k)
            }
        }
        return out
    }

    public static func detection(_ pairs: [SentencePair], matcher: LexiconMatcher, kinds: Set<LexiconKind> = [.typo]) -> Detection {
        var d = Detection()
        for pair in pairs {
            let source = Array(pair.source.unicodeScalars), target = Array(pair.target.unicodeScalars)
            let matches = matcher.matches(in: pair.source).filter { kinds.contains($0.entry.kind) }
            let flagged = flaggedPositions(pair.source, matches)
            let gold: Set<Int> = source.count == target.count
                ? Set((0..<source.count).filter { source[$0] != target[$0] }) : []
            d.sentences += 1
            if !flagged.isEmpty { d.flagged += 1 }
            if gold.isEmpty {
                d.cleanSentences += 1
                d.cleanCharacters += source.count
                if !flagged.isEmpty { d.cleanFlagged += 1 }
            } else {
                d.withErrors += 1
                if !flagged.isEmpty { d.looseHits += 1 }
                if flagged == gold { d.correct += 1 }
            }
        }
        return d
    }

    /// Every text.* and privacy.* alarm on a clean page, checked as a scan checks it (with the
    /// page's own date): all are false alarms unless a person confirms otherwise.
    public static func alarms(onPage html: Data, name: String, inspector: TextInspector) -> (characters: Int, findings: [Finding]) {
        let page = HTMLParser.parse(html).page
        return (page.text.unicodeScalars.count, inspector.inspect(page.text, page: name, date: page.publicationDate))
    }
}
