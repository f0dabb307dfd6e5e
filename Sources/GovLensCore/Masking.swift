/// The tool that finds leaks must not leak: every personal number is masked in every output.
public enum Masking {
    /// Resident ID: first 6 and last 4 kept (`420102********123X`).
    public static func idNumber(_ s: String) -> String { keep(s, head: 6, tail: 4) }
    /// Mobile: first 3 and last 4 kept (`138****1234`).
    public static func mobile(_ s: String) -> String { keep(s, head: 3, tail: 4) }
    /// Bank card: first 6 and last 4 kept.
    public static func bankCard(_ s: String) -> String { keep(s, head: 6, tail: 4) }

    static func keep(_ s: String, head: Int, tail: Int) -> String {
        let chars = Array(s)
        guard chars.count > head + tail else { return String(repeating: "*", count: chars.count) }
        return String(chars[..<head]) + String(repeating: "*", count: chars.count - head - tail)
            + String(chars[(chars.count - tail)...])
    }

    /// Any run of 11 or more digits (an ID, mobile or card number, even one that failed its
    /// checksum) keeps its first 3 and last 4: the last guard before text leaves govlens.
    public static func longDigitRuns(_ s: String) -> String {
        var scalars = Array(s.unicodeScalars), i = 0
        func digit(_ u: Unicode.Scalar) -> Bool { (u.value >= 0x30 && u.value <= 0x39) || u == "X" || u == "x" || u == "*" }
        while i < scalars.count {
            guard scalars[i].value >= 0x30, scalars[i].value <= 0x39 else { i += 1; continue }
            var j = i
            while j < scalars.count, digit(scalars[j]) { j += 1 }
            if j - i >= 11 { for k in (i + 3)..<(j - 4) { scalars[k] = "*" } }
            i = j
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
