import Foundation
import GovLensCore

/// A generated register with its sources and a truth file: the test fixture (ten accounts, one
/// per situation the checks must tell apart) and, scaled up, the benchmark's input. All people,
/// numbers and addresses are synthetic.
public enum NewMediaSample {
    /// What the ten-account sample must produce: account key → the IDs expected on it.
    public typealias Truth = [String: [String]]

    static let healthyText = "县政府召开常务会议，研究部署安全生产、民生保障和项目建设等工作，要求各部门压实责任，确保各项任务按期完成。"
    /// Synthetic mobile number (valid prefix and length, not a real subscriber's).
    public static let leakedPhone = "13912345678"

    struct Spec {
        var name: String, platform: NewMediaPlatform, owner: String, status: AccountStatus = .active
        var format: String                 // "rss", "atom", "csv"
        var daysAgo: [Int]
        var interaction: Bool? = true
        var leak = false
        var expect: [String]
    }

    static func specs() -> [Spec] {
        let regular = Array(stride(from: 1, through: 150, by: 3))
        return [
            Spec(name: "青山发布", platform: .wechat, owner: "青山县人民政府办公室", format: "csv", daysAgo: regular, expect: []),
            Spec(name: "青山发布", platform: .weibo, owner: "青山县人民政府办公室", format: "rss", daysAgo: regular, expect: []),
            Spec(name: "青山教育", platform: .wechat, owner: "青山县教育局", format: "csv", daysAgo: Array(stride(from: 20, through: 150, by: 2)),
                 expect: ["newmedia.stale"]),
            Spec(name: "青山林业", platform: .weibo, owner: "青山县林业局", format: "rss", daysAgo: [130, 160, 200, 260],
                 expect: ["newmedia.stale", "newmedia.zombie"]),
            Spec(name: "青山县卫健委", platform: .wechat, owner: "青山县卫生健康委员会", format: "csv", daysAgo: regular,
                 expect: ["newmedia.duplicate"]),
            Spec(name: "青山县卫健委发布", platform: .wechat, owner: "青山县卫生健康委员会", format: "atom", daysAgo: regular,
                 expect: ["newmedia.duplicate"]),
            Spec(name: "青山交通", platform: .wechat, owner: "青山县交通运输局", format: "csv", daysAgo: regular, interaction: false,
                 expect: ["newmedia.no-interaction"]),
            Spec(name: "青山人社", platform: .toutiao, owner: "青山县人力资源和社会保障局", format: "atom", daysAgo: regular, leak: true,
                 expect: ["privacy.mobile"]),
            Spec(name: "青山文旅", platform: .douyin, owner: "青山县文化和旅游局", status: .closed, format: "rss", daysAgo: regular,
                 expect: ["newmedia.closed-not-cancelled"]),
            Spec(name: "青山市场监管", platform: .kuaishou, owner: "青山县市场监督管理局", format: "atom", daysAgo: regular, expect: []),
        ]
    }

    /// Writes `register.csv`, `sources/` and `truth.json` for the ten accounts into `dir`.
    @discardableResult
    public static func writeTen(to dir: URL, asOf: SimpleDate) throws -> Truth {
        let specs = specs()
        try write(specs, to: dir, asOf: asOf, postsPerAccount: nil)
        var truth: Truth = [:]
        for s in specs { truth["\(s.platform.rawValue)/\(s.name)"] = s.expect }
        let e = JSONEncoder(); e.outputFormatting = [.prettyPrinted, .sortedKeys]
        try e.encode(truth).write(to: dir.appendingPathComponent("truth.json"))
        return truth
    }

    /// Writes `accounts` healthy-looking accounts with `posts` posts each (half feeds, half
    /// exports): the benchmark's input.
    public static func writeBench(to dir: URL, asOf: SimpleDate, accounts: Int, posts: Int) throws {
        let formats = ["rss", "csv", "atom"]
        let specs = (0..<accounts).map { i in
            Spec(name: "青山县第\(i + 1)号政务账号", platform: NewMediaPlatform.allCases[i % NewMediaPlatform.allCases.count],
                 owner: "青山县第\(i / 3 + 1)单位", format: formats[i % 3], daysAgo: (0..<posts).map { $0 % 150 + 1 }, expect: [])
        }
        try write(specs, to: dir, asOf: asOf, postsPerAccount: posts)
    }

    static func write(_ specs: [Spec], to dir: URL, asOf: SimpleDate, postsPerAccount: Int?) throws {
        let fm = FileManager.default
        let sources = dir.appendingPathComponent("sources")
        try fm.createDirectory(at: sources, withIntermediateDirectories: true)
        var register = "账号名称,平台,主办单位,账号ID,链接,开设日期,状态\n"
        for (i, s) in specs.enumerated() {
            register += "\(s.name),\(s.platform.rawValue),\(s.owner),qs\(String(format: "%04d", i + 1)),https://example.gov.cn/xmt/\(i + 1),2019-03-01,\(s.status == .closed ? "已关停" : "正常")\n"
            let file = sources.appendingPathComponent("\(s.platform.rawValue)-\(s.name).\(s.format == "csv" ? "csv" : "xml")")
            try Data(source(s, index: i, asOf: asOf).utf8).write(to: file)
        }
        try Data(register.utf8).write(to: dir.appendingPathComponent("register.csv"))
    }

    static func text(_ s: Spec, _ n: Int) -> String {
        if s.leak && n == 2 { return "招聘报名咨询请联系工作人员李某，手机\(leakedPhone)，工作日受理。" }
        return healthyText
    }

    /// One account's source in its format; dates in the forms the platforms print.
    static func source(_ s: Spec, index: Int, asOf: SimpleDate) -> String {
        let rfc = DateFormatter()
        rfc.locale = Locale(identifier: "en_US_POSIX"); rfc.timeZone = TimeZone(identifier: "Asia/Shanghai")
        rfc.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let iso = ISO8601DateFormatter()
        func time(_ d: Int) -> Date { PostTime.instant(asOf.adding(days: -d), hour: 9 + d % 8, minute: 30) }
        func esc(_ t: String) -> String { t.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        switch s.format {
        case "rss":
            var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\"><channel><title>\(s.name)</title>\n"
            for (n, d) in s.daysAgo.enumerated() {
                x += "<item><title>\(esc(s.name))工作动态第\(n + 1)期</title><link>https://example.gov.cn/xmt/\(index + 1)/\(n + 1)</link>"
                x += "<description>\(esc(text(s, n)))</description><pubDate>\(rfc.string(from: time(d)))</pubDate>"
                if s.interaction == true { x += "<slash:comments>\(n % 5)</slash:comments>" }
                x += "</item>\n"
            }
            return x + "</channel></rss>\n"
        case "atom":
            var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>\(s.name)</title>\n"
            for (n, d) in s.daysAgo.enumerated() {
                x += "<entry><title>\(esc(s.name))工作动态第\(n + 1)期</title><link href=\"https://example.gov.cn/xmt/\(index + 1)/\(n + 1)\"/>"
                if s.interaction == true { x += "<link rel=\"replies\" href=\"https://example.gov.cn/xmt/\(index + 1)/\(n + 1)#comments\"/>" }
                x += "<published>\(iso.string(from: time(d)))</published><content type=\"html\">\(esc(text(s, n)))</content></entry>\n"
            }
            return x + "</feed>\n"
        default:
            var x = "发布时间,标题,链接,正文,留言,回复时间\n"
            for (n, d) in s.daysAgo.enumerated() {
                // Exports print recent days relatively: exercise those forms.
                let when: String
                switch d {
                case 1: when = "昨天 \(9 + d % 8):30"
                case 2...6: when = "\(d)天前"
                default:
                    let day = asOf.adding(days: -d)
                    when = n % 2 == 0 ? "\(day) \(9 + d % 8):30" : "\(day.year)年\(day.month)月\(day.day)日 \(9 + d % 8):30"
                }
                let reply = s.interaction == true ? PostTime.day(of: time(d).addingTimeInterval(5 * 3600)).description
                    + " " + String(format: "%02d:30", (9 + d % 8 + 5) % 24) : ""
                x += "\(when),\(s.name)工作动态第\(n + 1)期,https://example.gov.cn/xmt/\(index + 1)/\(n + 1),\(text(s, n)),\(s.interaction == false ? "关闭" : "开启"),\(reply)\n"
            }
            return x
        }
    }
}
