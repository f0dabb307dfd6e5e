import GovLensCore

/// The kind of body that publishes the report: the deadline differs (条例第四十九条).
public enum AnnualReportUnitType: String, Codable, Sendable, CaseIterable {
    case government, department
}

/// Every annual-report check on a parsed report. A site scan calls the same entry point with the
/// report it found, last year's if it has it, and the date the column lists.
public struct AnnualReportChecker: Sendable {
    public var template: AnnualReportTemplate

    public init(template: AnnualReportTemplate = .standard) { self.template = template }

    /// The findings of `report`: arithmetic, template, text against tables, sections, the
    /// deadline (when the publication date is known) and, with last year's report, copying and
    /// cross-year figures. `unitType` nil: inferred from the title (人民政府/管委会 → government).
    /// `siteNormative`: how many 规范性文件 the unit's site lists (an approximation), for site-count.
    public func check(report: AnnualReport, previous: AnnualReport? = nil, publishedOn: SimpleDate? = nil,
                      unitType: AnnualReportUnitType? = nil, siteNormative: Int? = nil) -> [AnnualReportFinding] {
        let form = template.format(report.format) ?? template.current
        var out: [AnnualReportFinding] = []
        out += ArithmeticCheck.findings(report, form: form)
        out += TemplateCheck.findings(report, form: form, template: template)
        out += TextTableCheck.findings(report, template: template)
        out += SectionCheck.findings(report, form: form)
        if let previous {
            out += CopyCheck.findings(report, previous: previous, thresholds: template.thresholds)
            out += CrossYearCheck.findings(report, previous: previous)
        }
        out += DeadlineCheck.findings(report, publishedOn: publishedOn ?? report.publishedOn, unitType: unitType, template: template)
        out += AuthorCheck.findings(report)
        if let siteNormative { out += SiteCountCheck.findings(report, listed: siteNormative, share: template.thresholds.siteCountShare) }
        return out
    }
}

/// Every identity of the form (`identities` in the template), cell by cell.
enum ArithmeticCheck {
    static func findings(_ r: AnnualReport, form: AnnualReportTemplate.Format) -> [AnnualReportFinding] {
        var out: [AnnualReportFinding] = []
        let t3 = r.table3
        let present = Set(t3.rows.map(\.key))
        for id in form.identities {
            switch (id.table, id.each) {
            case (3, .row):
                for row in t3.rows {
                    guard let l = sum(id.left.map { t3.value(row.key, $0) }), let rr = sum(id.right.map { t3.value(row.key, $0) }), l != rr else { continue }
                    out.append(finding("表三", row: row.key, column: id.left.joined(separator: "+"), l, rr, id: id,
                                       "表三“\(row.label)”行：总计为 \(l)，各类申请人合计为 \(rr)"))
                }
            case (3, .column):
                // Rows of the form not printed (the 2019 (六) or the 2021 sub-rows) count as absent, not as errors.
                // A row of the form that is missing (a table cut off) stops the identity: a
                // partial sum would report a difference that is only the parser's.
                let replaced = form.table3.superseded.map(\.key).filter(present.contains)
                let required = Set(form.table3.rows.map(\.key)).filter { k in !replaced.contains { k.hasPrefix($0) } }
                let left = id.left.filter(present.contains), right = id.right.filter(present.contains)
                guard left.count == id.left.count, !right.isEmpty,
                      id.right.allSatisfy({ present.contains($0) || !required.contains($0) }) else { continue }
                for column in t3.columns {
                    guard let l = sum(left.map { t3.value($0, column) }), let rr = sum(right.map { t3.value($0, column) }), l != rr else { continue }
                    let name = id.left.count == 1 ? id.left[0] : id.left.joined(separator: "+")
                    out.append(finding("表三", row: name, column: column, l, rr, id: id,
                                       "表三“\(column)”列：\(name) 为 \(l)，\(right.count == 2 ? right.joined(separator: "+") : "各分项之和")为 \(rr)（\(id.title)）"))
                }
            case (4, .block):
                for block in Set(r.table4.map(\.block)).sorted() {
                    guard let l = sum(id.left.map { r.table4Value(block: block, column: $0) }),
                          let rr = sum(id.right.map { r.table4Value(block: block, column: $0) }), l != rr else { continue }
                    out.append(finding("表四", row: block, column: id.left.joined(separator: "+"), l, rr, id: id,
                                       "表四“\(block)”：总计为 \(l)，四项结果之和为 \(rr)"))
                }
            default: continue
            }
        }
        return out
    }

    static func sum(_ values: [Int?]) -> Int? {
        var s = 0
        for v in values { guard let v else { return nil }; s += v }
        return s
    }

    static func finding(_ table: String, row: String, column: String, _ stated: Int, _ computed: Int,
                        id: AnnualReportTemplate.Identity, _ message: String) -> AnnualReportFinding {
        AnnualReportFinding(check: .annualReportArithmetic, severity: .deduct, message: message,
                            suggestion: "请核对\(table)数据，使其满足“\(id.title)”。",
                            table: table, row: row, column: column, stated: Double(stated), computed: Double(computed))
    }
}
