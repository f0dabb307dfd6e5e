import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensReports
import GovLensStore
import Hummingbird

/// The 整改任务 pages: the list (with the office's form to issue tickets), and one ticket with
/// the unit's feedback and dispute forms and the inspector's decisions.
extension TicketRoutes {
    func addPages(to router: Router<AppContext>) {
        router.get("tickets", use: listPage)
        router.post("tickets", use: postIssue)
        router.get("tickets/:id", use: ticketPage)
        router.post("tickets/:id/feedback", use: postFeedback)
        router.get("tickets/:id/files/:file", use: feedbackFile)
        router.post("tickets/:id/items/:item/dispute", use: postDispute)
        router.post("tickets/:id/items/:item/review", use: postDecision)
        router.post("tickets/:id/escalate", use: postEscalate)
        router.get("tickets/:id/supervision.docx", use: supervisionNotice)
        router.get("reports/ledger.xlsx", use: ledger)
        router.get("reports/rectification.docx", use: notice)
        router.get("notices", use: noticesPage)
    }

    /// 通知: the reminders made for the user's unit (staff see all), with how each sending went.
    @Sendable func noticesPage(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let notices = try store.notices(user.scope).map { n in
            ["at": n.at, "title": n.title, "body": n.body,
             "deliveries": n.deliveries.map { d in
                 var v: [String: Any] = ["channel": d.channel == "email" ? "邮件" : "webhook", "stateName": d.stateName]
                 if let e = d.lastError { v["error"] = e }
                 return v
             }] as [String: Any]
        }
        return try ui.page("notices", ["title": "通知", "notices": notices], context)
    }

    func paperwork(_ scope: Scope) throws -> RectificationReport {
        RectificationReport(tickets: try store.tickets(scope), office: services.config.office, date: .today(),
                            repeatOffences: try store.repeatOffences(scope))
    }

    /// 整改台账: a unit's user gets its own rows.
    @Sendable func ledger(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        return try download(try paperwork(user.scope).ledger().data(), name: "整改台账.xlsx")
    }

    /// 整改情况通报: the office's paper, naming units.
    @Sendable func notice(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireRole([.admin, .inspector])
        return try download(try paperwork(.all).notice().data(), name: "整改情况通报.docx")
    }

    /// 督办通知单 of an overdue or escalated ticket (its unit may read it too).
    @Sendable func supervisionNotice(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let t = try found(try store.ticket(try context.parameters.require("id", as: Int64.self), user.scope))
        guard t.state == .overdue || t.state == .escalated else {
            throw HTTPError(.conflict, message: "只有逾期或督办中的整改任务有督办通知单（当前为“\(t.state.chinese)”）")
        }
        let doc = RectificationReport(tickets: [t], office: services.config.office, date: .today())
            .supervisionNotice(t, newDeadline: WorkingDayCalendar.official.add(services.config.supervisionWorkingDays, to: .today()))
        return try download(try doc.data(), name: "督办通知单-\(t.unit).docx")
    }

    func download(_ data: Data, name: String) throws -> Response {
        let type = name.hasSuffix(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: Self.attachment(name)],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    var ui: UIRoutes { UIRoutes(services) }

    @Sendable func listPage(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let tickets = try store.tickets(user.scope).map { t in
            ["id": t.id, "unit": t.unit, "title": t.title, "stateName": t.state.chinese, "state": t.state.rawValue,
             "deadline": t.deadline, "items": t.items.count, "open": t.openItems.count] as [String: Any]
        }
        let units = user.role == .unit ? [] : try store.units(.all).map { ["id": $0.id, "name": $0.name] as [String: Any] }
        let families = Set(CheckRegistry.catalog.rules.map { String($0.id.rawValue.prefix { $0 != "." }) }).sorted()
        return try ui.page("tickets", ["title": "整改任务", "tickets": tickets, "canIssue": user.role != .unit, "units": units,
                                      "families": families], context)
    }

    @Sendable func ticketPage(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let t = try found(try store.ticket(try context.parameters.require("id", as: Int64.self), user.scope))
        let isUnit = user.role == .unit
        let items = t.items.map { i in
            ["id": i.id, "ticketID": t.id, "title": CheckRegistry.catalog.title(i.finding.check),
             // An account's problem names the account (政务新媒体) before the post or account address.
             "page": i.accountFindingID == nil ? i.finding.page : "\(i.finding.subject ?? "政务新媒体")：\(i.finding.page)",
             "evidence": Masking.longDigitRuns(i.finding.evidence), "suggestion": i.finding.suggestion, "stateName": i.state.chinese,
             "note": i.note.map(Masking.longDigitRuns) ?? "", "checkedAt": i.checkedAt ?? "",
             "canDispute": (isUnit || user.role == .admin) && [.open, .reopened].contains(i.state) && t.state != .closed,
             "canDecide": !isUnit && (i.state == .disputed || (i.needsInspector && !i.state.isSettled))] as [String: Any]
        }
        return try ui.page("ticket", [
            "title": t.title, "id": t.id, "unit": t.unit, "stateName": t.state.chinese, "deadline": t.deadline,
            "feedback": t.feedback ?? "", "items": items, "canFeedback": (isUnit || user.role == .admin) && t.state.acceptsFeedback,
            "canEscalate": user.role == .admin && t.state == .overdue, "late": t.state == .overdue || t.state == .escalated,
            "files": t.files.map { ["url": "/tickets/\(t.id)/files/\($0.id)", "name": $0.name, "size": Self.size($0.size),
                                    "at": $0.uploadedAt, "by": $0.uploadedBy] },
            "hasFiles": !t.files.isEmpty, "accept": loop.feedbackFiles.types.map { "." + $0 }.joined(separator: ","),
            "history": t.history.map { ["at": $0.at, "actor": $0.actor, "target": $0.target, "from": $0.from.map(Self.name) ?? "",
                                        "to": Self.name($0.to), "reason": Masking.longDigitRuns($0.reason)] },
        ], context)
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1024 * 1024 ? "\(max(1, bytes / 1024)) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    /// A state code in Chinese, whether of a ticket or of an item.
    static func name(_ code: String) -> String {
        Ticket.State(rawValue: code)?.chinese ?? TicketItem.State(rawValue: code)?.chinese ?? code
    }

    @Sendable func postIssue(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireRole([.admin, .inspector])
        let form = try await Form.read(request, context)
        try context.checkCSRF(form)
        guard let unit = form["unit"].flatMap({ Int64($0) }) else { throw HTTPError(.badRequest, message: "请选择单位") }
        let family = form["family"] ?? ""
        let open = try store.trackedFindings(.unit(unit), .init(check: family.isEmpty ? nil : family), limit: 100_000)
            .filter { $0.state != .fixed }
        // The unit's 政务新媒体 accounts' open problems go in too (of the chosen family, if any).
        let accounts = try store.accountFindings(.unit(unit), includeFixed: false).filter { family.isEmpty || $0.finding.check.rawValue.hasPrefix(family) }
        guard !open.isEmpty || !accounts.isEmpty else { throw HTTPError(.badRequest, message: "该单位没有未整改的问题") }
        let id = try refusals { try loop.issue(unitID: unit, findings: open.map(\.id), accountFindings: accounts.map(\.id),
                                              deadline: try deadline(form["deadline"] ?? ""), by: user) }
        return redirect("/tickets/\(id)")
    }

    /// A form posted on a ticket's page: the user, the ticket id and the fields (CSRF checked);
    /// the page is shown again after `act`.
    func onTicket(_ request: Request, _ context: AppContext,
                  _ act: (UserRecord, Int64, [String: String], [FeedbackFile]) async throws -> Void) async throws -> Response
    {
        let user = try context.requireUser()
        let id = try context.parameters.require("id", as: Int64.self)
        let (form, files) = try await Form.readWithFiles(request, context)
        try context.checkCSRF(form)
        try await act(user, id, form, files.map(\.feedbackFile))
        return redirect("/tickets/\(id)")
    }

    @Sendable func postFeedback(_ request: Request, context: AppContext) async throws -> Response {
        try await onTicket(request, context) { user, id, form, files in
            _ = try await refusals { try await loop.submit(id, note: form["note"] ?? "", files: files, by: user) }
        }
    }

    /// A file of the unit's feedback, for the unit and the office: always as a download, never
    /// shown inline (what a unit uploads must not run in the office's browser).
    @Sendable func feedbackFile(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let (file, data) = try found(try store.ticketFile(ticket: try context.parameters.require("id", as: Int64.self),
                                                          file: try context.parameters.require("file", as: Int64.self), user.scope))
        return Response(status: .ok, headers: [.contentType: file.contentType, .contentDisposition: Self.attachment(file.name),
                                               .init("X-Content-Type-Options")!: "nosniff"],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    static func attachment(_ name: String) -> String {
        "attachment; filename*=UTF-8''" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download")
    }

    @Sendable func postDispute(_ request: Request, context: AppContext) async throws -> Response {
        try await onTicket(request, context) { user, id, form, _ in
            let item = try context.parameters.require("item", as: Int64.self)
            _ = try refusals { try loop.dispute(id, item: item, reason: form["reason"] ?? "", by: user) }
        }
    }

    @Sendable func postDecision(_ request: Request, context: AppContext) async throws -> Response {
        try await onTicket(request, context) { user, id, form, _ in
            let item = try context.parameters.require("item", as: Int64.self)
            _ = try refusals { try loop.decide(id, item: item, accept: form["accept"] == "true", note: form["note"] ?? "", by: user) }
        }
    }

    @Sendable func postEscalate(_ request: Request, context: AppContext) async throws -> Response {
        try await onTicket(request, context) { user, id, _, _ in _ = try refusals { try loop.escalate(id, by: user) } }
    }
}
