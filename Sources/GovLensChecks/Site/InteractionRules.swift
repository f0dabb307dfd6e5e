import GovLensCore

/// `Rules/interaction.yaml`: message boards, consultations, 重大行政决策事项目录, 回应关切 and
/// duplicate columns (docs/INTERACTION.md).
public struct InteractionRules: Sendable, Decodable {
    /// What makes a column a message board and how its messages are read and judged.
    public struct Boards: Sendable, Decodable {
        /// The labels a message's page prints before each field.
        public struct Labels: Sendable, Decodable {
            public var subject: [String]
            public var asked: [String]
            public var replied: [String]
            public var replier: [String]
            public var reply: [String]
            public var state: [String]
            var all: [String] { subject + asked + replied + replier + reply + state }
        }
        public var keywords: [String]
        public var excludedKeywords: [String]
        public var labels: Labels
        /// Keys of a JSON record's fields, and of its detail page's URL.
        public var jsonKeys: Labels
        public var jsonURLKeys: [String]
        public var answeredStates: [String]
        public var loginPhrases: [String]
        public var captchaPhrases: [String]
        public var unansweredMonths: Int
        public var lookbackMonths: Int
        public var slowWorkingDays: Int
        public var recentReplyMonths: Int
        public var emptyReplyPhrases: [String]
        public var minReplyCharacters: Int
        public var statisticsKeywords: [String]
        public var maxMessages: Int

        /// Whether a column named `name` is a board that must answer its messages.
        public func isBoard(_ name: String) -> Bool {
            keywords.contains(where: name.contains) && !excludedKeywords.contains(where: name.contains)
        }
    }
    /// 意见征集: its columns, how a page shows its window, the least period and the feedback.
    public struct Consultations: Sendable, Decodable {
        public var columnKeywords: [String]
        public var titleKeywords: [String]
        public var windowLabels: [String]
        public var deadlineLabels: [String]
        public var minDays: Int
        public var periodMonths: Int
        public var feedbackKeywords: [String]
        /// Days after a consultation closes by which its 征集结果 must be out.
        public var feedbackDays: Int
        public var levels: [String]
    }
    /// The yearly 重大行政决策事项目录.
    public struct Decisions: Sendable, Decodable {
        public var keywords: [String]
        /// `MM-dd`.
        public var due: String
        public var levels: [String]
    }
    /// 回应关切 columns and how long they may go without a new item.
    public struct Responses: Sendable, Decodable {
        public var keywords: [String]
        public var months: Int
        public var levels: [String]
    }
    /// 平台栏目重复设置: endings ignored when names are compared, and the shortest name compared by its characters.
    public struct Duplicates: Sendable, Decodable {
        public var ignoredSuffixes: [String]
        public var minSameCharacters: Int
    }

    public var version: String
    public var boards: Boards
    public var consultations: Consultations
    public var decisions: Decisions
    public var responses: Responses
    public var duplicates: Duplicates
}

/// `Rules/periods.yaml`: what each level must publish per period and by when, and freshness windows
/// for named columns (`period.missing`).
public struct PeriodRules: Sendable, Decodable {
    /// Something that must be published once per period.
    public struct Item: Sendable, Decodable {
        public var name: String
        public var keywords: [String]
        public var excluded: [String]?
        /// `year` or `quarter`.
        public var every: String
        /// `MM-dd` for yearly items.
        public var due: String?
        /// Days after the quarter's end for quarterly items.
        public var dueDays: Int?
        public var levels: [String]

        /// An item as a rules file states it.
        public init(name: String, keywords: [String], excluded: [String]? = nil, every: String, due: String? = nil,
                    dueDays: Int? = nil, levels: [String]) {
            self.name = name; self.keywords = keywords; self.excluded = excluded; self.every = every; self.due = due
            self.dueDays = dueDays; self.levels = levels
        }

        /// Whether an entry titled `title` is this item.
        public func matches(_ title: String) -> Bool {
            keywords.contains(where: title.contains) && !(excluded ?? []).contains(where: title.contains)
        }
    }
    /// A named column that must have a new item within `months`.
    public struct ColumnWindow: Sendable, Decodable {
        public var name: String
        public var keywords: [String]
        public var months: Int
        public var levels: [String]
    }
    public var version: String
    public var items: [Item]
    public var columns: [ColumnWindow]
}

/// A period (a year or a quarter) that an item is judged for, and its label in Chinese.
public struct PublicationPeriod: Sendable, Equatable {
    public var start: SimpleDate
    public var end: SimpleDate
    public var label: String

    /// The period `item` is judged for at `asOf`: the current one once it is due, else the previous.
    public static func judged(_ item: PeriodRules.Item, asOf: SimpleDate) -> PublicationPeriod {
        if item.every == "quarter" {
            var (year, q) = (asOf.year, (asOf.month - 1) / 3 + 1)
            func bounds(_ y: Int, _ q: Int) -> PublicationPeriod {
                let start = SimpleDate(year: y, month: (q - 1) * 3 + 1, day: 1)!
                return PublicationPeriod(start: start, end: start.adding(months: 3).adding(days: -1), label: "\(y)年第\(q)季度")
            }
            // The running quarter is never due: judge the last one whose due day has come, else the one before.
            (year, q) = q == 1 ? (year - 1, 4) : (year, q - 1)
            var p = bounds(year, q)
            if p.end.adding(days: item.dueDays ?? 0) > asOf { (year, q) = q == 1 ? (year - 1, 4) : (year, q - 1); p = bounds(year, q) }
            return p
        }
        var year = asOf.year
        if let due = item.due, let d = SimpleDate(iso: "\(year)-\(due)"), asOf < d { year -= 1 }
        return PublicationPeriod(start: SimpleDate(year: year, month: 1, day: 1)!, end: SimpleDate(year: year, month: 12, day: 31)!,
                                 label: "\(year)年")
    }
}
