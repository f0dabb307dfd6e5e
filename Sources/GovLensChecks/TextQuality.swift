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
    /// Named typos in sentences (`sentence<TAB>wrong<TAB>right<TAB>source`, a header line):
    /// how many the inspector finds (a flag inside the wrong form), how many of those it corrects
    /// exactly, and how many alarms it raises on the same sentences corrected.
    public struct NamedTypos: Sendable { public var cases = 0, found = 0, corrected = 0, alarms = 0 }

    public static func namedTypos(_ tsv: String, inspector: TextInspector) -> NamedTypos {
        var r = NamedTypos()
        for line in tsv.split(separator: "\n").dropFirst() {
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard c.count >= 3 else { continue }
            let (sentence, wrong, right) = (Array(c[0].unicodeScalars), Array(c[1].unicodeScalars), Array(c[2].unicodeScalars))
            guard wrong.count <= sentence.count,
                  let start = (0...(sentence.count - wrong.count)).first(where: { Array(sentence[$0..<($0 + wrong.count)]) == wrong })
            else { continue }
            r.cases += 1
            let flags = inspector.typoCorrections(c[0]).filter { (start..<(start + wrong.count)).contains($0.key) }
            if !flags.isEmpty { r.found += 1 }
            if right.count == wrong.count, !flags.isEmpty,
               flags.allSatisfy({ String($0.value) == String(right[$0.key - start]) }) { r.corrected += 1 }
            r.alarms += inspector.typoCorrections(c[0].replacingOccurrences(of: c[1], with: c[2])).count
        }
        return r
    }

    /// Typo alarms on clean official text (one paragraph a line; `# ` lines are document headers,
    /// `# address title`), and its Han characters: every alarm counts, those that need review too.
    /// Each document is checked whole, as `check-text` checks a file and a scan a page. Its date is
    /// a proxy for the page date a scan reads: January 1 of the first year its title names
    /// (1986年…政府工作报告, 规划（2018—2035年）→ 2018), else none.
    public static func officialAlarms(_ text: String, inspector: TextInspector) -> (characters: Int, alarms: [Finding]) {
        var characters = 0, alarms: [Finding] = [], document: [Substring] = [], date: SimpleDate?
        func flush() {
            if !document.isEmpty { alarms += inspector.inspect(document.joined(separator: "\n"), page: "official", date: date).filter { $0.check == "text.typo" } }
            document.removeAll()
        }
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# ") { flush(); date = titleYear(line); continue }
            characters += line.unicodeScalars.count { $0.value >= 0x4E00 && $0.value <= 0x9FFF }
            document.append(line)
        }
        flush()
        return (characters, alarms)
    }

    /// January 1 of the first year (1940–2099, a four-digit run) that a `# address title` header's
    /// title names.
    static func titleYear(_ header: Substring) -> SimpleDate? {
        let title = header.dropFirst(2).drop { $0 != " " }
        guard let match = title.firstMatch(of: /(?:^|[^0-9])(19[4-9][0-9]|20[0-9][0-9])(?![0-9])/), let year = Int(match.1) else { return nil }
        return SimpleDate(year: year, month: 1, day: 1)
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
