import GovLensCore
import Foundation
import GovLensText
import Testing

@Suite struct PatternAutomatonTests {
    func all(_ patterns: [String], _ text: String) -> [String] {
        let a = PatternAutomaton(patterns: patterns)
        var out: [String] = []
        a.scan(text) { p, s, e in out.append("\(patterns[p])@\(s)-\(e)") }
        return out.sorted()
    }

    @Test func findsOverlappingAndNestedPatterns() {
        #expect(all(["he", "she", "his", "hers"], "ushers") == ["he@2-4", "hers@2-6", "she@1-4"])
        #expect(all(["大数据", "数据", "据产业"], "发展大数据产业") == ["大数据@2-5", "据产业@4-7", "数据@3-5"])
    }

    @Test func offsetsCountScalarsAcrossMixedScripts() {
        // ASCII (1 byte), Chinese (3 bytes), an emoji (4 bytes, astral) before the match.
        #expect(all(["农业部"], "a中😀农业部") == ["农业部@3-6"])
        #expect(all(["😀农"], "a😀农") == ["😀农@1-3"])
        #expect(all(["abc"], "ab") == [])
        #expect(all([""], "anything") == [])
    }

    @Test func failLinksRecoverMidPattern() {
        #expect(all(["合同法》", "同法"], "《劳动合同法》") == ["合同法》@3-7", "同法@4-6"])
        #expect(all(["aab"], "aaab") == ["aab@1-4"])
    }
}

@Suite struct LexiconTests {
    func lexicon(_ tsv: String) throws -> LexiconMatcher {
        var l = Lexicon()
        try l.add(tsv: tsv, file: "test.tsv")
        return LexiconMatcher(l)
    }
    let header = "wrong\tsuggested\tkind\tseverity\teffective\tallow\tsource\n"

    @Test func allowListKeepsCorrectLongerWordsQuiet() throws {
        let m = try lexicon(header + "农业部\t农业农村部\toutdated-name\tdeduct\t2018-03-17\t农业部门\tt\n")
        #expect(m.matches(in: "县农业部门发文").isEmpty)
        let hits = m.matches(in: "农业部门与农业部联合发文")
        #expect(hits.map(\.offset) == [5])
        #expect(hits.first?.entry.effective == SimpleDate(iso: "2018-03-17"))
    }

    @Test func longestMatchWinsAndLaterFilesOverride() throws {
        var l = Lexicon()
        try l.add(tsv: header + "合同法\t民法典\trepealed-law\t\t\t\ta\n《中华人民共和国合同法》\t《民法典》\trepealed-law\t\t2021-01-01\t\ta\n", file: "a.tsv")
        try l.add(tsv: header + "合同法\t\tallow\t\t\t\tprovince\n", file: "b.tsv")
        let m = LexiconMatcher(l)
        let hits = m.matches(in: "依据《中华人民共和国合同法》")
        #expect(hits.count == 1 && hits[0].entry.wrong == "《中华人民共和国合同法》" && hits[0].length == 12)
        // The province's allow row switched the short form off.
        #expect(m.matches(in: "合同法").isEmpty)
    }

    @Test func badRowsNameFileAndLine() {
        func error(_ tsv: String) -> String {
            var l = Lexicon()
            do { try l.add(tsv: tsv, file: "省词库.tsv"); return "" } catch { return "\(error)" }
        }
        #expect(error("wrong\tkind\nx\ttypo\n").contains("表头缺少 suggested 列"))
        #expect(error(header + "\n# comment\n错字\t对字\tspelling\n").contains("省词库.tsv 第 4 行：未知的 kind “spelling”"))
        #expect(error(header + "错字\t对字\ttypo\tdeduct\t2021-13-01\n").contains("第 2 行"))
        #expect(error(header + "错字\t对字\ttypo\tfatal\n").contains("未知的 severity"))
        #expect(error("").contains("缺少表头"))
    }

    @Test func shippedLexiconsLoadWithEveryKind() throws {
        let l = try Lexicon.shipped()
        let kinds = Set(l.entries.map(\.kind))
        #expect(kinds == Set(LexiconKind.allCases))
        #expect(l.entries.count > 1_300)
        let m = LexiconMatcher(l)
        // The circular's own example, and a 民法典 repeal, and 2018 renames with their dates.
        #expect(m.matches(in: "依据《疫苗流通和预防接种管理条例》").first?.entry.effective == SimpleDate(iso: "2019-12-01"))
        #expect(m.matches(in: "《中华人民共和国物权法》").first?.entry.suggested == "《民法典》")
        #expect(m.matches(in: "国家工商行政管理总局").first?.entry.suggested == "国家市场监督管理总局")
        // Correct current names stay quiet.
        for ok in ["《中华人民共和国劳动合同法》", "《疫苗管理法》", "国家市场监督管理总局", "农业农村部", "网站标识码", "自然资源部（国家海洋局）",
                   "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）"] {
            #expect(m.matches(in: ok).isEmpty, "\(ok)")
        }
    }
}
