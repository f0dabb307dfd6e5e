import Foundation
@testable import GovLensSpell
import Testing

/// The model `scripts/test` builds from `Corpus/` before the tests run (beside the debug binary).
enum Shipped {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modelURL = root.appendingPathComponent(".build/debug/govlens-lm.bin")
    static let checker = Result { try SpellChecker.load(model: modelURL) }
    static func fixture(_ name: String) throws -> [SpellEvaluation.Pair] {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
        return SpellEvaluation.readPairs(try String(contentsOf: url, encoding: .utf8))
    }
}

@Suite struct NGramModelTests {
    func temp() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("lm-\(UUID().uuidString).bin") }

    @Test func countsSurviveTheFileAndRareLongNGramsArePruned() throws {
        var b = NGramModelBuilder(order: 3, minCount: 2)
        for line in ["政府信息公开", "政府信息公开", "政府网站", "信息化"] { b.add(line: line[...]) }
        let url = temp()
        defer { try? FileManager.default.removeItem(at: url) }
        try b.write(to: url)
        let m = try NGramModel(contentsOf: url)
        func count(_ s: String) -> UInt32 {
            let v = s.unicodeScalars.map(\.value)
            return v.withUnsafeBufferPointer { m.count($0, 0, v.count) }
        }
        #expect(m.order == 3 && m.totalCharacters == 6 + 6 + 4 + 3)
        #expect(count("政") == 3 && count("政府") == 3 && count("信息") == 3)
        #expect(count("政府信") == 2)   // trigram seen twice: kept
        #expect(count("府网站") == 0)   // seen once: pruned
        #expect(count("网站") == 1)     // bigrams are never pruned
        #expect(count("公开政") == 0)
        // A likelier continuation scores higher.
        let good = Array("政府信".unicodeScalars.map(\.value)), bad = Array("政府化".unicodeScalars.map(\.value))
        #expect(good.withUnsafeBufferPointer { m.logScore($0, at: 2) } > bad.withUnsafeBufferPointer { m.logScore($0, at: 2) })
    }

    @Test func damagedOrForeignFilesAreClearErrors() throws {
        let url = temp()
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("not a model at all, just some bytes here".utf8).write(to: url)
        #expect(throws: SpellError.self) { try NGramModel(contentsOf: url) }
        #expect(throws: SpellError.self) { try NGramModel(contentsOf: URL(fileURLWithPath: "/nonexistent/govlens-lm.bin")) }
    }

    @Test func confusionSetsAreSymmetricForShapes() throws {
        let c = try ConfusionSets.bundled()
        let ji = "机".unicodeScalars.first!.value, zhi = "制".unicodeScalars.first!.value
        #expect(c.candidates[zhi]?.contains("智".unicodeScalars.first!.value) == true)  // 发展机智 → 机制
        #expect(c.candidates[ji] != nil && c.candidates.count > 3000)
    }

    @Test func homophoneWordsSoundAlikeAndDifferInBothCharacters() throws {
        let c = try ConfusionSets.bundled()
        func words(_ s: String) -> [String] {
            let u = s.unicodeScalars.map(\.value)
            return c.homophoneWords(u[0], u[1]).map { String(Character(Unicode.Scalar($0.0)!)) + String(Character(Unicode.Scalar($0.1)!)) }
        }
        #expect(words("树脂").contains("述职") && words("古泉").contains("股权") && words("练习").contains("联席"))
        #expect(!words("树脂").contains("树脂") && !words("树脂").contains { $0.hasPrefix("树") || $0.hasSuffix("脂") })
        #expect(words("政府").allSatisfy { $0 != "政府" } && words("ab").isEmpty)
        // A word is read as people read it, not by any rare reading of its characters: 捍 can be
        // read xian and 有 wei, 过冬 is no 活动, 居住 no 技术, and 银行 is yin hang.
        #expect(!words("捍卫").contains("现有") && !words("过冬").contains("活动") && !words("居住").contains("技术"))
        #expect(words("音航").contains("银行"))
    }
}

@Suite struct SpellScoreTests {
    /// The strict metric counts a partial find as a wrong prediction; pycorrector's counts it
    /// only as a miss, and only flagged correct sentences as false positives.
    @Test func strictAndPycorrectorPrecisionDiffer() {
        let pairs = [SpellEvaluation.Pair(wrong: "发展机智", right: "发展机制"),             // fixed
                     SpellEvaluation.Pair(wrong: "古泉融资古泉", right: "股权融资股权"),     // fixed in part
                     SpellEvaluation.Pair(wrong: "政府网站", right: "政府网站")]             // clean, flagged
        let s = SpellEvaluation.score(pairs) { text in
            switch text {
            case "发展机智": [3: "制"]
            case "古泉融资古泉": [0: "股", 1: "权"]
            case "政府网站": [2: "往"]
            default: [:]
            }
        }
        #expect(s.flaggedSentences == 3 && s.detected == 1 && s.corrected == 1 && s.flaggedCorrect == 1)
        #expect(abs(s.correctionPrecision - 1.0 / 3) < 1e-9 && abs(s.pycorrectorPrecision - 0.5) < 1e-9)
        #expect(abs(s.pycorrectorRecall - 0.5) < 1e-9)
        // Alarms count on the corrected side of every pair: here only the clean sentence's flag.
        #expect(s.cleanAlarms == 1 && s.cleanCharacters == 4 + 6 + 4)
    }
}

@Suite struct SpellCheckerTests {
    func flags(_ text: String) throws -> [String] {
        try Shipped.checker.get().check(text).map { "\($0.wrong)→\($0.suggestion)" }
    }

    /// Errors no word list holds, from ECSpell's 公文 sentences (the examples; 总休方案 is
    /// below the tuned threshold and is not asserted — see docs/QUALITY.md).
    @Test func findsUnlistedErrorsInOfficialText() throws {
        #expect(try flags("进一步完善发展机智，推动高质量发展。") == ["智→制"])
        #expect(try flags("经全国人民代表大会堂务委员会审议通过。") == ["堂→常"])
        // Sentences of the held-out fold (never seen in training or tuning), one with three errors.
        #expect(try flags("交通运舒部、国家发展改革委、各省级人民政府负责") == ["舒→输"])
        #expect(try flags("大力发站股全融资，合理扩大债券市场规模。") == ["站→展", "全→权"])
        #expect(try flags("负责财政预算内行证事业单位和社会团体的非贸议外汇和财政预算内的国记收支管理。") == ["证→政", "议→易", "记→际"])
    }

    /// Pinyin input's own error: a real word that sounds like the right one (held-out sentences).
    @Test func findsHomophoneWords() throws {
        #expect(try flags("大力发展古泉融资，合理扩大债券市场规模。") == ["古→股", "泉→权"])
        #expect(try flags("国务院教育独到委员会组成人员的通知") == ["独→督", "到→导"])
        #expect(try flags("全国质量工作部际练习会议成员名单") == ["练→联", "习→席"])
        #expect(try flags("肿大经营管理事项必须经党组研究讨论后，再由董事会或者经理层作出绝顶。") == ["肿→重", "绝→决", "顶→定"])
    }

    /// Real sentences of the development official text (2026 provincial work reports) that raised
    /// alarms before: coined terms in short quotations, words read by a rare reading of one
    /// character, free choices (五到十年, 作好).
    @Test func realWorkReportSentencesRaiseNothing() throws {
        for s in ["财政资金使用效益，兜牢基层“三保”底线。", "深入推进城市更新，打造“蓉城囍事”等文旅消费品牌。",
                  "坚定维护国家安全。把捍卫政治安全放在首位。", "做好北方地区清洁取暖工作，确保群众温暖过冬。",
                  "因地制宜夯实产业发展基础。", "力争五到十年内取得突破性进展。", "发扬艰苦创业精神，作好长期奋斗的准备。",
                  "选择个别行业，参照这种办法，帮助它们走出困境。"] {
            #expect(try flags(s).isEmpty, "\(s)")
        }
        // A quotation is no hiding place for a long sentence: only short runs are taken as terms.
        #expect(try flags("他说：“进一步完善发展机智，推动高质量发展。”") == ["智→制"])
    }

    /// A rare two-character run that the text uses twice is the text's own term (卓泓, a company's
    /// name on a Hebei department's page): alone, one sentence's 泓 reads as a slip of 港; in a text
    /// that names the company again it is not reported, while another guess in the same text stays.
    @Test func aRareTermTheTextRepeatsIsItsOwn() throws {
        let first = "支持唐山卓泓科技咨询服务有限公司等企业开展技术咨询服务。"
        #expect(try flags(first) == ["泓→港"])
        let again = first + "\n唐山卓泓科技咨询服务有限公司参与全省中小企业服务体系建设，进一步完善发展机智。"
        #expect(try flags(again) == ["智→制"])
        // The same sentence twice (a page's heading and its information box) is one use: a typo in a
        // repeated title is still reported.
        #expect(try flags(first + "\n" + first) == ["泓→港", "泓→港"])
        // 机智 is a common word: a text that repeats it does not make the slip its own term.
        #expect(try flags("进一步完善发展机智，推动高质量发展。\n健全工作机智，完善发展机智。").count == 3)
    }

    @Test func cleanOfficialTextRaisesNothing() throws {
        for s in ["国务院办公厅关于进一步加强政府网站管理工作的通知", "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
                  "根据《中华人民共和国政府信息公开条例》，现将有关事项通知如下。", "县人民政府办公室负责本行政区域政府信息公开的日常工作。"] {
            #expect(try flags(s).isEmpty, "\(s)")
        }
    }

    /// Classical verse reads as one long typo to a model of modern text: below the familiarity
    /// floor it is not judged (these lines raised alarms before the floor existed).
    @Test func leavesClassicalVerseAlone() throws {
        for line in ["随时之宜，无有常家。", "饱食安步，在仕代农。", "遗馀者不匮，自尽者无多；"] {
            #expect(try flags(line).isEmpty, "\(line)")
        }
        // The floor is not a blanket: a 公文 sentence with an error is still judged.
        #expect(try flags("进一步完善发展机智，推动高质量发展。") == ["智→制"])
    }

    /// A traditional-character sentence is another script, not a run of typos; one traditional
    /// character in simplified 公文 is still reported.
    @Test func judgesTraditionalRunsAsAnotherScript() throws {
        #expect(try flags("中華人民共和國國務院辦公廳關於進一步加強政府網站信息內容建設的意見。").isEmpty)
        #expect(try flags("全县上下要认真贯彻落实國务院的决策部署，推动各项工作落地见效。") == ["國→国"])
        // Dates are not another script: 日 has no confusion set of its own, and this held-out
        // sentence with three of them was once left unjudged. (Its error's gain, about 5.4, is
        // now just under the shipped threshold: judged at a lower one, it is found.)
        var lower = try Shipped.checker.get()
        lower.settings.threshold = 5.0
        #expect(lower.check("延长2020年春节假其至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。").map { "\($0.wrong)→\($0.suggestion)" } == ["其→期"])
    }

    /// Titles, numbers, Latin text and mixed scripts are never "corrected".
    @Test func leavesTitlesNumbersAndLatinAlone() throws {
        let checker = try Shipped.checker.get()
        let titled = "依据《青山县堂务工作规则》执行。"
        #expect(!checker.check(titled).contains { $0.offset >= 3 && $0.offset <= 11 })
        #expect(try flags("2023年GDP同比增长5.2%，CPI上涨0.2%，ABC-123 xyz").allSatisfy { !$0.hasPrefix("2") })
        #expect(try flags("Hello world, this has no Chinese at all 1234567890").isEmpty)
        #expect(try flags("２０２３年１２月３１日，ＡＢＣ公司").isEmpty)
    }

    @Test func badInputDoesNotCrash() throws {
        let checker = try Shipped.checker.get()
        let long = String(repeating: "政府信息公开工作要坚持以公开为常态、不公开为例外", count: 2000)  // one 50,000-character line
        _ = checker.check(long)
        let invalid = String(decoding: Data([0xE6, 0x94, 0xBF, 0xFF, 0xFE, 0xE5, 0xBA, 0x9C, 0xC0, 0x80]), as: UTF8.self)
        _ = checker.check(invalid)
        #expect(checker.check("").isEmpty && checker.check("\n\n\t ").isEmpty)
        #expect(checker.check("！？。，；：“”（）【】《》").isEmpty)
    }

    /// On the tuning fold the thresholds were chosen for precision; the held-out fold never tuned
    /// anything and is not in the training corpus. Figures: docs/QUALITY.md.
    @Test func heldOutPrecisionAndFalseAlarms() throws {
        let checker = try Shipped.checker.get()
        let heldout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GovLensTextTests/Fixtures/odw/odw.heldout.tsv")
        let pairs = SpellEvaluation.readPairs(try String(contentsOf: heldout, encoding: .utf8))
        let s = SpellEvaluation.score(pairs, checker: checker)
        print("ODW held-out: \(s); alarms on the right sides \(s.alarmsPer10k) per 10k")
        #expect(s.detectionPrecision >= SpellQualityFloor.precision)
        #expect(s.detectionRecall >= SpellQualityFloor.recall)
        #expect(s.alarmsPer10k <= SpellQualityFloor.alarmsPer10k)
    }

    /// ECSpell's legal test set, which pycorrector also reports (Kenlm-CSC: F1 0.3763 by its own
    /// sentence metric). The thresholds never saw the set; the model may have seen 157 of its
    /// sentences, which share 10 characters with the laws corpus (docs/QUALITY.md measures
    /// without them too).
    @Test func legalTestSetByPycorrectorsMetric() throws {
        let s = SpellEvaluation.score(try Shipped.fixture("ec-law.test.tsv"), checker: try Shipped.checker.get())
        print("EC-LAW: \(s); pycorrector's F1 \(s.pycorrectorF1)")
        #expect(s.pycorrectorF1 >= SpellQualityFloor.lawPycorrectorF1)
    }
}

/// The general profile: tuned for F1 on a SIGHAN-15 training fold the corpus does not hold.
@Suite struct GeneralProfileTests {
    @Test func profilesLoadAndDiffer() throws {
        let official = try SpellSettings.bundled(.official), general = try SpellSettings.bundled(.general)
        #expect(general.threshold < official.threshold && official.minFamiliarity != nil && general.minFamiliarity != nil)
    }

    @Test func sighanTestByPycorrectorsMetric() throws {
        let checker = try SpellChecker.load(model: Shipped.modelURL, profile: .general)
        let s = SpellEvaluation.score(try Shipped.fixture("sighan15_test_simplified.tsv"), checker: checker)
        print("SIGHAN-15 test, general profile: \(s); pycorrector's P/R/F1 \(s.pycorrectorPrecision) \(s.pycorrectorRecall) \(s.pycorrectorF1)")
        #expect(s.pycorrectorF1 >= SpellQualityFloor.sighanGeneralPycorrectorF1)
        // It finds more than the official profile on the same essays, at the price of alarms.
        let official = SpellEvaluation.score(try Shipped.fixture("sighan15_test_simplified.tsv"), checker: try Shipped.checker.get())
        #expect(s.pycorrectorRecall > official.pycorrectorRecall && s.alarmsPer10k > official.alarmsPer10k)
    }
}

/// Regression floors: a little under the figures measured when the thresholds were last tuned
/// (docs/QUALITY.md), so a change that makes the checker worse fails here.
enum SpellQualityFloor {
    static let precision = 0.80     // measured 0.855 on the held-out fold (2026-12-07, modern corpus)
    static let recall = 0.43        // measured 0.463
    static let alarmsPer10k = 1.0   // measured 0.76 on the right sides of the fold's pairs (one alarm)
    // Measured 0.436 (0.533 before the news corpus and the retuning: law is now a smaller part of the
    // model's running text; pycorrector's Kenlm-CSC: 0.3763).
    static let lawPycorrectorF1 = 0.40
    static let sighanGeneralPycorrectorF1 = 0.32   // measured 0.337 (Kenlm-CSC: 0.3147)
}

/// The scan's cache (`SentenceCache`) changes no result: a sentence judged before, or a line that
/// differs from one judged before only in a date or a number, gets what a cache-less check gives.
@Suite struct SentenceCacheTests {
    static let lines = [
        "进一步完善发展机智，推动高质量发展。",  // a finding
        "大力发展古泉融资，合理扩大债券市场规模。",  // a two-character word
        "国务院办公厅关于进一步加强政府网站管理工作的通知",  // clean
        "发布时间：2023-05-15 16:01　浏览次数：185",
        "发布时间：2023-05-16 09:12　浏览次数：186",
        "日期：2022年5月17日　浏览次数：333，经全国人民代表大会堂务委员会审议通过。",
        "依据《青山县堂务工作规则》执行。",
    ]

    @Test func cachedChecksEqualUncachedOnes() throws {
        let checker = try Shipped.checker.get()
        let cache = SentenceCache()
        var checked = 0
        // Each line alone, then all of them in one text (other offsets), then the whole again: hits of both tables.
        for text in Self.lines + [Self.lines.joined(separator: "\n"), "  " + Self.lines.reversed().joined(separator: "\n"),
                                  Self.lines.joined(separator: "\n")] {
            let plain = checker.check(text), cached = checker.check(text, cache: cache)
            #expect(cached == plain, "\(text)")
            checked += plain.count
        }
        #expect(checked >= 12)  // the comparison covers findings, not only clean text
        #expect(checker.check("进一步完善发展机智，推动高质量发展。", cache: cache).map(\.offset) == [8])
    }

    /// A tiny limit empties the tables while a text is being checked: still the same results.
    @Test func aFullCacheStartsOver() throws {
        let checker = try Shipped.checker.get()
        let cache = SentenceCache(limit: 3)
        for _ in 0..<2 {
            let text = Self.lines.joined(separator: "\n")
            #expect(checker.check(text, cache: cache) == checker.check(text))
        }
    }

    /// The hand-written character classes of `segments` agree with the Unicode properties they replace.
    @Test func segmentCharacterClassesMatchUnicode() {
        var differ: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if SpellText.isWhitespace(u) != u.properties.isWhitespace
                || SpellText.endsSentence(u) != "。！？；!?;".unicodeScalars.contains(u) { differ.append(v) }
        }
        #expect(differ.isEmpty)
        #expect(SpellText.isWhitespace("\u{3000}") && SpellText.isWhitespace("\n") && !SpellText.isWhitespace("政"))
    }
}
