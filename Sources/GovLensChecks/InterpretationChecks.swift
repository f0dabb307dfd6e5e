import GovLensCore

/// `interpretation.missing`: a current 规范性文件 of the unit, published within the rules' window,
/// with no 解读 linked from it, linking to it, or named after it (关于《…》的解读, 图解…).
public enum InterpretationMissingCheck: Check {
    public static let rules = [
        CheckRule("interpretation.missing", "规范性文件未发布政策解读", .deduct,
                  basis: "国办发〔2016〕80号 原则上规范性文件都要进行解读；国办秘函〔2019〕19号 政策文件须有对应的政策解读",
                  input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering("interpretation.missing", note: "一个月前发布的规范性文件没有解读",
                    .site(DocumentExamples.site([.init("某某县农村公路养护管理办法", "某政规〔2023〕3号", written: "-32", published: "-30")]))),
        .clean(note: "文件页面链接了解读", .site(DocumentExamples.site(
            [.init("某某县农村公路养护管理办法", "某政规〔2023〕3号", written: "-32", published: "-30", interpretation: "/zcjd/0.html")],
            interpretations: [.init("关于《某某县农村公路养护管理办法》的解读", date: "-30")]))),
    ]

    static func findings(_ set: DocumentSet) -> [Finding] {
        let since = set.asOf.adding(days: -set.rules.interpretation.missingWithinDays)
        return set.documents.filter { d in
            d.normative && !d.invalid && !set.isUpper(d.issuerLevel) && d.interpretations.isEmpty
                && (d.page.published.map { $0 >= since && $0 <= set.asOf } ?? false)
        }.map { d in
            Finding(check: id, severity: severity, page: d.url, column: d.page.column?.name,
                    evidence: "规范性文件“\(d.title)”\(d.page.meta.docNumber.map { "（\($0)）" } ?? "")发布于 \(d.page.published!)，未找到对应的政策解读",
                    suggestion: "请与文件同步发布政策解读（文字、图解、视频等），并在文件页面与解读页面互相链接。")
        }
    }
}

/// `interpretation.late`: the first 解读 of a document published more than the rules' working days
/// after the document (文件与解读同步发布).
public enum InterpretationLateCheck: Check {
    public static let rules = [
        CheckRule("interpretation.late", "政策解读未与文件同步发布", .deduct,
                  basis: "国办发〔2016〕80号 政策解读与文件同步组织、同步审签、同步部署；超过 documents.yaml 的工作日数为滞后",
                  input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering("interpretation.late", note: "解读晚于文件一个月", .site(DocumentExamples.site(
            [.init("某某县农村公路养护管理办法", "某政规〔2023〕3号", written: "-62", published: "-60")],
            interpretations: [.init("关于《某某县农村公路养护管理办法》的解读", date: "-30")]))),
        .clean(note: "解读与文件同日发布", .site(DocumentExamples.site(
            [.init("某某县农村公路养护管理办法", "某政规〔2023〕3号", written: "-62", published: "-60")],
            interpretations: [.init("关于《某某县农村公路养护管理办法》的解读", date: "-60")]))),
    ]

    static func findings(_ set: DocumentSet) -> [Finding] {
        let limit = set.rules.interpretation.lateWorkingDays
        return set.documents.compactMap { d in
            guard let first = d.interpretations.first, let date = first.date, let published = d.page.published else { return nil }
            let days = WorkingDayCalendar.official.workingDays(from: published, to: date)
            guard days > limit else { return nil }
            return Finding(check: id, severity: severity, page: d.url, target: first.url, column: d.page.column?.name,
                           evidence: "“\(d.title)”发布于 \(published)，解读“\(first.title)”发布于 \(date)，晚 \(days) 个工作日（要求不超过 \(limit) 个）",
                           suggestion: "政策解读应与文件同步起草、同步审签、同步发布。")
        }
    }
}

/// `interpretation.copy`: a 解读 that is mostly the document's own text (复制原文件、制作原文件精简版),
/// measured as the share of its characters in runs shared with the document.
public enum InterpretationCopyCheck: Check {
    public static let rules = [
        CheckRule("interpretation.copy", "政策解读照搬文件原文", .deduct,
                  basis: "国办发〔2016〕80号 解读应阐明政策背景、目标和要点，不得简单复制原文件；鄂州、甘肃通报：解读为原文件精简版",
                  input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering("interpretation.copy", note: "解读正文就是文件原文", .site(DocumentExamples.site(
            [.init("某某县农村公路养护管理办法", "某政规〔2023〕3号", written: "-62", published: "-60")],
            interpretations: [.init("关于《某某县农村公路养护管理办法》的解读", date: "-60", body: DocumentExamples.documentText)]))),
        .clean(note: "解读用自己的话讲政策", .site(DocumentExamples.site(
            [.init("某某县农村公路养护管理办法", "某政规〔2023〕3号", written: "-62", published: "-60")],
            interpretations: [.init("关于《某某县农村公路养护管理办法》的解读", date: "-60")]))),
    ]

    static func findings(_ set: DocumentSet) -> [Finding] {
        let r = set.rules.interpretation
        var out: [Finding] = []
        for d in set.documents {
            for i in d.interpretations {
                let share = TextRuns.coveredShare(i.runs, in: d.page.runs, length: r.copyRunLength)
                guard share >= r.copyMinShare else { continue }
                out.append(Finding(check: id, severity: severity, page: d.url, target: i.url, column: d.page.column?.name,
                                   evidence: "解读“\(i.title)”有 \(Int((share * 100).rounded()))% 的文字与“\(d.title)”原文相同（\(r.copyRunLength) 字以上的连续片段）",
                                   suggestion: "政策解读应说明出台背景、主要内容和关键词、与群众切身利益相关的要点，不要复制或压缩原文。"))
            }
        }
        return out
    }
}

/// `interpretation.upper-level`: a 解读 column that carries mostly 解读 of a higher-level issuer or
/// source instead of the unit's own.
public enum InterpretationUpperLevelCheck: Check {
    public static let rules = [
        CheckRule("interpretation.upper-level", "政策解读栏目以上级解读为主", .warn,
                  basis: "鄂州、甘肃通报：解读栏目大量转载上级解读，本级文件解读缺位", input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering("interpretation.upper-level", note: "解读栏目三篇都来自省政府", .site(DocumentExamples.site(
            [.init("某某县农村公路养护管理办法", "某政规〔2022〕3号", written: "-400", published: "-398")],
            interpretations: ["河道", "水资源", "渔业"].map {
                DocumentExamples.Interpretation("《某某省\($0)管理办法》政策解读", date: "-20", source: "某某省人民政府办公厅")
            }))),
        .clean(note: "解读来自本县", .site(DocumentExamples.site(
            [.init("某某县农村公路养护管理办法", "某政规〔2022〕3号", written: "-400", published: "-398")],
            interpretations: ["河道", "水资源", "渔业"].map { DocumentExamples.Interpretation("《某某县\($0)管理办法》政策解读", date: "-20") }))),
    ]

    static func findings(_ set: DocumentSet) -> [Finding] {
        let r = set.rules.interpretation
        var byColumn: [String: (url: String?, all: Int, upper: [InterpretationPage])] = [:]
        let levels = AdminLevel(rules: set.rules.levels)
        for i in set.interpretations {
            guard let c = i.column, r.columnKeywords.contains(where: { c.name.contains($0) }) else { continue }
            var entry = byColumn[c.name] ?? (c.url, 0, [])
            entry.all += 1
            if set.isUpper(i.source.flatMap(levels.of)) { entry.upper.append(i) }
            byColumn[c.name] = entry
        }
        return byColumn.keys.sorted().compactMap { name in
            let e = byColumn[name]!
            guard e.all >= r.upperLevelMinItems, Double(e.upper.count) / Double(e.all) > r.upperLevelShare else { return nil }
            let sources = Set(e.upper.compactMap(\.source)).sorted().joined(separator: "、")
            return Finding(check: id, severity: severity, page: e.url ?? e.upper[0].url, column: name,
                           evidence: "“\(name)”栏目 \(e.all) 篇解读中有 \(e.upper.count) 篇来自上级（\(sources)）",
                           suggestion: "解读栏目应以本机关文件的解读为主；上级解读可链接到上级网站。", needsReview: true)
        }
    }
}
