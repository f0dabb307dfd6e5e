import GovLensCore

/// What every check declares about itself (listed by `govlens checks`).
public protocol Check {
    static var id: CheckID { get }
    /// Chinese name as the indicator systems use it.
    static var title: String { get }
    static var severity: Severity { get }
    /// Where the rule comes from.
    static var basis: String { get }
}

public enum CheckRegistry {
    public static let all: [any Check.Type] = [
        SiteUnavailableCheck.self, LinkBrokenCheck.self, LexiconCheck.self, SpellCheck.self, PrivacyCheck.self,
        HomeStaleCheck.self, ColumnStaleCheck.self, ColumnBlankCheck.self, ColumnVetoCheck.self,
        PlatformColumnCheck.self, DisclosureCategoryCheck.self,
        SiteCodeCheck.self, ICPCheck.self, PoliceRecordCheck.self, DomainCheck.self, MetaTagCheck.self,
    ]
}
