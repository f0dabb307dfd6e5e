/// One problem found, with the evidence an editor needs to fix it (docs/ARCHITECTURE.md, "Findings").
public struct Finding: Codable, Sendable, Hashable {
    public var check: CheckID
    public var severity: Severity
    /// Absolute URL where the problem was seen (or the attachment URL).
    public var page: String
    /// For links: the URL the link points to.
    public var target: String?
    /// For column checks: the column name.
    public var column: String?
    /// A short excerpt or description; personal numbers are masked before they get here.
    public var evidence: String
    /// The fix, in Chinese, for the editor.
    public var suggestion: String
    /// True where a person must confirm before the finding counts.
    public var needsReview: Bool

    // Link fields (link.broken, site.unavailable).
    /// HTTP status code as text, or `dns` / `refused` / `timeout` / `tls` / `redirect-loop` / `too-large` / …
    public var status: String?
    /// Definite (404, 410, 403, DNS, refused) or only suspected (5xx, timeout, TLS, loop, soft-404).
    public var definite: Bool?
    public var scope: LinkScope?
    public var external: Bool?
    /// The link's text or element, to find it on the page.
    public var linkText: String?

    // Text fields (text.*, privacy.*).
    /// For attachments: the page that links the attachment named in `page`.
    public var linkedFrom: String?
    /// The wrong form found and its replacement (text.*).
    public var wrongForm: String?
    public var replacement: String?
    /// Where in the checked text (check-text), 1-based, counted in characters.
    public var position: TextPosition?
    /// How sure a statistical check is (0…1), from its calibration on tuning data.
    public var confidence: Double?

    // Identity across scans.
    /// The same for the same problem in two scans of the same site (`FindingKey`): what tells new,
    /// persisting and fixed problems apart. Set when a scan finishes.
    public var key: String?
    /// What the problem is about when page, target, column and wrong form do not say it (a meta
    /// tag, "the homepage", "the footer's site code"): site-level checks set it, and then the key
    /// does not depend on the example page.
    public var subject: String?
    /// A problem repeated by a page template: the number of pages it appears on, and a few of them.
    public var pageCount: Int?
    public var examplePages: [String]?

    /// A finding with the fields every check sets; family fields are set by name.
    public init(check: CheckID, severity: Severity, page: String, target: String? = nil,
                column: String? = nil, evidence: String, suggestion: String, needsReview: Bool = false,
                status: String? = nil, definite: Bool? = nil, scope: LinkScope? = nil,
                external: Bool? = nil, linkText: String? = nil, linkedFrom: String? = nil,
                wrongForm: String? = nil, replacement: String? = nil, position: TextPosition? = nil, subject: String? = nil)
    {
        self.subject = subject
        self.check = check; self.severity = severity; self.page = page; self.target = target
        self.column = column; self.evidence = evidence; self.suggestion = suggestion
        self.needsReview = needsReview; self.status = status; self.definite = definite
        self.scope = scope; self.external = external; self.linkText = linkText
        self.linkedFrom = linkedFrom; self.wrongForm = wrongForm; self.replacement = replacement; self.position = position
    }
}

/// A 1-based line and column, counted in characters.
public struct TextPosition: Codable, Sendable, Hashable {
    public var line: Int
    public var column: Int
    /// A position at `line`, `column`.
    public init(line: Int, column: Int) { self.line = line; self.column = column }
}
