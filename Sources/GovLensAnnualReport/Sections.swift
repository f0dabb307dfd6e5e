/// Finds the six section headings in a report's text and cuts the text at them.
enum SectionFinder {
    /// Where a heading starts and ends in the text (offsets in `Character`s).
    struct Heading { var number: String; var printed: String; var start: Int; var end: Int }

    static let numerals = ["一", "二", "三", "四", "五", "六"]

    /// The first occurrence of each form heading, each searched from the start: "X、" followed by
    /// text close to the form's wording (table rows such as 四、结转下年度继续办理 are not close enough).
    static func headings(in chars: [Character], template: [String]) -> [Heading] {
        var found: [Heading] = []
        for (i, heading) in template.enumerated() {
            let numeral = Character(numerals[i])
            let want = Array(Labels.normalize(heading))
            var best: Heading?
            var k = 0
            while k < chars.count - 1 {
                defer { k += 1 }
                guard chars[k] == numeral, chars[k + 1] == "、" || chars[k + 1] == "，" || chars[k + 1] == "." || chars[k + 1] == "．" else { continue }
                // Must start a line or follow the end of a sentence: "…报告。一、总体情况".
                if k > 0, !(chars[k - 1].isWhitespace || "。：:；）)".contains(chars[k - 1]) || chars[k - 1].isASCII && chars[k - 1].isNumber) { continue }
                // Read as many non-space characters as the heading has (spaces skipped: 三 、本 年).
                var got: [Character] = [], j = k, lastEnd = k
                while j < chars.count, got.count < want.count {
                    if !chars[j].isWhitespace { got.append(chars[j]); lastEnd = j + 1 }
                    else if chars[j].isNewline && got.count >= want.count - 1 { break }
                    j += 1
                }
                let score = Double(Labels.lcs(Array(Labels.normalize(String(got))), want)) / Double(want.count)
                if score >= 0.75 {
                    best = Heading(number: numerals[i], printed: String(chars[k..<lastEnd]), start: k, end: lastEnd)
                    break
                }
            }
            if let best { found.append(best) }
        }
        return found
    }

    /// The sections between headings, in document order, each with its text trimmed.
    static func sections(in chars: [Character], headings: [Heading]) -> [AnnualReport.Section] {
        let ordered = headings.sorted { $0.start < $1.start }
        return ordered.enumerated().map { i, h in
            let end = i + 1 < ordered.count ? ordered[i + 1].start : chars.count
            let body = h.end < end ? String(chars[h.end..<end]) : ""
            return AnnualReport.Section(number: h.number, heading: h.printed.filter { !$0.isWhitespace },
                                        text: body.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

import Foundation
