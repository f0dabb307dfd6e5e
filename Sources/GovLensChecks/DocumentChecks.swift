import GovLensCore

/// `document.validity-missing`: a 规范性文件 whose page does not say whether it is in force.
public enum DocumentValidityCheck: Check {
    public static let rules = [
        CheckRule("document.validity-missing", "规范性文件未标注有效性", .deduct,
                  basis: "国办发〔2018〕37号 规范性文件应标注有效性；国办秘函〔2019〕19号 文件资料：对已修改、废止、失效的文件在原文页面标注",
                  input: .page),
    ]
    public static let examples: [CheckExample] = [
        .triggering("document.validity-missing", note: "规范性文件元数据没有有效性一栏",
                    .site(DocumentExamples.site([.init("某某县农村公路养护管理办法", "某政规〔2023〕3号", written: "-40", published: "-38",
                                                       validity: nil, interpretation: nil)]))),
        .clean(note: "有效性标注为有效", .site(DocumentExamples.site([
            .init("某某县农村公路养护管理办法", "某政规〔2023〕3号", written: "-400", published: "-398")]))),
    ]

    static func findings(_ set: DocumentSet) -> [Finding] {
        set.documents.filter { $0.normative && $0.page.meta.validity == nil && $0.supersededBy == nil }.map { d in
            Finding(check: id, severity: severity, page: d.url, column: d.page.column?.name,
                    evidence: "规范性文件“\(d.title)”\(d.page.meta.docNumber.map { "（\($0)）" } ?? "")未标注有效性（有效、失效或废止）",
                    suggestion: "请在文件页面的信息公开元数据中标注有效性；已修改、废止、失效的文件应在原文页面显著标注。")
        }
    }
}

/// `document.library-missing`: a site that publishes policy documents without a unified 规范性文件
/// column, or with one that offers no search.
public enum DocumentLibraryCheck: Check {
    public static let rules = [
        CheckRule("document.library-missing", "未设置统一的规范性文件库或无检索功能", .deduct,
                  basis: "《政府信息公开条例》第二十四条（统一平台，具备检索、查阅、下载功能）；国办发〔2019〕 61号 文件资料（分类、检索）",
                  input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering("document.library-missing", note: "规范性文件栏目没有检索",
                    .site(DocumentExamples.site([.init("某某县农村公路养护管理办法", "某政规〔2023〕3号", written: "-400", published: "-398")],
                                                search: false))),
        .clean(note: "行政规范性文件栏目带文件检索", .site(DocumentExamples.site([
            .init("某某县农村公路养护管理办法", "某政规〔2023〕3号", written: "-400", published: "-398")]))),
    ]

    static func findings(_ set: DocumentSet) -> [Finding] {
        guard !set.documents.isEmpty else { return [] }
        let keywords = set.rules.library.columnKeywords
        let libraries = set.columns.filter { c in keywords.contains(where: { c.name.contains($0) }) }
        if libraries.isEmpty {
            return [Finding(check: id, severity: severity, page: set.documents[0].url,
                            evidence: "网站发布了 \(set.documents.count) 件政策文件，未找到统一的规范性文件库栏目（\(keywords.joined(separator: "、"))）",
                            suggestion: "请设置统一的行政规范性文件库栏目，集中发布现行有效的规范性文件，并提供分类和检索功能。",
                            needsReview: true, subject: "document-library")]
        }
        guard !libraries.contains(where: { set.libraries[$0.url] == true }) else { return [] }
        let c = libraries[0]
        return [Finding(check: id, severity: severity, page: c.url, column: c.name,
                        evidence: "规范性文件库栏目“\(c.name)”页面未提供检索（\(set.rules.library.searchWords.joined(separator: "、"))）",
                        suggestion: "请在规范性文件库中提供按标题、文号、发文机关、有效性检索的功能。", needsReview: true)]
    }
}

/// `document.invalid-listed`: a document marked 失效/废止, or ended by a later one, still listed
/// among the current documents.
public enum DocumentInvalidListedCheck: Check {
    public static let rules = [
        CheckRule("document.invalid-listed", "失效、废止文件混列于现行文件中", .deduct,
                  basis: "国办秘函〔2019〕19号 文件资料：对已修改、废止、失效的文件进行标注；规范性文件库应集中发布现行有效文件",
                  input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering("document.invalid-listed", note: "已失效文件列在现行规范性文件栏目中",
                    .site(DocumentExamples.site([.init("某某县城市道路占用挖掘管理办法", "某政规〔2018〕2号", written: "2018-03-01",
                                                       published: "2018-03-05", validity: "失效")]))),
        .clean(note: "现行有效文件", .site(DocumentExamples.site([
            .init("某某县城市道路占用挖掘管理办法", "某政规〔2022〕2号", written: "2022-03-01", published: "2022-03-05")]))),
    ]

    static func findings(_ set: DocumentSet) -> [Finding] {
        set.documents.filter(\.invalid).compactMap { d in
            guard let column = set.currentListings(d.url).first else { return nil }
            let why = d.supersededBy.map { "已被 \($0) 宣布废止" } ?? "页面标注为\(d.page.meta.validityText)"
            return Finding(check: id, severity: severity, page: d.url, column: column,
                           evidence: "“\(d.title)”\(why)，仍列在“\(column)”栏目的现行文件中",
                           suggestion: "请在原文页面标注失效或废止，并将其移出现行文件列表（可另设失效文件栏目）。")
        }
    }
}

/// `document.upper-level`: documents of a higher-level issuer mixed into the unit's own 规范性文件
/// column (转发上级文件).
public enum DocumentUpperLevelCheck: Check {
    public static let rules = [
        CheckRule("document.upper-level", "本级规范性文件栏目混入上级文件", .deduct,
                  basis: "国办公开办函〔2019〕61号 法定主动公开内容发布本机关信息，专栏姓专；鄂州、甘肃通报：上级文件混入本级规范性文件",
                  input: .siteModel),
    ]
    public static let examples: [CheckExample] = [
        .triggering("document.upper-level", note: "县规范性文件栏目转发省政府文件",
                    .site(DocumentExamples.site([.init("某某省河道管理办法", "某政规〔2023〕1号", written: "-200", published: "-190",
                                                       issuer: "某某省人民政府")]))),
        .clean(note: "栏目只有本县文件", .site(DocumentExamples.site([
            .init("某某县农村公路养护管理办法", "某政规〔2022〕3号", written: "-400", published: "-398")]))),
    ]

    static func findings(_ set: DocumentSet) -> [Finding] {
        let normativeColumns = set.rules.normative.columnKeywords
        var byColumn: [String: [DocumentSet.Document]] = [:]
        var urls: [String: String] = [:]
        for d in set.documents where set.isUpper(d.issuerLevel) {
            guard let c = d.page.column, normativeColumns.contains(where: { c.name.contains($0) }) else { continue }
            byColumn[c.name, default: []].append(d)
            if let u = c.url { urls[c.name] = u }
        }
        return byColumn.keys.sorted().map { name in
            let docs = byColumn[name]!
            let examples = docs.prefix(3).map { "“\($0.title)”（\($0.page.meta.issuer ?? "")）" }.joined(separator: "、")
            return Finding(check: id, severity: severity, page: urls[name] ?? docs[0].url, column: name,
                           evidence: "“\(name)”栏目中有 \(docs.count) 件上级机关文件：\(examples)",
                           suggestion: "本级规范性文件栏目只发布本机关制定的规范性文件；上级文件请链接到上级网站或放入“上级文件”栏目。",
                           needsReview: true)
        }
    }
}
