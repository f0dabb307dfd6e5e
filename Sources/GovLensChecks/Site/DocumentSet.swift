import GovLensCore

/// The documents and 解读 of one scan, matched: what the document and interpretation checks read.
struct DocumentSet {
    /// A document with what the scan made of it.
    struct Document {
        var page: DocumentPage
        /// `column`, `docNumber` or `marking`; nil when not a 规范性文件.
        var normativeBy: String?
        /// Administrative level of its issuer (nil when the name says none).
        var issuerLevel: Int?
        /// The URL of a later document that says this one ends.
        var supersededBy: String?
        /// Its 解读, earliest first.
        var interpretations: [InterpretationPage]

        var url: String { page.url }
        var title: String { page.meta.title ?? page.url }
        var normative: Bool { normativeBy != nil }
        /// Marked 失效/废止, or ended by a later document.
        var invalid: Bool { page.meta.validity == "失效" || page.meta.validity == "废止" || supersededBy != nil }
    }

    var documents: [Document]
    var interpretations: [InterpretationPage]
    var listings: [String: [String]]
    var libraries: [String: Bool]
    var columns: [SiteModel.Column]
    var unitLevel: Int?
    var asOf: SimpleDate
    var rules: DocumentRules

    init(documents pages: [DocumentPage], interpretations: [InterpretationPage], listings: [String: [String]],
         libraries: [String: Bool], columns: [SiteModel.Column], unitLevel: Int?, asOf: SimpleDate, rules: DocumentRules)
    {
        self.interpretations = interpretations; self.listings = listings; self.libraries = libraries
        self.columns = columns; self.unitLevel = unitLevel; self.asOf = asOf; self.rules = rules
        let levels = AdminLevel(rules: rules.levels)
        // 文号 (normalised) → the document that says it ends.
        var ends: [(number: String, by: DocumentPage)] = []
        for p in pages { for n in p.meta.supersedes { ends.append((n, p)) } }
        let byURL = Dictionary(interpretations.map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
        documents = pages.map { p in
            let n = rules.normative
            var by: String?
            if let c = p.column?.name, n.columnKeywords.contains(where: { c.contains($0) }) { by = "column" }
            else if let num = p.meta.docNumber, n.docNumberMarks.contains(where: { DocNumber.abbreviation(num).contains($0) }) {
                by = "docNumber"
            }
            else if p.meta.normativeMarking { by = "marking" }
            let own = p.meta.docNumber.map(DocNumber.normalised)
            let endedBy = own.flatMap { own in
                ends.first { e in
                    guard e.by.url != p.url, e.number == own || e.number.hasSuffix(own) || own.hasSuffix(e.number) else { return false }
                    guard let later = e.by.published, let earlier = p.published else { return true }
                    return later >= earlier
                }?.by.url
            }
            var matched: [InterpretationPage] = []
            for u in p.interpretationLinks { if let i = byURL[u], !matched.contains(where: { $0.url == u }) { matched.append(i) } }
            let names = DocumentSet.names(ofDocument: p.meta.title ?? "")
            for i in interpretations where !matched.contains(where: { $0.url == i.url }) {
                if i.links.contains(p.url) || !names.isDisjoint(with: DocumentSet.names(ofInterpretation: i.title, rules: rules)) {
                    matched.append(i)
                }
            }
            matched.sort { ($0.date ?? asOf, $0.url) < ($1.date ?? asOf, $1.url) }
            return Document(page: p, normativeBy: by, issuerLevel: p.meta.issuer.flatMap(levels.of), supersededBy: endedBy,
                            interpretations: matched)
        }
    }

    /// Names a document goes by: its title and each 《…》 in it.
    static func names(ofDocument title: String) -> Set<String> {
        var out = quoted(title)
        if !title.isEmpty { out.insert(title) }
        return out
    }

    /// Names a 解读 refers to: each 《…》 in its title, else the title without the 解读 words.
    static func names(ofInterpretation title: String, rules: DocumentRules) -> Set<String> {
        let q = quoted(title)
        if !q.isEmpty { return q }
        var t = title
        for w in ["关于", "的解读", "政策解读", "解读", "政策问答", "一图读懂", "图解", "：", ":", "｜", "|"] + rules.interpretation.titleWords {
            t = t.replacingOccurrences(of: w, with: "")
        }
        return t.count >= 4 ? [t] : []
    }

    static func quoted(_ s: String) -> Set<String> {
        var out: Set<String> = []
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "《"), let close = rest[open...].firstIndex(of: "》") {
            let name = rest[rest.index(after: open)..<close]
            if name.count >= 4 { out.insert(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    /// Whether an issuer or source of this level is above the unit.
    func isUpper(_ level: Int?) -> Bool {
        guard let level, let unitLevel else { return false }
        return level < unitLevel
    }

    /// Names of the current (not 失效/废止) list pages that show `url`.
    func currentListings(_ url: String) -> [String] {
        (listings[url] ?? []).filter { name in !rules.invalidColumnKeywords.contains(where: { name.contains($0) }) }
    }

    var records: [DocumentRecord] {
        documents.map { d in
            let m = d.page.meta
            return DocumentRecord(url: d.url, title: m.title, indexNumber: m.indexNumber, issuer: m.issuer, docNumber: m.docNumber,
                                  writtenDate: m.writtenDate?.description, publishedDate: d.page.published?.description,
                                  subject: m.subject, validity: d.supersededBy != nil && m.validity == nil ? "失效" : m.validityText,
                                  normative: d.normative, normativeBy: d.normativeBy, column: d.page.column?.name,
                                  interpretations: d.interpretations.map(\.url), attachments: d.page.attachments)
        }
    }

    /// This quarter and this year, as of the scan's date.
    var periodCounts: [DocumentPeriodCount] {
        let q = (asOf.month - 1) / 3 + 1
        return [("\(asOf.year)", DatePeriod.year(asOf.year)), ("\(asOf.year)Q\(q)", DatePeriod.quarter(q, of: asOf.year))].map { name, p in
            let docs = documents.filter { $0.page.published.map(p.contains) == true }
            let interps = interpretations.filter { $0.date.map(p.contains) == true }
            var forms: [String: Int] = [:]
            for f in rules.interpretation.forms.map(\.name) + [rules.interpretation.defaultForm] { forms[f] = 0 }
            for i in interps { forms[i.form, default: 0] += 1 }
            return DocumentPeriodCount(period: name, start: p.start.description, end: p.end.description, documents: docs.count,
                                       normative: docs.filter(\.normative).count, interpretations: interps.count,
                                       interpretationForms: forms)
        }
    }
}
