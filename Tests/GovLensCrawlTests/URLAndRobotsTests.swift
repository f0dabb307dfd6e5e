import GovLensCrawl
import Testing

@Suite struct WebURLTests {
    let base = try! WebURL(parsing: "http://www.qingshan.gov.cn/xwzx/zwyw/index.html")

    @Test(arguments: [
        ("./202305/t20230512_123456.html", "http://www.qingshan.gov.cn/xwzx/zwyw/202305/t20230512_123456.html"),
        ("../../tzgg/", "http://www.qingshan.gov.cn/tzgg/"),
        ("/a/./b/../c.html#top", "http://www.qingshan.gov.cn/a/c.html"),
        ("HTTP://WWW.Qingshan.GOV.CN:80", "http://www.qingshan.gov.cn/"),
        ("https://x.gov.cn:443/p?q=1", "https://x.gov.cn/p?q=1"),
        ("//cdn.gov.cn/x.js", "http://cdn.gov.cn/x.js"),
        ("index.html;jsessionid=ABC123", "http://www.qingshan.gov.cn/xwzx/zwyw/index.html"),
        ("list.html?page=2&sid=9f8e&utm_source=wx", "http://www.qingshan.gov.cn/xwzx/zwyw/list.html?page=2"),
        ("/附件/通知.pdf", "http://www.qingshan.gov.cn/%E9%99%84%E4%BB%B6/%E9%80%9A%E7%9F%A5.pdf"),
        ("/a b.html", "http://www.qingshan.gov.cn/a%20b.html"),
        ("/x%2fy%3a", "http://www.qingshan.gov.cn/x%2Fy%3A"),
        ("?page=3", "http://www.qingshan.gov.cn/xwzx/zwyw/index.html?page=3"),
        ("  \n/trim.html ", "http://www.qingshan.gov.cn/trim.html"),
    ])
    func resolvesAndNormalises(raw: String, expected: String) throws {
        #expect(try WebURL(parsing: raw, relativeTo: base).description == expected)
    }

    @Test func rejectsWhatCannotBeFetched() {
        #expect(throws: WebURL.ParseError.unsupportedScheme("mailto")) { try WebURL(parsing: "mailto:a@b.cn", relativeTo: base) }
        #expect(throws: WebURL.ParseError.unsupportedScheme("javascript")) { try WebURL(parsing: "javascript:void(0)", relativeTo: base) }
        #expect(throws: WebURL.ParseError.empty) { try WebURL(parsing: "#top", relativeTo: base) }
        #expect(throws: (any Error).self) { try WebURL(parsing: "http://www.x.gov.cn:abc/") }
        #expect(throws: (any Error).self) { try WebURL(parsing: "http:///nohost") }
    }
}

@Suite struct RobotsTests {
    let rules = RobotsRules(parsing: """
        User-agent: Baiduspider
        Disallow: /

        User-agent: *
        Disallow: /admin/
        Disallow: /*.jsp$
        Allow: /admin/public/
        Crawl-delay: 2
        """, productToken: "govlens")

    @Test(arguments: [
        ("/index.html", true), ("/admin/login.html", false), ("/admin/public/a.html", true),
        ("/hdjl/survey.jsp", false), ("/hdjl/survey.jsp?id=1", true),
    ])
    func longestMatchWins(path: String, allowed: Bool) {
        #expect(rules.allows(path) == allowed)
    }

    @Test func crawlDelayAndOwnGroup() {
        #expect(rules.crawlDelay == 2)
        let mine = RobotsRules(parsing: "User-agent: govlens\nDisallow: /x/\n\nUser-agent: *\nDisallow: /", productToken: "govlens")
        #expect(mine.allows("/index.html"))
        #expect(!mine.allows("/x/1"))
        #expect(RobotsRules(parsing: "garbage\n\u{0}\u{1}", productToken: "govlens").allows("/anything"))
    }
}

@Suite struct TrapGuardTests {
    @Test func stopsCalendarsQueryExplosionsAndLoops() throws {
        var guardian = TrapGuard(asOfYear: 2023)
        var accepted = 0
        for day in 1...28 {
            let u = try WebURL(parsing: "http://x.gov.cn/hdrl/index.html?date=2023-05-\(day)")
            if guardian.check(u) == nil { accepted += 1 }
        }
        #expect(accepted == TrapGuard.Limits().maxCalendarVariantsPerPath)
        #expect(guardian.check(try WebURL(parsing: "http://x.gov.cn/cal/2031/05/01/")) == .calendar)
        #expect(guardian.check(try WebURL(parsing: "http://x.gov.cn/zt/zt/zt/index.html")) == .repeatedSegments)
        var pages = 0
        for p in 1...200 where guardian.check(try WebURL(parsing: "http://x.gov.cn/search?q=a&page=\(p)")) == nil { pages += 1 }
        #expect(pages == TrapGuard.Limits().maxQueryVariantsPerPath)
        #expect(guardian.check(try WebURL(parsing: "http://x.gov.cn/xwzx/2023/index.html")) == nil)
    }
}
