import Foundation
import GovLensCore
import GovLensStore

/// Reminder settings (the `reminders:` section of the platform's config file).
public struct ReminderSettings: Decodable, Sendable {
    /// Days of the month for the per-unit digest (每半月一提示: the 1st and the 16th).
    public var digestDays: [Int] = [1, 16]
    /// Working days before a deadline for the deadline reminder.
    public var leadWorkingDays: Int = 3
    /// Minutes to wait before each retry of a failed sending; after the last it is given up (and shown).
    public var retryMinutes: [Int] = [1, 5, 30, 120, 720]
    /// The office chat robot's webhook (企业微信/钉钉 style `{"msgtype":"text","text":{"content":…}}`).
    public var webhook: String?
    public var smtp: SMTPSettings?
    /// Where the office's own copies (overdue notices) are mailed.
    public var officeEmail: String?

    public init() {}

    enum CodingKeys: String, CodingKey { case digestDays, leadWorkingDays, retryMinutes, webhook, smtp, officeEmail }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        digestDays = try c.decodeIfPresent([Int].self, forKey: .digestDays) ?? digestDays
        leadWorkingDays = try c.decodeIfPresent(Int.self, forKey: .leadWorkingDays) ?? leadWorkingDays
        retryMinutes = try c.decodeIfPresent([Int].self, forKey: .retryMinutes) ?? retryMinutes
        webhook = try c.decodeIfPresent(String.self, forKey: .webhook)
        smtp = try c.decodeIfPresent(SMTPSettings.self, forKey: .smtp)
        officeEmail = try c.decodeIfPresent(String.self, forKey: .officeEmail)
    }
}

/// Makes the reminders that are due (each once: the key names the unit, the kind and the day or
/// ticket) and sends pending deliveries, retrying failures on the configured schedule.
public struct Reminders: Sendable {
    public let store: ScanStore
    public let settings: ReminderSettings
    public let calendar: WorkingDayCalendar
    public let now: @Sendable () -> Date
    let mailer: Mailer?
    let webhook: Webhook?

    public init(store: ScanStore, settings: ReminderSettings, calendar: WorkingDayCalendar = .official,
                now: @escaping @Sendable () -> Date = { Date() })
    {
        self.store = store; self.settings = settings; self.calendar = calendar; self.now = now
        mailer = settings.smtp.map(Mailer.init)
        webhook = settings.webhook.map(Webhook.init)
    }

    func channels(email: String?) -> [(channel: String, target: String)] {
        var out: [(String, String)] = []
        if mailer != nil, let email { out.append(("email", email)) }
        if let w = settings.webhook { out.append(("webhook", w)) }
        return out
    }

    /// Makes the reminders due today; returns how many were made.
    @discardableResult
    public func tick() throws -> Int {
        let today = SimpleDate(date: now())
        let emails = try store.unitEmails()
        let tickets = try store.tickets(.all).filter { $0.state != .closed }
        var made = 0
        for t in tickets {
            guard let deadline = SimpleDate(iso: t.deadline) else { continue }
            let left = t.openItems.count
            if today > deadline {
                let days = today.dayNumber - deadline.dayNumber
                if try store.notify(unitID: t.unitID, kind: "overdue", title: "整改任务已逾期：\(t.title)",
                                    body: "\(t.unit)：整改任务（编号\(t.id)）期限为\(t.deadline)，已逾期\(days)天，仍有\(left)个问题未整改。请尽快整改并在巡检平台反馈。",
                                    onceKey: "overdue|\(t.id)|\(today)", channels: channels(email: emails[t.unitID]), at: now()) != nil { made += 1 }
            } else if calendar.workingDays(from: today, to: deadline) <= settings.leadWorkingDays, left > 0 {
                if try store.notify(unitID: t.unitID, kind: "deadline", title: "整改期限临近：\(t.title)",
                                    body: "\(t.unit)：整改任务（编号\(t.id)）将于\(t.deadline)到期，仍有\(left)个问题未整改。",
                                    onceKey: "deadline|\(t.id)", channels: channels(email: emails[t.unitID]), at: now()) != nil { made += 1 }
            }
        }
        guard settings.digestDays.contains(today.day) else { return made }
        for unit in try store.units(.all) {
            let mine = tickets.filter { $0.unitID == unit.id }
            let open = mine.reduce(0) { $0 + $1.openItems.count }
            let late = mine.filter { $0.state == .overdue || $0.state == .escalated }.count
            let fresh = try store.trackedFindings(.unit(unit.id), .init(state: .new), limit: 100_000).count
            guard open + fresh > 0 else { continue }
            var body = "\(unit.name)：整改中的任务\(mine.count)个，未整改问题\(open)个"
            if late > 0 { body += "，其中\(late)个任务已逾期" }
            let soon = mine.filter { SimpleDate(iso: $0.deadline).map { $0 >= today && calendar.workingDays(from: today, to: $0) <= settings.leadWorkingDays } ?? false }
            if !soon.isEmpty { body += "；即将到期：" + soon.map { "编号\($0.id)（\($0.deadline)）" }.joined(separator: "、") }
            body += "；监测新发现问题\(fresh)个。请登录巡检平台查看和整改。"
            if try store.notify(unitID: unit.id, kind: "digest", title: "政府网站问题提示（\(today.month)月\(today.day)日）", body: body,
                                onceKey: "digest|\(unit.id)|\(today)", channels: channels(email: emails[unit.id]), at: now()) != nil { made += 1 }
        }
        return made
    }

    /// Sends every pending delivery that is due; returns how many were sent and how many failed.
    @discardableResult
    public func deliver() async throws -> (sent: Int, failed: Int) {
        var sent = 0, failed = 0
        for (d, n) in try store.claimDeliveries(now: now()) {
            do {
                switch d.channel {
                case "email":
                    guard let mailer else { throw StoreError("未配置邮件服务器（reminders.smtp）") }
                    try await mailer.send(to: d.target, subject: n.title, body: n.body)
                case "webhook":
                    guard let webhook else { throw StoreError("未配置 webhook（reminders.webhook）") }
                    try await webhook.post(title: n.title, body: n.body)
                default:
                    throw StoreError("未知的发送渠道 \(d.channel)")
                }
                try store.recordDelivery(d.id, error: nil, retryAt: nil, now: now())
                sent += 1
            } catch {
                let wait = d.attempts < settings.retryMinutes.count ? settings.retryMinutes[d.attempts] : nil
                try store.recordDelivery(d.id, error: ErrorText.chinese(error), retryAt: wait.map { now().addingTimeInterval(Double($0) * 60) },
                                         now: now())
                failed += 1
            }
        }
        return (sent, failed)
    }

    /// Makes and sends reminders every `seconds` until cancelled.
    public func run(every seconds: Double = 60) async {
        while !Task.isCancelled {
            _ = try? tick()
            _ = try? await deliver()
            try? await Task.sleep(for: .seconds(seconds))
        }
    }
}
