/// The kind of input a check reads (listed by `govlens checks`).
public enum CheckInput: String, Codable, Sendable, CaseIterable {
    /// The text of a page, an attachment or an editor's draft.
    case text
    /// The links of every crawled page, with what fetching them gave.
    case links
    /// One page's HTML: its footer, meta tags and address.
    case page
    /// The homepage fetch of a scan, or a series of homepage probes.
    case homepage
    /// The site model: the column tree with each column's newest item, the 信息公开 platform.
    case siteModel = "site-model"
    /// A 政府信息公开工作年度报告 (`govlens annual-report`, or the reports a site scan finds in the 年报 column).
    case annualReport = "annual-report"
    /// A 政务新媒体 account: its register row and its posts (`govlens newmedia check`).
    case account

    /// In Chinese, for `govlens checks`.
    public var chineseName: String {
        switch self {
        case .text: return "正文"
        case .links: return "链接"
        case .page: return "网页"
        case .homepage: return "首页访问"
        case .siteModel: return "栏目结构"
        case .annualReport: return "年度报告"
        case .account: return "政务新媒体账号"
        }
    }
}

/// One check ID as the check that emits it declares it: what it is called, how it counts, where
/// the rule comes from and what it reads.
public struct CheckRule: Codable, Sendable, Hashable {
    public var id: CheckID
    /// The Chinese name the indicator systems use.
    public var title: String
    /// How a finding of this ID usually counts (a lexicon entry may set its own).
    public var severity: Severity
    /// The document and clause the rule comes from (e.g. 国办秘函〔2019〕19号 单项否决 第4项).
    public var basis: String
    public var input: CheckInput

    /// A rule for `id` as its check declares it.
    public init(_ id: CheckID, _ title: String, _ severity: Severity, basis: String, input: CheckInput) {
        self.id = id; self.title = title; self.severity = severity; self.basis = basis; self.input = input
    }
}

/// Every check ID govlens knows, derived from the checks' own declarations: what rule packs may
/// name, reports print and `govlens checks` lists. `planned` IDs are part of the contract but no
/// check produces them yet: a pack may score them, and the assessment reports them as 未评估.
public struct CheckCatalog: Sendable {
    /// IDs some check emits, in declaration order, each once.
    public let rules: [CheckRule]
    /// IDs no check emits yet.
    public let planned: [CheckRule]
    private let byID: [CheckID: CheckRule]

    /// The catalogue of `rules` (first declaration of an ID wins) and the planned IDs no rule emits.
    public init(rules: [CheckRule], planned: [CheckRule]) {
        var seen: [CheckID: CheckRule] = [:], ordered: [CheckRule] = []
        for r in rules where seen[r.id] == nil { seen[r.id] = r; ordered.append(r) }
        self.rules = ordered
        self.planned = planned.filter { seen[$0.id] == nil }
        for r in self.planned { seen[r.id] = r }
        byID = seen
    }

    /// The rule for `id`, produced or planned.
    public func rule(_ id: CheckID) -> CheckRule? { byID[id] }
    /// Whether some check emits `id` today.
    public func isProduced(_ id: CheckID) -> Bool { byID[id] != nil && !planned.contains { $0.id == id } }
    /// The Chinese title, or the ID itself when unknown.
    public func title(_ id: CheckID) -> String { byID[id]?.title ?? id.rawValue }
}
