import Foundation

/// Sentence-level scores. A wrong sentence counts as detected only when the flagged positions are
/// exactly the wrong ones, and as corrected when every suggestion is also the right character.
///
/// Two precisions are in use. The strict one (SIGHAN's, and ECSpell's `sent_mertic_det`) counts
/// every flagged sentence as a prediction, so a partial find in a sentence with three errors costs
/// precision. pycorrector's `compute_sentence_level_prf`, behind the figures in its README
/// (Kenlm-CSC's 0.315 among them), counts only flagged *correct* sentences as false positives: a
/// wrong sentence fixed partly or wrongly is a miss, not a false alarm. Comparisons with
/// pycorrector use its own metric.
public struct SpellScores: Sendable, CustomStringConvertible {
    public var sentences = 0, wrongSentences = 0, flaggedSentences = 0
    public var detected = 0, corrected = 0
    /// Correct sentences with at least one flag.
    public var flaggedCorrect = 0
    /// Flags on the corrected side of every pair (clean 公文 the model never saw), and its
    /// Chinese characters.
    public var cleanAlarms = 0, cleanCharacters = 0

    public var detectionPrecision: Double { ratio(detected, flaggedSentences) }
    public var detectionRecall: Double { ratio(detected, wrongSentences) }
    public var detectionF1: Double { f1(detectionPrecision, detectionRecall) }
    public var correctionPrecision: Double { ratio(corrected, flaggedSentences) }
    public var correctionRecall: Double { ratio(corrected, wrongSentences) }
    public var correctionF1: Double { f1(correctionPrecision, correctionRecall) }
    /// pycorrector's sentence-level correction scores (`compute_sentence_level_prf`).
    public var pycorrectorPrecision: Double { ratio(corrected, corrected + flaggedCorrect) }
    public var pycorrectorRecall: Double { correctionRecall }
    public var pycorrectorF1: Double { f1(pycorrectorPrecision, pycorrectorRecall) }
    public var alarmsPer10k: Double { cleanCharacters == 0 ? 0 : Double(cleanAlarms) * 10_000 / Double(cleanCharacters) }

    func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    func f1(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }

    public var description: String {
        String(format: "sentences %d (wrong %d): detection P %.3f R %.3f F1 %.3f; correction P %.3f R %.3f F1 %.3f",
               sentences, wrongSentences, detectionPrecision, detectionRecall, detectionF1,
               correctionPrecision, correctionRecall, correctionF1)
    }
}

/// Evaluation and threshold tuning of the spell checker on labelled sentence pairs (ECSpell, SIGHAN),
/// as used by `govlens lm eval` and `govlens lm tune`.
public enum SpellEvaluation {
    /// A test pair: the sentence as written and as it should be (same length).
    public struct Pair: Sendable {
        public var wrong: String
        public var right: String
        /// A pair from the sentence as written and its corrected form.
        public init(wrong: String, right: String) { self.wrong = wrong; self.right = right }
    }

    /// `label<TAB>wrong<TAB>right` (ECSpell) or `wrong<TAB>right` (SIGHAN); pairs whose two sides
    /// differ in length are skipped (insertions and deletions are not spelling errors here).
    public static func readPairs(_ text: String) -> [Pair] {
        text.split(separator: "\n").compactMap { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2 else { return nil }
            let (w, r) = cols.count >= 3 ? (cols[cols.count - 2], cols[cols.count - 1]) : (cols[0], cols[1])
            guard w.unicodeScalars.count == r.unicodeScalars.count else { return nil }
            return Pair(wrong: w, right: r)
        }
    }

    static func gold(_ p: Pair) -> [Int: Unicode.Scalar] {
        var out: [Int: Unicode.Scalar] = [:]
        for (i, (a, b)) in zip(p.wrong.unicodeScalars, p.right.unicodeScalars).enumerated() where a != b { out[i] = b }
        return out
    }

    static func hanCount(_ s: String) -> Int { s.unicodeScalars.count { SpellText.isHan($0.value) } }

    /// Scores `predict` (offset → suggested character) on the pairs.
    public static func score(_ pairs: [Pair], predict: (String) -> [Int: Character]) -> SpellScores {
        var s = SpellScores()
        for p in pairs {
            let g = gold(p), flagged = predict(p.wrong)
            s.sentences += 1
            if !g.isEmpty { s.wrongSentences += 1 }
            s.cleanAlarms += g.isEmpty ? flagged.count : predict(p.right).count
            s.cleanCharacters += hanCount(p.right)
            guard !flagged.isEmpty else { continue }
            s.flaggedSentences += 1
            if g.isEmpty { s.flaggedCorrect += 1 }
            if !g.isEmpty, Set(flagged.keys) == Set(g.keys) {
                s.detected += 1
                if g.allSatisfy({ flagged[$0.key] == Character($0.value) }) { s.corrected += 1 }
            }
        }
        return s
    }

    /// The checker's predictions as scored above.
    public static func score(_ pairs: [Pair], checker: SpellChecker) -> SpellScores {
        score(pairs) { Dictionary(checker.check($0).map { ($0.offset, $0.suggestion) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// Alarms on clean text (one item per line), per 10,000 Chinese characters.
    public static func alarms(_ lines: [String], checker: SpellChecker) -> (alarms: Int, characters: Int, examples: [String]) {
        var alarms = 0, chars = 0, examples: [String] = []
        for line in lines {
            chars += hanCount(line)
            let found = checker.check(line)
            alarms += found.count
            for f in found.prefix(1) where examples.count < 20 {
                let scalars = Array(line.unicodeScalars)
                let lo = max(0, f.offset - 8), hi = min(scalars.count, f.offset + 9)
                examples.append("\(f.wrong)→\(f.suggestion) (\(String(format: "%.1f", f.gain))): " + String(String.UnicodeScalarView(scalars[lo..<hi])))
            }
        }
        return (alarms, chars, examples)
    }

    /// What `tune` optimises.
    public enum Objective: String, Sendable, CaseIterable {
        /// 公文: among the gains whose false alarms on clean text (the corrected side of the fold's
        /// pairs, plus any real official text given) stay within `maxAlarmsPer10k`, the lowest whose strict detection precision reaches
        /// `targetPrecision`, else the best F0.5 (a false alarm costs an editor's trust).
        case precision
        /// Everyday text: the best F1 by pycorrector's sentence metric, with no cap on alarms.
        case f1
    }

    /// Chooses the thresholds on tuning pairs (see `Objective`), the review threshold where
    /// strict precision reaches `reviewPrecision`, a calibration table of observed precision per
    /// gain band, and the familiarity floor: segments less familiar than all but
    /// `familiarityPercentile` of the fold's clean segments are not judged. `clean`: real edited
    /// text (one paragraph an item) whose alarms count against `maxAlarmsPer10k` too: the
    /// corrected sides of a fold are short sentences, real documents are what users check.
    public static func tune(_ pairs: [Pair], checker: SpellChecker, objective: Objective = .precision, targetPrecision: Double = 0.85,
                            reviewPrecision: Double = 0.95, maxAlarmsPer10k: Double = 1,
                            familiarityPercentile: Double = 0.02, clean: [String] = []) -> (settings: SpellSettings, table: [(Double, SpellScores)])
    {
        var checker = checker
        let familiar = pairs.flatMap { checker.familiarities(of: $0.right) }.sorted()
        checker.settings.minFamiliarity = familiar.isEmpty ? nil : familiar[Int(Double(familiar.count - 1) * familiarityPercentile)]
        // Greedy correction depends on the threshold (it stops at the first gain below it), so
        // every candidate threshold is a full run.
        func run(_ t: Double, _ follow: Double, _ pair: Double, withClean: Bool = true) -> SpellScores {
            var c = checker
            c.settings.threshold = t; c.settings.followThreshold = min(t, follow); c.settings.pairPenalty = pair
            var s = score(pairs, checker: c)
            if withClean, !clean.isEmpty {
                let a = alarms(clean, checker: c)
                s.cleanAlarms += a.alarms; s.cleanCharacters += a.characters
            }
            return s
        }
        func sweep(_ follow: Double, _ pair: Double, from low: Double = 0.5) -> [(Double, SpellScores)] {
            stride(from: low, through: 10.5, by: 0.25).map { t in (t, run(t, follow, pair)) }
        }
        func f05(_ s: SpellScores) -> Double {
            let p = s.detectionPrecision, r = s.detectionRecall
            return p + r == 0 ? 0 : 1.25 * p * r / (0.25 * p + r)
        }
        func choose(_ table: [(Double, SpellScores)]) -> (usable: [(Double, SpellScores)], chosen: (Double, SpellScores)) {
            let flagged = table.filter { $0.1.flaggedSentences >= 5 }
            switch objective {
            case .precision:
                let quiet = flagged.filter { $0.1.alarmsPer10k <= maxAlarmsPer10k }
                let usable = quiet.isEmpty ? flagged : quiet
                return (usable, usable.first { $0.1.detectionPrecision >= targetPrecision } ?? usable.max { f05($0.1) < f05($1.1) } ?? table.last!)
            case .f1:
                return (flagged, flagged.max { $0.1.pycorrectorF1 < $1.1.pycorrectorF1 } ?? table.last!)
            }
        }
        // Follow-up threshold and pair penalty: the best F1 by the objective's own measure at a
        // middle threshold (strict detection F1 at 5 for 公文; for everyday text, where the
        // threshold lies much lower, at the threshold a first sweep chooses).
        let middle = objective == .precision ? 5.0 : choose(sweep(checker.settings.followThreshold, checker.settings.pairPenalty)).chosen.0
        var best = (follow: 3.0, pair: 1.0, f1: -1.0)
        for follow in stride(from: 2.0, through: 5.0, by: 0.5) {
            for pair in [0.0, 1.0, 2.0, 3.0] {
                let s = run(middle, follow, pair, withClean: false)
                let f1 = objective == .precision ? s.detectionF1 : s.pycorrectorF1
                if f1 > best.f1 { best = (follow, pair, f1) }
            }
        }
        // With real text in the cap, a cheap pair penalty or a low follow-up threshold can win F1
        // on the fold and lose on the cap (a low follow-up adds a second "error" beside a first
        // false alarm, as in 视实际试用效果 read as 是实际使用效果): each penalty, and each higher
        // follow-up, then gets its own sweep, and the best choice under the cap wins.
        var variants = [(follow: best.follow, pair: best.pair)]
        if !clean.isEmpty {
            variants = [0.0, 1.0, 2.0, 3.0].map { (best.follow, $0) }
                + [3.5, 5.0].filter { $0 > best.follow }.map { ($0, best.pair) }
        }
        var picked: (variant: (follow: Double, pair: Double), table: [(Double, SpellScores)], usable: [(Double, SpellScores)], chosen: (Double, SpellScores))?
        for v in variants {
            let t = sweep(v.follow, v.pair, from: clean.isEmpty ? 0.5 : 3.0)
            let c = choose(t)
            // At equal quality on the fold, fewer alarms on the real text win.
            if picked == nil || f05(c.chosen.1) > f05(picked!.chosen.1)
                || (f05(c.chosen.1) == f05(picked!.chosen.1) && c.chosen.1.alarmsPer10k < picked!.chosen.1.alarmsPer10k)
            {
                picked = (v, t, c.usable, c.chosen)
            }
        }
        let (table, usable, chosen) = (picked!.table, picked!.usable, picked!.chosen)
        best.pair = picked!.variant.pair
        best.follow = picked!.variant.follow
        let review = usable.first { $0.0 >= chosen.0 && $0.1.detectionPrecision >= reviewPrecision }?.0 ?? chosen.0 + 2
        var settings = checker.settings
        settings.threshold = chosen.0
        settings.followThreshold = min(chosen.0, best.follow)
        settings.pairPenalty = best.pair
        settings.reviewBelow = review
        settings.calibration = usable.filter { $0.0 >= chosen.0 }.map { [$0.0, ($0.1.detectionPrecision * 100).rounded() / 100] }
        settings.note = String(format: "govlens lm tune (%@) on %d pairs%@: threshold %.2f, follow-up %.2f, pair penalty %.1f, familiarity floor %.2f (detection precision %.3f, recall %.3f; pycorrector's F1 %.3f), review below %.2f",
                               objective.rawValue, pairs.count,
                               clean.isEmpty ? "" : String(format: " and %d characters of real official text (at most %.2f alarms per 10k)",
                                                           clean.reduce(0) { $0 + hanCount($1) }, maxAlarmsPer10k),
                               chosen.0, settings.followThreshold, settings.pairPenalty,
                               settings.minFamiliarity ?? -.infinity, chosen.1.detectionPrecision, chosen.1.detectionRecall, chosen.1.pycorrectorF1, review)
        return (settings, table)
    }
}
