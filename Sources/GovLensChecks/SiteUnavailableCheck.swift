import Foundation
import GovLensCore
import GovLensCrawl

/// `site.unavailable`: the homepage does not open within the time limit (W-V2). A scan reports
/// an unreachable homepage as such; `govlens probe` measures the failure ratio over repeated visits.
public enum SiteUnavailableCheck: Check {
    public static let rules = [
        CheckRule(.siteUnavailable, "站点无法访问", .veto,
                  basis: "国办秘函〔2019〕19号 单项否决第2项：一周内首页无法访问次数比例≥5%（每天至少 20 次，超时 15 秒）", input: .homepage),
    ]
    public static let examples: [CheckExample] = [
        .triggering(.siteUnavailable, note: "一周探测 100 次失败 10 次", .probes(ok: 90, failed: 10)),
        .clean(note: "一周探测 97 次失败 1 次", .probes(ok: 96, failed: 1)),
        .triggering(.siteUnavailable, note: "首页返回 404", .site(ExampleSite(asOf: "2023-06-30").with("/", nil))),
        .clean(note: "首页正常", .site(ExampleSite(asOf: "2023-06-30"))),
    ]

    /// The finding for a scan whose homepage did not open.
    public static func finding(homepage: HomepageStatus, rules: RuleBook) -> Finding? {
        guard !homepage.reachable else { return nil }
        let message = rules.message(forStatus: homepage.status)
        return Finding(
            check: id, severity: .veto, page: homepage.url,
            evidence: "首页 \(homepage.url) 无法访问：\(message.title)（重试一次仍失败）",
            suggestion: "网站首页无法打开，所有栏目均无法检查。请立即联系网站运维单位恢复访问。"
                + "首页在 \(rules.availability.windowDays) 天内访问失败比例达到 "
                + "\(Int(rules.availability.vetoFailureRatio * 100))% 即触发单项否决。",
            needsReview: true, status: homepage.status, definite: true, scope: .home, external: false, subject: "homepage")
    }

    /// The finding for a probe series whose failure ratio reaches the veto threshold.
    public static func finding(probe: ProbeSummary, rules: RuleBook) -> Finding? {
        guard probe.probes.count > 0, probe.failureRatio >= rules.availability.vetoFailureRatio else { return nil }
        return Finding(
            check: id, severity: .veto, page: probe.url,
            evidence: String(format: "探测 %d 次，失败 %d 次，失败比例 %.1f%%（阈值 %.0f%%）", probe.probes.count,
                             probe.failures, probe.failureRatio * 100, rules.availability.vetoFailureRatio * 100),
            suggestion: "首页访问失败比例达到单项否决阈值。请排查服务器、网络和防护设备，保证首页稳定可访问。",
            needsReview: probe.probes.count < rules.availability.minProbesPerDay * rules.availability.windowDays,
            status: probe.probes.last(where: { !$0.ok })?.status, definite: true, scope: .home, external: false,
            subject: "homepage")
    }
}
