import GovLensCore

/// Row and column names that differ from the form beyond whitespace, line wrapping and numbering
/// punctuation; rows of the superseded 2019 form; rows missing (a table cut off at a page end).
enum TemplateCheck {
    static func findings(_ r: AnnualReport, form: AnnualReportTemplate.Format, template: AnnualReportTemplate) -> [AnnualReportFinding] {
        var out: [AnnualReportFinding] = []
        func add(_ table: String?, row: String?, column: String?, _ message: String, _ suggestion: String) {
            out.append(AnnualReportFinding(check: .annualReportTemplate, severity: .deduct, message: message,
                                           suggestion: suggestion, table: table, row: row, column: column))
        }
        if form.id != template.current.id {
            add(nil, row: nil, column: nil, "本报告使用已废止的\(form.id)年格式（\(form.basis)），已按该格式的行列核对",
                "请按\(template.current.basis)规定的格式编制年度报告。")
        }
        let rows = r.table3.rows
        for row in rows {
            if form.table3.superseded.contains(where: { $0.key == row.key }) {
                add("表三", row: row.key, column: nil,
                    "表三“\(row.printed)”是2019年旧格式的行，\(template.current.basis)格式应分列三个分项（申请人无正当理由逾期不补正…、申请人逾期未按收费通知要求缴纳费用…、其他）",
                    "请按\(template.current.basis)格式拆分为三个分项填报。")
                continue
            }
            guard !row.printed.isEmpty, Labels.normalize(row.printed) != Labels.normalize(row.label) else { continue }
            let d = Labels.difference(printed: row.printed, template: row.label)
            var what: [String] = []
            if !d.missing.isEmpty { what.append("缺少“" + d.missing.joined(separator: "”“") + "”") }
            if !d.extra.isEmpty { what.append("多出或改为“" + d.extra.joined(separator: "”“") + "”") }
            add("表三", row: row.key, column: nil, "表三行名“\(row.printed)”与模板“\(row.label)”不一致：" + what.joined(separator: "，"),
                "请按模板改为“\(row.label)”。")
        }
        if !rows.isEmpty {
            let present = Set(rows.map(\.key))
            let replaced = Set(form.table3.superseded.map(\.key)).intersection(present)
            let missing = form.table3.rows.filter { row in !present.contains(row.key) && !replaced.contains { row.key.hasPrefix($0) } }
            if !missing.isEmpty {
                add("表三", row: missing.map(\.key).joined(separator: "、"), column: nil,
                    "表三缺少 \(missing.count) 行：" + missing.map(\.label).joined(separator: "；") + (missing.contains { $0.key == "四" } ? "（表格可能在页末被截断）" : ""),
                    "请补齐模板规定的全部行。")
            }
        }
        if let printed = r.table3.printedColumns, printed.count == form.table3.columns.count {
            for (p, c) in zip(printed, form.table3.columns) where !p.isEmpty && Labels.normalize(p) != Labels.normalize(c) {
                add("表三", row: nil, column: c, "表三列名“\(p)”与模板“\(c)”不一致", "请按模板改为“\(c)”。")
            }
        }
        for cell in r.table2 {
            if let p = cell.printedRow, !out.contains(where: { $0.table == "表二" && $0.row == cell.row }) {
                add("表二", row: cell.row, column: nil, "表二行名“\(p)”与模板“\(cell.row)”不一致", "请按模板改为“\(cell.row)”。")
            }
            if let p = cell.printedColumn, !out.contains(where: { $0.table == "表二" && $0.column == cell.column && $0.row == cell.block }) {
                add("表二", row: cell.block, column: cell.column, "表二\(cell.block)列名“\(p)”与模板“\(cell.column)”不一致",
                    "请按模板改为“\(cell.column)”。")
            }
        }
        return out
    }
}

/// Sections missing, empty or out of order; 总体情况 without 依申请公开; no word on 信息处理费.
enum SectionCheck {
    static func findings(_ r: AnnualReport, form: AnnualReportTemplate.Format) -> [AnnualReportFinding] {
        var out: [AnnualReportFinding] = []
        func add(_ message: String, _ suggestion: String, row: String? = nil) {
            out.append(AnnualReportFinding(check: .annualReportSection, severity: .deduct, message: message, suggestion: suggestion, row: row))
        }
        for (i, heading) in form.sections.enumerated() {
            let number = SectionFinder.numerals[i]
            guard let s = r.section(number) else { add("缺少第\(number)部分“\(heading)”", "请按格式补写“\(heading)”。", row: number); continue }
            if s.text.filter({ !$0.isWhitespace }).count < 4 { add("第\(number)部分“\(heading)”内容为空", "请填写“\(heading)”的内容。", row: number) }
        }
        let order = r.sections.map(\.number)
        if order != SectionFinder.numerals.filter(order.contains) {
            add("各部分顺序与格式不符：" + r.sections.map(\.heading).joined(separator: "→"), "请按一至六的顺序排列各部分。")
        }
        if let overview = r.section("一"), !overview.text.contains("依申请") {
            add("“总体情况”未写依申请公开情况", "请在总体情况中说明依申请公开工作。", row: "一")
        }
        if !r.text.contains("处理费") {
            add("全文未说明信息处理费收取情况", "请在“其他需要报告的事项”中说明本年度信息处理费的收取情况（未收取也应说明）。", row: "六")
        }
        return out
    }
}
