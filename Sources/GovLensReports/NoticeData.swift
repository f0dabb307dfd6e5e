import Foundation
import GovLensCore
import GovLensScoring

/// The numbers and names the 通报 template prints (docs/NOTICE-TEMPLATE.md lists them). Every
/// sentence's wording is in the template; only what comes from the scores is computed here. A
/// value that is absent (nil) makes its `{{#…}}` section disappear.
enum NoticeData {
    /// Every placeholder a template may use.
    static let names: Set<String> = [
        "docNumber", "title", "recipients", "citation", "asOf", "unitCount", "passedCount", "passRate", "vetoedCount",
        "groups", "name", "units", "scored", "mean", "highest", "lowest", "passed", "reference", "referenceName", "average",
        "same", "above", "below", "difference", "shares", "item", "atLeast", "count", "share", "change", "previousMean",
        "up", "down", "unit", "from", "to", "warnings", "commendBar", "commended", "topThree", "bottomTwo",
        "vetoSection", "number", "reasons", "lostSection", "items", "points", "findings", "example", "repeatSection",
        "unassessedSection", "reviewSection", "anyProblem", "problemListNumber", "deadline", "issuer", "attachments",
        "first", "issueDate", "contact", "phone", "imprint", "cc", "printedBy", "printDate", "absenceSection", "phrase",
    ]

    /// Check ID → "尚未…" phrase (`Templates/absences.tsv`).
    static let absences: [(check: String, phrase: String)] = {
        let url = Bundle.module.url(forResource: "absences", withExtension: "tsv", subdirectory: "Templates")!
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t").map(String.init)
            return line.hasPrefix("#") || parts.count < 2 ? nil : (parts[0], parts[1])
        }
    }()
}

extension AssessmentReport {
    /// The template's data for this assessment; `attachments` are the 附件 titles in order.
    func noticeData(attachments: [String], problemListNumber: Int) -> [String: Any] {
        let units = allUnits
        let passed = units.filter(\.passed).count, vetoed = units.filter { !$0.veto.isEmpty }.count
        let citations = scores.packs.map { $0.citation ?? $0.name }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var d: [String: Any] = [
            "title": title, "recipients": notice.recipients ?? "各单位", "citation": citations.joined(separator: "》和《"),
            "asOf": chineseDate(scores.asOf), "unitCount": units.count, "passedCount": passed,
            "passRate": percent(units.isEmpty ? 0 : Decimal(passed) / Decimal(units.count)),
            "groups": scores.groups.map(groupData), "problemListNumber": problemListNumber,
            "deadline": chineseDate(scores.deadline), "issuer": issuer,
            "issueDate": chineseDate(notice.issueDate ?? scores.asOf),
            "attachments": attachments.enumerated().map { i, t in ["number": i + 1, "title": t, "first": i == 0] as [String: Any] },
        ]
        d["docNumber"] = notice.docNumber
        if vetoed > 0 { d["vetoedCount"] = vetoed }
        if !scores.warnings.isEmpty {
            d["warnings"] = scores.warnings.map { $0.trimmingCharacters(in: ["。"]) }.joined(separator: "；")
        }
        if notice.contact != nil || notice.phone != nil {
            var contact: [String: Any] = ["name": notice.contact ?? ""]
            contact["phone"] = notice.phone
            d["contact"] = contact
        }
        if notice.cc != nil || notice.printedBy != nil {
            var imprint: [String: Any] = [:]
            imprint["cc"] = notice.cc
            imprint["printedBy"] = notice.printedBy
            imprint["printDate"] = chineseDate(notice.printDate ?? notice.issueDate ?? scores.asOf)
            d["imprint"] = imprint
        }
        problemsData(units).forEach { d[$0.key] = $0.value }
        return d
    }

    /// One group: figures, comparison, shares, change since last time, who is named.
    func groupData(_ g: GroupResult) -> [String: Any] {
        let scored = hasItems(g)
        var d: [String: Any] = [
            "name": g.name, "units": g.stats.units, "scored": scored, "mean": Numbers.text(g.stats.mean),
            "highest": Numbers.text(g.stats.highest), "lowest": Numbers.text(g.stats.lowest), "passed": g.stats.passed,
            "passRate": percent(g.stats.passRate),
            "shares": g.stats.shares.map { s -> [String: Any] in
                ["item": ShareQuery.totalNames.contains(s.item) ? "总分" : s.item, "atLeast": Numbers.text(s.atLeast),
                 "count": s.units, "share": percent(s.share)]
            },
        ]
        if scored, let avg = notice.referenceAverage {
            let diff = g.stats.mean - avg
            d["reference"] = ["referenceName": notice.referenceName ?? "参照平均分", "average": Numbers.text(avg),
                              "difference": Numbers.text(abs(diff)), "same": diff == 0, "above": diff > 0, "below": diff < 0]
        }
        if let change = changeData(g) { d["change"] = change }
        if let bar = scores.pack(of: g).commendAtLeast {
            d["commendBar"] = Numbers.text(bar)
            let good = g.units.filter { $0.passed && $0.total >= bar }.map(\.unit)
            if !good.isEmpty { d["commended"] = good.joined(separator: "、") }
        } else {
            let good = g.units.filter { $0.passed && $0.rank <= 3 }
            if !good.isEmpty { d["topThree"] = good.map { "\($0.unit)（\(Numbers.text($0.total))分）" }.joined(separator: "、") }
        }
        // The last two of each group of five or more are named too, as the circulars do (岳阳).
        if scored, g.units.count >= 5 {
            d["bottomTwo"] = g.units.suffix(2).map { "\($0.unit)（\(Numbers.text($0.total))分）" }.joined(separator: "、")
        }
        return d
    }

    /// The group's change since the previous assessment, when it has the same units.
    func changeData(_ g: GroupResult) -> [String: Any]? {
        let pairs = g.units.compactMap { u in before(u.unit).map { (now: u, then: $0) } }
        guard hasItems(g), !pairs.isEmpty, let prev = previous?.groups.first(where: { $0.name == g.name }) else { return nil }
        var d: [String: Any] = ["previousMean": Numbers.text(prev.stats.mean)]
        let moves = pairs.map { (unit: $0.now.unit, rise: $0.then.rank - $0.now.rank, from: $0.then.rank, to: $0.now.rank) }
        if let up = moves.max(by: { $0.rise < $1.rise }), up.rise > 0 { d["up"] = ["unit": up.unit, "from": up.from, "to": up.to] }
        if let down = moves.min(by: { $0.rise < $1.rise }), down.rise < 0 { d["down"] = ["unit": down.unit, "from": down.from, "to": down.to] }
        return d
    }

    /// 存在的主要问题: each subsection present only when it has something, numbered in order.
    func problemsData(_ units: [UnitResult]) -> [String: Any] {
        var d: [String: Any] = [:], section = 0
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        func number() -> String { defer { section += 1 }; return "（\(numerals[min(section, numerals.count - 1)])）" }
        let vetoUnits = units.filter { !$0.veto.isEmpty }
        if !vetoUnits.isEmpty {
            d["vetoSection"] = ["number": number(), "units": vetoUnits.map { u -> [String: Any] in
                ["unit": u.unit, "reasons": u.veto.map { "\($0.rule)（\(Masking.longDigitRuns($0.reason))）" }.joined(separator: "；")]
            }]
        }
        let common = lostByItem(units)
        if !common.isEmpty {
            d["lostSection"] = ["number": number(), "items": common.map { e -> [String: Any] in
                var item: [String: Any] = ["item": e.item, "unitCount": e.units.count, "points": Numbers.text(e.points),
                                           "units": named(units.map(\.unit).filter(e.units.contains))]
                if e.findings > 0 { item["findings"] = e.findings }
                item["example"] = e.example
                return item
            }]
        }
        let absent = NoticeData.absences.compactMap { a -> [String: Any]? in
            let missing = units.filter { u in
                (u.veto.flatMap(\.findings) + u.lost.flatMap(\.findings) + u.toReview + u.otherFindings).contains { $0.check.rawValue == a.check }
            }.map(\.unit)
            return missing.isEmpty ? nil : ["count": missing.count, "phrase": a.phrase, "units": named(missing)]
        }
        if !absent.isEmpty { d["absenceSection"] = ["number": number(), "items": absent] }
        let repeated = units.compactMap { u in scores.repeatOffences?[u.unit].map { (u.unit, $0) } }.filter { $0.1 > 0 }
        if !repeated.isEmpty {
            d["repeatSection"] = ["number": number(), "units": repeated.map { "\($0.0)（\($0.1)处）" }.joined(separator: "、")]
        }
        let unassessed = units.filter(\.provisional)
        if !unassessed.isEmpty {
            d["unassessedSection"] = ["number": number(), "units": unassessed.map { u -> [String: Any] in
                ["unit": u.unit, "items": u.notAssessed.map { "\($0.item)未评估（\($0.reason)）" }.joined(separator: "；")]
            }]
        }
        let review = units.reduce(0) { $0 + $1.toReview.count }
        if review > 0 { d["reviewSection"] = ["number": number(), "count": review] }
        d["anyProblem"] = !vetoUnits.isEmpty || !common.isEmpty || review > 0 || !repeated.isEmpty || !absent.isEmpty
        return d
    }

    /// Lost points grouped by item (sub-items as `类别—子项`), most units first, then pack order.
    func lostByItem(_ units: [UnitResult]) -> [(item: String, units: Set<String>, findings: Int, points: Decimal, example: String?)] {
        var byItem: [String: (units: Set<String>, findings: Int, points: Decimal, example: String?)] = [:]
        for u in units {
            for l in u.lost {
                var e = byItem[l.label] ?? ([], 0, 0, nil)
                e.units.insert(u.unit); e.findings += l.findings.count; e.points += l.points
                e.example = e.example ?? example(l, unit: u.unit)
                byItem[l.label] = e
            }
        }
        let order = scores.packs.flatMap { p in
            p.items.flatMap { top in [top.name] + (top.children ?? []).flatMap(\.subtree).map { "\(top.name)—\($0.name)" } }
        }
        func position(_ item: String) -> Int { order.firstIndex(of: item) ?? order.count }
        return byItem.map { (item: $0.key, units: $0.value.units, findings: $0.value.findings, points: $0.value.points, example: $0.value.example) }
            .sorted { ($0.units.count, -position($0.item)) > ($1.units.count, -position($1.item)) }
    }
}
