import Foundation
import GovLensCore
import Yams

/// An assessment scheme as data: its items, veto rules, pass mark, bonus gate, tie style and
/// rescaling. Shipped packs live in `Packs/`; a province writes its own without touching code.
public struct RulePack: Sendable, Decodable {
    public var id: String
    public var name: String
    /// The indicator system as the 通报 cites it (《政府网站与政务新媒体检查指标》), when it differs from `name`.
    public var citation: String?
    /// Points a unit starts from before deductions (deduction-style schemes such as 19号: 100).
    public var base: Amount?
    /// Below it a unit fails.
    public var passMark: Amount?
    /// Bonus items count only when the total before bonus is strictly above it.
    public var bonusGate: Amount?
    public var ranking: RankingStyle?
    /// Decimals kept in item points and totals (default 2).
    public var precision: Int?
    /// Where vetoed units rank: `last` (default, after every unit that passed the veto) or `score`.
    public var vetoRank: String?
    public var items: [PackItem]
    public var veto: [VetoRule]?
    public var rescale: [Rescale]?
    /// "Share of units scoring at least X on item Y" figures reported per group.
    public var shares: [ShareQuery]?
    /// Units commended in the 通报: those scoring at least this total (without a veto).
    public var commendAtLeast: Amount?
    /// Working days given for rectification, for the deadline in each 问题清单 (default 15).
    public var rectifyDays: Int?

    /// IDs the pack names that no check produces yet (set by `parse` from the catalogue): their
    /// items are 未评估 on every unit.
    public var plannedChecks: Set<String>?

    public var rankingStyle: RankingStyle { ranking ?? .competition }
    public var decimals: Int { precision ?? 2 }
    /// Every scored leaf, in order: items without children and the sub-items of categories.
    public var leaves: [PackItem] { items.flatMap(\.leaves) }
    /// The leaves the assessors' sheet gives.
    public var manualItems: [PackItem] { leaves.filter { $0.source == .manual } }
}

/// How ties are ranked.
public enum RankingStyle: String, Sendable, Codable {
    /// 1, 2, 2, 2, 5 (the Sichuan table, 2014 national table).
    case competition
    /// 1, 2, 2, 2, 3 (the 2016 national table).
    case dense
}

/// One scored item of a pack: from the manual sheet or from findings, or a category whose points
/// are the sum of its `children` (sub-indicators), capped at its `max`.
public struct PackItem: Sendable, Decodable {
    /// Points earned up to `max`, points taken off, or bonus points.
    public enum Kind: String, Sendable, Codable { case score, deduct, bonus }
    /// Where an item's points come from.
    public enum Source: String, Sendable, Codable { case manual, findings }

    public var id: String
    /// The column header in manual sheets and ranking tables.
    public var name: String
    public var kind: Kind?
    /// Where a leaf's points come from; nil for a category (its children say).
    public var source: Source?
    /// Sub-indicators: a score category earns Σ score children − Σ deduct children (0…max); a
    /// deduct or bonus category takes Σ of its children up to `max`. Children inherit the kind.
    public var children: [PackItem]?
    /// Cap: a score item is clamped to 0…max, a deduct item loses at most max.
    public var max: Amount?
    /// A block of the scheme (e.g. 19号's 办事服务), for rescaling and the report.
    public var section: String?
    /// Manual items: the sheet value is multiplied by this (indices 0…1 × weight).
    public var weight: Amount?
    /// Findings items: the check(s) counted, the fields a finding must have, points per finding.
    public var check: CheckList?
    public var `where`: [String: String]?
    public var points: Amount?
    /// Findings that need a person's confirmation count only if this is true (default false).
    public var includeUnreviewed: Bool?
    /// Where the rule comes from, with its [C]/[P]/[U] status.
    public var basis: String?

    public var itemKind: Kind { kind ?? .score }
    /// This item if it has no children, else its children's leaves.
    public var leaves: [PackItem] { children.map { $0.flatMap(\.leaves) } ?? [self] }
    /// Every item of the subtree, this one first.
    var subtree: [PackItem] { [self] + (children ?? []).flatMap(\.subtree) }
    /// Header as published: `公开渠道 (7)`; deduct items without a cap keep their bare name.
    public var header: String {
        guard let max else { return name }
        return "\(name) (\(Numbers.text(max.value)))"
    }
}

/// A veto: any counted finding of `check` (matching `where`), or a non-empty manual cell in the
/// column named `name` (`source: manual`), fails the unit whatever its points.
public struct VetoRule: Sendable, Decodable {
    public var check: CheckList?
    public var `where`: [String: String]?
    public var name: String?
    public var source: PackItem.Source?
    public var includeUnreviewed: Bool?
    public var basis: String?

    /// The veto's Chinese name: its `name`, else the titles of its checks (filled in by `parse`).
    public var title: String { name ?? checkTitles ?? "单项否决" }
    /// The catalogue titles of `check`, joined (set by `RulePack.parse`, never read from YAML).
    public var checkTitles: String?
}

/// For units matching `when`: drop the items of `dropSection`, start from `base`, multiply the
/// points before bonus by `factor` (19号: without service functions, out of 75 × 4/3).
public struct Rescale: Sendable, Decodable {
    public var when: [String: Bool]
    public var dropSection: String?
    public var base: Amount?
    /// A number or a fraction such as `4/3`.
    public var factor: String
    public var note: String?

    public var factorValue: Decimal? { Numbers.fraction(factor) }
}

/// A "share of units scoring at least X on Y" figure to report per group.
public struct ShareQuery: Sendable, Codable, Hashable {
    /// Item name, or `得分` / `total` for the total.
    public var item: String
    public var atLeast: Amount
    /// A share query for `item` (or the total) at `atLeast` points.
    public init(item: String, atLeast: Amount) { self.item = item; self.atLeast = atLeast }
}

/// `check: link.broken` or `check: [identity.icp-missing, identity.police-record-missing]`.
public struct CheckList: Sendable, Decodable, Hashable {
    public var ids: [String]
    /// One ID or a list of IDs.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let one = try? c.decode(String.self) { ids = [one] } else { ids = try c.decode([String].self) }
    }
}

/// A number in a pack, read from the YAML text itself so that `0.1` is exactly one tenth.
public struct Amount: Sendable, Codable, Hashable, Comparable, ExpressibleByIntegerLiteral {
    public var value: Decimal
    /// An amount of `value` points.
    public init(_ value: Decimal) { self.value = value }
    /// A whole number of points.
    public init(integerLiteral v: Int) { value = Decimal(v) }

    /// Reads the YAML text itself (`0.1` stays exactly one tenth).
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = (try? c.decode(String.self)) ?? (try? c.decode(Double.self)).map { "\($0)" } ?? ""
        guard let v = Numbers.parse(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "“\(text)” 不是数字")
        }
        value = v
    }
    /// Encodes the decimal value.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
    /// Fewer points first.
    public static func < (a: Amount, b: Amount) -> Bool { a.value < b.value }
}

/// The finding fields a `where` clause may test.
enum FindingField {
    static let names = ["scope", "definite", "external", "status", "severity", "column", "needsReview"]

    static func value(_ f: Finding, _ field: String) -> String? {
        switch field {
        case "scope": return f.scope?.rawValue
        case "definite": return f.definite.map(String.init)
        case "external": return f.external.map(String.init)
        case "status": return f.status
        case "severity": return f.severity.rawValue
        case "column": return f.column
        case "needsReview": return String(f.needsReview)
        default: return nil
        }
    }

    static func matches(_ f: Finding, check: CheckList?, where clause: [String: String]?) -> Bool {
        guard check?.ids.contains(f.check.rawValue) ?? true else { return false }
        return (clause ?? [:]).allSatisfy { value(f, $0.key) == $0.value }
    }
}

extension RulePack {
    /// The unit flags rescale rules may test.
    static let unitFlags = ["portal", "serviceFunctions"]

    /// Reads a pack from its YAML text; every check it names must be in `catalog`. `file` names
    /// the pack in error messages.
    public static func parse(_ yaml: String, file: String, catalog: CheckCatalog) throws(ScoringError) -> RulePack {
        var pack: RulePack
        do { pack = try YAMLDecoder().decode(RulePack.self, from: yaml) } catch {
            throw ScoringError("考核方案 \(file) 格式错误：\(describe(error))")
        }
        pack.items = pack.items.map { $0.inheritingKind() }
        try pack.validate(file: file, catalog: catalog)
        for i in (pack.veto ?? []).indices {
            pack.veto![i].checkTitles = pack.veto![i].check?.ids.map { catalog.title(CheckID(rawValue: $0)) }.joined(separator: "、")
        }
        let named = pack.leaves.flatMap { $0.check?.ids ?? [] } + (pack.veto ?? []).flatMap { $0.check?.ids ?? [] }
        pack.plannedChecks = Set(named.filter { !catalog.isProduced(CheckID(rawValue: $0)) })
        return pack
    }

    /// A decoding error in Chinese, with the key path.
    public static func describe(_ error: Error) -> String { ErrorText.chinese(error) }

    func validate(file: String, catalog: CheckCatalog) throws(ScoringError) {
        func fail(_ what: String) -> ScoringError { ScoringError("考核方案 \(file)：\(what)") }
        func checkKnown(_ checks: CheckList?, _ place: String) throws(ScoringError) {
            for check in checks?.ids ?? [] where catalog.rule(CheckID(rawValue: check)) == nil {
                throw fail("\(place) 的检查项 “\(check)” 不存在（可用的检查项见 govlens checks）")
            }
        }
        func checkWhere(_ clause: [String: String]?, _ place: String) throws(ScoringError) {
            for key in (clause ?? [:]).keys where !FindingField.names.contains(key) {
                throw fail("\(place) 的筛选条件 “\(key)” 不支持（可用：\(FindingField.names.joined(separator: "、"))）")
            }
        }
        var ids = Set<String>(), names = Set<String>()
        for (n, item) in items.flatMap(\.subtree).enumerated() {
            let place = "items 第\(n + 1)项（\(item.name)）"
            guard ids.insert(item.id).inserted else { throw fail("\(place) 的 id “\(item.id)” 重复") }
            guard names.insert(item.name).inserted else { throw fail("\(place) 的名称重复，手工评分表无法区分") }
            if let max = item.max, max.value < 0 { throw fail("\(place) 的 max 不能为负数") }
            if let children = item.children {
                guard !children.isEmpty else { throw fail("\(place) 的 children 为空") }
                guard item.source == nil, item.check == nil, item.points == nil else {
                    throw fail("\(place) 有子项，其得分由子项相加，不应有 source、check 或 points")
                }
                if item.itemKind != .deduct, item.max == nil { throw fail("\(place) 需要 max（子项之和的上限）") }
                for c in children where item.itemKind != .score && c.itemKind != item.itemKind {
                    throw fail("\(place) 是\(item.itemKind == .deduct ? "扣分" : "加分")项，其子项“\(c.name)”也应如此")
                }
                for c in children where item.itemKind == .score && c.itemKind == .bonus {
                    throw fail("\(place) 的子项“\(c.name)”不能是加分项（加分项请单列）")
                }
                continue
            }
            switch item.source {
            case nil:
                throw fail("\(place) 需要 source（manual 手工评分，或 findings 来自检测结果）或 children（子项）")
            case .findings:
                guard let check = item.check else { throw fail("\(place) 来自检测结果，但没有指定 check") }
                try checkKnown(check, place)
                try checkWhere(item.where, place)
                guard let points = item.points, points.value > 0 else { throw fail("\(place) 需要每个问题的分值 points（大于 0）") }
                if item.itemKind == .bonus { throw fail("\(place)：加分项不能来自检测结果") }
                if item.itemKind == .score, item.max == nil { throw fail("\(place)：得分项需要 max（从满分扣减）") }
            case .manual:
                if item.check != nil || item.points != nil { throw fail("\(place) 是手工评分项，不应有 check 或 points") }
                if item.itemKind != .deduct, item.max == nil { throw fail("\(place) 需要 max（最高分）") }
            }
        }
        for (n, v) in (veto ?? []).enumerated() {
            let place = "veto 第\(n + 1)项"
            if v.source == .manual {
                guard let name = v.name, !names.contains(name) else { throw fail("\(place) 是手工否决项，需要一个与评分项不同的 name") }
            } else {
                guard v.check != nil else { throw fail("\(place) 需要 check（或 source: manual 与 name）") }
                try checkKnown(v.check, place)
                try checkWhere(v.where, place)
            }
        }
        for (n, r) in (rescale ?? []).enumerated() {
            let place = "rescale 第\(n + 1)项"
            guard let f = r.factorValue, f > 0 else { throw fail("\(place) 的 factor “\(r.factor)” 不是正数或分数") }
            for key in r.when.keys where !RulePack.unitFlags.contains(key) {
                throw fail("\(place) 的条件 “\(key)” 不支持（可用：\(RulePack.unitFlags.joined(separator: "、"))）")
            }
            if let s = r.dropSection, !items.contains(where: { $0.section == s }) {
                throw fail("\(place) 要去掉的 section “\(s)” 没有任何评分项")
            }
        }
        for q in shares ?? [] where !ShareQuery.totalNames.contains(q.item) && !names.contains(q.item) {
            throw fail("shares 中的 “\(q.item)” 不是评分项名称")
        }
        if let p = precision, !(0...6).contains(p) { throw fail("precision 应在 0 到 6 之间") }
        if let v = vetoRank, !["last", "score"].contains(v) { throw fail("vetoRank 应为 last 或 score") }
    }
}

extension PackItem {
    /// Children without a `kind` take their category's.
    func inheritingKind() -> PackItem {
        var copy = self
        copy.children = children?.map { c in
            var child = c
            if child.kind == nil { child.kind = itemKind }
            return child.inheritingKind()
        }
        return copy
    }
}

extension ShareQuery {
    /// The names a share query uses for the total.
    public static let totalNames: Set<String> = ["得分", "总分", "total"]
}

/// Bad scoring input in one Chinese sentence naming the file, row and column.
public struct ScoringError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// An error with its Chinese message.
    public init(_ description: String) { self.description = description }
}

/// Exact decimal arithmetic for points (0.1 × 3 must be 0.3, and ties must be ties).
public enum Numbers {
    /// `d` rounded half up to `places` decimals.
    public static func round(_ d: Decimal, _ places: Int) -> Decimal {
        var value = d, out = Decimal()
        NSDecimalRound(&out, &value, places, .plain)
        return out
    }

    /// `96.4`, `7`, `-0.3`: no trailing zeros, no exponent.
    public static func text(_ d: Decimal) -> String {
        var s = NSDecimalNumber(decimal: d).stringValue
        if s.contains(".") { while s.hasSuffix("0") { s.removeLast() }; if s.hasSuffix(".") { s.removeLast() } }
        return s
    }

    /// A cell or YAML value: `96.4`, `96.40`, `７`, `-3`. Nil when it is not a plain number.
    public static func parse(_ s: String) -> Decimal? {
        let t = String(s.unicodeScalars.map { u -> Character in
            // Full-width digits and signs, as typed with a Chinese input method.
            if u.value >= 0xFF10, u.value <= 0xFF19 { return Character(UnicodeScalar(u.value - 0xFF10 + 0x30)!) }
            if u.value == 0xFF0E { return "." }
            if u.value == 0xFF0D { return "-" }
            return Character(u)
        }).trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.range(of: #"^[+-]?(\d+\.?\d*|\.\d+)$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `4/3` or `1.5`.
    public static func fraction(_ s: String) -> Decimal? {
        let parts = s.split(separator: "/").map { String($0) }
        if parts.count == 2, let a = parse(parts[0]), let b = parse(parts[1]), b != 0 { return a / b }
        return parts.count == 1 ? parse(parts[0]) : nil
    }
}
