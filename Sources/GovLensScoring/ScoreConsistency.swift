import Foundation

extension ScoreReport {
    /// What in an edited scores.json no longer follows from its items, one Chinese sentence per
    /// unit or group (empty when consistent). A person changes a score through the manual sheet
    /// (or the platform) and everything is recomputed; a hand-edited total or rank is refused,
    /// never rendered into a 通报.
    public func inconsistencies(tolerance: Decimal = Decimal(string: "0.05")!) -> [String] {
        var out: [String] = []
        let maxima = Dictionary(pack.items.map { ($0.name, $0.max) }, uniquingKeysWith: { a, _ in a })
        // Every unit not rescaled has total = base + Σ items with one base for all: the most
        // common offset is the base, and a unit off it was edited.
        func offset(_ u: UnitResult) -> Decimal { u.total - u.items.values.reduce(0, +) }
        let plain = groups.flatMap(\.units).filter { !$0.notes.contains { $0.contains("折算") } }
        let base = Dictionary(grouping: plain.map { Numbers.round(offset($0), 2) }, by: { $0 }).max { $0.value.count < $1.value.count }?.key
        for g in groups {
            for u in g.units {
                for (item, v) in u.items {
                    if let max = maxima[item] ?? nil, abs(v) > max + tolerance {
                        out.append("单位“\(u.unit)”的“\(item)”为 \(Numbers.text(v)) 分，超过该项最高分 \(Numbers.text(max))")
                    }
                }
                if let base, plain.contains(where: { $0.unit == u.unit }), abs(offset(u) - base) > tolerance {
                    out.append("单位“\(u.unit)”的总分 \(Numbers.text(u.total)) 与各项得分之和不符（按各项应为 \(Numbers.text(base + u.items.values.reduce(0, +)))）")
                }
                if let mark = pack.passMark, u.passed != (u.veto.isEmpty && u.total >= mark) {
                    out.append("单位“\(u.unit)”的“\(u.passed ? "合格" : "不合格")”与得分 \(Numbers.text(u.total))、合格线 \(Numbers.text(mark)) 不符")
                }
            }
            let style = RankingStyle(rawValue: pack.ranking) ?? .competition
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
}
