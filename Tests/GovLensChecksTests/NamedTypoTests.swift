import Foundation
import GovLensChecks
import GovLensCore
import GovLensScan
import Testing

/// Typos as offices name them: errors from published inspection notices and the 《咬文嚼字》 lists
/// in natural sentences (dev and held-out parts), and false alarms on held-out real 国务院 text
/// the lexicons and the model never saw (Tests/GovLensTextTests/Fixtures, with SOURCE files).
/// The floors are today's figures (docs/QUALITY.md), so a regression fails.
@Suite struct NamedTypoTests {
    static let fixtures = TextQualityTests.tests.appendingPathComponent("GovLensTextTests/Fixtures")

    static func text(_ path: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func namedTyposInSentences() throws {
        let (dev, heldOut) = (try Self.text("named-typos/dev.tsv"), try Self.text("named-typos/heldout.tsv"))
        let lists = try TextInspector.standard()
        let withModel = try TextInspector.standard(spellModel: BuiltProducts.spellingModel)
        let l = (TextQuality.namedTypos(dev, inspector: lists), TextQuality.namedTypos(heldOut, inspector: lists))
        let m = (TextQuality.namedTypos(dev, inspector: withModel), TextQuality.namedTypos(heldOut, inspector: withModel))
        print("named typos, lists: dev \(l.0), held-out \(l.1); with the model: dev \(m.0), held-out \(m.1)")
        #expect(l.0.cases >= 50 && l.1.cases >= 40)
        // Corrected sentences are clean text: no alarm from the word lists or the 成语 rule.
        #expect(l.0.alarms == 0 && l.1.alarms == 0)
        // Today's figures (10/51 and 9/44 with the model; 13 and 8 before the news corpus, which
        // uses 截止目前 and 世界记录 now and then): low, and said so in docs/QUALITY.md.
        #expect(l.0.found >= 7 && m.0.found >= 10 && m.1.found >= 9)
    }

    /// Real official text the lexicons and the model never saw (Fixtures/official-heldout, with
    /// SOURCE), each document checked whole: every alarm counts, those that need review too.
    /// Target: at most 1 per 10,000 characters. gov-cn-zhengce.txt (国务院 documents) and the work
    /// reports of heldout2-4 were looked at while tuning (heldout3 and heldout4 missed the target
    /// when each was measured blind: 2.15 and 1.45), so their caps only guard against getting worse.
    /// heldout5.txt (the prose of Guangzhou's government site pages) was measured once with everything
    /// frozen: 0.30; 0.50 after a review's corrections (docs/QUALITY.md). heldout6.txt (a bureau's site
    /// pages, ministry and provincial rules, press-conference transcripts) likewise: 1.25, of which 4
    /// of the 26 alarms are real slips of the source (截止11月底, 提髙, 明辨事非, 之手假冒伪劣). heldout7.txt
    /// (a provincial portal's pages, ministries' pages) likewise, after two rules made on heldout6: 0.43;
    /// heldout8.txt (bureaus' replies on a message board, only 11,646 characters) then: 3.43, four
    /// alarms in one sentence that two replies share (视实际试用效果 read as 是实际使用效果).
    /// heldout9.txt (Hebei departments' pages, Foreign Ministry transcripts) was measured once after
    /// the news corpus and the retuning of 2026-12-07: 0.62; 0.59 once 毫无意义 was no 成语 slip.
    /// Each document is dated by the year its title names (a 1986 report is older than the variants
    /// table, whose forms it may use). The caps are today's figures (docs/QUALITY.md) rounded up.
    @Test(arguments: [("gov-cn-zhengce.txt", 140_000, 0.5), ("heldout2.txt", 180_000, 0.5), ("heldout3.txt", 170_000, 0.9),
                      ("heldout4.txt", 160_000, 1.2), ("heldout5.txt", 100_000, 0.5), ("heldout6.txt", 200_000, 1.0),
                      ("heldout7.txt", 65_000, 1.0), ("heldout8.txt", 11_000, 3.5), ("heldout9.txt", 280_000, 0.8)])
    func falseAlarmsOnRealOfficialText(file: String, minimumCharacters: Int, cap: Double) throws {
        let inspector = try TextInspector.standard(spellModel: BuiltProducts.spellingModel)
        let (characters, alarms) = TextQuality.officialAlarms(try Self.text("official-heldout/" + file), inspector: inspector)
        let per10k = Double(alarms.count) * 10_000 / Double(characters)
        print("\(file): \(characters) characters, \(alarms.count) typo alarms (\(String(format: "%.2f", per10k)) per 10,000)")
        #expect(characters > minimumCharacters)
        #expect(per10k <= cap, "\(alarms.map(\.evidence))")
    }
}

/// check-text on a long file with a finding on every line: read in blocks of lines, findings
/// handed on as found, positions right across blocks, one repeated error one item in the text form.
@Suite struct TextFileStreamTests {
    @Test func everyLineOfALongFileIsPlacedRight() async throws {
        let line = "活动内容丰富多采，群众积极参与，各项工作稳步推进。"
        let text = (1...6000).map { "第\($0)段：" + line }.joined(separator: "\n")
        #expect(text.utf8.count > 3 * (64 << 10))  // several blocks
        let inspector = try TextInspector.standard()
        var streamed: [TextFileReport.Entry] = []
        let summary = try await TextFileScan.stream(Data(text.utf8), name: "长稿.txt", date: nil, inspector: inspector) { streamed.append($0) }
        #expect(summary.findings.isEmpty && summary.mustFix == 6000)
        #expect(streamed.count == 6000 && streamed.map(\.line) == Array(1...6000))
        #expect(streamed.allSatisfy { $0.wrong == "丰富多采" && $0.column == $0.line.description.count + 8 })
        let report = try await TextFileScan.check(Data(text.utf8), name: "长稿.txt", date: nil, inspector: inspector)
        #expect(report.findings.map(\.line) == streamed.map(\.line))
        let rendered = TextFileScan.render(report)
        #expect(rendered.contains("第1行第\(streamed[0].column)列等 6000 处") && rendered.contains("共 6000 处"))
    }

    /// A file is read in blocks, but the model judges the document's own terms over the whole of it:
    /// a rare run used once in the first block and again in a later one is the writer's term (卓泓),
    /// as it is when the two uses are close together.
    @Test func aTermUsedAgainInALaterBlockIsTheFilesOwn() async throws {
        let inspector = try TextInspector.standard(spellModel: BuiltProducts.spellingModel)
        let first = "支持唐山卓泓科技咨询服务有限公司等企业开展技术咨询服务。"
        let filler = Array(repeating: "各项工作稳步推进，群众满意度持续提升。", count: 3000)
        func typos(_ lines: [String]) async throws -> [String] {
            let r = try await TextFileScan.check(Data(lines.joined(separator: "\n").utf8), name: "长稿.txt", date: nil, inspector: inspector)
            return r.findings.filter { $0.check == "text.typo" }.compactMap(\.wrong)
        }
        #expect(try await typos([first] + filler) == ["泓"])
        let lines = [first] + filler + ["唐山卓泓科技咨询服务有限公司参与全省中小企业服务体系建设，进一步完善发展机智。"]
        #expect(lines.joined(separator: "\n").utf8.count > 2 * (64 << 10))  // the two uses are blocks apart
        #expect(try await typos(lines) == ["智"])
    }
}
