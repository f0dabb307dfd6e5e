import GovLensDocuments

/// Table 3 from word positions: numbers sit in seven columns; each run of numbers at one height
/// is a row; label words belong to the row nearest in height; headings that span several rows
/// (三、本年度办理结果 printed vertically, （三）不予公开 beside its sub-rows) are told apart by
/// their position, not by guessing on flattened lines.
enum Table3Layout {
    struct PrintedRow {
        var page: Int
        var yMid: Double
        var values: [Int?]
        var labelWords: [PDFWord] = []
        var label: String = ""
    }

    static func parse(_ lines: [LayoutLine], form: AnnualReportTemplate.Table3, notes: inout [String]) -> AnnualReport.Table3 {
        let words = lines.flatMap(\.words)
        let numeric = words.filter { CellNumber.int($0.text) != nil || CellNumber.isBlankMark($0.text) }
        let columnCount = form.columns.count
        guard !numeric.isEmpty else {
            notes.append("表三未找到数字")
            return AnnualReport.Table3(columns: form.columns, rows: [])
        }
        // Columns: cluster the numbers' horizontal middles.
        var centers: [[Double]] = []
        for x in numeric.map(\.xMid).sorted() {
            if let last = centers.last?.last, x - last < 9 { centers[centers.count - 1].append(x) } else { centers.append([x]) }
        }
        var columnX = centers.map { $0.reduce(0, +) / Double($0.count) }
        if columnX.count > columnCount {
            // Stray numbers (a year in a caption): keep the most populated clusters, in order.
            let keep = Set(centers.indices.sorted { centers[$0].count > centers[$1].count }.prefix(columnCount))
            columnX = centers.indices.filter(keep.contains).map { columnX[$0] }
        }
        if columnX.count < columnCount { notes.append("表三只识别出 \(columnX.count) 列数字（应为 \(columnCount) 列）") }
        let firstColumnLeft = numeric.filter { abs($0.xMid - columnX[0]) < 9 }.map(\.xMin).min() ?? columnX[0]

        // Rows: numbers at one height on one page.
        var rows: [PrintedRow] = []
        for w in numeric.sorted(by: { ($0.page, $0.yMid) < ($1.page, $1.yMid) }) {
            guard let c = nearest(w.xMid, columnX), abs(columnX[c] - w.xMid) < 12 else { continue }
            let value = CellNumber.int(w.text)
            if let i = rows.indices.last, rows[i].page == w.page, abs(rows[i].yMid - w.yMid) < 5 {
                if rows[i].values[c] == nil { rows[i].values[c] = value }
            } else {
                var r = PrintedRow(page: w.page, yMid: w.yMid, values: Array(repeating: nil, count: columnX.count))
                r.values[c] = value
                rows.append(r)
            }
        }
        if columnX.count < columnCount { for i in rows.indices { rows[i].values += Array(repeating: nil, count: columnCount - columnX.count) } }

        // Labels: words left of the numbers, minus vertical headings, each to the nearest row.
        let labelWords = words.filter { $0.xMax <= firstColumnLeft + 2 && CellNumber.int($0.text) == nil }
        let vertical = verticalStacks(labelWords)
        for w in labelWords where !vertical.contains(w) {
            let candidates = rows.indices.filter { rows[$0].page == w.page }
            guard let best = candidates.min(by: { abs(rows[$0].yMid - w.yMid) < abs(rows[$1].yMid - w.yMid) }),
                  abs(rows[best].yMid - w.yMid) <= 26 else { continue }
            rows[best].labelWords.append(w)
        }
        // Sub-rows (1. 2. …) keep only the words of the sub-row column: the group heading beside
        // them ((三)不予公开, sometimes wrapped into fragments) is not part of their name.
        let numbering = labelWords.filter { startsWithNumbering($0.text) }.map(\.xMin)
        let subColumn = numbering.min()
        for i in rows.indices {
            var ws = rows[i].labelWords
            if let sub = subColumn, ws.contains(where: { startsWithNumbering($0.text) && $0.xMin >= sub - 3 }) {
                ws = ws.filter { $0.xMin >= sub - 3 }
            }
            rows[i].label = joined(ws)
        }
        let printedColumns = headerNames(words: words, columnX: columnX, above: rows.first)
        return AnnualReport.Table3(columns: form.columns, rows: Table3Match.assign(rows.map { ($0.label, $0.values) }, form: form, notes: &notes),
                                   printedColumns: printedColumns)
    }

    static func nearest(_ x: Double, _ centers: [Double]) -> Int? {
        centers.indices.min { abs(centers[$0] - x) < abs(centers[$1] - x) }
    }

    static func startsWithNumbering(_ s: String) -> Bool {
        guard let f = s.first, f.isASCII, f.isNumber else { return false }
        let rest = s.drop { $0.isASCII && $0.isNumber }
        return rest.first.map { ".、．".contains($0) } ?? false
    }

    /// Words in reading order: by line, then left to right, joined without spaces.
    static func joined(_ ws: [PDFWord]) -> String {
        var lines: [[PDFWord]] = []
        for w in ws.sorted(by: { $0.yMid < $1.yMid }) {
            if let l = lines.last?.first, abs(l.yMid - w.yMid) < 3 { lines[lines.count - 1].append(w) } else { lines.append([w]) }
        }
        return lines.map { $0.sorted { $0.xMin < $1.xMin }.map(\.text).joined() }.joined()
    }

    /// Words of one or two characters stacked at one left edge: a heading printed vertically.
    static func verticalStacks(_ ws: [PDFWord]) -> Set<PDFWord> {
        var out = Set<PDFWord>()
        let groups = Dictionary(grouping: ws.filter { $0.text.count <= 2 && !$0.text.contains { $0.isASCII && $0.isNumber } }) { "\($0.page)/\(Int(($0.xMin / 2).rounded()))" }
        for g in groups.values {
            let s = g.sorted { $0.yMin < $1.yMin }
            var run: [PDFWord] = []
            for w in s {
                if let last = run.last, w.yMin - last.yMax > 10 {
                    if run.count >= 3 { out.formUnion(run) }
                    run = []
                }
                run.append(w)
            }
            if run.count >= 3 { out.formUnion(run) }
        }
        return out
    }

    /// The column names above the first row: stacked words under each column, top to bottom.
    static func headerNames(words: [PDFWord], columnX: [Double], above first: PrintedRow?) -> [String]? {
        guard let first, columnX.count > 1 else { return nil }
        let spacing = zip(columnX.dropFirst(), columnX).map { $0 - $1 }.min() ?? 20
        let spanning: Set<String> = ["申请人情况", "法人或其他组织"]
        let header = words.filter { $0.page == first.page && $0.yMid < first.yMid - 6 && $0.xMin >= columnX[0] - spacing
            && !spanning.contains($0.text) && CellNumber.int($0.text) == nil }
        return columnX.map { x in
            joined(header.filter { abs($0.xMid - x) < spacing / 2 })
        }
    }
}
