import Foundation

/// A 整改任务: the findings one unit must fix by a deadline, and what became of each.
public struct Ticket: Codable, Sendable, Equatable {
    /// 待整改 → 已反馈 → 复核中 → 已销号 or 复核未通过; 逾期 when the deadline passes with items
    /// open, 督办 once the office has issued a 督办通知单.
    public enum State: String, Codable, Sendable, CaseIterable {
        case open, submitted, reviewing, closed, reopened, overdue, escalated

        /// The name users read.
        public var chinese: String {
            switch self {
            case .open: "待整改"
            case .submitted: "已反馈"
            case .reviewing: "复核中"
            case .closed: "已销号"
            case .reopened: "复核未通过"
            case .overdue: "逾期"
            case .escalated: "督办"
            }
        }

        /// States in which the unit may still send feedback.
        public var acceptsFeedback: Bool { [.open, .reopened, .overdue, .escalated].contains(self) }
    }

    public var id: Int64
    public var unitID: Int64
    public var unit: String
    public var state: State
    /// yyyy-MM-dd: the last day for the unit's feedback.
    public var deadline: String
    public var title: String
    public var createdAt: String
    public var createdBy: String
    /// The unit's latest 整改说明.
    public var feedback: String?
    public var items: [TicketItem]
    public var history: [TicketEvent]
    /// Files the unit attached to its feedback (整改报告, screenshots), oldest first.
    public var files: [TicketFile]

    public init(id: Int64, unitID: Int64, unit: String, state: State, deadline: String, title: String, createdAt: String,
                createdBy: String, feedback: String?, items: [TicketItem], history: [TicketEvent], files: [TicketFile] = [])
    {
        self.id = id; self.unitID = unitID; self.unit = unit; self.state = state; self.deadline = deadline; self.title = title
        self.createdAt = createdAt; self.createdBy = createdBy; self.feedback = feedback; self.items = items; self.history = history
        self.files = files
    }

    /// Items still to be fixed (open, reopened, disputed).
    public var openItems: [TicketItem] { items.filter { !$0.state.isSettled } }
}

/// A file attached to a unit's feedback: what is listed; the bytes stay in the store until asked for.
public struct TicketFile: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var contentType: String
    public var size: Int
    public var uploadedAt: String
    public var uploadedBy: String

    public init(id: Int64, name: String, contentType: String, size: Int, uploadedAt: String, uploadedBy: String) {
        self.id = id; self.name = name; self.contentType = contentType; self.size = size; self.uploadedAt = uploadedAt
        self.uploadedBy = uploadedBy
    }
}

/// One finding of a ticket.
public struct TicketItem: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Still to fix.
        case open
        /// Verified fixed by a re-check or by an inspector.
        case fixed
        /// A re-check found it still there.
        case reopened
        /// The unit says it is a false alarm; an inspector decides.
        case disputed
        /// The inspector accepted the dispute: the key is left out of later scoring.
        case dismissed
        /// The inspector rejected the dispute: still to fix.
        case rejected

        public var chinese: String {
            switch self {
            case .open: "待整改"
            case .fixed: "已整改"
            case .reopened: "复核未通过"
            case .disputed: "申诉中"
            case .dismissed: "申诉成立"
            case .rejected: "申诉驳回"
            }
        }

        /// Fixed or dismissed: nothing more is asked of the unit.
        public var isSettled: Bool { self == .fixed || self == .dismissed }
    }

    public var id: Int64
    public var siteID: Int64
    /// The tracked finding it came from.
    public var trackedID: Int64?
    public var key: String
    public var finding: Finding
    public var state: State
    /// The latest word on it: the re-check's evidence, the dispute or the inspector's reason.
    public var note: String?
    /// When it was last re-checked (ISO 8601), whatever the outcome.
    public var checkedAt: String?
    /// Only a person can judge it (severe wording, manual indicators): it goes to the 复核 queue.
    public var needsInspector: Bool
    /// A 政务新媒体 account's finding it came from (then `siteID` is 0 and `trackedID` nil).
    public var accountFindingID: Int64?

    public init(id: Int64, siteID: Int64, trackedID: Int64?, key: String, finding: Finding, state: State, note: String?,
                checkedAt: String?, needsInspector: Bool, accountFindingID: Int64? = nil)
    {
        self.id = id; self.siteID = siteID; self.trackedID = trackedID; self.key = key; self.finding = finding; self.state = state
        self.note = note; self.checkedAt = checkedAt; self.needsInspector = needsInspector; self.accountFindingID = accountFindingID
    }
}

/// One change in a ticket's append-only log: who, when, from which state to which, why.
public struct TicketEvent: Codable, Sendable, Equatable {
    public var at: String
    public var actor: String
    /// `ticket` or `item N`.
    public var target: String
    public var from: String?
    public var to: String
    public var reason: String
    public init(at: String, actor: String, target: String, from: String?, to: String, reason: String) {
        self.at = at; self.actor = actor; self.target = target; self.from = from; self.to = to; self.reason = reason
    }
}

/// A deadline as offices give it: a date, or N working days from the day the ticket is issued.
public enum Deadline: Sendable, Equatable {
    case date(SimpleDate)
    case workingDays(Int)

    /// The last day, by the holiday-aware calendar.
    public func resolve(from day: SimpleDate, calendar: WorkingDayCalendar = .official) -> SimpleDate {
        switch self {
        case .date(let d): d
        case .workingDays(let n): calendar.add(n, to: day)
        }
    }

    /// Reads `2024-05-04` or `10个工作日` / `10 working days` / `10`.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let d = SimpleDate(iso: t) { self = .date(d); return }
        let digits = t.prefix { $0.isNumber }
        let rest = t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let n = Int(digits), n > 0, ["", "个工作日", "工作日", "working days", "wd"].contains(rest) else { return nil }
        self = .workingDays(n)
    }
}
