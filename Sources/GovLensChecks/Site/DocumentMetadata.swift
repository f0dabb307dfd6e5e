import Foundation
import GovLensCore
import GovLensHTML
import GovLensText

/// The facts of a policy document as its page prints them: the 信息公开 metadata table (索引号,
/// 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期, 有效性), or the same facts in the text (the
/// 文号 line under the title, the 成文日期 line at the end).
public struct DocumentMetadata: Sendable, Equatable {
    public var title: String?
    public var indexNumber: String?
    public var subject: String?
    public var issuer: String?
    public var docNumber: String?
    public var writtenDate: SimpleDate?
    public var publishedDate: SimpleDate?
    /// 有效, 失效 or 废止; nil when the page does not say (未标注).
    public var validity: String?
    /// 来源 / 信息来源 (or the ContentSource meta tag): who put the page up.
    public var source: String?
    /// Labelled fields read from the table (0 for a document recognised by its 文号 line).
    public var tableFields = 0
    /// The page says it is a 规范性文件 (登记号 …).
    public var normativeMarking = false
    /// 文号 (normalised) of earlier documents this one says end (…同时废止).
    public var supersedes: [String] = []

    /// The validity as `documents[]` writes it.
    public var validityText: String { validity ?? "未标注" }
}

/// Reads `DocumentMetadata` from a page model. Tolerates missing cells, labels in any order, spaces
/// inside labels (索 引 号), every date form `ChineseDate` reads, and 文号 with 〔〕, [], () or 【】.
public enum DocumentMetadataReader {
    /// The page's document facts, or nil when it is not a document page (fewer than the rules'
    /// `minFields` labelled fields and no 文号 line).
    public static func read(_ page: PageModel, rules: DocumentRules) -> DocumentMetadata? {
        let text = page.textOutsideFooter ?? page.text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).prefix(rules.maxHeadLines).map(String.init)
        let fields = tableFields(lines, labels: labelList(rules))
        var m = DocumentMetadata()
        m.tableFields = fields.keys.filter(coreFields.contains).count
        m.indexNumber = fields["indexNumber"]
        m.subject = fields["subject"]
        m.issuer = fields["issuer"]
        m.title = fields["title"]
        m.docNumber = fields["docNumber"].flatMap { DocNumber.find(in: $0) }
        m.writtenDate = fields["writtenDate"].flatMap(ChineseDate.parse)
        m.publishedDate = fields["publishedDate"].flatMap(ChineseDate.parse)
        m.validity = fields["validity"].flatMap { rules.validity(of: $0) }
        m.source = (fields["source"]?.split(whereSeparator: \.isWhitespace).first.map(String.init)) ?? page.meta("ContentSource")
        // The text form: a line that is only a 文号 (under the title), the 成文日期 line at the end.
        var numberLine: Int?
        if let i = lines.firstIndex(where: { DocNumber.whole(compact($0)) != nil }) {
            numberLine = i
            if m.docNumber == nil { m.docNumber = DocNumber.whole(compact(lines[i])) }
        }
        guard m.tableFields >= rules.minFields || m.docNumber != nil else { return nil }
        let body = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if m.writtenDate == nil || m.issuer == nil, let sig = signature(body, after: numberLine ?? 0) {
            if m.writtenDate == nil { m.writtenDate = sig.date }
            if m.issuer == nil { m.issuer = sig.signer }
        }
        if m.title == nil { m.title = page.meta("ArticleTitle") ?? page.title.map(cleanTitle) }
        let head = lines.joined(separator: "\n")
        if m.validity == nil, let phrase = rules.invalidPhrases.first(where: { head.contains($0) }) {
            m.validity = phrase.contains("废止") ? "废止" : "失效"
        }
        m.normativeMarking = rules.normative.markers.contains { head.contains($0) }
        m.supersedes = superseded(in: page.plainText, title: m.title, words: rules.supersedeWords,
                                  own: m.docNumber.map(DocNumber.normalised))
        return m
    }

    /// Fields only a document's metadata has (an ordinary article prints 来源 and 发布时间 too).
    static let coreFields: Set<String> = ["indexNumber", "subject", "issuer", "writtenDate", "title", "docNumber", "validity"]

    /// (field, label as compact characters), longest labels first so 主题分类 wins over 分类.
    static func labelList(_ rules: DocumentRules) -> [(field: String, label: [Character])] {
        var out: [(field: String, label: [Character])] = []
        for (field, labels) in rules.labels {
            for label in labels { out.append((field: field, label: Array(label))) }
        }
        out.sort { a, b in a.label.count != b.label.count ? a.label.count > b.label.count : a.field < b.field }
        return out
    }

    /// Label → value over the head lines. A label starts a line or (with ：) follows a space; a
    /// label of three characters or more may also follow a value directly. The value runs to the
    /// next label or the line's end; an empty value is the next line's (a table cell) unless that
    /// line starts with a label (a missing cell). The first value of a field wins.
    static func tableFields(_ lines: [String], labels: [(field: String, label: [Character])]) -> [String: String] {
        var out: [String: String] = [:]
        var pendingField: String?
        // Labels by first character: most positions start no label, and this runs on every page.
        var byFirst: [Character: [(field: String, label: [Character])]] = [:]
        for l in labels { byFirst[l.label[0], default: []].append(l) }
        for line in lines {
            let chars = Array(line)
            // Compact view: non-space characters with their offset in `chars`.
            let kept = chars.indices.filter { !chars[$0].isWhitespace }
            let compactChars = kept.map { chars[$0] }
            var found: [(field: String, start: Int, valueStart: Int)] = []
            var p = 0
            while p < compactChars.count {
                var matched = false
                for (field, label) in byFirst[compactChars[p]] ?? [] where p + label.count <= compactChars.count {
                    guard compactChars[p..<(p + label.count)].elementsEqual(label) else { continue }
                    let end = p + label.count
                    let colon = end < compactChars.count && (compactChars[end] == "：" || compactChars[end] == ":")
                    let wholeLine = p == 0 && end == compactChars.count
                    let afterSpace = p == 0 || chars[kept[p] - 1].isWhitespace
                    guard wholeLine || (colon && (afterSpace || label.count >= 3)) else { continue }
                    found.append((field, kept[p], colon ? kept[end] + 1 : chars.count))
                    p = colon ? end + 1 : end
                    matched = true
                    break
                }
                if !matched { p += 1 }
            }
            if found.isEmpty {
                if let f = pendingField, out[f] == nil {
                    let v = line.trimmingCharacters(in: .whitespaces)
                    if !v.isEmpty { out[f] = v }
                }
                pendingField = nil
                continue
            }
            pendingField = nil
            for (k, item) in found.enumerated() {
                let end = k + 1 < found.count ? found[k + 1].start : chars.count
                let value = item.valueStart < end ? String(chars[item.valueStart..<end]).trimmingCharacters(in: .whitespaces) : ""
                if !value.isEmpty {
                    if out[item.field] == nil { out[item.field] = value }
                } else if k == found.count - 1 {
                    pendingField = item.field
                }
            }
        }
        return out
    }

    /// The 成文日期 at the end of the text: the first line after `after` that is only a date in
    /// 年月日 form, and the signing organ on the line before it.
    static func signature(_ lines: [String], after: Int) -> (date: SimpleDate, signer: String?)? {
        for i in lines.indices where i > after {
            let c = compact(lines[i])
            // The date reader's match ends at the day's digits, before 日.
            guard c.count <= 12, c.hasSuffix("日"), c.contains("年"), let d = ChineseDate.parse(c),
                  ChineseDate.allDates(in: c).first?.range == c.startIndex..<c.index(before: c.endIndex) else { continue }
            let prev = i > 0 ? compact(lines[i - 1]) : ""
            let signer = prev.count >= 4 && prev.count <= 30 && prev.unicodeScalars.allSatisfy({ $0.value >= 0x3400 }) ? prev : nil
            return (d, signer)
        }
        return nil
    }

    /// 文号 the text says end: a 文号 followed within a few characters by 废止 / 失效 / 停止执行
    /// (…（岚综管综〔2015〕160号）同时废止). A document titled 关于废止… ends every 文号 its text names
    /// after it says 废止 (决定废止《…》（…10号）等6件, then the list), not the ones it cites before.
    static func superseded(in text: String, title: String?, words: [String], own: String?) -> [String] {
        var out: [String] = []
        func add(_ number: String) {
            let n = DocNumber.normalised(number)
            if n != own, !out.contains(n) { out.append(n) }
        }
        if let title, words.contains(where: { title.contains($0) }) {
            let lines = text.split(separator: "\n")
            if let first = lines.firstIndex(where: { l in !l.contains(title) && words.contains(where: { l.contains($0) }) }) {
                for (k, line) in lines[first...].enumerated() {
                    var part = String(line)
                    if k == 0, let w = words.compactMap({ part.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
                        part = String(part[w.lowerBound...])
                    }
                    for (number, _) in DocNumber.all(in: part) { add(number) }
                }
                return out
            }
        }
        for (number, range) in DocNumber.all(in: text) {
            let tail = text[range.upperBound...].prefix(12)
            if words.contains(where: { tail.contains($0) }) { add(number) }
        }
        return out
    }

    static func compact(_ s: String) -> String { String(s.filter { !$0.isWhitespace }) }

    /// `标题_青山县人民政府` → `标题`.
    static func cleanTitle(_ t: String) -> String {
        for sep in ["_", " - ", "-", "|"] {
            if let r = t.range(of: sep, options: .backwards), r.lowerBound > t.startIndex { return String(t[..<r.lowerBound]) }
        }
        return t
    }
}

/// 发文字号: an issuer's abbreviation, the year in 〔〕 (or [], (), （）, 【】) and a number with 号.
public enum DocNumber {
    nonisolated(unsafe) static let regex = try! NSRegularExpression(
        pattern: #"([\p{Han}]{1,16})\s*[〔\[（(【]\s*((?:19|20)\d{2})\s*[〕\]）)】]\s*第?\s*(\d{1,5})\s*号"#)

    /// Every 文号 in `text` with its range.
    public static func all(in text: String) -> [(String, Range<String.Index>)] {
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            Range(m.range, in: text).map { (String(text[$0]), $0) }
        }
    }

    /// The first 文号 in `text`.
    public static func find(in text: String) -> String? { all(in: text).first?.0 }

    /// `text` when it is a 文号 and nothing else.
    public static func whole(_ text: String) -> String? {
        guard text.count <= 30, let first = all(in: text).first, first.1 == text.startIndex..<text.endIndex else { return nil }
        return first.0
    }

    /// One spelling for comparing: brackets as 〔〕, no spaces, no 第.
    public static func normalised(_ n: String) -> String {
        var s = ""
        for c in n where !c.isWhitespace && c != "第" {
            switch c {
            case "[", "（", "(", "【": s.append("〔")
            case "]", "）", ")", "】": s.append("〕")
            default: s.append(c)
            }
        }
        return s
    }

    /// The issuer's abbreviation before the year (浙政规 in 浙政规〔2023〕5号).
    public static func abbreviation(_ n: String) -> String {
        String(normalised(n).prefix { $0 != "〔" })
    }
}
