import Foundation
import GovLensCore

/// Figures the text states about a table cell (受理申请 N 件 …) against the table.
enum TextTableCheck {
    struct Stated { var value: Int; var excerpt: String }

    /// The prose the statements are read from: every section but the three tables, whitespace removed
    /// (a PDF line break may fall inside 信息公开申请).
    static func prose(_ r: AnnualReport) -> String {
        r.sections.filter { !["二", "三", "四"].contains($0.number) }.map(\.text).joined(separator: "\n")
            .filter { !$0.isWhitespace }
    }

    static func statedValues(_ s: AnnualReportTemplate.Statement, in r: AnnualReport) -> [Stated] {
        guard let regex = try? NSRegularExpression(pattern: s.pattern) else { return [] }
        let text = prose(r)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            for g in 1..<m.numberOfRanges where m.range(at: g).location != NSNotFound {
                guard let v = Int(ns.substring(with: m.range(at: g))) else { continue }
                // The excerpt starts at the clause: after the last 。；，within 20 characters.
                var lo = max(0, m.range.location - 20)
                let before = ns.substring(with: NSRange(location: lo, length: m.range.location - lo))
                if let cut = before.lastIndex(where: { "。；，".contains($0) }) {
                    lo += before.utf16.distance(from: before.startIndex, to: before.index(after: cut))
                }
                return Stated(value: v, excerpt: ns.substring(with: NSRange(location: lo, length: m.range.location + m.range.length - lo)))
            }
            return nil
        }
    }

    /// The table's value for a statement, and the values that also read as consistent (受理 may
    /// include 上年结转: 一 or 一+二).
    static func cell(_ s: AnnualReportTemplate.Statement, in r: AnnualReport) -> (name: String, value: Int, alternatives: [Int])? {
        switch s.table {
        case 3:
            guard let v = r.table3.value(s.row, s.column) else { return nil }
            var alt: [Int] = []
            if s.row == "一", let c = r.table3.value("二", s.column) { alt.append(v + c) }
            if s.row == "三(七)", let c = r.table3.value("四", s.column) { alt.append(v + c) }
            return ("表三 \(r.table3.row(s.row)?.label ?? s.row) \(s.column)", v, alt)
        case 4:
            let blocks = Set(r.table4.map(\.block)).filter { $0 == s.row || $0.hasPrefix(s.row + "/") }
            guard !blocks.isEmpty else { return nil }
            var total = 0
            for b in blocks { guard let v = r.table4Value(block: b, column: s.column) else { return nil }; total += v }
            return ("表四 \(s.row) \(s.column)", total, [])
        default:
            guard let v = r.table2Value(row: s.row, column: s.column), v == v.rounded() else { return nil }
            return ("表二 \(s.row) \(s.column)", Int(v), [])
        }
    }

    static func findings(_ r: AnnualReport, template: AnnualReportTemplate) -> [AnnualReportFinding] {
        var out: [AnnualReportFinding] = []
        for s in template.statements {
            guard let c = cell(s, in: r) else { continue }
            for stated in statedValues(s, in: r) where stated.value != c.value && !c.alternatives.contains(stated.value) {
                out.append(AnnualReportFinding(
                    check: .annualReportTextTable, severity: .deduct,
                    message: "正文称“\(stated.excerpt)”（\(s.name) \(stated.value) 件），\(c.name) 为 \(c.value)",
                    suggestion: "请核对正文与表格，使两者一致。",
                    table: c.name.components(separatedBy: " ").first, row: s.row, column: s.column,
                    stated: Double(stated.value), cell: c.name, value: Double(c.value)))
            }
        }
        return out
    }
}

/// Share of 五 (and of 一) made of passages identical to last year's.
enum CopyCheck {
    static func findings(_ r: AnnualReport, previous: AnnualReport, thresholds: AnnualReportTemplate.Thresholds) -> [AnnualReportFinding] {
        var out: [AnnualReportFinding] = []
        for (number, threshold, severity) in [("五", thresholds.copyShare, Severity.deduct), ("一", thresholds.copyShareOverview, Severity.info)] {
            guard let now = r.section(number), let before = previous.section(number) else { continue }
            let (share, passages) = copied(now.text, from: before.text, run: thresholds.copyRun)
            guard share >= threshold else { continue }
            out.append(AnnualReportFinding(
                check: .annualReportCopied, severity: severity,
                message: "“\(now.heading)”有 \(Int((share * 100).rounded()))% 的文字与上一年度报告相同（连续 \(thresholds.copyRun) 字以上相同的段落）",
                suggestion: number == "五" ? "请结合本年度实际查找问题、提出改进措施，不要照搬上年内容。" : "请结合本年度工作实际撰写。",
                needsReview: number == "一", row: number, share: (share * 1000).rounded() / 1000, passages: Array(passages.prefix(5))))
        }
        return out
    }

    /// The share of `text`'s characters (punctuation and whitespace ignored) inside runs of at
    /// least `run` characters that also occur in `previous`, and those runs.
    static func copied(_ text: String, from previous: String, run: Int) -> (Double, [String]) {
        func core(_ s: String) -> [Character] { s.filter { $0.isLetter || $0.isNumber } }
        let a = core(text), b = core(previous)
        guard a.count >= run, b.count >= run else { return (0, []) }
        var grams = Set<String>()
        for i in 0...(b.count - run) { grams.insert(String(b[i..<(i + run)])) }
        var covered = [Bool](repeating: false, count: a.count)
        for i in 0...(a.count - run) where grams.contains(String(a[i..<(i + run)])) {
            for k in i..<(i + run) { covered[k] = true }
        }
        var passages: [String] = [], current = ""
        for (i, c) in covered.enumerated() {
            if c { current.append(a[i]) } else if !current.isEmpty { passages.append(current); current = "" }
        }
        if !current.isEmpty { passages.append(current) }
        let share = Double(covered.filter { $0 }.count) / Double(a.count)
        return (share, passages.sorted { $0.count > $1.count }.map { $0.count > 80 ? String($0.prefix(80)) + "…" : $0 })
    }
}

/// This year's carried-in applications against last year's carried-forward; normative documents
/// in force against last year's plus issued minus repealed.
enum CrossYearCheck {
    static func findings(_ r: AnnualReport, previous p: AnnualReport) -> [AnnualReportFinding] {
        var out: [AnnualReportFinding] = []
        for column in r.table3.columns {
            guard let now = r.table3.value("二", column), let before = p.table3.value("四", column), now != before else { continue }
            out.append(AnnualReportFinding(
                check: .annualReportCrossYear, severity: .deduct,
                message: "表三“二、上年结转”\(column)为 \(now)，上一年度报告“四、结转下年度继续办理”为 \(before)",
                suggestion: "请核对上年结转数与上一年度报告的结转下年度数。", needsReview: true,
                table: "表三", row: "二", column: column, stated: Double(now), computed: Double(before)))
        }
        let row = "行政规范性文件"
        if let now = r.table2Value(row: row, column: "现行有效件数"), let before = p.table2Value(row: row, column: "现行有效件数"),
           let issued = r.table2Value(row: row, column: "本年制发件数"), let repealed = r.table2Value(row: row, column: "本年废止件数"),
           now != before + issued - repealed {
            let expected = before + issued - repealed
            out.append(AnnualReportFinding(
                check: .annualReportCrossYear, severity: .warn,
                message: "表二行政规范性文件现行有效 \(fmt(now)) 件，上年现行有效 \(fmt(before)) + 本年制发 \(fmt(issued)) − 本年废止 \(fmt(repealed)) = \(fmt(expected)) 件",
                suggestion: "请核对现行有效件数（修改、清理也会使其变化，需人工确认）。", needsReview: true,
                table: "表二", row: row, column: "现行有效件数", stated: now, computed: expected))
        }
        return out
    }

    static func fmt(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}

/// 条例第四十九条: published by 31 January (departments) or 31 March (governments) of the next year.
enum DeadlineCheck {
    static func findings(_ r: AnnualReport, publishedOn: SimpleDate?, unitType: AnnualReportUnitType?,
                         template: AnnualReportTemplate) -> [AnnualReportFinding] {
        guard let published = publishedOn, let year = r.year else { return [] }
        let inferred = unitType ?? infer(r.title)
        guard let type = inferred, let md = template.deadlines[type.rawValue],
              let due = SimpleDate(year: year + 1, month: md.month, day: md.day), published > due else { return [] }
        let who = type == .government ? "县级以上人民政府" : "政府部门"
        return [AnnualReportFinding(
            check: .annualReportDeadline, severity: .deduct,
            message: "\(year)年度报告于 \(published) 发布，晚于\(who)的期限 \(due)（条例第四十九条）",
            suggestion: "请按期发布年度报告。", needsReview: unitType == nil)]
    }

    static func infer(_ title: String?) -> AnnualReportUnitType? {
        guard let t = title else { return nil }
        if t.contains("人民政府") && !t.contains("办公室") || t.contains("管委会") || t.contains("管理委员会") { return .government }
        if ["局", "委员会", "办公室", "厅", "中心"].contains(where: t.contains) { return .department }
        return nil
    }
}

/// A PDF whose author field holds a person's name: information, the name masked.
enum AuthorCheck {
    static let surnames = Set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".map { $0 })

    static func isPersonalName(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard (2...4).contains(t.count), let f = t.first, surnames.contains(f) else { return false }
        return t.allSatisfy { $0.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) } }
    }

    static func findings(_ r: AnnualReport) -> [AnnualReportFinding] {
        guard r.authorIsPersonalName == true, let a = r.authorField else { return [] }
        return [AnnualReportFinding(
            check: .annualReportAuthor, severity: .info,
            message: "PDF 文档属性的作者字段为个人姓名（\(a)）",
            suggestion: "发布前请清除文档属性中的个人信息（作者、单位等）。")]
    }

    /// The surname kept, the rest starred: the finding says what kind of value it is, not whose.
    static func masked(_ name: String) -> String { String(name.prefix(1)) + String(repeating: "*", count: max(1, name.count - 1)) }
}
