import Foundation
import GovLensChecks
import GovLensText
import Testing

/// Detection quality on ground truth the lexicons were not built from (docs/QUALITY.md has the
/// figures; these floors catch regressions).
@Suite struct TextQualityTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    let inspector = try! TextInspector.standard()

    @Test func heldOutODWSentences() throws {
        let tsv = try String(contentsOf: Self.tests.appendingPathComponent("GovLensTextTests/Fixtures/odw/odw.heldout.tsv"), encoding: .utf8)
        let pairs = TextQuality.readPairs(tsv)
        #expect(pairs.count == 344)
        let d = TextQuality.detection(pairs, matcher: inspector.matcher)
        print("ODW held-out: P \(d.precision) R \(d.recall) F1 \(d.f1), clean flagged \(d.cleanFlagged)/\(d.cleanSentences)")
        #expect(d.withErrors == 216)
        #expect(d.cleanFlagged == 0)           // no alarm on an error-free 公文 sentence
        #expect(d.precision >= 0.5 && d.recall >= 0.03)
        // The corrected side of every pair is clean text too: no alarms at all.
        let corrected = pairs.map { TextQuality.SentencePair(source: $0.target, target: $0.target) }
        #expect(TextQuality.detection(corrected, matcher: inspector.matcher).flagged == 0)
    }

    @Test func realGovernmentPagesRaiseNoAlarms() throws {
        let dir = Self.tests.appendingPathComponent("GovLensHTMLTests/Fixtures")
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".html") }
        #expect(pages.count == 5)
        var characters = 0
        for name in pages {
            let r = TextQuality.alarms(onPage: try Data(contentsOf: dir.appendingPathComponent(name)), name: name, inspector: inspector)
            characters += r.characters
            #expect(r.findings.isEmpty, "\(name): \(r.findings.map(\.evidence))")
        }
        #expect(characters > 15_000)
    }
}
