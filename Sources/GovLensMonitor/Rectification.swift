import Foundation
import GovLensCore
import GovLensStore

/// The 整改 → 复核 loop: tickets issued with a deadline, the unit's feedback, the re-check that
/// closes fixed items and reopens the rest, disputes and the inspector's decisions, and the
/// deadline (逾期, then 督办). Who may do what is checked here; the store keeps every change.
public struct Rectification: Sendable {
    public let store: ScanStore
    public let recheck: Recheck
    public let calendar: WorkingDayCalendar
    /// The clock (tests move it).
    public let now: @Sendable () -> Date
    /// Check families whose findings become tickets the day they are found (e.g. `privacy`), with
    /// their deadline.
    public var autoIssue: [AutoIssue] = []
    /// What a unit may attach to its feedback.
    public var feedbackFiles = FeedbackFilePolicy()
    /// A re-check that has not finished this long after it began was interrupted (the server
    /// stopped mid-way): the next tick runs it again.
    public var interruptedAfter: TimeInterval = 1800
    /// Re-checks 政务新媒体 account items by checking the unit's accounts again; without it such
    /// items stay open, marked 无法复核.
    public var newMedia: NewMediaMonitor? = nil

    public init(store: ScanStore, recheck: Recheck, calendar: WorkingDayCalendar = .official, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store; self.recheck = recheck; self.calendar = calendar; self.now = now
    }

    /// A family of checks issued as tickets from monitoring (`rectification.autoIssue` in the settings).
    public struct AutoIssue: Decodable, Sendable {
        public var family: String
        /// `2024-05-04` or `3个工作日`.
        public var deadline: String
        public init(family: String, deadline: String) { self.family = family; self.deadline = deadline }
    }

    /// A problem a user's request causes, in Chinese; `notFound` hides other units' tickets.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var description: String
        /// The ticket is not the caller's to see (answered as if it did not exist).
        public var notFound = false
        /// The caller's role may not take this step.
        public var forbidden = false
        /// What the caller sent cannot be taken (a file too large or of the wrong kind).
        public var invalid = false
        init(_ d: String, notFound: Bool = false, forbidden: Bool = false, invalid: Bool = false) {
            description = d; self.notFound = notFound; self.forbidden = forbidden; self.invalid = invalid
        }
    }

    var today: SimpleDate { SimpleDate(date: now()) }

    /// Findings only a person can judge go to the inspector instead of the re-check.
    /// Attachment findings too: a re-check reads pages, not the files they link.
    static func needsInspector(_ f: Finding) -> Bool { f.check == "text.serious" || f.needsReview || f.linkedFrom != nil }

    /// 复核 of account items: the unit's accounts are checked again now (their sources read as the
    /// schedule reads them); an item is fixed only when its account was read and its key is gone.
    func recheckAccounts(unit: Int64, items: [TicketItem]) async -> [Int64: Recheck.Outcome] {
        guard let newMedia else {
            return Dictionary(uniqueKeysWithValues: items.map { ($0.id, .unverifiable("无法复核：平台未开启政务新媒体检查")) })
        }
        do { try await newMedia.check(unit: unit) } catch {
            return Dictionary(uniqueKeysWithValues: items.map { ($0.id, .unverifiable("无法复核：\(ErrorText.chinese(error))")) })
        }
        var out: [Int64: Recheck.Outcome] = [:]
        for item in items {
            guard let fid = item.accountFindingID, let f = try? store.accountFinding(fid),
                  let account = try? store.account(f.accountID, .all) else {
                out[item.id] = .unverifiable("无法复核：账号已不在平台上"); continue
            }
            guard let check = account.lastCheck, check.checked else {
                out[item.id] = .unverifiable("无法复核：\(account.label)\(account.lastCheck?.reason ?? "未能读取")"); continue
            }
            out[item.id] = f.state == .fixed ? .gone("重新读取\(account.label)的内容（\(check.source ?? "")），问题已消失")
                : .present(Masking.longDigitRuns(f.finding.evidence))
        }
        return out
    }

    /// Issues a ticket for a unit's tracked findings and 政务新媒体 account findings (admin or inspector).
    public func issue(unitID: Int64, findings: [Int64], accountFindings: [Int64] = [], deadline: Deadline, title: String? = nil,
                      by user: UserRecord) throws -> Int64 {
        guard user.role != .unit else { throw Refusal("单位用户不能下发整改任务", forbidden: true) }
        let last = deadline.resolve(from: today, calendar: calendar)
        guard last >= today else { throw Refusal("整改期限 \(last) 已过，请给出今天或以后的日期") }
        guard let unit = try store.unit(unitID, .all) else { throw Refusal("单位 \(unitID) 不存在", notFound: true) }
        return try store.createTicket(unitID: unitID, trackedIDs: findings, accountFindingIDs: accountFindings, deadline: last,
                                      title: title ?? "\(unit.name)整改任务",
                                      actor: user.username, needsInspector: Self.needsInspector)
    }

    /// One ticket per unit for the open findings of a check family (e.g. `privacy`) that no open
    /// ticket holds yet: monitoring's "整改 the day it is found".
    public func issueFromMonitoring(family: String, deadline: Deadline, by user: UserRecord) throws -> [Int64] {
        let held = try store.heldFindings()
        let open = try store.trackedFindings(.all, .init(check: family), limit: 100_000).filter { $0.state != .fixed && !held.contains($0.id) }
        return try Dictionary(grouping: open, by: \.unitID).sorted { $0.key < $1.key }.map { unit, findings in
            try issue(unitID: unit, findings: findings.map(\.id), deadline: deadline, title: "监测发现问题整改任务（\(family)）", by: user)
        }
    }

    func visibleTicket(_ id: Int64, _ user: UserRecord) throws -> Ticket {
        guard let t = try store.ticket(id, user.scope) else { throw Refusal("整改任务 \(id) 不存在", notFound: true) }
        return t
    }

    /// The unit's 整改说明, with its files (整改报告, screenshots): the ticket is 已反馈 and its
    /// items are re-checked at once.
    @discardableResult
    public func submit(_ id: Int64, note: String, files: [FeedbackFile] = [], by user: UserRecord) async throws -> Ticket {
        let t = try visibleTicket(id, user)
        guard user.role == .unit || user.role == .admin else { throw Refusal("只有责任单位可以反馈整改情况", forbidden: true) }
        guard !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw Refusal("请填写整改说明") }
        guard t.state.acceptsFeedback else { throw Refusal("整改任务当前为“\(t.state.chinese)”，不能反馈") }
        let stored = try feedbackFiles.check(files)
        try store.moveTicket(id, from: [t.state], to: .submitted, actor: user.username, reason: Self.feedbackReason, feedback: note,
                             files: stored)
        // What only a person can judge goes back to the inspector with the new feedback.
        for i in t.items where i.needsInspector && (i.state == .reopened || i.state == .rejected) {
            try store.moveItem(ticket: id, item: i.id, to: .open, note: i.note, actor: user.username, reason: "单位再次反馈，待人工复核")
        }
        return try await review(id)
    }

    /// Re-checks the ticket's items that a machine can judge, then settles the ticket.
    @discardableResult
    public func review(_ id: Int64, actor: String = "复核程序") async throws -> Ticket {
        var t = try visibleTicket(id, .system)
        try store.moveTicket(id, from: [t.state], to: .reviewing, actor: actor, reason: Self.startReason)
        let due = t.items.filter { [.open, .reopened, .rejected].contains($0.state) && !$0.needsInspector }
        let sites = Dictionary(uniqueKeysWithValues: try store.sites(.all).map { ($0.id, $0) })
        let at = ISO8601DateFormatter().string(from: now())
        /// Moves each item as its re-check came out: fixed, back to open, or left as it was with the reason.
        func apply(_ items: [TicketItem], _ outcomes: [Int64: Recheck.Outcome]) throws {
            for item in items {
                switch outcomes[item.id] ?? .unverifiable("无法复核：未得到结果") {
                case .gone(let evidence):
                    try store.moveItem(ticket: id, item: item.id, to: .fixed, note: evidence, checkedAt: at, actor: actor, reason: evidence)
                case .present(let evidence):
                    try store.moveItem(ticket: id, item: item.id, to: .reopened, note: evidence, checkedAt: at, actor: actor, reason: evidence)
                case .unverifiable(let reason):
                    try store.moveItem(ticket: id, item: item.id, to: item.state, note: reason, checkedAt: at, actor: actor, reason: reason)
                }
            }
        }
        let accountItems = due.filter { $0.accountFindingID != nil }
        if !accountItems.isEmpty { try apply(accountItems, await recheckAccounts(unit: t.unitID, items: accountItems)) }
        for (siteID, items) in Dictionary(grouping: due.filter { $0.accountFindingID == nil }, by: \.siteID) {
            guard let site = sites[siteID] else { continue }
            try apply(items, await recheck.run(site: site, items: items))
        }
        t = try visibleTicket(id, .system)
        return try settle(t, actor: actor, endOfReview: true)
    }

    static let feedbackReason = "单位反馈整改情况"
    static let startReason = "开始复核"

    /// After a re-check or a decision: 已销号 when nothing is left, 复核中 while a person must
    /// still decide, else 复核未通过 (or 逾期 when the deadline has passed). A finished re-check
    /// always leaves an entry, so one that never finished can be told from one waiting for a person.
    func settle(_ t: Ticket, actor: String, endOfReview: Bool = false) throws -> Ticket {
        let waiting = t.items.contains { $0.state == .disputed || ($0.needsInspector && !$0.state.isSettled && $0.state != .rejected && $0.state != .reopened) }
        let target: Ticket.State
        if t.openItems.isEmpty { target = .closed }
        else if waiting { target = .reviewing }
        else if let d = SimpleDate(iso: t.deadline), today > d { target = t.history.contains { $0.to == Ticket.State.escalated.rawValue } ? .escalated : .overdue }
        else { target = .reopened }
        if target != t.state || endOfReview {
            let reason = switch target {
            case .closed: "全部问题已整改或申诉成立，销号"
            case .reviewing: "等待评估人员复核"
            default: "仍有 \(t.openItems.count) 个问题未整改"
            }
            try store.moveTicket(t.id, from: [t.state], to: target, actor: actor, reason: reason)
        }
        return try visibleTicket(t.id, .system)
    }

    /// The unit says an item is a false alarm.
    public func dispute(_ id: Int64, item: Int64, reason: String, by user: UserRecord) throws -> Ticket {
        let t = try visibleTicket(id, user)
        guard user.role == .unit || user.role == .admin else { throw Refusal("只有责任单位可以申诉", forbidden: true) }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw Refusal("请填写申诉理由") }
        guard t.state != .closed else { throw Refusal("整改任务已销号") }
        try store.moveItem(ticket: id, item: item, from: [.open, .reopened], to: .disputed, note: reason, actor: user.username, reason: reason)
        return try settle(try visibleTicket(id, user), actor: user.username)
    }

    /// An inspector decides a disputed item (accept: 申诉成立) or one only a person can judge
    /// (accept: 已整改).
    public func decide(_ id: Int64, item: Int64, accept: Bool, note: String, by user: UserRecord) throws -> Ticket {
        let t = try visibleTicket(id, user)
        guard user.role != .unit else { throw Refusal("单位用户不能复核自己的问题", forbidden: true) }
        guard !note.trimmingCharacters(in: .whitespaces).isEmpty else { throw Refusal("请填写复核意见") }
        guard let i = t.items.first(where: { $0.id == item }) else { throw Refusal("整改任务 \(id) 中没有问题 \(item)", notFound: true) }
        let to: TicketItem.State
        switch (i.state, accept) {
        case (.disputed, true): to = .dismissed
        case (.disputed, false): to = .rejected
        case (_, true) where i.needsInspector && !i.state.isSettled: to = .fixed
        case (_, false) where i.needsInspector && !i.state.isSettled: to = .reopened
        default: throw Refusal("问题 \(item) 当前为“\(i.state.chinese)”，无需复核")
        }
        let at = ISO8601DateFormatter().string(from: now())
        try store.moveItem(ticket: id, item: item, to: to, note: note, checkedAt: at, actor: user.username, reason: note)
        return try settle(try visibleTicket(id, user), actor: user.username)
    }

    /// The office issues a 督办通知单 for an overdue ticket.
    public func escalate(_ id: Int64, by user: UserRecord) throws -> Ticket {
        let t = try visibleTicket(id, user)
        guard user.role == .admin else { throw Refusal("只有管理员可以督办", forbidden: true) }
        guard t.state == .overdue else { throw Refusal("只有逾期的整改任务可以督办（当前为“\(t.state.chinese)”）") }
        try store.moveTicket(id, from: [.overdue], to: .escalated, actor: user.username, reason: "下发督办通知单")
        return try visibleTicket(id, user)
    }

    /// Issues the configured monitoring tickets; then, at and after each deadline, tickets with
    /// items still open are re-checked once more and, if anything is left, become 逾期. Returns
    /// the tickets that became overdue.
    @discardableResult
    public func tick() async throws -> [Int64] {
        var problems: [String] = []
        for rule in autoIssue {
            // One bad rule or one failing ticket must not stop the others (nor the deadlines).
            do {
                guard let deadline = Deadline(rule.deadline) else { throw Refusal("rectification.autoIssue 的期限“\(rule.deadline)”无法识别") }
                _ = try issueFromMonitoring(family: rule.family, deadline: deadline, by: .system)
            } catch { problems.append("自动下发（\(rule.family)）：\(ErrorText.chinese(error))") }
        }
        var tickets = try store.tickets(.all)
        let resumed = interrupted(tickets)
        for t in resumed {
            do { _ = try await review(t.id, actor: "复核程序（中断后重新复核）") }
            catch { problems.append("整改任务 \(t.id) 重新复核：\(ErrorText.chinese(error))") }
        }
        var overdue: [Int64] = []
        if !resumed.isEmpty { tickets = try store.tickets(.all) }  // their states have just changed
        for t in tickets where [.open, .reopened].contains(t.state) {
            guard let d = SimpleDate(iso: t.deadline), today > d else { continue }
            do {
                let after = try await review(t.id, actor: "到期复核")
                if after.state == .overdue { overdue.append(t.id) }
            } catch { problems.append("整改任务 \(t.id) 到期复核：\(ErrorText.chinese(error))") }
        }
        if !problems.isEmpty { try? store.audit(actor: "复核程序", action: "tick-failed", target: "rectification", detail: problems.joined(separator: "；")) }
        return overdue
    }
}

extension Rectification {
    /// Tickets whose feedback or re-check began and never finished (the process stopped between
    /// the two steps or during the re-check), quiet for longer than `interruptedAfter`.
    func interrupted(_ tickets: [Ticket]) -> [Ticket] {
        let iso = ISO8601DateFormatter()
        return tickets.filter { t in
            guard t.state == .submitted || t.state == .reviewing,
                  let step = t.history.last(where: { $0.target == "ticket" }),
                  step.reason == Self.feedbackReason || step.reason == Self.startReason,
                  let quiet = t.history.last.flatMap({ iso.date(from: $0.at) })
            else { return false }
            return now().timeIntervalSince(quiet) > interruptedAfter
        }
    }

    /// Looks at deadlines every `seconds` until cancelled.
    public func run(every seconds: Double = 600) async {
        while !Task.isCancelled {
            _ = try? await tick()
            try? await Task.sleep(for: .seconds(seconds))
        }
    }
}

extension UserRecord {
    /// The loop's own actions (re-checks, deadlines) see every unit.
    static let system = UserRecord(id: 0, username: "复核程序", role: .admin, unitID: nil)
}
