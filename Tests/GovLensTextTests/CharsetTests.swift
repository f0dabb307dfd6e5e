import GovLensCore
import Foundation
import GovLensText
import Testing

@Suite struct CharsetTests {
    let chinese = "青山县人民政府 政务公开 镕喆昇堃 €"

    @Test func gbkBytesDecodedAsGB18030EvenWhenLabelledGB2312() throws {
        let html = "<html><head><meta charset=\"gb2312\"><title>\(chinese)</title></head></html>"
        let bytes = try #require(Charset.iconvEncode(html, to: "GB18030"))
        let (text, decision) = Charset.decode(bytes, contentType: "text/html")
        #expect(decision.charset == "GB18030")
        #expect(decision.source == "meta")
        #expect(text.contains(chinese))  // GBK-only characters survive
    }

    @Test func httpHeaderWinsOverMetaForLegacyBytes() throws {
        let bytes = try #require(Charset.iconvEncode("<meta charset=utf-8><p>\(chinese)</p>", to: "GB18030"))
        let d = Charset.detect(bytes, contentType: "text/html; charset=GBK")
        #expect(d.charset == "GB18030")
        #expect(d.source == "http")
    }

    @Test func utf8BytesWinOverAMetaThatLies() {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>\(chinese)</body></html>"
        let (text, d) = Charset.decode(Data(html.utf8), contentType: "text/html")
        #expect(d.charset == "UTF-8")
        #expect(d.declared == "GB18030")
        #expect(d.declarationMismatch)
        #expect(text.contains(chinese))
    }

    @Test func bomIsHonouredAndSkipped() {
        let (text, d) = Charset.decode(Data([0xEF, 0xBB, 0xBF]) + Data("政务".utf8))
        #expect(d.source == "bom")
        #expect(text == "政务")
    }

    @Test func invalidBytesBecomeReplacementCharactersAndDecodingContinues() {
        var bytes = Charset.iconvEncode("政务公开", to: "GB18030")!
        bytes.insert(0xFF, at: 4)
        let (text, d) = Charset.decode(bytes, contentType: "text/html; charset=gbk")
        #expect(d.charset == "GB18030")
        #expect(text.hasPrefix("政务"))
        #expect(text.hasSuffix("公开"))
    }

    @Test(arguments: [
        ([0x41, 0xC3, 0xA9] as [UInt8], true), ([0xE4, 0xB8, 0xAD], true), ([0xC0, 0xAF], false),
        ([0xED, 0xA0, 0x80], false), ([0xE4, 0xB8], false), ([0xF0, 0x9F, 0x98, 0x80], true), ([0xD6, 0xD0], false),
    ])
    func strictUTF8Validation(bytes: [UInt8], valid: Bool) {
        #expect(bytes.withUnsafeBytes { Charset.isValidUTF8($0) } == valid)
    }
}

@Suite struct ChineseDateTests {
    @Test(arguments: [
        ("2023-06-27", "2023-06-27"), ("2023/06/27", "2023-06-27"), ("2023.6.7", "2023-06-07"),
        ("2023年6月27日", "2023-06-27"), ("2016-11-22 09:53", "2016-11-22"),
    ])
    func parsesTheFormsSitesUse(text: String, iso: String) {
        #expect(ChineseDate.parse(text)?.description == iso)
    }

    @Test func rejectsImpossibleDates() {
        #expect(ChineseDate.parse("2023-02-30") == nil)
        #expect(ChineseDate.parse("2023-13-01") == nil)
    }

    @Test func labelledDateIgnoresFooterAndCounterDates() {
        let text = "县政府召开会议\n日期：2023年5月12日　浏览次数：100\n本站自 2019年1月1日 起累计访问 1234 次 Copyright 2008-2023"
        #expect(ChineseDate.labelled(in: text)?.description == "2023-05-12")
        #expect(ChineseDate.labelled(in: "本站自 2019年1月1日 起累计访问 Copyright © 2008-2023") == nil)
    }

    @Test func dayNumberRoundTrips() {
        for n in stride(from: -1000, through: 30000, by: 37) {
            #expect(SimpleDate(dayNumber: n).dayNumber == n)
        }
        #expect(SimpleDate(iso: "1970-01-01")!.dayNumber == 0)
    }
}

/// Charsets by evidence: a UTF-8 page with a few damaged bytes is still UTF-8 (with the damage
/// counted), never GB18030 garbage reported clean; real GBK stays GBK.
@Suite struct CharsetEvidenceTests {
    static let text = String(repeating: "关于做好二〇二三年政务公开工作的通知。各乡镇人民政府、县政府各部门：现将有关事项通知如下。", count: 20)

    /// `text` as UTF-8 with `n` stray bytes spread through it.
    func damaged(_ n: Int) -> Data {
        var bytes = Array(Self.text.utf8)
        let step = bytes.count / (n + 1)
        for k in 1...n {
            // Insert a lone continuation byte or an invalid lead between characters.
            var at = k * step
            while at < bytes.count, bytes[at] & 0xC0 == 0x80 { at += 1 }
            bytes.insert(k % 2 == 0 ? 0x80 : 0xFF, at: at)
        }
        return Data(bytes)
    }

    @Test(arguments: [1, 10, 100])
    func strayBytesInUTF8AreReplacedAndCounted(_ n: Int) {
        let (decoded, decision) = Charset.decode(damaged(n), contentType: "text/html; charset=utf-8")
        #expect(decision.charset == "UTF-8" && decision.decodeErrors == n, "\(n): \(decision)")
        #expect(decoded.contains("政务公开工作的通知"))
        #expect(decoded.filter { $0 == "\u{FFFD}" }.count == n)
    }

    @Test func gbkStaysGBKAndMixedTextIsJudgedByItsBulk() {
        let gbk = Charset.iconvEncode(Self.text, to: "GB18030")!
        let (decoded, decision) = Charset.decode(gbk, contentType: "text/html; charset=utf-8")  // a lying header
        #expect(decision.charset == "GB18030" && decoded == Self.text && decision.decodeErrors == 0)
        // A GBK page with a UTF-8 paragraph pasted in: mostly GBK, decoded as GBK.
        var mixed = gbk
        mixed.append(contentsOf: Array("（附）".utf8))
        #expect(Charset.decode(mixed, contentType: nil).decision.charset == "GB18030")
        // A UTF-8 page with a short GBK fragment pasted in: mostly UTF-8.
        var utf8 = Data(Self.text.utf8)
        utf8.append(Charset.iconvEncode("附件", to: "GB18030")!)
        let d = Charset.decode(utf8, contentType: nil).decision
        #expect(d.charset == "UTF-8" && d.decodeErrors > 0)
    }
}
