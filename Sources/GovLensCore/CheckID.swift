/// A stable, dot-separated check identifier used in JSON, rule packs and the UI.
/// New checks add IDs; IDs are never renamed.
public struct CheckID: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public static let siteUnavailable: CheckID = "site.unavailable"
    public static let linkBroken: CheckID = "link.broken"
    public static let homeStale: CheckID = "home.stale"
    public static let columnStale: CheckID = "column.stale"
    public static let columnBlank: CheckID = "column.blank"
    public static let columnStaleVeto: CheckID = "column.stale-veto"
    public static let columnLongStaleVeto: CheckID = "column.long-stale-veto"
    public static let columnBlankVeto: CheckID = "column.blank-veto"
    public static let platformColumnMissing: CheckID = "disclosure.platform-column-missing"
    public static let categoryMissing: CheckID = "disclosure.category-missing"
    public static let siteCodeMissing: CheckID = "identity.site-code-missing"
    public static let icpMissing: CheckID = "identity.icp-missing"
    public static let policeRecordMissing: CheckID = "identity.police-record-missing"
    public static let domainNonstandard: CheckID = "identity.domain-nonstandard"
    public static let metaMissing: CheckID = "identity.meta-missing"

    /// Every check ID govlens knows, with its Chinese name: what rule packs may name and reports
    /// print. The last three are contract IDs (DESIGN.md) whose findings come from later stages or
    /// from assessors; packs may already score them.
    public static let known: [CheckID: String] = [
        .siteUnavailable: "站点无法访问", .linkBroken: "不可用链接",
        "privacy.id-number": "泄露身份证号码", "privacy.mobile": "泄露手机号码", "privacy.bank-card": "泄露银行卡号",
        "text.typo": "错别字", "text.banned": "禁用词", "text.serious": "严重表述错误",
        "text.outdated-name": "过时的机构名称", "text.repealed-law": "引用已失效的法律法规",
        .homeStale: "首页不更新", .columnStale: "栏目不更新", .columnBlank: "空白栏目",
        .columnStaleVeto: "栏目不更新单项否决", .columnLongStaleVeto: "栏目长期未更新单项否决",
        .columnBlankVeto: "空白栏目单项否决",
        .platformColumnMissing: "信息公开平台栏目缺失", .categoryMissing: "法定主动公开内容不全",
        .siteCodeMissing: "网站标识码缺失或不一致", .icpMissing: "ICP备案编号缺失",
        .policeRecordMissing: "公安机关备案编号缺失", .domainNonstandard: "域名不规范", .metaMissing: "网页元数据标签缺失",
        "interaction.unanswered": "留言超期未答复", "annual-report.arithmetic": "年度报告数据不一致",
        "newmedia.stale": "政务新媒体不更新",
    ]

    /// The Chinese name, or the ID itself for an unknown one.
    public var chineseName: String { Self.known[self] ?? rawValue }
}

/// How a finding counts in an assessment.
public enum Severity: String, Codable, Sendable, CaseIterable {
    case veto, deduct, warn, info
}

/// Where a link was seen: the homepage counts separately in every indicator system.
public enum LinkScope: String, Codable, Sendable {
    case home, other
}
