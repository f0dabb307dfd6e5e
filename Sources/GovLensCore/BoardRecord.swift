/// One message board (留言/信箱/咨询) of a scanned site and what its messages show: the per-board
/// statistics of the scan JSON (`boards`), also for boards that could not be read (with why).
public struct BoardRecord: Codable, Sendable, Equatable {
    public var name: String
    public var url: String
    /// `checked`; `json` (read from the data endpoint its page calls); `script-rendered`, `login`,
    /// `captcha`, `unreachable`, `not-crawled`, `link-out`: not read, `note` says why.
    public var status: String
    /// Messages read (list entries of the board, with their detail pages where crawled).
    public var messages: Int
    public var answered: Int
    /// Open longer than the rules' window, or answered after it (互动回应差).
    public var overdue: Int
    /// Median calendar days from 留言时间 to 回复时间 over answered messages with both dates.
    public var medianReplyDays: Double?
    /// The newest 回复时间 (yyyy-MM-dd).
    public var newestReply: String?
    /// Whether the site publishes 留言受理反馈统计数据.
    public var statisticsPublished: Bool
    public var needsReview: Bool
    public var note: String?

    /// A board record with every statistic.
    public init(name: String, url: String, status: String, messages: Int = 0, answered: Int = 0, overdue: Int = 0,
                medianReplyDays: Double? = nil, newestReply: String? = nil, statisticsPublished: Bool = false,
                needsReview: Bool = false, note: String? = nil)
    {
        self.name = name; self.url = url; self.status = status; self.messages = messages; self.answered = answered
        self.overdue = overdue; self.medianReplyDays = medianReplyDays; self.newestReply = newestReply
        self.statisticsPublished = statisticsPublished; self.needsReview = needsReview; self.note = note
    }
}
