import Foundation
import GovLensCore

/// What a new-media check example feeds the checker: accounts with their posts (given as days
/// before the as-of day), and accounts seen outside the register.
public struct NewMediaExample: Sendable {
    public struct Entry: Sendable {
        public var account: Account
        public var posts: [Post]
    }
    public var asOf: SimpleDate
    public var entries: [Entry]
    public var seen: [SeenAccount]

    public init(asOf: SimpleDate = SimpleDate(year: 2024, month: 6, day: 30)!, _ entries: [Entry], seen: [SeenAccount] = []) {
        self.asOf = asOf; self.entries = entries; self.seen = seen
    }

    /// An account of 青山县 with one post on each of `daysAgo`.
    public static func account(_ name: String, _ platform: NewMediaPlatform = .wechat, owner: String = "青山县人民政府办公室",
                               status: AccountStatus = .active, daysAgo: [Int], interaction: Bool? = true,
                               text: String = "青山县召开全县经济工作会议，部署下一阶段重点任务。",
                               asOf: SimpleDate = SimpleDate(year: 2024, month: 6, day: 30)!) -> Entry {
        let a = Account(name: name, platform: platform, owner: owner, status: status)
        let posts = daysAgo.enumerated().map { i, d in
            Post(time: PostTime.instant(asOf.adding(days: -d), hour: 10), title: "工作动态（\(i + 1)）",
                 url: "https://mp.weixin.qq.com/s/example\(i)", text: text, interaction: interaction)
        }
        return Entry(account: a, posts: posts)
    }

    /// Every post on `every`-day intervals for `days` days.
    public static func regular(every: Int = 3, days: Int = 120) -> [Int] { Array(stride(from: 1, through: days, by: every)) }

    /// The findings the checker (without text checks) gives for the example.
    public func findings(rules: NewMediaRules) -> [Finding] {
        let sources = entries.map { AccountPosts(account: $0.account, source: "example", adapter: "example", posts: $0.posts) }
        return NewMediaChecker(rules: rules).check(sources, asOf: asOf).findings
            + NewMediaChecker.unregistered(seen, register: entries.map(\.account), page: "http://www.example.gov.cn/xmt/")
    }
}
