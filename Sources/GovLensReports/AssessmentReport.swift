import Foundation
import GovLensCore
import GovLensDocuments
import GovLensScoring

/// Everything a scored assessment is published as: the ranking tables (附件1), the 通报, and
/// one 问题清单 per unit (附件2). Every renderer reads the same tables, so the DOCX, XLSX,
/// Markdown and HTML never disagree.
public struct AssessmentReport {
    public let scores: ScoreReport
    /// The office that issues the 通报 (落款), e.g. 青山县人民政府办公室.
    public var issuer: String
    public var title: String
    /// Check titles for the 问题清单's 问题类型 column.
    public let catalog: CheckCatalog
    /// 发文字号, 主送, 成文日期, 附注 and 版记 as the office sets them.
    public var notice = NoticeSettings()
    /// The 通报's wording (the shipped template, or the office's own).
    public var template = NoticeTemplate.shipped
    /// The previous assessment of the same units, for rank and score changes.
    public var previous: ScoreReport?
    /// Tables the office attaches as they are (好差评考核评分表, 电子监察 ledgers …), each an 附件
    /// after the ranking tables and lists, titled by `title`.
    public var ledgers: [(title: String, table: DataTable)] = []

    public static let circularName = "通报"
    public static let rankingName = "附件1-得分排名表.xlsx"
    public static let problemsFolder = "问题清单"
    public static let problemSitesName = "存在问题的政府网站名单.xlsx"

    /// The publication of `scores`; `catalog` names the checks, `issuer` signs the 通报.
    public init(scores: ScoreReport, catalog: CheckCatalog, issuer: String? = nil, title: String? = nil) {
        self.scores = scores
        self.catalog = catalog
        self.issuer = issuer ?? "政务公开工作领导小组办公室"
        self.title = title ?? "关于\(scores.pack.name)结果的通报"
    }

    // MARK: Tables

    /// One group's ranking table, as text and as typed cells.
    public struct Table {
        public var group: String
        public var header: [String]
        /// Cells as text (DOCX, Markdown, HTML) …
        public var rows: [[String]]
        /// … and as typed cells (XLSX).
        public var cells: [[XLSXWorkbook.Cell]]
    }

    func hasItems(_ g: GroupResult) -> Bool { !scores.pack(of: g).items.isEmpty }

    /// True when groups are scored on different schemes: one 附件 per group.
    var severalSchemes: Bool { scores.packs.count > 1 }

    /// One ranking table per group: rank, unit, item points (未评估 where not assessed), total, verdict.
    /// A category with sub-items shows its sum; the sub-items are in each unit's 问题清单.
    public func rankingTables() -> [Table] {
        scores.groups.map { g in
            let pack = scores.pack(of: g), hasItems = hasItems(g)
            var header = ["排名", "单位"]
            if hasItems { header += pack.items.map(\.header) + ["得分"] }
            header.append("结论")
            if previous != nil { header.append("上次排名") }
            var rows: [[String]] = [], cells: [[XLSXWorkbook.Cell]] = []
            for u in g.units {
                var r: [XLSXWorkbook.Cell] = [.number(Decimal(u.rank)), .text(u.unit)]
                if hasItems {
                    let unassessed = Set(u.notAssessed.map(\.item))
                    r += pack.items.map { i in
                        unassessed.contains(i.name) ? .text(Self.notAssessed) : u.items[i.name].map(XLSXWorkbook.Cell.number) ?? .text("—")
                    }
                    r.append(u.provisional ? .text(Numbers.text(u.total) + "（暂定）") : .number(u.total))
                }
                r.append(.text(verdict(u)))
                if previous != nil { r.append(before(u.unit).map { .number(Decimal($0.rank)) } ?? .text("—")) }
                cells.append(r)
                rows.append(r.map { c in
                    switch c { case .text(let s): return s; case .number(let d): return Numbers.text(d); case .empty: return "" }
                })
            }
            return Table(group: g.name, header: header, rows: rows, cells: cells)
        }
    }

    /// How an item that could not be assessed is printed.
    public static let notAssessed = "未评估"

    func verdict(_ u: UnitResult) -> String {
        if !u.veto.isEmpty { return "不合格（单项否决：" + u.veto.map(\.rule).joined(separator: "、") + "）" }
        return u.passed ? "合格" : "不合格"
    }

    func percent(_ d: Decimal) -> String { Numbers.text(Numbers.round(d * 100, 1)) + "%" }

    var allUnits: [UnitResult] { scores.groups.flatMap(\.units) }

    // MARK: Markdown and HTML

    /// The 通报 as Markdown.
    public func markdown() -> String {
        var s = "# \(title)\n\n"
        for block in circularBlocks() {
            switch block {
            case .title: continue
            case .plain(let t), .paragraph(let t), .right(let t), .centered(let t): s += t + "\n\n"
            case .heading1(let t): s += "## \(t)\n\n"
            case .heading2(let t): s += "### \(t)\n\n"
            case .table(let header, let rows), .splitTable(let header, let rows, _): s += markdownTable(header, rows) + "\n"
            case .pageBreak, .landscapePages: s += "---\n\n"
            }
        }
        return s
    }

    func markdownTable(_ header: [String], _ rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
        return line(header) + line(header.map { _ in "---" }) + rows.map(line).joined()
    }

    /// The 通报 as a standalone HTML page.
    public func html() -> String {
        var s = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>\(OOXMLWriter.escape(title))</title><style>"
        s += "body{font-family:\"FangSong\",\"仿宋_GB2312\",\"Noto Serif CJK SC\",serif;max-width:60em;margin:2em auto;line-height:1.8}"
        s += "h1{font-family:\"方正小标宋简体\",\"Noto Serif CJK SC\",serif;text-align:center}h2{font-family:\"黑体\",sans-serif;font-size:1.1em}"
        s += "table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #333;padding:.2em .4em;text-align:center}"
        s += "th{background:#d9e1f2}p.right{text-align:right}</style></head><body>\n<h1>\(OOXMLWriter.escape(title))</h1>\n"
        for block in circularBlocks() {
            switch block {
            case .title: continue
            case .plain(let t): s += "<p>\(OOXMLWriter.escape(t))</p>\n"
            case .paragraph(let t): s += "<p>　　\(OOXMLWriter.escape(t))</p>\n"
            case .right(let t): s += "<p class=\"right\">\(OOXMLWriter.escape(t))</p>\n"
            case .centered(let t): s += "<p style=\"text-align:center\">\(OOXMLWriter.escape(t))</p>\n"
            case .heading1(let t): s += "<h2>\(OOXMLWriter.escape(t))</h2>\n"
            case .heading2(let t): s += "<h3>\(OOXMLWriter.escape(t))</h3>\n"
            case .pageBreak, .landscapePages: s += "<hr>\n"
            case .table(let header, let rows), .splitTable(let header, let rows, _):
                s += "<table><thead><tr>" + header.map { "<th>\(OOXMLWriter.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
                s += rows.map { "<tr>" + $0.map { "<td>\(OOXMLWriter.escape($0))</td>" }.joined() + "</tr>\n" }.joined() + "</tbody></table>\n"
            }
        }
        return s + "</body></html>\n"
    }

    // MARK: The 通报

    /// The 通报 as a GB/T 9704 DOCX with 附件1.
    public func circular() -> DOCXDocument {
        var doc = DOCXDocument(title: title)
        for b in circularBlocks() { doc.add(b) }
        return doc
    }

    /// The 通报's text: 总体情况, 表现较好的单位, 存在的主要问题, 整改要求, then 附件1 (rankings).
    func circularBlocks() -> [DOCXDocument.Block] {
        let tables = rankingTables()
        var b = template.blocks(noticeData(attachments: attachmentTitles(), problemListNumber: (severalSchemes ? tables.count : 1) + 1))
        // A wide ranking table (the website pack has over 20 columns) goes on landscape pages.
        func isWide(_ t: Table) -> Bool { DOCXDocument.neededWidths(header: t.header, rows: t.rows).reduce(0, +) > DOCXDocument.textWidth(landscape: false) }
        func add(_ t: Table, wide: Bool) {
            b.append(wide ? .splitTable(header: t.header, rows: t.rows, key: 2) : .table(header: t.header, rows: t.rows))
        }
        if severalSchemes {
            for (n, t) in tables.enumerated() {
                b.append(isWide(t) ? .landscapePages : .pageBreak)
                b.append(.plain("附件\(n + 1)"))
                b.append(.title(rankingTitle(t.group)))
                add(t, wide: isWide(t))
            }
        } else {
            let wide = tables.contains(where: isWide)
            b.append(wide ? .landscapePages : .pageBreak)
            b.append(.plain("附件1"))
            b.append(.title("\(scores.pack.name)得分排名表"))
            for t in tables {
                if scores.groups.count > 1 { b.append(.heading2(t.group)) }
                add(t, wide: wide)
            }
        }
        return b
    }

    /// The 附件 list in order: the ranking table(s), the 问题清单, the list of sites with problems
    /// (when findings cost points), then the office's ledgers.
    func attachmentTitles() -> [String] {
        var titles = severalSchemes ? scores.groups.map { rankingTitle($0.name) } : ["\(scores.pack.name)得分排名表"]
        titles.append("各单位问题清单（另发）")
        if hasProblemSites { titles.append("存在问题的政府网站名单（另发）") }
        return titles + ledgers.map { "\($0.title)（另发）" }
    }

    /// True when some finding cost points or a veto: the list of sites with problems is attached.
    var hasProblemSites: Bool {
        allUnits.contains { !$0.lost.allSatisfy(\.findings.isEmpty) || !$0.veto.allSatisfy(\.findings.isEmpty) }
    }

    /// The ledgers as numbered 附件 workbooks, their cells as given (numbers stay numbers).
    func ledgerFiles() throws -> [(String, Data)] {
        let first = attachmentTitles().count - ledgers.count + 1
        return try ledgers.enumerated().map { n, ledger in
            let rows = ledger.table.rows.map { row in
                row.cells.map { c -> XLSXWorkbook.Cell in Numbers.parse(c).map { .number($0) } ?? .text(Masking.longDigitRuns(c)) }
            }
            let sheet = XLSXWorkbook.Sheet(name: String(ledger.title.prefix(31)), title: ledger.title, header: ledger.table.header, rows: rows)
            return ("附件\(first + n)-\(Self.fileName(ledger.title)).xlsx", try XLSXWorkbook(sheets: [sheet]).data())
        }
    }

    /// 附件 title of one group's ranking: `方案得分排名表（分组）`.
    func rankingTitle(_ group: String) -> String {
        let scheme = scores.groups.first { $0.name == group }.map(scores.pack(of:)) ?? scores.pack
        return "\(scheme.name)得分排名表（\(group)）"
    }

    /// A typical case for the 存在问题 section: the assessor's reason, or the first finding.
    func example(_ l: LostPoints, unit: String) -> String? {
        if let reason = l.manual?.reason { return "\(unit)\(reason)" }
        guard let f = l.findings.first else { return nil }
        let evidence = Masking.longDigitRuns(f.evidence)
        return "\(unit)：\(evidence.count > 60 ? String(evidence.prefix(60)) + "…" : evidence)"
    }

    /// Uses the office's settings, and the template they name (read now, so a bad one stops
    /// before anything is written).
    public mutating func apply(_ settings: NoticeSettings) throws {
        notice = settings
        if let path = settings.template { template = try NoticeTemplate.load(path) }
        if let text = settings.templateText { template = try NoticeTemplate(text: text, file: "通报模板") }
    }

    /// The same units in the previous assessment, by name.
    func before(_ unit: String) -> UnitResult? { previous?.groups.flatMap(\.units).first { $0.unit == unit } }

    /// Units as a sentence names them: all up to the office's limit (default 10), then "等N个单位".
    func named(_ units: [String]) -> String {
        let limit = notice.nameLimit ?? 10
        return units.count <= limit ? units.joined(separator: "、") : units.prefix(limit).joined(separator: "、") + "等\(units.count)个单位"
    }

    func chineseDate(_ iso: String) -> String {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return iso }
        return "\(p[0])年\(p[1])月\(p[2])日"
    }

    // MARK: 附件: rankings as XLSX

    /// 附件1 as a workbook, one sheet per group.
    public func rankingWorkbook() -> XLSXWorkbook {
        XLSXWorkbook(sheets: rankingTables().map(rankingSheet))
    }

    /// One group's ranking as a sheet.
    func rankingSheet(_ t: Table) -> XLSXWorkbook.Sheet {
        XLSXWorkbook.Sheet(name: t.group, title: rankingTitle(t.group), header: t.header, rows: t.cells)
    }

    /// The ranking 附件 files: one workbook with a sheet per group, or, when groups are on
    /// different schemes, one numbered workbook per group (附件1-…, 附件2-…).
    public func rankingFiles() throws -> [(String, Data)] {
        guard severalSchemes else { return [(Self.rankingName, try rankingWorkbook().data())] }
        return try rankingTables().enumerated().map { n, t in
            ("附件\(n + 1)-\(Self.fileName(t.group))得分排名表.xlsx", try XLSXWorkbook(sheets: [rankingSheet(t)]).data())
        }
    }

    // MARK: 问题清单 per unit

    public static let problemHeader = ["序号", "问题类型", "考核指标", "扣分", "位置（页面或表格）", "问题描述", "整改建议", "需人工确认", "整改期限"]

    /// Vetoes, then every point lost, then findings awaiting confirmation, then the unit's other
    /// findings: each with where it is, what it is (masked), what to do and by when.
    public func problemRows(_ u: UnitResult) -> [[String]] {
        var rows: [[String]] = []
        func add(_ type: String, _ item: String, _ points: String, _ place: String, _ what: String, _ fix: String, _ review: Bool) {
            rows.append([String(rows.count + 1), type, item, points, place, Masking.longDigitRuns(what), fix,
                         review ? "是" : "否", scores.deadline])
        }
        func finding(_ f: Finding, item: String, points: String) {
            var place = f.page
            if let t = f.target { place += " → " + t }
            if let c = f.column { place += "（栏目：\(c)）" }
            if let l = f.linkedFrom { place += "（附件，链接自 \(l)）" }
            if let n = f.pageCount { place += "等 \(n) 个页面（网页模板中的同一处）" }
            add(catalog.title(f.check), item, points, place, f.evidence, f.suggestion, f.needsReview)
        }
        for v in u.veto {
            if let m = v.manual { add("单项否决", v.rule, "否决", m.place, v.reason, "按单项否决指标要求立即整改。", false) }
            for f in v.findings { finding(f, item: "单项否决：\(v.rule)", points: "否决") }
        }
        for l in u.lost {
            if let m = l.manual {
                add("人工评分", l.label, Numbers.text(l.points), m.place, "\(l.reason)（评分表填写：\(m.value)）", "对照考核指标补齐“\(l.item)”相关工作。", false)
            }
            let each = l.findings.isEmpty ? "" : Numbers.text(Numbers.round(l.points / Decimal(l.findings.count), 4))
            for f in l.findings { finding(f, item: l.label, points: each) }
        }
        for n in u.notAssessed {
            add(Self.notAssessed, n.item, "", "", "本项未评估：\(n.reason)", "补充检查后计分。", true)
        }
        for f in u.toReview { finding(f, item: "待确认", points: "") }
        for f in u.otherFindings { finding(f, item: "不计分", points: "") }
        return rows
    }

    /// A unit's 问题清单 as a workbook, with a 说明 sheet.
    public func problemWorkbook(_ u: UnitResult) -> XLSXWorkbook {
        let rows = problemRows(u).map { r in r.enumerated().map { i, v -> XLSXWorkbook.Cell in
            if i == 0, let n = Int(v) { return .number(Decimal(n)) }
            if i == 3, let d = Numbers.parse(v) { return .number(d) }
            return .text(v)
        } }
        var summary = "\(u.unit)：得分 \(Numbers.text(u.total))\(u.provisional ? "（暂定，\(u.notAssessed.count) 项未评估）" : "")，\(verdict(u))，排名 \(u.group)第\(u.rank)名；整改期限 \(scores.deadline)"
        if !u.notes.isEmpty { summary += "。" + u.notes.joined(separator: "") }
        return XLSXWorkbook(sheets: [
            XLSXWorkbook.Sheet(name: "问题清单", title: "\(scores.pack(of: u).name)问题清单 — \(u.unit)", header: Self.problemHeader, rows: rows),
            XLSXWorkbook.Sheet(name: "说明", header: ["项目", "内容"], rows: [
                [.text("单位"), .text(u.unit)], [.text("得分"), .number(u.total)], [.text("结论"), .text(verdict(u))],
                [.text("排名"), .text("\(u.group)第\(u.rank)名")], [.text("整改期限"), .text(scores.deadline)],
                [.text("说明"), .text(summary)],
            ]),
        ])
    }

    /// A unit's 问题清单 as Markdown.
    public func problemMarkdown(_ u: UnitResult) -> String {
        var s = "# \(scores.pack(of: u).name)问题清单：\(u.unit)\n\n"
        s += "- 得分：\(Numbers.text(u.total))\(u.provisional ? "（暂定）" : "")（\(verdict(u))，\(u.group)第\(u.rank)名）\n- 整改期限：\(scores.deadline)\n"
        for n in u.notes { s += "- \(n)\n" }
        let rows = problemRows(u)
        s += "\n" + (rows.isEmpty ? "未发现问题。\n" : markdownTable(Self.problemHeader, rows))
        return s
    }

    /// The consolidated list the circulars attach (存在问题的政府网站名单): one row per unit, site and
    /// problem type that cost points or a veto, with the number of problems, most first within a unit.
    public func problemSites() -> XLSXWorkbook {
        var rows: [[XLSXWorkbook.Cell]] = []
        for u in allUnits {
            var counts: [String: Int] = [:]
            for f in u.veto.flatMap(\.findings) + u.lost.flatMap(\.findings) { counts[catalog.title(f.check), default: 0] += 1 }
            for (type, n) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                rows.append([.number(Decimal(rows.count + 1)), .text(u.unit), .text(u.site ?? ""), .text(type), .number(Decimal(n))])
            }
        }
        return XLSXWorkbook(sheets: [XLSXWorkbook.Sheet(name: "存在问题的网站", title: "存在问题的政府网站名单",
                                                        header: ["序号", "单位", "网站", "问题类型", "数量"], rows: rows)])
    }

    /// Every output file, path relative to the output folder → contents: `scores.json`, the 通报
    /// (DOCX, Markdown, HTML), 附件1 (XLSX), the list of sites with problems (XLSX) and one 问题清单
    /// per unit (XLSX and Markdown).
    public func files() throws -> [(String, Data)] {
        var files: [(String, Data)] = [
            ("scores.json", try JSONReport.encode(scores)),
            ("\(Self.circularName).docx", try circular().data()),
            ("\(Self.circularName).md", Data(markdown().utf8)),
            ("\(Self.circularName).html", Data(html().utf8)),
            (Self.problemSitesName, try problemSites().data()),
        ] + (try rankingFiles()) + (try ledgerFiles())
        var used = Set<String>()
        for u in allUnits {
            var name = Self.fileName(u.unit)
            if !used.insert(name).inserted { name += "-\(u.group)" }
            files.append(("\(Self.problemsFolder)/\(name).xlsx", try problemWorkbook(u).data()))
            files.append(("\(Self.problemsFolder)/\(name).md", Data(problemMarkdown(u).utf8)))
        }
        return files
    }

    /// A file name for a unit's 问题清单: its name with path characters removed.
    public static func fileName(_ unit: String) -> String {
        let cleaned = unit.map { "/\\:*?\"<>|".contains($0) || $0.isNewline ? "_" : $0 }
        return String(cleaned.prefix(80))
    }
}
