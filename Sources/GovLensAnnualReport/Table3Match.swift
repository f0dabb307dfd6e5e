/// Gives each printed row of table 3 its form key, in order: the printed label is compared with
/// the next few rows of the form, so a mangled label (2.其他法律行政止公开) still finds its row and a
/// missing row does not shift the rest.
enum Table3Match {
    /// The form's rows with the superseded ones placed where they stood (（六）其他处理 before （六）1.).
    static func sequence(_ form: AnnualReportTemplate.Table3) -> [AnnualReportTemplate.Table3Row] {
        var out: [AnnualReportTemplate.Table3Row] = []
        for row in form.rows {
            for old in form.superseded where row.key.hasPrefix(old.key) && row.key != old.key && !out.contains(old) {
                out.append(old)
            }
            out.append(row)
        }
        return out
    }

    static func assign(_ printed: [(label: String, values: [Int?])], form: AnnualReportTemplate.Table3,
                       notes: inout [String]) -> [AnnualReport.Table3Row] {
        let seq = sequence(form)
        var next = 0
        var out: [AnnualReport.Table3Row] = []
        for p in printed {
            guard next < seq.count else {
                notes.append("表三多出一行：“\(p.label)”")
                continue
            }
            let window = next..<min(seq.count, next + 5)
            let scored = window.map { ($0, Labels.similarity(p.label, seq[$0].label)) }
            let best = scored.max { $0.1 < $1.1 }!
            var index = best.1 >= 0.45 ? best.0 : next
            // An unreadable label takes the next row, unless that row is a superseded one.
            if best.1 < 0.45, form.superseded.contains(seq[index]), index + 1 < seq.count { index += 1 }
            let row = seq[index]
            out.append(AnnualReport.Table3Row(key: row.key, label: row.label, printed: p.label, values: p.values))
            next = index + 1
            // After a superseded row, its 2021 sub-rows are not expected.
            if form.superseded.contains(row) { while next < seq.count, seq[next].key.hasPrefix(row.key) { next += 1 } }
        }
        return out
    }
}
