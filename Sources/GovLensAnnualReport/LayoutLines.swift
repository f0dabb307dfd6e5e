import GovLensDocuments

/// A visual line of a PDF page: words whose vertical middles agree, left to right.
struct LayoutLine {
    var page: Int
    var words: [PDFWord]
    var yMid: Double
    var text: String {
        var out = ""
        for w in words {
            // Keep a space only between Latin letters or digits (2024 年 → 2024年 reads the same).
            if let l = out.last, let f = w.text.first, l.isASCII && (l.isLetter || l.isNumber), f.isASCII && (f.isLetter || f.isNumber) {
                out += " "
            }
            out += w.text
        }
        return out
    }
}

enum LayoutLines {
    /// Groups words into lines per page; page numbers (-3-, 第 3 页) are dropped.
    static func build(_ words: [PDFWord]) -> [LayoutLine] {
        var lines: [LayoutLine] = []
        let sorted = words.sorted { ($0.page, $0.yMid, $0.xMin) < ($1.page, $1.yMid, $1.xMin) }
        for w in sorted {
            let h = max(w.yMax - w.yMin, 1)
            if var last = lines.last, last.page == w.page, abs(last.yMid - w.yMid) <= h * 0.4 {
                last.words.append(w)
                lines[lines.count - 1] = last
            } else {
                lines.append(LayoutLine(page: w.page, words: [w], yMid: w.yMid))
            }
        }
        for i in lines.indices { lines[i].words.sort { $0.xMin < $1.xMin } }
        return lines.filter { !isPageNumber($0.text) }
    }

    static func isPageNumber(_ s: String) -> Bool {
        let t = s.filter { !$0.isWhitespace }
        if t.hasPrefix("第"), t.hasSuffix("页") { return t.dropFirst().dropLast().allSatisfy(\.isNumber) }
        let core = t.filter { !"-—－–".contains($0) }
        return !core.isEmpty && core.count <= 3 && core.allSatisfy(\.isNumber) && core.count < t.count
    }
}

/// Numbers as they appear in cells.
enum CellNumber {
    /// An integer cell ("1,234" too).
    static func int(_ s: String) -> Int? {
        let t = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        guard !t.isEmpty, t.count <= 9, t.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(t)
    }
    /// A decimal cell (the fee in 万元).
    static func decimal(_ s: String) -> Double? {
        let t = s.replacingOccurrences(of: ",", with: "")
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), t.first != "." else { return nil }
        return Double(t)
    }
    /// A cell printed as empty on purpose (— / - / ／).
    static func isBlankMark(_ s: String) -> Bool { ["-", "—", "/", "／", "－", "——"].contains(s) }
}
