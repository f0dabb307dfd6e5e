import GovLensDocuments

/// Table 2 from positions: a block heading (第二十条第（X）项), a header line starting 信息内容 whose
/// words are the columns, then lines of a name and numbers, each number under the nearest column.
enum Table2Layout {
    static func parse(_ lines: [LayoutLine], form: AnnualReportTemplate.Format, notes: inout [String]) -> [AnnualReport.Table2Cell] {
        var cells: [AnnualReport.Table2Cell] = []
        var block: AnnualReportTemplate.Table2Block?
        var columns: [(name: String, x: Double, left: Double)] = []
        var printedColumns: [String: String] = [:]
        for line in lines {
            let compact = Labels.normalize(line.text)
            if compact.contains("第二十条") {
                block = form.table2.max { Labels.similarity(compact, $0.block) < Labels.similarity(compact, $1.block) }
                columns = []
                continue
            }
            guard let b = block else { continue }
            if compact.hasPrefix("信息内容") {
                columns = line.words.dropFirst().map { w in
                    let name = b.columns.max { Labels.similarity(w.text, $0) < Labels.similarity(w.text, $1) } ?? w.text
                    if Labels.normalize(w.text) != Labels.normalize(name) { printedColumns[name] = w.text }
                    return (name, w.xMid, w.xMin)
                }
                continue
            }
            let numbers = line.words.filter { CellNumber.decimal($0.text) != nil }
            let label = line.words.filter { CellNumber.decimal($0.text) == nil && !CellNumber.isBlankMark($0.text) }.map(\.text).joined()
            guard !numbers.isEmpty || line.words.contains(where: { CellNumber.isBlankMark($0.text) }), !label.isEmpty, !columns.isEmpty else { continue }
            let row = b.rows.max { Labels.similarity(label, $0) < Labels.similarity(label, $1) } ?? label
            guard Labels.similarity(label, row) >= 0.4 else { continue }
            // Numbers may be centred or left-aligned under their heading: the nearer of both counts.
            func distance(_ w: PDFWord, _ c: (name: String, x: Double, left: Double)) -> Double {
                min(abs(w.xMid - c.x), abs(w.xMin - c.left))
            }
            for col in columns {
                let w = line.words.filter { CellNumber.decimal($0.text) != nil || CellNumber.isBlankMark($0.text) }
                    .min { distance($0, col) < distance($1, col) }
                let taken = w.flatMap { w in columns.min { distance(w, $0) < distance(w, $1) }?.name == col.name ? w : nil }
                cells.append(AnnualReport.Table2Cell(block: b.block, row: row, column: col.name,
                                                     value: taken.flatMap { CellNumber.decimal($0.text) },
                                                     printedRow: Labels.normalize(label) == Labels.normalize(row) ? nil : label,
                                                     printedColumn: printedColumns[col.name]))
            }
        }
        if cells.isEmpty { notes.append("表二未能读出数字") }
        return cells
    }
}

/// Table 4 is one row of fifteen numbers: five per block, in the form's order.
enum Table4Layout {
    static func parse(_ lines: [LayoutLine], form: AnnualReportTemplate.Table4, notes: inout [String]) -> [AnnualReport.Table4Cell] {
        let tokens = lines.flatMap { $0.words }.filter { CellNumber.int($0.text) != nil || CellNumber.isBlankMark($0.text) }
            .sorted { ($0.page, $0.yMid, $0.xMin) < ($1.page, $1.yMid, $1.xMin) }
        return Table4Text.cells(tokens.map { CellNumber.int($0.text) }, form: form, notes: &notes)
    }
}

enum Table4Text {
    /// Cells from the numbers in order; anything but the form's count is a note, not a guess.
    static func cells(_ values: [Int?], form: AnnualReportTemplate.Table4, notes: inout [String]) -> [AnnualReport.Table4Cell] {
        let want = form.blocks.count * form.columns.count
        if values.count != want { notes.append("表四读出 \(values.count) 个数字，应为 \(want) 个，未采用") }
        var out: [AnnualReport.Table4Cell] = []
        for (b, block) in form.blocks.enumerated() {
            for (c, column) in form.columns.enumerated() {
                let i = b * form.columns.count + c
                out.append(AnnualReport.Table4Cell(block: block, column: column, value: values.count == want ? values[i] : nil))
            }
        }
        return out
    }
}
