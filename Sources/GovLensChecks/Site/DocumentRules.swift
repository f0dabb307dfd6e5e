import GovLensCore

/// What `Rules/documents.yaml` says about policy documents and their 解读: the metadata labels,
/// validity words, how a 规范性文件 is recognised, the 解读 forms and the thresholds of the
/// document and interpretation checks.
public struct DocumentRules: Sendable, Decodable {
    /// A name and the words that select it (validity values, 解读 forms).
    public struct Named: Sendable, Decodable {
        public var name: String
        public var words: [String]
    }
    public struct Normative: Sendable, Decodable {
        public var columnKeywords: [String]
        /// A character in the 文号's abbreviation that marks a 规范性文件 (浙政规〔2023〕5号).
        public var docNumberMarks: [String]
        public var markers: [String]
    }
    public struct Library: Sendable, Decodable {
        public var columnKeywords: [String]
        public var searchWords: [String]
    }
    public struct Interpretation: Sendable, Decodable {
        public var titleWords: [String]
        public var linkWords: [String]
        public var columnKeywords: [String]
        public var forms: [Named]
        public var defaultForm: String
        public var lateWorkingDays: Int
        public var missingWithinDays: Int
        public var copyRunLength: Int
        public var copyMinShare: Double
        public var upperLevelShare: Double
        public var upperLevelMinItems: Int

        /// The form of a 解读 titled `title` (图解, 视频, H5 …; 文字 when no word matches).
        public func form(of title: String) -> String {
            forms.first { f in f.words.contains { title.contains($0) } }?.name ?? defaultForm
        }
    }
    public struct Levels: Sendable, Decodable {
        public struct Suffix: Sendable, Decodable {
            public var level: Int
            public var words: [String]
        }
        public var national: [String]
        public var suffixes: [Suffix]
        public var notRegions: [String]
    }

    public var version: String
    /// Field (indexNumber, subject, issuer, writtenDate, title, docNumber, publishedDate, validity,
    /// source) → its labels.
    public var labels: [String: [String]]
    public var minFields: Int
    public var maxHeadLines: Int
    public var validity: [Named]
    public var invalidPhrases: [String]
    public var supersedeWords: [String]
    public var normative: Normative
    public var library: Library
    public var invalidColumnKeywords: [String]
    public var interpretation: Interpretation
    public var levels: Levels

    /// The validity a 有效性 cell's text states (有效, 失效, 废止), or nil.
    public func validity(of value: String) -> String? {
        validity.first { v in v.words.contains { value.contains($0) } }?.name
    }

    /// The shipped defaults.
    public static func bundled() -> DocumentRules {
        try! RuleFile.decode(DocumentRules.self, RuleFile.bundled("documents"))
    }
}
