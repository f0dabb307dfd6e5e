/// Comparing printed row and column names with the form's: whitespace and line wrapping never
/// count, and neither does the numbering punctuation (1. / 1、 / １．), which the form's users vary
/// freely; every other character does.
public enum Labels {
    /// The label with whitespace removed, full-width digits and letters made ASCII, ASCII
    /// parentheses made full-width and the numbering punctuation after a leading digit unified.
    public static func normalize(_ s: String) -> String {
        var out: [Character] = []
        for ch in s {
            if ch.isWhitespace { continue }
            if let v = ch.unicodeScalars.first?.value, ch.unicodeScalars.count == 1, (0xFF10...0xFF19).contains(v) || (0xFF21...0xFF5A).contains(v) {
                out.append(Character(Unicode.Scalar(v - 0xFEE0)!)); continue
            }
            switch ch {
            case "(": out.append("（")
            case ")": out.append("）")
            case ",": out.append("，")
            case ":": out.append("：")
            case "、", "．", ".":
                // Only numbering: "1、" after a digit that starts the label or follows a closing bracket.
                if let last = out.last, last.isASCII, last.isNumber { out.append(".") } else { out.append(ch) }
            default: out.append(ch)
            }
        }
        return String(out)
    }

    /// Length of the longest common subsequence of two strings, by character.
    static func lcs(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return 0 }
        var prev = [Int](repeating: 0, count: b.count + 1), cur = prev
        for i in 1...a.count {
            for j in 1...b.count {
                cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : max(prev[j], cur[j - 1])
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// How alike two labels are after normalising, 0…1 (common subsequence over the longer one).
    public static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(normalize(a)), y = Array(normalize(b))
        guard !x.isEmpty || !y.isEmpty else { return 1 }
        return Double(lcs(x, y)) / Double(max(x.count, y.count))
    }

    /// What the printed label lacks and adds against the form's, both as runs of characters
    /// ("法规禁" missing), for the finding's text.
    public static func difference(printed: String, template: String) -> (missing: [String], extra: [String]) {
        let a = Array(normalize(template)), b = Array(normalize(printed))
        // Full LCS table, then walk back to split both strings into kept and dropped runs.
        var t = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        if !a.isEmpty && !b.isEmpty {
            for i in 1...a.count { for j in 1...b.count {
                t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : max(t[i - 1][j], t[i][j - 1])
            } }
        }
        var i = a.count, j = b.count
        var missing: [[Character]] = [], extra: [[Character]] = []
        var runA: [Character] = [], runB: [Character] = []
        func flush() {
            if !runA.isEmpty { missing.append(runA.reversed()); runA = [] }
            if !runB.isEmpty { extra.append(runB.reversed()); runB = [] }
        }
        while i > 0 || j > 0 {
            if i > 0, j > 0, a[i - 1] == b[j - 1] { flush(); i -= 1; j -= 1 }
            else if j > 0, i == 0 || t[i][j - 1] >= t[i - 1][j] { runB.append(b[j - 1]); j -= 1 }
            else { runA.append(a[i - 1]); i -= 1 }
        }
        flush()
        return (missing.reversed().map { String($0) }, extra.reversed().map { String($0) })
    }
}
