import Foundation

extension ScoreReport {
    /// What in an edited scores.json no longer follows from its items, one Chinese sentence per
    /// unit or group (empty when consistent). A person changes a score through the manual sheet
    /// (or the platform) and everything is recomputed; a hand-edited total or rank is refused,
    /// never rendered into a 通报.
    public func inconsistencies(tolerance: Decimal = Decimal(string: "0.05")!) -> [String] {
        var out: [String] = []
        // Every unit not rescaled has total = base + Σ items with one base per scheme: the most
        // common offset is the base, and a unit off it was edited.
        func offset(_ u: UnitResult) -> Decimal { u.total - u.items.values.reduce(0, +) }
        func rescaled(_ u: UnitResult) -> Bool { u.notes.contains { $0.contains("折算") } }
        var bases: [String: Decimal] = [:]
        for scheme in packs {
            let plain = groups.filter { pack(of: $0).id == scheme.id }.flatMap(\.units).filter { !rescaled($0) }
            bases[scheme.id] = Dictionary(grouping: plain.map { Numbers.round(offset($0), 2) }, by: { $0 }).max { $0.value.count < $1.value.count }?.key
        }
        for g in groups {
            let scheme = pack(of: g)
            let maxima = Dictionary(scheme.allItems.map { ($0.name, $0.max) }, uniquingKeysWith: { a, _ in a })
            for u in g.units {
                out += categoryMismatches(u, scheme: scheme, tolerance: tolerance)
                for (item, v) in u.items.merging(u.subItems ?? [:], uniquingKeysWith: { a, _ in a }) {
                    if let max = maxima[item] ?? nil, abs(v) > max + tolerance {
                        out.append("单位“\(u.unit)”的“\(item)”为 \(Numbers.text(v)) 分，超过该项最高分 \(Numbers.text(max))")
                    }
                }
                if let base = bases[scheme.id] ?? nil, !rescaled(u), abs(offset(u) - base) > tolerance {
                    out.append("单位“\(u.unit)”的总分 \(Numbers.text(u.total)) 与各项得分之和不符（按各项应为 \(Numbers.text(base + u.items.values.reduce(0, +)))）")
                }
                if let mark = scheme.passMark, u.passed != (u.veto.isEmpty && u.total >= mark) {
                    out.append("单位“\(u.unit)”的“\(u.passed ? "合格" : "不合格")”与得分 \(Numbers.text(u.total))、合格线 \(Numbers.text(mark)) 不符")
                }
            }
            let style = RankingStyle(rawValue: scheme.ranking) ?? .competition
            let consistent = [true, false].contains { vetoLast in
                let sorted = g.units.sorted { a, b in
                    (vetoLast && !a.veto.isEmpty ? 1 : 0, -a.total) < (vetoLast && !b.veto.isEmpty ? 1 : 0, -b.total)
                }
                let ranks = Ranking.ranks(sorted.map { (vetoLast && !$0.veto.isEmpty ? 1 : 0, $0.total) }, style: style)
                return zip(sorted, ranks).allSatisfy { $0.rank == $1 }
            }
            if !consistent {
                out.append("“\(g.name)”的排名与总分不符：" + g.units.map { "\($0.unit) 第\($0.rank)名 \(Numbers.text($0.total))分" }.joined(separator: "，"))
            }
        }
        return out
    }

    /// Categories whose points no longer follow from their sub-items (score: Σ clamped to 0…max;
    /// deduct and bonus: Σ up to max).
    func categoryMismatches(_ u: UnitResult, scheme: PackSummary, tolerance: Decimal) -> [String] {
        scheme.allItems.compactMap { category -> String? in
            guard let children = category.children, let given = u.items[category.name] ?? u.subItems?[category.name] else { return nil }
            let sum = children.reduce(Decimal(0)) { $0 + (u.subItems?[$1.name] ?? 0) }
            let cap = category.max
            let expected = switch category.kind {
            case "deduct": -Swift.min(cap ?? -sum, -sum)
            case "bonus": Swift.min(cap ?? sum, sum)
            default: Swift.max(0, cap.map { Swift.min($0, sum) } ?? sum)
            }
            guard abs(given - expected) > tolerance else { return nil }
            return "单位“\(u.unit)”的“\(category.name)”为 \(Numbers.text(given)) 分，与其子项之和 \(Numbers.text(expected)) 分不符"
        }
    }
}
