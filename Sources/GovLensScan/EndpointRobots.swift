import Foundation
import GovLensCrawl
import GovLensText

/// robots.txt for the requests a scan makes beside the crawl (a board's JSON endpoint): read once
/// per origin, with the crawler's reading of RFC 9309 (missing: allowed; a server error: disallowed).
actor EndpointRobots {
    private var rules: [String: RobotsRules] = [:]
    let fetcher: Fetcher

    init(fetcher: Fetcher) { self.fetcher = fetcher }

    /// Whether robots.txt lets govlens fetch `url`.
    func allows(_ url: WebURL) async -> Bool {
        if let r = rules[url.origin] { return r.allows(url.pathAndQuery) }
        var r = RobotsRules.allowAll
        if let robots = try? WebURL(parsing: url.origin + "/robots.txt") {
            let answer = await fetcher.fetch(robots, body: .peek(limit: 500 << 10))
            if answer.failure == nil, (answer.status ?? 0) >= 500 { r = .disallowAll }
            else if answer.status == 200, let body = answer.body {
                r = RobotsRules(parsing: Charset.decode(body).text, productToken: "govlens")
            }
        }
        rules[url.origin] = r
        return r.allows(url.pathAndQuery)
    }
}
