/// What a fetch result means for a link: working, definitely broken, or only suspected.
/// Loaded from the rule pack (docs/RULES.md §12.2); the defaults follow vendor practice.
public struct LinkPolicy: Sendable {
    /// A link's classification: working, definitely broken, suspected (re-checked, may need review),
    /// or skipped (not requested, e.g. disallowed by robots.txt).
    public enum Verdict: String, Sendable, Codable { case ok, definite, suspected, skipped }

    /// HTTP statuses counted as definitely broken (404, 410, and 403 as vendors count it).
    public var definiteStatuses: Set<Int> = [403, 404, 410]
    /// Failures counted as definitely broken.
    public var definiteFailures: Set<FetchFailure> = [.dns, .refused, .invalidURL]
    /// Phrases that make a 200 page a soft-404 ("页面不存在").
    public var soft404Phrases: [String] = ["页面不存在", "页面未找到", "找不到页面", "404 Not Found", "您访问的页面不存在"]

    /// The default policy (vendor practice); the rule pack may override its fields.
    public init() {}

    /// Classifies a fetch: failures by class, statuses in `definiteStatuses` as definite, other
    /// 4xx/5xx and soft-404 pages as suspected, everything else as working.
    public func verdict(status: Int?, failure: FetchFailure?, soft404: Bool = false) -> Verdict {
        if let failure { return definiteFailures.contains(failure) ? .definite : .suspected }
        guard let status else { return .suspected }
        if definiteStatuses.contains(status) { return .definite }
        if status >= 400 { return .suspected }
        return soft404 ? .suspected : .ok
    }

    /// A page that answers 200 but says it does not exist: its title says so, or its short text does.
    public func isSoft404(title: String?, text: String) -> Bool {
        if let title, soft404Phrases.contains(where: { title.contains($0) }) { return true }
        guard text.count < 400 else { return false }
        return soft404Phrases.contains(where: { text.contains($0) })
    }
}
