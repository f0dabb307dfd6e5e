/// How often a document uses each two-character run of Chinese, counting each distinct sentence
/// once: a page that repeats its title (the heading and the information box) uses the title's
/// words once, so a typo in a repeated title is not taken for the writer's own term.
public struct TermUses: Sendable {
    private var uses: [UInt64: Int] = [:]

    /// The runs of `text`, split into sentences at 。！？；!?; and line ends.
    public init(_ text: String) {
        let u = text.unicodeScalars.map { SpellText.normalise($0).value }
        var seen = Set<Int>(), start = 0
        func sentence(to end: Int) {
            defer { start = end }
            guard end - start >= 2 else { return }
            var h = Hasher()
            for k in start..<end { h.combine(u[k]) }
            guard seen.insert(h.finalize()).inserted else { return }
            for i in start..<(end - 1) where SpellText.isHan(u[i]) && SpellText.isHan(u[i + 1]) {
                uses[SpellText.pair(u[i], u[i + 1]), default: 0] += 1
            }
        }
        for (i, c) in u.enumerated() where c == 0x0A || Unicode.Scalar(c).map(SpellText.endsSentence) == true { sentence(to: i + 1) }
        sentence(to: u.count)
    }

    /// Uses of the run `a b`.
    public func count(_ a: UInt32, _ b: UInt32) -> Int { uses[SpellText.pair(a, b), default: 0] }
}

extension SpellChecker {
    /// `found` without the guesses inside the text's own terms: a two-character run that the
    /// document uses at least twice, in different sentences or twice in one, and that the model's
    /// corpus has counted at most `ownTermMaxCount` times (running text plus the word list's
    /// weight) is the writer's term — a place (引洮, a Gansu water project), wording the corpus
    /// lacks (拟安排) — not one slip made twice. A single sentence repeats nothing, so this only
    /// applies to whole pages and files. `uses` defaults to those of `text`.
    func droppingOwnTerms(_ found: [SpellSuggestion], in text: String, uses: TermUses? = nil) -> [SpellSuggestion] {
        guard let most = settings.ownTermMaxCount, !found.isEmpty else { return found }
        let uses = uses ?? TermUses(text)
        let u = text.unicodeScalars.map { SpellText.normalise($0).value }
        func ownTerm(_ f: SpellSuggestion) -> Bool {
            [f.offset - 1, f.offset].contains { i in
                guard i >= 0, i + 1 < u.count, SpellText.isHan(u[i]), SpellText.isHan(u[i + 1]),
                      uses.count(u[i], u[i + 1]) >= 2 else { return false }
                return [u[i], u[i + 1]].withUnsafeBufferPointer { model.count($0, 0, 2) } <= most
            }
        }
        // A two-character replacement stands or falls as one.
        return SpellSuggestion.replacements(found).filter { !$0.contains(where: ownTerm) }.flatMap { $0 }
    }
}
