import Foundation
import GovLensCore
import GovLensHTML
import GovLensText

/// Measures the text checks against clean government pages, where every alarm is a false one.
/// (Sentence pairs are scored by `SpellEvaluation.score` with `TextInspector.typoCorrections`.)
public enum TextQuality {
    /// Every text.* and privacy.* alarm on a clean page, checked as a scan checks it (with the
    /// page's own date): all are false alarms unless a person confirms otherwise.
    public static func alarms(onPage html: Data, name: String, inspector: TextInspector) -> (characters: Int, findings: [Finding]) {
        let page = HTMLParser.parse(html).page
        return (page.text.unicodeScalars.count, inspector.inspect(page: page, url: name, date: page.publicationDate))
    }
}

extension TextQuality {
    /// Throughput of the lexicon automaton and the personal-number detector over one text
    /// (`scripts/bench-text`), with the shipped lexicons plus `patterns` (one per line, as banned).
    public struct Throughput: Encodable, Sendable {
        public var patterns: Int, states: Int, buildSeconds: Double, megabytes: Double, readSeconds: Double
        public var lexiconSeconds: Double, privacySeconds: Double, totalSeconds: Double, mbPerSecond: Double
        public var lexiconMatches: Int, personalNumbers: Int
    }

    /// Measures the lexicon automaton and the personal-number detector over `textFile`.
    public static func throughput(textFile: URL, patterns: String?) throws -> Throughput {
        var lexicon = try Lexicon.shipped()
        if let patterns {
            let rows = patterns.split(separator: "\n").map { "\($0.replacingOccurrences(of: "\t", with: " "))\t\tbanned" }
            try lexicon.add(tsv: "wrong\tsuggested\tkind\n" + rows.joined(separator: "\n"), file: "patterns")
        }
        let clock = ContinuousClock()
        var matcher: LexiconMatcher!
        let build = clock.measure { matcher = LexiconMatcher(lexicon) }
        let detector = PersonalNumberDetector()
        var body = ""
        let read = try clock.measure { body = try String(contentsOf: textFile, encoding: .utf8) }
        var words = 0, numbers = 0
        let lexiconTime = clock.measure { words = matcher.matches(in: body).count }
        let privacyTime = clock.measure { numbers = detector.scan(body).count }
        let mb = Double(body.utf8.count) / 1_048_576
        func s(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let total = s(read) + s(lexiconTime) + s(privacyTime)
        return Throughput(patterns: matcher.patternCount, states: matcher.stateCount, buildSeconds: s(build), megabytes: mb,
                          readSeconds: s(read), lexiconSeconds: s(lexiconTime), privacySeconds: s(privacyTime), totalSeconds: total,
                          mbPerSecond: mb / total, lexiconMatches: words, personalNumbers: numbers)
    }
}
