import Foundation
import GovLensCore
import GovLensCrawl
import GovLensHTML
import GovLensText

/// Collects policy documents, 解读 and the lists that show them while the crawl runs (small facts
/// and a fingerprint of the text, never a page body), then matches 解读 to documents and runs the
/// document and interpretation checks.
public final class DocumentInspector: @unchecked Sendable {  // mutable state behind the lock; pages arrive concurrently
    private let lock = NSLock()
    private var documents: [String: DocumentPage] = [:]
    private var interpretations: [String: InterpretationPage] = [:]
    /// Page URL → names of the list pages that list it.
    private var listings: [String: [String]] = [:]
    /// List pages named like a 规范性文件库: URL → whether the page offers search.
    private var libraries: [String: Bool] = [:]
    let rules: DocumentRules

    /// An inspector for one scan with the scan's document rules.
    public init(rules: DocumentRules) { self.rules = rules }

    /// Records one crawled page (called concurrently). Returns the page's document facts, so that
    /// the text checks can date the text by its 成文日期.
    @discardableResult
    public func add(_ page: CrawledPage) -> DocumentMetadata? {
        let model = page.page
        let url = SiteKey.of(page.url)
        func resolved(_ i: Int) -> String? { i < page.resolvedLinks.count ? page.resolvedLinks[i].map(SiteKey.of) : nil }
        let title = model.meta("ArticleTitle") ?? model.title.map(DocumentMetadataReader.cleanTitle) ?? ""
        let column = Self.column(of: page, resolved: resolved)
        // An article titled as a 解读 is one, whatever metadata it prints; column pages have no date.
        if page.date != nil, !page.isHome, rules.interpretation.titleWords.contains(where: { title.contains($0) }) {
            let source = DocumentMetadataReader.read(model, rules: rules).flatMap { $0.issuer ?? $0.source }
                ?? model.meta("ContentSource") ?? Self.labelledSource(model.text)
            let links = model.links.indices.filter { model.links[$0].kind == .anchor && model.links[$0].region == .main }
                .prefix(60).compactMap(resolved)
            let entry = InterpretationPage(url: url, title: title, date: page.date, source: source, column: column,
                                           form: rules.interpretation.form(of: title), links: links,
                                           runs: TextRuns.sequence(model.plainText, length: rules.interpretation.copyRunLength))
            lock.lock(); interpretations[url] = entry; lock.unlock()
            return nil
        }
        let meta = page.isHome ? nil : DocumentMetadataReader.read(model, rules: rules)
        guard let meta else {
            guard page.isHome || page.date == nil && !model.listItems.isEmpty else { return nil }
            let name = model.meta("ColumnName") ?? title
            let items = model.listItems.compactMap { i in i.linkIndex.flatMap(resolved) }
            let library = rules.library.columnKeywords.contains { name.contains($0) }
            let search = rules.library.searchWords.contains { model.plainText.contains($0) }
            lock.lock(); defer { lock.unlock() }
            for item in items where listings[item]?.contains(name) != true { listings[item, default: []].append(name) }
            if library { libraries[url] = search || libraries[url] == true }
            return nil
        }
        var toInterpretation: [String] = []
        var attachments: [String] = []
        for (i, l) in model.links.enumerated() where l.kind == .anchor {
            guard let u = resolved(i) else { continue }
            if Attachment.isAttachment(url: u) { if !attachments.contains(u) { attachments.append(u) } }
            else if rules.interpretation.linkWords.contains(where: { l.text.contains($0) }) { toInterpretation.append(u) }
        }
        let entry = DocumentPage(url: url, meta: meta, pageDate: page.date, column: column, interpretationLinks: toInterpretation,
                                 attachments: attachments,
                                 runs: Set(TextRuns.sequence(model.plainText, length: rules.interpretation.copyRunLength)))
        lock.lock(); documents[url] = entry; lock.unlock()
        return meta
    }

    /// The column a page belongs to: the last linked step of its breadcrumb, else its ColumnName.
    static func column(of page: CrawledPage, resolved: (Int) -> String?) -> (name: String, url: String?)? {
        let model = page.page
        if let crumb = model.breadcrumb.last(where: { $0.url != nil && $0.text != "首页" }) {
            let url = crumb.linkIndex.flatMap(resolved)
                ?? crumb.url.flatMap { try? WebURL(parsing: $0, relativeTo: page.url) }.map { SiteKey.of($0) }
            return (crumb.text, url)
        }
        return model.meta("ColumnName").map { ($0, nil) }
    }

    /// `来源：青山县人民政府办公室` in the text.
    static func labelledSource(_ text: String) -> String? {
        guard let r = text.range(of: "来源：") ?? text.range(of: "来源:") else { return nil }
        let v = text[r.upperBound...].prefix { !$0.isWhitespace && $0 != "\n" }
        return v.isEmpty ? nil : String(v)
    }

    /// Matches 解读 to documents and judges them: the records for `documents[]`, the counts per
    /// period, the findings, and what could not be judged. `level`: the scan's government level
    /// (`county` …); without it the level is read from the homepage's SiteName.
    public func finish(model: SiteModel, asOf: SimpleDate, level: String?) -> DocumentOutcome {
        lock.lock(); defer { lock.unlock() }
        let levels = AdminLevel(rules: rules.levels)
        let unit = level.flatMap(AdminLevel.number(of:)) ?? model.homepage?.meta["sitename"].flatMap(levels.of)
        let set = DocumentSet(documents: Array(documents.values).sorted { $0.url < $1.url },
                              interpretations: Array(interpretations.values).sorted { $0.url < $1.url },
                              listings: listings, libraries: libraries, columns: model.columns,
                              unitLevel: unit, asOf: asOf, rules: rules)
        var findings: [Finding] = []
        findings += DocumentValidityCheck.findings(set)
        findings += DocumentLibraryCheck.findings(set)
        findings += DocumentInvalidListedCheck.findings(set)
        findings += DocumentUpperLevelCheck.findings(set)
        findings += InterpretationMissingCheck.findings(set)
        findings += InterpretationLateCheck.findings(set)
        findings += InterpretationCopyCheck.findings(set)
        findings += InterpretationUpperLevelCheck.findings(set)
        var notChecked: [String: String] = [:]
        if set.documents.isEmpty {
            let why = "未发现带信息公开元数据（索引号、发文字号、成文日期等）的政策文件页面"
            for c in [DocumentValidityCheck.self, DocumentLibraryCheck.self, DocumentInvalidListedCheck.self, DocumentUpperLevelCheck.self,
                      InterpretationMissingCheck.self, InterpretationLateCheck.self, InterpretationCopyCheck.self] as [any Check.Type]
            {
                for r in c.rules { notChecked[r.id.rawValue] = why }
            }
        }
        if unit == nil {
            let why = "未能确定本单位的行政层级（可用 --level 指定），未判断上级文件和上级解读"
            notChecked[DocumentUpperLevelCheck.id.rawValue] = why
            notChecked[InterpretationUpperLevelCheck.id.rawValue] = why
        }
        return DocumentOutcome(records: set.records, counts: set.periodCounts, findings: findings, notChecked: notChecked)
    }
}

/// What the document step hands to the scan report.
public struct DocumentOutcome: Sendable {
    public var records: [DocumentRecord]
    public var counts: [DocumentPeriodCount]
    public var findings: [Finding]
    /// Check ID → why it was not judged.
    public var notChecked: [String: String]
}

/// A document page as kept during the crawl.
struct DocumentPage: Sendable {
    var url: String
    var meta: DocumentMetadata
    var pageDate: SimpleDate?
    var column: (name: String, url: String?)?
    var interpretationLinks: [String]
    var attachments: [String]
    /// Hashes of the text's character runs (for interpretation.copy).
    var runs: Set<UInt32>

    /// 发布日期, else the page's own date.
    var published: SimpleDate? { meta.publishedDate ?? pageDate }
}

/// A 解读 page as kept during the crawl.
struct InterpretationPage: Sendable {
    var url: String
    var title: String
    var date: SimpleDate?
    var source: String?
    var column: (name: String, url: String?)?
    var form: String
    var links: [String]
    /// Hashes of the text's character runs, in order.
    var runs: [UInt32]
}

/// Hashes of every run of `length` letters and digits of a text (punctuation and spaces skipped),
/// in order, at most `cap` of them (32-bit: about 16 KB a page): what two texts share, without
/// keeping either.
enum TextRuns {
    static let cap = 4_000

    static func sequence(_ text: String, length: Int) -> [UInt32] {
        let chars = text.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(\.value)
        guard chars.count >= length, length > 0 else { return [] }
        var out: [UInt32] = []
        out.reserveCapacity(min(cap, chars.count - length + 1))
        for i in 0...(chars.count - length) {
            var h: UInt64 = 0xcbf29ce484222325
            for c in chars[i..<(i + length)] { h = (h ^ UInt64(c)) &* 0x100000001b3 }
            out.append(UInt32(truncatingIfNeeded: h ^ (h >> 32)))
            if out.count >= cap { break }
        }
        return out
    }

    /// Share of the characters of `runs`' text that lie in a run also found in `other`.
    static func coveredShare(_ runs: [UInt32], in other: Set<UInt32>, length: Int) -> Double {
        guard !runs.isEmpty else { return 0 }
        let total = runs.count + length - 1
        var covered = 0, coveredUpTo = 0
        for (i, h) in runs.enumerated() where other.contains(h) {
            let start = max(i, coveredUpTo), end = i + length
            if end > start { covered += end - start; coveredUpTo = end }
        }
        return Double(covered) / Double(total)
    }
}

/// Administrative level of an organ by its name: 0 国务院/中央, 1 省, 2 市, 3 县/区, 4 乡镇/街道.
struct AdminLevel {
    let rules: DocumentRules.Levels
    init(rules: DocumentRules.Levels) { self.rules = rules }

    /// The scan's `--level` as a number.
    static func number(of level: String) -> Int? {
        ["national": 0, "province": 1, "city": 2, "county": 3, "township": 4][level]
    }

    /// The level of the last region its name starts with (江南省临江市 → 市), nil when it names none.
    func of(_ name: String) -> Int? {
        let chars = Array(name.filter { !$0.isWhitespace })
        if rules.national.contains(where: { name.hasPrefix($0) }) { return 0 }
        let suffixes = rules.suffixes.flatMap { s in s.words.map { (Array($0), s.level) } }.sorted { $0.0.count > $1.0.count }
        var level: Int?
        var start = 0, i = 1
        while i < chars.count {
            var advanced = false
            if i - start <= 8 {
                for (word, l) in suffixes where i + word.count <= chars.count && chars[i..<(i + word.count)].elementsEqual(word) {
                    let rest = String(chars[i...])
                    if rules.notRegions.contains(where: { rest.hasPrefix($0) }) { continue }
                    level = l
                    start = i + word.count
                    i = start + 1
                    advanced = true
                    break
                }
            }
            if !advanced { i += 1 }
            if i - start > 8 { break }
        }
        return level
    }
}
