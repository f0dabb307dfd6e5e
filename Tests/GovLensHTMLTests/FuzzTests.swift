import Foundation
import GovLensCore
import GovLensDemo
import GovLensHTML
import GovLensText
import Testing

/// A seeded random loop over the readers that see hostile bytes first: charset sniffing and
/// decoding, the HTML → page model parser, and the Chinese date reader. Real pages are mutated
/// (bytes flipped, inserted, deleted, duplicated, truncated; tags nested thousands deep; charset
/// labels swapped). Nothing may crash or hang; CI runs a bounded number of inputs,
/// `scripts/fuzz` many more (GOVLENS_FUZZ_INPUTS, GOVLENS_FUZZ_SEED).
@Suite struct FuzzTests {
    static let inputs = Int(ProcessInfo.processInfo.environment["GOVLENS_FUZZ_INPUTS"] ?? "") ?? 1500
    static let seed = UInt64(ProcessInfo.processInfo.environment["GOVLENS_FUZZ_SEED"] ?? "") ?? 20_261_202

    static func corpus() throws -> [Data] {
        let names = ["fgw.zj.gov.cn-article", "people.com.cn-meta-gb2312-but-utf8", "www.gov.cn-gongbao-article", "www.shanxi.gov.cn-article"]
        var pages = try names.map { name in
            try Data(contentsOf: try #require(Bundle.module.url(forResource: name, withExtension: "html", subdirectory: "Fixtures")))
        }
        pages.append(Charset.iconvEncode("<html><head><meta charset=gbk><title>通知公告</title></head><body><ul><li><a href=a.html>关于2023年6月30日的通知</a>2023-06-30</li></ul></body></html>", to: "GB18030")!)
        return pages
    }

    static func mutate(_ page: Data, _ rng: inout SeededRandom) -> Data {
        var b = [UInt8](page.prefix(200_000))
        for _ in 0..<Int.random(in: 1...8, using: &rng) where !b.isEmpty {
            let at = Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: b[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: b.insert(contentsOf: (0..<Int.random(in: 1...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            case 2: b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...4096, using: &rng)))
            case 3: let end = min(b.count, at + Int.random(in: 1...2048, using: &rng)); b.insert(contentsOf: b[at..<end], at: at)
            case 4: b.removeSubrange(at...)
            case 5: b.insert(contentsOf: Array(String(repeating: "<div><span>", count: Int.random(in: 100...3000, using: &rng)).utf8), at: at)
            case 6: b.insert(contentsOf: Array("<meta charset=\"\(["gb2312", "utf-16", "big5", "x-unknown", ""].randomElement(using: &rng)!)\">".utf8), at: at)
            default: b.insert(contentsOf: Array("2023年13月45日 ２０２３－０６－３０ 1949/1/1 <li>[06-31]</li>".utf8), at: at)
            }
        }
        return Data(b)
    }

    @Test func mutatedPagesNeverCrashTheReaders() throws {
        var rng = SeededRandom(seed: Self.seed)
        let corpus = try Self.corpus()
        var inputs = 0, characters = 0
        for i in 0..<Self.inputs {
            let data = Self.mutate(corpus[i % corpus.count], &rng)
            let contentType = ["text/html", "text/html; charset=utf-8", "text/html; charset=gbk", nil].randomElement(using: &rng)!
            let (text, decision) = Charset.decode(data, contentType: contentType)
            #expect(!decision.charset.isEmpty)
            let (page, _) = HTMLParser.parse(data, contentType: contentType)
            for d in ChineseDate.allDates(in: text.prefix(20_000).description) {
                #expect((1949...2100).contains(d.date.year))
            }
            characters += page.text.count
            inputs += 1
        }
        #expect(inputs == Self.inputs && characters > 0)
    }
}
