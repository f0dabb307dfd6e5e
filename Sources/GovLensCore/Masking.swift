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
}
