import Foundation
import GovLensCore

/// `scores.json`: every group's ranking and statistics, and for every unit where each point went.
public struct ScoreReport: Sendable, Codable {
    public var pack: PackSummary
    /// The inspection's reference date and the rectification deadline (yyyy-MM-dd).
    public var asOf: String
    public var deadline: String
    public var groups: [GroupResult]
    /// Things a person should know before publishing (incomplete scans, units without a site …).
    public var warnings: [String]
    /// Unit → problems that came back after being fixed (屡查屡犯), when the platform's
    /// rectification loop knows them; the 通报 names these units.
    public var repeatOffences: [String: Int]? = nil

    /// A score report.
    public init(pack: PackSummary, asOf: String, deadline: String, groups: [GroupResult], warnings: [String]) {
        self.pack = pack; self.asOf = asOf; self.deadline = deadline; self.groups = groups; self.warnings = warnings
    }
}

extension ScoreReport {
    /// The scheme `group` was scored on.
    public func pack(of group: GroupResult) -> PackSummary { group.pack ?? pack }

    /// The scheme the unit's group was scored on.
    public func pack(of unit: UnitResult) -> PackSummary {
        groups.first { $0.name == unit.group }.map(pack(of:)) ?? pack
    }

    /// The distinct schemes, in group order (one for most assessments).
    public var packs: [PackSummary] {
        var seen = Set<String>()
        return groups.map(pack(of:)).filter { seen.insert($0.id).inserted }
    }

    /// One assessment of several groups, each scored by its own scheme: the parts' groups in
    /// order, each carrying its pack; the first part's pack names the whole.
    public static func combining(_ parts: [ScoreReport]) -> ScoreReport? {
        guard var whole = parts.first else { return nil }
        whole.groups = parts.flatMap { part in part.groups.map { g in var g = g; g.pack = part.pack; return g } }
        whole.warnings = parts.flatMap(\.warnings)
        let offences = parts.compactMap(\.repeatOffences)
        whole.repeatOffences = offences.isEmpty ? nil : offences.reduce(into: [:]) { $0.merge($1) { a, _ in a } }
        return whole
    }
}

/// What the renderers need of the pack: name, items with their headers, vetoes, marks.
public struct PackSummary: Sendable, Codable {
    /// An item as the tables print it.
    public struct Item: Sendable, Codable {
        public var id: String
        public var name: String
        /// As the ranking tables print it: `公开渠道 (7)`.
        public var header: String
        public var kind: String
        public var max: Decimal?
        public var section: String?
        /// Sub-indicators, when the item is a category.
        public var children: [Item]?

        init(_ i: PackItem) {
            id = i.id; name = i.name; header = i.header; kind = i.itemKind.rawValue; max = i.max?.value; section = i.section
            children = i.children?.map(Item.init)
        }

        /// This item and its sub-items, depth first.
        public var subtree: [Item] { [self] + (children ?? []).flatMap(\.subtree) }
    }
    public var id: String
    public var name: String
    /// How the 通报 cites the indicator system (nil: by `name`).
    public var citation: String?
    public var passMark: Decimal?
    public var bonusGate: Decimal?
    public var ranking: String
    public var items: [Item]
    public var veto: [String]
    /// Every item and sub-item, depth first.
    public var allItems: [Item] { items.flatMap(\.subtree) }
    public var commendAtLeast: Decimal?

    init(_ p: RulePack) {
        id = p.id; name = p.name; citation = p.citation; passMark = p.passMark?.value; bonusGate = p.bonusGate?.value
        ranking = p.rankingStyle.rawValue; veto = (p.veto ?? []).map(\.title); commendAtLeast = p.commendAtLeast?.value
        items = p.items.map(Item.init)
    }
}

/// A group's ranked units and statistics.
public struct GroupResult: Sendable, Codable {
    public var name: String
    /// The group's scheme when an assessment scores groups on different packs (nil: the report's).
    public var pack: PackSummary? = nil
    public var stats: GroupStats
    public var units: [UnitResult]
}

/// A group's figures: units, mean, pass rate, vetoes, extremes, shares.
public struct GroupStats: Sendable, Codable {
    public var units: Int
    public var mean: Decimal
    /// Passed units / units, 0…1.
    public var passRate: Decimal
    public var passed: Int
    public var vetoed: Int
    public var highest: Decimal
    public var lowest: Decimal
    public var shares: [ShareResult]
}

/// "市州得13分及以上的占80%": units of the group scoring at least `atLeast` on `item`.
public struct ShareResult: Sendable, Codable {
    public var item: String
    public var atLeast: Decimal
    public var units: Int
    public var share: Decimal
}

/// One unit's result: rank, total, vetoes, item points and where every point went.
public struct UnitResult: Sendable, Codable {
    public var unit: String
    public var group: String
    public var site: String?
    public var rank: Int
    public var total: Decimal
    public var passed: Bool
    /// Veto hits (empty when none): any one fails the unit.
    public var veto: [VetoHit]
    /// Item name → points it contributed (deductions negative).
    public var items: [String: Decimal]
    /// Sub-item name → its points (deductions negative), for packs whose items have children.
    public var subItems: [String: Decimal]? = nil
    /// Every point lost, with the findings or the manual entry behind it.
    public var lost: [LostPoints]
    /// Findings that would cost points or a veto once a person confirms them.
    public var toReview: [Finding]
    /// Everything else worth knowing: rescaling, an incomplete scan, no site.
    public var notes: [String]
    /// The unit's other findings (not scored by this pack), for its 问题清单.
    public var otherFindings: [Finding]
    /// Items (and veto rules) whose checks did not run on this unit, with the reason: they are
    /// printed as 未评估 and the total is provisional. Never counted as full marks silently.
    public var notAssessed: [NotAssessed] = []

    /// True when some item was not assessed: the total covers only what was checked.
    public var provisional: Bool { !notAssessed.isEmpty }
}

/// An item that could not be assessed on a unit, and why.
public struct NotAssessed: Sendable, Codable, Equatable {
    public var item: String
    public var reason: String
    /// An item not assessed for `reason`.
    public init(item: String, reason: String) { self.item = item; self.reason = reason }
}

/// A veto that fired, with the findings or manual cell behind it.
public struct VetoHit: Sendable, Codable {
    public var rule: String
    public var reason: String
    public var findings: [Finding]
    public var manual: ManualEntry?
}

/// Points an item lost, with the findings or manual cell behind them.
public struct LostPoints: Sendable, Codable {
    public var item: String
    /// The top-level item (category) a sub-item belongs to.
    public var category: String? = nil
    /// `公开渠道—网站建设` for a sub-item, else the item's name.
    public var label: String { category.map { "\($0)—\(item)" } ?? item }
    public var points: Decimal
    public var findings: [Finding]
    public var manual: ManualEntry?
    public var reason: String
}
