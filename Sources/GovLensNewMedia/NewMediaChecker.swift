import Foundation
import GovLensCore

/// Checks accounts and their posts against the rules. Pure: posts in, findings and figures out.
/// The text checks (typos, banned and serious wording, personal numbers) live above this module,
/// so they come in as a function; the CLI passes `TextInspector.inspect`.
public struct NewMediaChecker: Sendable {
    /// Text checks on one post: its text, the address to name, the day it was published.
    public typealias TextCheck = @Sendable (_ text: String, _ page: String, _ date: SimpleDate?) -> [Finding]

    public var rules: NewMediaRules
    public var textCheck: TextCheck?

    public init(rules: NewMediaRules, textCheck: TextCheck? = nil) { self.rules = rules; self.textCheck = textCheck }

    /// Findings and per-account figures for every account as of `asOf`. Accounts whose source
    /// could not be read are listed as not checked, with the reason, and get no finding.
    public func check(_ sources: [AccountPosts], asOf: SimpleDate) -> NewMediaReport {
        var accounts: [AccountSummary] = [], findings: [Finding] = []
        for s in sources {
            var summary = AccountSummary(s, asOf: asOf, rules: rules)
            guard s.checked else { accounts.append(summary); continue }
            var own = accountFindings(s, asOf: asOf)
            own += postFindings(s)
            summary.findings = Array(Set(own.map(\.check.rawValue))).sorted()
            findings += own
            accounts.append(summary)
        }
        let duplicates = duplicateFindings(sources.map(\.account))
        for f in duplicates {
            if let i = accounts.firstIndex(where: { $0.account.label == f.subject }), !accounts[i].findings.contains(f.check.rawValue) {
                accounts[i].findings.append(f.check.rawValue)
            }
        }
        findings += duplicates
        return NewMediaReport(asOf: asOf, accounts: accounts, findings: findings)
    }

    func finding(_ id: CheckID, _ severity: Severity, _ a: Account, _ evidence: String, _ suggestion: String,
                 page: String? = nil, review: Bool = false) -> Finding {
        Finding(check: id, severity: severity, page: page ?? a.page, evidence: evidence, suggestion: suggestion,
                needsReview: review, subject: a.label)
    }

    /// stale, zombie, no-interaction, closed-not-cancelled: one account at a time.
    func accountFindings(_ s: AccountPosts, asOf: SimpleDate) -> [Finding] {
        let a = s.account
        let last = s.posts.map(\.date).max()
        let idle = last.map { $0.days(until: asOf) }
        var out: [Finding] = []
        if a.status == .closed {
            if let last, let idle, idle <= rules.closedPostingDays {
                out.append(finding(.newMediaClosedPosting, .deduct, a,
                                   "\(a.label)在登记表中为已关停，但 \(last) 仍有发布（距检查日 \(idle) 天）",
                                   "按规定向平台申请注销账号，或更正登记表中的状态"))
            }
            return out  // A closed account is not expected to post: no staleness, zombie or interaction finding.
        }
        if idle.map({ $0 > rules.staleDays }) ?? true {
            let said = last.map { "最近一次更新为 \($0)，距检查日 \(idle!) 天，超过 \(rules.staleDays) 天" } ?? "来源中没有任何发布内容"
            out.append(finding(.newMediaStale, .veto, a, "\(a.label)\(said)", "及时更新账号内容；确无力维护的，按程序关停注销"))
        }
        let periodStart = asOf.adding(days: -(rules.zombie.periodDays - 1))
        let inPeriod = s.posts.filter { $0.date >= periodStart && $0.date <= asOf }.count
        if idle.map({ $0 > rules.zombie.noPostDays }) ?? true {
            out.append(finding(.newMediaZombie, .deduct, a, "\(a.label)已 \(idle.map { "\($0) 天" } ?? "长期") 未发布内容（“僵尸”账号）",
                               "恢复正常更新，或整合、关停注销"))
        } else if inPeriod < rules.zombie.minPostsPerPeriod, a.openedOn.map({ $0 <= periodStart }) ?? true {
            // An account opened within the period has not had a quarter to post in.
            out.append(finding(.newMediaZombie, .deduct, a,
                               "\(a.label)近 \(rules.zombie.periodDays) 天仅发布 \(inPeriod) 条，少于 \(rules.zombie.minPostsPerPeriod) 条（“睡眠”账号）",
                               "保持更新频率，或整合、关停注销"))
        }
        // Only a source that says so counts: a feed that does not mention comments proves nothing.
        let said = s.posts.compactMap(\.interaction)
        if !said.isEmpty, !said.contains(true) {
            out.append(finding(.newMediaNoInteraction, .veto, a,
                               "\(a.label)的 \(said.count) 条内容均未开放留言或评论", "开通留言、评论、私信或关键词自动回复等互动功能",
                               review: true))
        }
        return out
    }

    /// The text checks on every post, each finding naming the account and the post.
    func postFindings(_ s: AccountPosts) -> [Finding] {
        guard let textCheck else { return [] }
        var out: [Finding] = []
        for (i, p) in s.posts.enumerated() {
            let page = p.url ?? "\(s.account.page)#\(i + 1)"
            for var f in textCheck(p.title + "\n" + p.text, page, p.date) {
                f.subject = s.account.label
                f.linkText = Masking.longDigitRuns(p.title)
                out.append(f)
            }
        }
        return out
    }

    /// Running accounts of one 主办单位 on one platform whose names are near-identical.
    public func duplicateFindings(_ accounts: [Account]) -> [Finding] {
        let active = accounts.filter { $0.status == .active && !$0.owner.isEmpty }
        // Only accounts of one owner on one platform are compared: linear in the register's size.
        let groups = Dictionary(grouping: active) { "\($0.owner)\u{1}\($0.platform.rawValue)" }
        var out: [Finding] = []
        for a in active {
            let twins = (groups["\(a.owner)\u{1}\(a.platform.rawValue)"] ?? []).filter { b in
                b.key != a.key && NameSimilarity.dice(a.name, b.name) >= rules.duplicateSimilarity
            }
            guard !twins.isEmpty else { continue }
            out.append(finding(.newMediaDuplicate, .deduct, a,
                               "\(a.owner)在\(a.platform.rawValue)开设了名称相近的多个账号：\(([a] + twins).map { "「\($0.name)」" }.joined(separator: "、"))",
                               "同一单位在同一平台原则上只开设一个账号，整合重复账号"))
        }
        return out
    }

    /// Accounts seen elsewhere (a site's 政务新媒体 page, a platform search) but not in the register:
    /// matched by address, by 账号ID, then by name (on the platform when it is known).
    public static func unregistered(_ seen: [SeenAccount], register: [Account], page: String) -> [Finding] {
        let urls = Set(register.compactMap { $0.url.map(NameSimilarity.normalizedURL) })
        let handles = Set(register.compactMap(\.handle))
        return seen.filter { s in
            if let u = s.url, urls.contains(NameSimilarity.normalizedURL(u)) { return false }
            if let h = s.handle, handles.contains(h) { return false }
            let key = NameSimilarity.key(s.name)
            return !register.contains { NameSimilarity.key($0.name) == key && (s.platform == nil || s.platform == $0.platform) }
        }.map { s in
            let label = s.platform.map { "\($0.rawValue)「\(s.name)」" } ?? "「\(s.name)」"
            return Finding(check: .newMediaUnregistered, severity: .deduct, page: page, target: s.url,
                           evidence: "\(label)出现在 \(page)，但不在政务新媒体登记表中", suggestion: "核实账号归属：属本单位的补充登记备案，不属于的从页面移除",
                           needsReview: true, subject: label)
        }
    }
}

/// An account seen outside the register.
public struct SeenAccount: Codable, Sendable, Hashable {
    public var name: String
    public var platform: NewMediaPlatform?
    public var url: String?
    public var handle: String?
    public init(name: String, platform: NewMediaPlatform? = nil, url: String? = nil, handle: String? = nil) {
        self.name = name; self.platform = platform; self.url = url; self.handle = handle
    }
}

/// How alike two account names are, ignoring spaces and punctuation.
public enum NameSimilarity {
    static func key(_ s: String) -> String { String(s.filter { $0.isLetter || $0.isNumber }).lowercased() }

    static func normalizedURL(_ s: String) -> String {
        var t = s.lowercased()
        for p in ["https://", "http://"] where t.hasPrefix(p) { t.removeFirst(p.count) }
        while t.hasSuffix("/") { t.removeLast() }
        return t
    }

    /// Dice coefficient of character bigrams (1 for equal names).
    public static func dice(_ a: String, _ b: String) -> Double {
        let x = Array(key(a)), y = Array(key(b))
        if x == y { return 1 }
        guard x.count > 1, y.count > 1 else { return 0 }
        var bx: [String: Int] = [:]
        for i in 0..<(x.count - 1) { bx[String(x[i...(i + 1)]), default: 0] += 1 }
        var shared = 0
        for i in 0..<(y.count - 1) {
            let k = String(y[i...(i + 1)])
            if let n = bx[k], n > 0 { shared += 1; bx[k] = n - 1 }
        }
        return 2 * Double(shared) / Double(x.count - 1 + y.count - 1)
    }
}
