import GovLensCore
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

/// Dates, breadcrumbs, footers and list entries on real pages (issue 4).
@Suite struct RealStructureTests {
    func page(_ name: String) throws -> PageModel {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "html", subdirectory: "Fixtures"))
        return HTMLParser.parse(try Data(contentsOf: url)).page
    }

    @Test(arguments: [("fgw.zj.gov.cn-article", "2016-11-22"), ("www.shanxi.gov.cn-article", "2019-09-18"),
                      ("www.gov.cn-gongbao-article", "2007-08-20"), ("www.cmse.gov.cn-article", "2012-06-24")])
    func articleDates(name: String, date: String) throws {
        #expect(try page(name).publicationDate?.description == date)
    }

    @Test func breadcrumbs() throws {
        // A hidden copy of the trail (display:none) comes first on the fgw page and must be skipped.
        #expect(try page("fgw.zj.gov.cn-article").breadcrumb == [
            Crumb(text: "首页", url: "/index.html"), Crumb(text: "发展改革工作", url: "/col/col1599522/index.html"),
            Crumb(text: "投资管理和项目推进", url: "/col/col1620985/index.html"), Crumb(text: "投资运行", url: "/col/col1621004/index.html"),
        ])
        #expect(try page("www.shanxi.gov.cn-article").breadcrumb == [
            Crumb(text: "首页", url: "../../../"), Crumb(text: "要闻", url: "../../"), Crumb(text: "山西要闻", url: nil),
        ])
        #expect(try page("www.gov.cn-gongbao-article").breadcrumb.map(\.text) == ["首页", "国务院公报", "2007年第23号"])
        #expect(try page("www.cmse.gov.cn-article").breadcrumb.map(\.text) == ["首页", "专题报道", "新闻发布会"])
    }

    @Test func footersCarryTheSiteIdentity() throws {
        let fgw = try page("fgw.zj.gov.cn-article").footerText
        #expect(fgw.contains("网站标识码：3300000020") && fgw.contains("浙ICP备05018911号") && fgw.contains("浙公网安备 33010602009328号"))
        let gov = try page("www.gov.cn-gongbao-article").footerText
        #expect(gov.contains("bm01000001") && gov.contains("京公网安备11010202000001号"))
        #expect(try page("www.shanxi.gov.cn-article").footerText.contains("网站标识码：1400000045"))
        // Article pages are not lists: nothing dated is taken from navigation or footer.
        for name in ["fgw.zj.gov.cn-article", "www.shanxi.gov.cn-article", "www.gov.cn-gongbao-article", "www.cmse.gov.cn-article"] {
            #expect(try page(name).listItems.allSatisfy { $0.date == nil }, "\(name)")
        }
    }

    /// The 平潭 政府信息公开年报 list page (text rendering): ten reports and their dates.
    @Test func pingtanAnnualReportListDates() throws {
        let url = try #require(Bundle.module.url(forResource: "zfxxgknb-list-page.index", withExtension: "txt",
                                                 subdirectory: "Fixtures/pingtan"))
        let text = try String(contentsOf: url, encoding: .utf8)
        let body = String(text[try #require(text.range(of: "======== 页面文本 ========"))!.upperBound...])
        let items = TextList.items(in: body)
        let expected = ["2026-03-10", "2025-03-10", "2024-03-08", "2023-02-20", "2022-02-08", "2021-03-05", "2020-01-20",
                        "2019-01-10", "2018-01-23", "2017-01-18"]
        #expect(items.map(\.date.description) == expected)
        for (i, item) in items.enumerated() {
            #expect(item.title == "平潭综合实验区\(2025 - i)年度政府信息公开工作年度报告")
        }
    }
}

@Suite struct ListStructureTests {
    @Test func listEntriesInTheFormsSitesUse() {
        let page = HTMLParser.parse(html: """
            <html><body><div class="nav"><ul><li><a href="/a/">新闻中心</a></li></ul></div>
            <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
            <ul class="list">
            <li><a href="t1.html">关于2023年6月30日召开会议的通知</a><span>2023-06-27</span></li>
            <li><a href="t2.html">标题二</a><span>[06-20]</span></li>
            <li><a href="t3.html">标题三</a> 2023/05/04</li>
            <li><a href="t4.html">标题四 2023.04.03</a></li>
            <li><a href="t5.html">标题五</a><em>2023年3月2日</em></li>
            <li><a href="t6.html"><img src="p.jpg" alt="图片标题"></a></li>
            <li><a href="t7.html">含数字12.5万元的标题</a></li>
            </ul>
            <table><tr><td><a href="t8.html">表格标题</a></td><td>2022-12-01</td></tr></table>
            <div class="footer"><ul><li><a href="/map.html">网站地图</a> 更新时间：2023-06-29</li></ul></div>
            </body></html>
            """)
        let items = page.listItems.map { "\($0.url) \($0.title) \($0.date.map { "\($0)" } ?? "-")" }
        #expect(page.listItems.map(\.url) == ["t1.html", "t2.html", "t3.html", "t4.html", "t5.html", "t6.html", "t7.html", "t8.html"],
                "\(items)")
        let asOf = SimpleDate(iso: "2023-06-30")!
        #expect(page.listItems.map { $0.date?.resolved(asOf: asOf)?.description ?? "-" } == [
            "2023-06-27", "2023-06-20", "2023-05-04", "2023-04-03", "2023-03-02", "-", "-", "2022-12-01",
        ])
        #expect(page.listItems[5].title == "图片标题")
        #expect(page.breadcrumb == [Crumb(text: "首页", url: "/"), Crumb(text: "政务公开", url: "/zwgk/"), Crumb(text: "通知公告", url: nil)])
        #expect(page.links.first { $0.url == "/a/" }?.region == .navigation)
        #expect(page.footerText.contains("更新时间"))
        #expect(page.publicationDate == nil, "a footer date is not the page's date")
    }

    @Test func monthDayTakesItsYearFromTheURLOrTheLatestPossibleYear() {
        let asOf = SimpleDate(iso: "2023-03-15")!
        #expect(ListDate.find(in: "[06-27]")?.resolved(asOf: asOf)?.description == "2022-06-27")
        #expect(ListDate.find(in: "03-15")?.resolved(asOf: asOf)?.description == "2023-03-15")
        #expect(ListDate.find(in: "06-27")?.resolved(asOf: asOf, url: "/xw/202106/t20210627_1.html")?.description == "2021-06-27")
        #expect(ListDate.find(in: "6月27日")?.resolved(asOf: asOf)?.description == "2022-06-27")
        #expect(ListDate.find(in: "浏览 12.5 万次") == nil)
        #expect(ListDate.find(in: "10:30") == nil)
    }

    @Test func scriptRenderedListsAreRecognised() {
        let page = HTMLParser.parse(html: "<html><body><ul id=\"list\"></ul><script>$.ajax({url:'list.json'})</script></body></html>")
        #expect(page.scriptLoadsData && page.listItems.isEmpty)
        #expect(!HTMLParser.parse(html: "<html><body><script>var a = 1;</script></body></html>").scriptLoadsData)
    }
}

@Suite struct DisclosureMetadataDates {
    /// 信息公开 pages carry a metadata table: the 发布日期 wins over the 成文日期 before it.
    @Test func metadataTableDates() {
        let page = HTMLParser.parse(html: """
            <html><body><table class="xxgk"><tr><th>索引号</th><td>11330100/2023-00123</td><th>发文机关</th><td>青山县人民政府</td></tr>
            <tr><th>成文日期</th><td>2023-06-01</td><th>发布日期</th><td>2023-06-05</td></tr></table>
            <p>截止时间2023年7月1日前提交。</p></body></html>
            """)
        #expect(page.publicationDate?.description == "2023-06-05")
        let onlyWritten = HTMLParser.parse(html: "<table><tr><td>成文日期</td><td>2023年6月1日</td></tr></table>")
        #expect(onlyWritten.publicationDate?.description == "2023-06-01")
        #expect(HTMLParser.parse(html: "<p>截止时间2023年7月1日前提交。</p>").publicationDate == nil)
    }
}

/// Deeply nested pages (generated junk, broken templates) are parsed to the bottom.
@Suite struct DeepNestingTests {
    @Test(arguments: [100, 300, 3000, 20000])
    func textAndLinksBelowAnyDepthAreKept(_ depth: Int) {
        let html = "<html><body>" + String(repeating: "<div>", count: depth)
            + "深处的文字<a href=\"/deep.html\">深处的链接</a>" + String(repeating: "</div>", count: depth) + "</body></html>"
        let page = HTMLParser.parse(html: html)
        #expect(page.text.contains("深处的文字"), "depth \(depth)")
        #expect(page.links.contains { $0.url == "/deep.html" }, "depth \(depth)")
    }
}
