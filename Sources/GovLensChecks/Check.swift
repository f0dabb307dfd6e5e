import GovLensAnnualReport
import GovLensCore
import GovLensNewMedia

/// A check: one type that declares the IDs it emits and carries examples of input that must and
/// must not trigger it, the way SwiftLint declares its rules. `CheckRegistry.checks` lists every
/// check; the test suite runs every example (`CheckExamplesTests`).
///
/// To add a check: write one type conforming to `Check` (its rules, its examples and the function
/// the scan calls), add it to `CheckRegistry.checks`, and call it from the pipeline that has its
/// input (docs/ARCHITECTURE.md).
public protocol Check {
    /// Every ID this check emits, with its title, severity, basis and input.
    static var rules: [CheckRule] { get }
    /// Inputs that must trigger the check and inputs that must not.
    static var examples: [CheckExample] { get }
}

extension Check {
    /// The check's first (main) ID.
    public static var id: CheckID { rules[0].id }
    public static var severity: Severity { rules[0].severity }
}

/// An input for a check and what it must produce. `triggers` empty: the input must produce none
/// of the check's IDs.
public struct CheckExample: Sendable {
    /// What an example feeds the check.
    public enum Input: Sendable {
        /// The text of a page or draft, dated (nil: the date is unknown).
        case text(String, date: SimpleDate? = nil)
        /// A small site served on loopback and scanned as of its date.
        case site(ExampleSite)
        /// A series of homepage probes: `ok` visits that opened in time, `failed` that did not.
        case probes(ok: Int, failed: Int)
        /// An annual report (text), optionally last year's, read and checked by `AnnualReportChecker`.
        case annualReport(AnnualReportExample)
        /// 政务新媒体 accounts with their posts, checked by `NewMediaChecker` with the shipped rules.
        case newMedia(NewMediaExample)
    }

    public var input: Input
    public var triggers: Set<CheckID>
    /// What the example shows, for test messages.
    public var note: String

    /// An input that must produce `ids`.
    public static func triggering(_ ids: CheckID..., note: String, _ input: Input) -> CheckExample {
        CheckExample(input: input, triggers: Set(ids), note: note)
    }

    /// An input that must produce none of the check's IDs.
    public static func clean(note: String, _ input: Input) -> CheckExample {
        CheckExample(input: input, triggers: [], note: note)
    }
}

/// The one list of checks; every other list (the catalogue, `govlens checks`, the IDs packs may
/// name) is derived from it.
public enum CheckRegistry {
    public static let checks: [any Check.Type] = [
        SiteUnavailableCheck.self, LinkBrokenCheck.self, LexiconCheck.self, IdiomCheck.self, SpellCheck.self, PrivacyCheck.self,
        HomeStaleCheck.self, ColumnStaleCheck.self, ColumnBlankCheck.self, ColumnVetoCheck.self,
        PlatformColumnCheck.self, DisclosureCategoryCheck.self,
        SiteCodeCheck.self, FooterNumberCheck.self, DomainCheck.self, MetaTagCheck.self,
        AnnualReportArithmeticCheck.self, AnnualReportTemplateCheck.self, AnnualReportTextTableCheck.self,
        AnnualReportSectionCheck.self, AnnualReportCopiedCheck.self, AnnualReportCrossYearCheck.self,
        AnnualReportDeadlineCheck.self, AnnualReportAuthorCheck.self, AnnualReportSiteCountCheck.self,
        NewMediaStaleCheck.self, NewMediaNoInteractionCheck.self, NewMediaZombieCheck.self, NewMediaDuplicateCheck.self,
        NewMediaUnregisteredCheck.self, NewMediaClosedPostingCheck.self,
        DocumentValidityCheck.self, DocumentLibraryCheck.self, DocumentInvalidListedCheck.self, DocumentUpperLevelCheck.self,
        InterpretationMissingCheck.self, InterpretationLateCheck.self, InterpretationCopyCheck.self, InterpretationUpperLevelCheck.self,
        InteractionUnansweredCheck.self, InteractionSlowCheck.self, InteractionEmptyReplyCheck.self,
        InteractionNoRecentRepliesCheck.self, ConsultationShortCheck.self, ConsultationNoneCheck.self,
        ConsultationNoFeedbackCheck.self, DecisionCatalogueCheck.self, ResponseStaleCheck.self,
        PeriodMissingCheck.self, ColumnDuplicateCheck.self,
    ]

    /// IDs of the design's contract that packs may already score and no check produces yet.
    /// Scoring reports items fed by them as 未评估, never as full marks. (Empty since the message
    /// board checks produce `interaction.unanswered`.)
    public static let planned: [CheckRule] = []

    /// Every ID, each once, with the first declaration's title and severity.
    public static let catalog = CheckCatalog(rules: checks.flatMap { $0.rules }, planned: planned)

    /// The bases of every check that emits `id` (text.typo comes from the lexicons and the model).
    public static func bases(_ id: CheckID) -> [String] {
        var out: [String] = []
        for r in checks.flatMap({ $0.rules }) where r.id == id && !out.contains(r.basis) { out.append(r.basis) }
        return out
    }
}
