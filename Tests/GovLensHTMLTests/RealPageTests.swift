import Foundation
import GovLensHTML
import GovLensText
import Testing

/// Real gov.cn pages (GeneralNewsExtractor fixtures, see Fixtures/SOURCE.txt).
@Suite struct RealPageTests {
    func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "html", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    @Test func pageDeclaringGB2312ButUTF8ComesOutRight() throws {
        let (page, charset) = HTMLParser.parse(try fixture("people.com.cn-meta-gb2312-but-utf8"))
        #expect(charset.charset == "UTF-8")
        #expect(charset.declarationMismatch)
        let title = try #require(page.title)
        #expect(!title.contains("\u{FFFD}"))
        #expect(title.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
        #expect(page.links.filter { $0.kind == .anchor }.count == 112)
    }

    @Test func contentAfterAStrayClosingHtmlIsStillWalked() throws {
        let (page, _) = HTMLParser.parse(try fixture("www.gov.cn-gongbao-article"))
        #expect(page.links.filter { $0.kind == .anchor }.count == 51)
    }

    @Test func governmentMetaTagsAreRead() throws {
        let (page, _) = HTMLParser.parse(try fixture("www.shanxi.gov.cn-article"))
        #expect(page.meta("SiteIDCode") == "1400000045")
        #expect(page.meta("ColumnName") == "山西要闻")
        #expect(page.links.filter { $0.kind == .anchor }.count == 384)
        #expect(page.text.contains("山西"))
        #expect(!page.text.contains("function("))  // script bodies are not visible text
    }

    @Test func pubDateMetaAndEmptySiteIDCode() throws {
        let (page, _) = HTMLParser.parse(try fixture("fgw.zj.gov.cn-article"))
        #expect(page.meta("PubDate").flatMap(ChineseDate.parse)?.description == "2016-11-22")
        #expect(page.meta("SiteIDCode") == "")
    }

    @Test func sameLinksWhenThePageIsServedAsGBK() throws {
        let data = try fixture("www.shanxi.gov.cn-article")
        let utf8 = HTMLParser.parse(data).page
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "charset=utf-8", with: "charset=gbk",
                                                                              options: .caseInsensitive)
        let gbk = try #require(Charset.iconvEncode(text, to: "GB18030"))
        let (converted, charset) = HTMLParser.parse(gbk, contentType: "text/html")
        #expect(charset.charset == "GB18030")
        #expect(converted.title == utf8.title)
        #expect(converted.links.map(\.url) == utf8.links.map(\.url))
    }
}

@Suite struct ParserEdgeTests {
    @Test func extractsEveryLinkKindBaseAndAttachments() {
        let page = HTMLParser.parse(html: """
            <html><head><base href="http://x.gov.cn/a/"><title> 标题 </title><link rel="stylesheet" href="s.css">
            <link rel="canonical" href="/c"><script src="j.js"></script></head><body>
            <a href="f.pdf">附件</a><img src="i.png" alt="图"><iframe src="/frame"></iframe><p>正文<br>第二行</p>
            <script>var a = "<a href='nope'>";</script></body></html>
            """)
        #expect(page.title == "标题")
        #expect(page.baseHref == "http://x.gov.cn/a/")
        let kinds = Dictionary(uniqueKeysWithValues: page.links.map { ($0.url, $0.kind) })
        #expect(kinds == ["s.css": .stylesheet, "j.js": .script, "f.pdf": .anchor, "i.png": .image, "/frame": .iframe])
        #expect(Attachment.isAttachment(url: "http://x.gov.cn/a/f.pdf?v=1"))
        #expect(!Attachment.isAttachment(url: "http://x.gov.cn/a.pdf/index.html"))
        #expect(page.text.contains("正文\n第二行"))
    }

    @Test func garbageAndEmptyInputDoNotCrash() {
        #expect(HTMLParser.parse(Data()).page.links.isEmpty)
        var r = SystemRandomNumberGenerator()
        let junk = Data((0..<20000).map { _ in UInt8.random(in: 0...255, using: &r) })
        _ = HTMLParser.parse(junk)
        let deep = String(repeating: "<div>", count: 50000) + "<a href=x>深</a>"
        #expect(HTMLParser.parse(html: deep).links.count <= 1)
    }
}

@Suite struct StructureProbe {
    @Test func dump() throws {
        for name in ["fgw.zj.gov.cn-article", "www.shanxi.gov.cn-article", "www.gov.cn-gongbao-article", "www.cmse.gov.cn-article"] {
            let url = try #require(Bundle.module.url(forResource: name, withExtension: "html", subdirectory: "Fixtures"))
            let (page, _) = HTMLParser.parse(try Data(contentsOf: url))
            print("==", name, page.publicationDate?.description ?? "nil")
            print("crumb", page.breadcrumb.map { "\($0.text)|\($0.url ?? "-")" })
            print("footer", page.footerText.prefix(400))
            print("items", page.listItems.count, page.listItems.prefix(8).map { "\($0.title)|\(String(describing: $0.date))" })
            print("nav", page.links.filter { $0.region == .navigation }.count, "loads", page.scriptLoadsData)
            print("plain", page.plainText.prefix(200))
        }
    }
}
