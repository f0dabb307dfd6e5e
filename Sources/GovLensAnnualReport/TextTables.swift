/// Tables from text where the cells have lost their positions (a saved page, DOCX, plain text):
/// the form's labels are found in order and the numbers after each are read. When a page has run
/// the digits together (801000081), the row is split where the form's identity holds (the 总计 is
/// the sum of the applicant columns); a split that is not unique is left unread, never guessed.
struct TextTables {
    /// The text, whitespace runs made one space, numbering punctuation unified.
    let chars: [Character]

    init(_ text: String) {
        var out: [Character] = []
        // A run of whitespace becomes one space, or one line break if it held one (the title and
        // the `发布时间:` line are read line by line).
        for ch in text {
            if ch.isWhitespace {
                if ch.isNewline, out.last == " " { out[out.count - 1] = "\n" }
                else if let l = out.last, l.isWhitespace {} else { out.append(ch.isNewline ? "\n" : " ") }
                continue
            }
            out.append(ch)
        }
        chars = out
    }

    /// The end of `label` found at or after `from`, matching characters and ignoring spaces and
    /// the difference between 1、 and 1. (both normalised).
    func find(_ label: String, from: Int, limit: Int? = nil) -> (start: Int, end: Int)? {
        let want = Array(Labels.normalize(label))
        guard let first = want.first else { return nil }
        let stop = min(limit ?? chars.count, chars.count)
        var i = from
        while i < stop {
            if same(chars[i], first, at: i) {
                var j = i, k = 0
                while j < chars.count, k < want.count {
                    if chars[j].isWhitespace { j += 1; continue }
                    if !same(chars[j], want[k], at: j) { break }
                    j += 1; k += 1
                }
                if k == want.count { return (i, j) }
            }
            i += 1
        }
        return nil
    }

    private func same(_ c: Character, _ w: Character, at i: Int) -> Bool {
        if c == w { return true }
        if w == ".", "、．".contains(c), i > 0, chars[i - 1].isASCII, chars[i - 1].isNumber { return true }
        if w == "（" { return c == "(" }
        if w == "）" { return c == ")" }
        return false
    }

    /// The numbers right after `end`: tokens separated by spaces; stops at the first other character.
    /// `nextNumbering`: the next label starts with this number and a dot, glued to our digits.
    func numbers(after end: Int, nextNumbering: String?) -> [String] {
        var j = end
        var run = ""
        // ASCII digits only: 二 and 三 are numbers to Unicode, and they start the next row's name.
        while j < chars.count, chars[j].isASCII && chars[j].isNumber || chars[j].isWhitespace || chars[j] == "." || CellNumber.isBlankMark(String(chars[j])) {
            if chars[j] == ".", !(j + 1 < chars.count && chars[j + 1].isASCII && chars[j + 1].isNumber && run.last?.isNumber == true) { break }
            run.append(chars[j]); j += 1
        }
        var tokens = run.split(whereSeparator: \.isWhitespace).map(String.init)
        if let n = nextNumbering, j < chars.count, "、.．".contains(chars[j]), let last = tokens.last, last.hasSuffix(n) {
            let cut = String(last.dropLast(n.count))
            if cut.isEmpty { tokens.removeLast() } else { tokens[tokens.count - 1] = cut }
        }
        return tokens
    }

    /// Splits glued digits into `count` integers (no leading zeros) for which `accept` holds; nil
    /// unless exactly one split does.
    static func split(_ digits: String, count: Int, accept: ([Int]) -> Bool) -> [Int]? {
        let all = splits(digits, count: count, limit: 2, accept: accept)
        return all.count == 1 ? all[0] : nil
    }

    /// Up to `limit` splits of glued digits into `count` integers for which `accept` holds.
    static func splits(_ digits: String, count: Int, limit: Int, accept: ([Int]) -> Bool) -> [[Int]] {
        let d = Array(digits)
        guard d.count >= count, d.count <= count * 7 else { return [] }
        var found: [[Int]] = []
        var parts: [Int] = []
        func go(_ i: Int) {
            if found.count >= limit { return }
            if parts.count == count {
                if i == d.count, accept(parts) { found.append(parts) }
                return
            }
            let left = count - parts.count
            guard d.count - i >= left else { return }
            let maxLen = d[i] == "0" ? 1 : min(7, d.count - i - (left - 1))
            guard maxLen >= 1 else { return }
            for len in 1...maxLen {
                parts.append(Int(String(d[i..<(i + len)]))!)
                go(i + len)
                parts.removeLast()
            }
        }
        go(0)
        return found
    }

    /// Tokens read as `count` values: as printed when there are that many, else split.
    static func values(_ tokens: [String], count: Int, accept: ([Int]) -> Bool) -> [Int?]? {
        if tokens.count == count { return tokens.map { CellNumber.int($0) } }
        let digits = tokens.joined()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return split(digits, count: count, accept: accept)
    }

    /// Rows of 三 left unread because their glued digits split several ways: when every other row
    /// is known, the column sums (（七）总计 = Σ) leave at most one combination of candidate splits.
    static func resolveByColumns(_ rows: inout [AnnualReport.Table3Row], candidates: [String: [[Int]]]) -> [String] {
        guard let total = rows.first(where: { $0.key == "三(七)" })?.values, total.allSatisfy({ $0 != nil }) else { return [] }
        let parts = rows.indices.filter { rows[$0].key.hasPrefix("三(") && rows[$0].key != "三(七)" }
        let unknown = parts.filter { rows[$0].values.contains(nil) }
        guard (1...3).contains(unknown.count), unknown.allSatisfy({ !(candidates[rows[$0].key] ?? []).isEmpty }) else { return [] }
        var residual = total.map { $0! }
        for i in parts where !unknown.contains(i) {
            for c in residual.indices { residual[c] -= rows[i].values[c]! }
        }
        var solutions: [[[Int]]] = []
        func go(_ k: Int, _ chosen: [[Int]]) {
            if solutions.count > 1 { return }
            if k == unknown.count {
                if residual.indices.allSatisfy({ c in chosen.reduce(0) { $0 + $1[c] } == residual[c] }) { solutions.append(chosen) }
                return
            }
            for cand in candidates[rows[unknown[k]].key]! { go(k + 1, chosen + [cand]) }
        }
        go(0, [])
        guard solutions.count == 1 else { return [] }
        for (k, i) in unknown.enumerated() { rows[i].values = solutions[0][k].map { $0 } }
        return unknown.map { rows[$0].key }
    }

    // MARK: the three tables

    func table3(_ form: AnnualReportTemplate.Table3, from: Int, to: Int, notes: inout [String]) -> [AnnualReport.Table3Row] {
        let seq = Table3Match.sequence(form)
        var cursor = from
        var out: [AnnualReport.Table3Row] = []
        var unsplit: [String] = []
        var candidates: [String: [[Int]]] = [:]
        for (i, row) in seq.enumerated() {
            guard let hit = find(row.label, from: cursor, limit: to) else { continue }
            // A superseded row name that is really the 2021 group heading: its sub-row follows at once.
            if form.superseded.contains(row), i + 1 < seq.count, let sub = find(seq[i + 1].label, from: hit.end, limit: to),
               sub.start - hit.end <= 2 { continue }
            // The next row's number (1. after (五)5 even when the superseded (六) stands between).
            let nextNumbering = seq.dropFirst(i + 1).prefix(2).first { Table3Layout.startsWithNumbering($0.label) }
                .map { String($0.label.prefix { $0.isASCII && $0.isNumber }) }
            let tokens = numbers(after: hit.end, nextNumbering: nextNumbering)
            guard !tokens.isEmpty else { continue }
            let n = form.columns.count
            let values = TextTables.values(tokens, count: n) { v in v.dropLast().reduce(0, +) == v.last! }
            if values == nil {
                unsplit.append(row.key)
                let digits = tokens.joined()
                if digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    candidates[row.key] = TextTables.splits(digits, count: n, limit: 40) { v in v.dropLast().reduce(0, +) == v.last! }
                }
            }
            out.append(AnnualReport.Table3Row(key: row.key, label: row.label, printed: String(chars[hit.start..<hit.end]).filter { !$0.isWhitespace },
                                              values: values ?? Array(repeating: nil, count: n)))
            cursor = hit.end
        }
        let resolved = TextTables.resolveByColumns(&out, candidates: candidates)
        if !resolved.isEmpty {
            notes.append("表三以下行的数字粘连，按“（七）总计等于各项之和”逐列拆分（这些行的该项勾稽关系因此不再单独核对）：" + resolved.joined(separator: "、"))
        }
        unsplit.removeAll { resolved.contains($0) }
        if !unsplit.isEmpty { notes.append("表三以下行的数字粘连且无法唯一拆分，未读出：" + unsplit.joined(separator: "、")) }
        return out
    }

    func table4(_ form: AnnualReportTemplate.Table4, from: Int, to: Int, notes: inout [String]) -> [AnnualReport.Table4Cell] {
        // The numbers follow the last column heading (总计) of the header.
        var cursor = from, lastHeader: Int?
        while let hit = find("总计", from: cursor, limit: to) { lastHeader = hit.end; cursor = hit.end }
        guard let start = lastHeader else { return Table4Text.cells([], form: form, notes: &notes) }
        let tokens = numbers(after: start, nextNumbering: nil)
        let k = form.columns.count, n = form.blocks.count * k
        let values = TextTables.values(tokens, count: n) { v in
            stride(from: 0, to: v.count, by: k).allSatisfy { b in v[b..<(b + k - 1)].reduce(0, +) == v[b + k - 1] }
        }
        if values == nil, !tokens.isEmpty { notes.append("表四的数字粘连且无法唯一拆分，未读出") }
        return Table4Text.cells(values ?? [], form: form, notes: &notes)
    }

    func table2(_ form: AnnualReportTemplate.Format, from: Int, to: Int, hints: [String: Int], notes: inout [String]) -> [AnnualReport.Table2Cell] {
        var cells: [AnnualReport.Table2Cell] = []
        var cursor = from
        for block in form.table2 {
            guard let b = find(block.block, from: cursor, limit: to) else { continue }
            cursor = b.end
            for row in block.rows {
                guard let r = find(row, from: cursor, limit: to) else { continue }
                cursor = r.end
                let tokens = numbers(after: r.end, nextNumbering: nil)
                var values: [Double?] = Array(repeating: nil, count: block.columns.count)
                if tokens.count == block.columns.count {
                    values = tokens.map { CellNumber.decimal($0) }
                } else if !tokens.isEmpty, tokens.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
                    // Glued: only a split that agrees with the text's own figures (制发 N 件) is taken.
                    let hint = hints[row]
                    if let v = TextTables.split(tokens.joined(), count: block.columns.count, accept: { hint == nil || $0[0] == hint! }) {
                        values = v.map { Double($0) }
                    } else {
                        notes.append("表二“\(row)”的数字“\(tokens.joined())”粘连且无法唯一拆分，未读出")
                    }
                }
                for (c, column) in block.columns.enumerated() {
                    cells.append(AnnualReport.Table2Cell(block: block.block, row: row, column: column, value: values[c]))
                }
            }
        }
        return cells
    }
}
