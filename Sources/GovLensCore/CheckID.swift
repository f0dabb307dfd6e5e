/// A stable, dot-separated check identifier used in JSON, rule packs and the UI.
/// New checks add IDs; IDs are never renamed.
public struct CheckID: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    /// An ID from its text.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// An ID written as a string literal (`"link.broken"`).
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// Decodes the bare string.
    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    /// Encodes as the bare string.
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
}

/// How a finding counts in an assessment.
public enum Severity: String, Codable, Sendable, CaseIterable {
    case veto, deduct, warn, info
}

/// Where a link was seen: the homepage counts separately in every indicator system.
public enum LinkScope: String, Codable, Sendable {
    case home, other
}
