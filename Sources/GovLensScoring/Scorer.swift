import Foundation
import GovLensCore

/// Scores every unit by a rule pack from its scan findings and the assessors' manual sheet, then
/// ranks each group (docs/RULES.md §1.1):
/// total = base + Σ score items (each 0…max) − Σ deduct items (each ≤ max), × the rescale factor,
/// + bonus items (each 0…max) when that is above the bonus gate. Any veto fails the unit.
public struct Scorer: Sendable {
    public let pack: RulePack
    /// A unit whose site has no scan: an error naming it (files: the user forgot one), or, on the
    /// platform where a site may not have been scanned yet, its checked items are 未评估.
    public var missingScanIsError = true
    /// No manual sheet: an error (files: the user forgot it), or, on the platform's running score
    /// and an assessment started without one, manual items are 未评估 (score items at their
    /// maximum, deduct and bonus items at 0) and the totals are provisional.
    public var missingManualIsError = true
    /// A scorer for `pack`.
    public init(pack: RulePack) { self.pack = pack }

    /// Scores and ranks every unit; units in the same group are ranked together.
    public func score(units: [AssessedUnit], manual: ManualSheet?, scans: [String: ScanReport], asOf: String,
                      deadline: String, extraShares: [ShareQuery] = []) throws(ScoringError) -> ScoreReport
    {
        if !pack.manualItems.isEmpty, manual == nil, missingManualIsError {
            throw ScoringError("考核方案“\(pack.name)”有手工评分项（\(pack.manualItems.map(\.name).joined(separator: "、"))），请用 --manual 提供手工评分表")
        }
        let needsScans = pack.leaves.contains { $0.source == .findings } || (pack.veto ?? []).contains { $0.check != nil }
        var warnings: [String] = []
        var results: [UnitResult] = []
        for unit in units {
            let scan = scans[unit.name]
            if needsScans, let site = unit.site, scan == nil, missingScanIsError {
                throw ScoringError("单位“\(unit.name)”（\(unit.place)）的网站 \(site) 没有对应的扫描结果，请先用 govlens scan 检查并把 JSON 放入 --scans 目录")
            }
            var result = try score(unit, manual: manual.map { $0.entries[unit.name] ?? [:] }, scan: scan)
            if needsScans, unit.site == nil { result.notes.append("单位名单中没有网站地址，检测类指标未评估。") }
            if needsScans, unit.site != nil, scan == nil { result.notes.append("该网站尚无完整的检查结果，检测类指标未评估。") }
            if !result.notAssessed.isEmpty {
                warnings.append("单位“\(unit.name)”有 \(result.notAssessed.count) 项未评估：" + result.notAssessed.map { "\($0.item)（\($0.reason)）" }.joined(separator: "；"))
            }
            if let scan, !scan.complete {
                let note = "扫描不完整：" + scan.incompleteReasons.joined(separator: "；") + "。检测类指标只覆盖已检查的部分。"
                result.notes.append(note)
                warnings.append("单位“\(unit.name)”：\(note)")
            }
            results.append(result)
        }
        var groupOrder: [String] = []
        for u in units where !groupOrder.contains(u.group) { groupOrder.append(u.group) }
        let shares = (pack.shares ?? []) + extraShares
        let groups = groupOrder.map { name in
            let ranked = rank(results.filter { $0.group == name })
            return GroupResult(name: name, stats: stats(ranked, shares: shares), units: ranked)
        }
        return ScoreReport(pack: PackSummary(pack), asOf: asOf, deadline: deadline, groups: groups, warnings: warnings)
    }

    /// `manual` nil: there is no sheet at all (not: the sheet has no row for this unit).
    func score(_ unit: AssessedUnit, manual: [String: ManualEntry]?, scan: ScanReport?) throws(ScoringError) -> UnitResult {
        let findings = scan?.findings ?? []
        var result = UnitResult(unit: unit.name, group: unit.group, site: unit.site, rank: 0, total: 0, passed: false, veto: [],
                                items: [:], lost: [], toReview: [], notes: [], otherFindings: [])
        var scored = Set<Finding>(), review = Set<Finding>()
        func counted(_ check: CheckList?, _ clause: [String: String]?, unreviewed: Bool?) -> [Finding] {
            let matching = findings.filter { FindingField.matches($0, check: check, where: clause) }
            let (sure, unsure) = (matching.filter { !$0.needsReview || unreviewed == true }, matching.filter { $0.needsReview && unreviewed != true })
            scored.formUnion(sure); review.formUnion(unsure)
            return sure
        }

        /// Why the findings of `checks` do not cover this unit, or nil when they do.
        func unassessed(_ checks: CheckList?) -> String? {
            let ids = checks?.ids ?? []
            let planned = ids.filter { pack.plannedChecks?.contains($0) == true }
            if !planned.isEmpty { return "尚无检查项产生 \(planned.joined(separator: "、")) 的结果" }
            guard let scan else { return unit.site == nil ? "单位名单中没有网站地址" : "没有该网站的扫描结果" }
            if !scan.complete { return "扫描不完整（\(scan.incompleteReasons.joined(separator: "；"))）" }
            let reasons = ids.compactMap { scan.notChecked?[$0] }
            return reasons.isEmpty ? nil : Array(Set(reasons)).sorted().joined(separator: "；")
        }

        let rescale = (pack.rescale ?? []).first { r in r.when.allSatisfy { unit.flag($0.key) == $0.value } }
        if let rescale { result.notes.append(rescale.note ?? "按 \(rescale.factor) 折算。") }
        var before = rescale?.base?.value ?? pack.base?.value ?? 0, bonus = Decimal(0)
        var subItems: [String: Decimal] = [:]
        /// An item's points as its kind counts them (earned, deducted or bonus); a category sums
        /// its children. Leaves lose points into `result.lost`, children report into `subItems`.
        func points(of item: PackItem, in category: PackItem?) throws(ScoringError) -> Decimal {
            if let children = item.children {
                var sum = Decimal(0)
                for c in children {
                    let p = try points(of: c, in: category ?? item)
                    sum += c.itemKind == .deduct && item.itemKind == .score ? -p : p
                    subItems[c.name] = round(c.itemKind == .deduct ? -p : p)
                }
                try checkGiven(item, sum: sum)
                return Swift.max(0, item.max.map { Swift.min($0.value, sum) } ?? sum)
            }
            var points: Decimal
            var lost: LostPoints?
            switch item.source {
            case .manual, nil:
                guard let manual else {
                    result.notAssessed.append(NotAssessed(item: item.name, reason: "尚无手工评分"))
                    return item.itemKind == .score ? item.max?.value ?? 0 : 0
                }
                let entry = manual[item.name] ?? ManualEntry(value: "", place: "")
                points = try value(of: entry, item: item, unit: unit)
                let shortfall = item.itemKind == .score ? (item.max?.value ?? points) - points : item.itemKind == .deduct ? points : 0
                if shortfall > 0 {
                    lost = LostPoints(item: item.name, points: round(shortfall), findings: [], manual: entry,
                                      reason: (item.itemKind == .deduct ? "手工扣分" : "手工评分 \(Numbers.text(round(points)))/\(Numbers.text(item.max!.value))")
                                        + (entry.reason.map { "：\($0)" } ?? ""))
                }
            case .findings:
                if let why = unassessed(item.check) { result.notAssessed.append(NotAssessed(item: item.name, reason: why)) }
                let hits = counted(item.check, item.where, unreviewed: item.includeUnreviewed)
                let raw = Decimal(hits.count) * item.points!.value
                let capped = item.max.map { Swift.min($0.value, raw) } ?? raw
                points = item.itemKind == .score ? item.max!.value - capped : capped
                if capped > 0 {
                    var reason = "\(hits.count) 个问题 × \(Numbers.text(item.points!.value)) 分"
                    if capped < raw { reason += "，本项最多扣 \(Numbers.text(capped)) 分" }
                    lost = LostPoints(item: item.name, points: round(capped), findings: hits, manual: nil, reason: reason)
                }
            }
            if var lost {
                lost.category = category?.name
                result.lost.append(lost)
            }
            return points
        }

        /// A category the sheet also gives must equal the sum of its children: both figures are
        /// reported, never one silently preferred.
        func checkGiven(_ category: PackItem, sum: Decimal) throws(ScoringError) {
            guard category.leaves.allSatisfy({ $0.source == .manual }), let entry = manual?[category.name], !entry.value.isEmpty else { return }
            guard let given = Numbers.parse(entry.value) else {
                throw ScoringError("\(entry.place)：“\(entry.value)”不是数字（单位“\(unit.name)”，评分项“\(category.name)”）")
            }
            guard round(given) != round(sum) else { return }
            let parts = (category.children ?? []).map { "\($0.name) \(Numbers.text(subItems[$0.name] ?? 0))" }.joined(separator: "、")
            throw ScoringError("\(entry.place)：单位“\(unit.name)”的“\(category.name)”填写为 \(Numbers.text(given)) 分，但其子项（\(parts)）合计 \(Numbers.text(round(sum))) 分，请核对后修改其中之一")
        }

        for item in pack.items where rescale?.dropSection == nil || item.section != rescale?.dropSection {
            let points = try points(of: item, in: nil)
            switch item.itemKind {
            case .score: before += points; result.items[item.name] = round(points)
            case .deduct: before -= points; result.items[item.name] = round(-points)
            case .bonus: bonus += points; result.items[item.name] = round(points)
            }
        }
        if !subItems.isEmpty { result.subItems = subItems }
        if let factor = rescale?.factorValue { before *= factor }
        let gateOpen = pack.bonusGate.map { before > $0.value } ?? true
        if !gateOpen, bonus > 0 {
            result.notes.append("扣分后得分 \(Numbers.text(round(before))) 未超过 \(Numbers.text(pack.bonusGate!.value)) 分，加分项不计。")
        }
        for item in pack.items where item.itemKind == .bonus && !gateOpen { result.items[item.name] = 0 }
        result.total = round(before + (gateOpen ? bonus : 0))

        for rule in pack.veto ?? [] {
            if rule.source == .manual {
                guard let manual else {
                    result.notAssessed.append(NotAssessed(item: "单项否决：\(rule.title)", reason: "尚无手工评分"))
                    continue
                }
                guard let entry = manual[rule.name ?? ""], !entry.value.isEmpty, Flag.parse(entry.value) != false else { continue }
                let reason = Flag.parse(entry.value) == true ? rule.title : entry.value
                result.veto.append(VetoHit(rule: rule.title, reason: reason, findings: [], manual: entry))
            } else {
                if let why = unassessed(rule.check) { result.notAssessed.append(NotAssessed(item: "单项否决：\(rule.title)", reason: why)) }
                let hits = counted(rule.check, rule.where, unreviewed: rule.includeUnreviewed)
                if !hits.isEmpty {
                    result.veto.append(VetoHit(rule: rule.title, reason: "\(hits.count) 个问题", findings: hits, manual: nil))
                }
            }
        }
        result.passed = result.veto.isEmpty && pack.passMark.map { result.total >= $0.value } ?? true
        result.toReview = findings.filter { review.contains($0) && !scored.contains($0) }
        result.otherFindings = findings.filter { !review.contains($0) && !scored.contains($0) }
        return result
    }

    /// A manual cell as points: empty is 0 for deduct and bonus items and an error for score items.
    func value(of entry: ManualEntry, item: PackItem, unit: AssessedUnit) throws(ScoringError) -> Decimal {
        let place = entry.place.isEmpty ? "手工评分表" : entry.place
        guard !entry.value.isEmpty else {
            if item.itemKind == .score { throw ScoringError("\(place)：单位“\(unit.name)”缺少“\(item.name)”的评分") }
            return 0
        }
        guard let raw = Numbers.parse(entry.value) else {
            throw ScoringError("\(place)：“\(entry.value)”不是数字（单位“\(unit.name)”，评分项“\(item.name)”）")
        }
        guard raw >= 0 else { throw ScoringError("\(place)：“\(entry.value)”不能为负数（扣分项请填扣分的绝对值）") }
        let points = raw * (item.weight?.value ?? 1)
        if let max = item.max?.value, points > max {
            let weighted = item.weight.map { "（× 权重 \(Numbers.text($0.value)) = \(Numbers.text(points))）" } ?? ""
            throw ScoringError("\(place)：\(entry.value)\(weighted) 超过“\(item.name)”的最高分 \(Numbers.text(max))（单位“\(unit.name)”）")
        }
        return points
    }

    func round(_ d: Decimal) -> Decimal { Numbers.round(d, pack.decimals) }

    /// Orders a group and gives ranks; ties (equal totals) share a rank, in the pack's style.
    func rank(_ units: [UnitResult]) -> [UnitResult] {
        let vetoLast = (pack.vetoRank ?? "last") == "last"
        func tier(_ u: UnitResult) -> Int { vetoLast && !u.veto.isEmpty ? 1 : 0 }
        var sorted = units.enumerated().sorted { a, b in
            (tier(a.element), -a.element.total, a.offset) < (tier(b.element), -b.element.total, b.offset)
        }.map(\.element)
        let ranks = Ranking.ranks(sorted.map { (tier($0), $0.total) }, style: pack.rankingStyle)
        for i in sorted.indices { sorted[i].rank = ranks[i] }
        return sorted
    }

    func stats(_ units: [UnitResult], shares: [ShareQuery]) -> GroupStats {
        let n = units.count
        let passed = units.filter(\.passed).count
        let totals = units.map(\.total)
        let mean = n == 0 ? 0 : round(totals.reduce(0, +) / Decimal(n))
        return GroupStats(
            units: n, mean: mean, passRate: n == 0 ? 0 : Numbers.round(Decimal(passed) / Decimal(n), 4), passed: passed,
            vetoed: units.filter { !$0.veto.isEmpty }.count, highest: totals.max() ?? 0, lowest: totals.min() ?? 0,
            shares: shares.map { q in
                let count = units.filter { u in
                    let v = ShareQuery.totalNames.contains(q.item) ? u.total : (u.items[q.item] ?? u.subItems?[q.item] ?? 0)
                    return v >= q.atLeast.value
                }.count
                return ShareResult(item: q.item, atLeast: q.atLeast.value, units: count,
                                   share: n == 0 ? 0 : Numbers.round(Decimal(count) / Decimal(n), 4))
            })
    }
}

/// Rank numbers for sorted totals.
public enum Ranking {
    /// Ranks of already sorted keys (tier, total): equal keys share a rank. Competition gives
    /// 1, 2, 2, 2, 5; dense gives 1, 2, 2, 2, 3.
    public static func ranks(_ keys: [(Int, Decimal)], style: RankingStyle) -> [Int] {
        var out: [Int] = []
        for (i, key) in keys.enumerated() {
            if i > 0, keys[i - 1] == key { out.append(out[i - 1]); continue }
            out.append(style == .competition ? i + 1 : (out.last ?? 0) + 1)
        }
        return out
    }
}
