import Foundation
import GovLensCore
import GovLensMonitor
import GovLensStore
import Hummingbird

/// 整改任务 over HTTP: the API under `/api/v1/tickets` and the pages under `/tickets`. Handlers
/// translate requests into `Rectification` calls; a unit's user reaches only its own tickets (404
/// otherwise) and can never mark its own items fixed.
struct TicketRoutes {
    let services: AppServices
    init(_ services: AppServices) { self.services = services }
    var loop: Rectification { services.rectification }
    var store: ScanStore { services.store }

    func add(to router: Router<AppContext>) {
        let api = router.group("api/v1")
        api.get("tickets") { r, c in
            let user = try c.requireUser()
            let q = r.uri.queryParameters
            let state = try q["state"].map { s in
                guard let v = Ticket.State(rawValue: String(s)) else {
                    throw HTTPError(.badRequest, message: "state 应为 " + Ticket.State.allCases.map(\.rawValue).joined(separator: "、"))
                }
                return v
            }
            return try json(try store.tickets(user.scope, unit: q["unit"].flatMap { Int64(String($0)) }, state: state).map(TicketJSON.init))
        }
        api.get("notifications") { _, c in
            // A webhook URL carries the robot's key: only its host leaves the server.
            try json(try store.notices(try c.requireUser().scope).map { n in
                var n = n
                n.deliveries = n.deliveries.map { d in
                    var d = d
                    if d.channel == "webhook" { d.target = URL(string: d.target)?.host ?? "webhook" }
                    return d
                }
                return n
            })
        }
        api.get("tickets/:id") { _, c in
            try json(TicketJSON(try found(try store.ticket(try c.parameters.require("id", as: Int64.self), try c.requireUser().scope))))
        }
        api.post("tickets") { r, c in
            let user = try c.requireRole([.admin, .inspector])
            struct In: Decodable { var unit: Int64; var findings: [Int64]; var accountFindings: [Int64]?; var deadline: String; var title: String? }
            let input = try await APIRoutes(services).body(r, c, as: In.self,
                                                           shape: #"{"unit": 1, "findings": [1, 2], "deadline": "2024-05-04 或 10个工作日"}"#)
            let id = try refusals { try loop.issue(unitID: input.unit, findings: input.findings, accountFindings: input.accountFindings ?? [],
                                                  deadline: try deadline(input.deadline),
                                                  title: input.title, by: user) }
            return try json(TicketJSON(try found(try store.ticket(id, user.scope))), status: .created)
        }
        api.post("tickets/:id/feedback") { r, c in
            let (user, id) = try visibleID(c)
            // JSON `{"note"}`, or a multipart form with `note` and any number of files.
            let note: String, files: [FeedbackFile]
            if (r.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data") {
                let form = try await Form.readWithFiles(r, c)
                note = form.fields["note"] ?? ""
                files = form.files.map(\.feedbackFile)
            } else {
                struct In: Decodable { var note: String }
                note = try await APIRoutes(services).body(r, c, as: In.self, shape: #"{"note": "整改说明"}"#).note
                files = []
            }
            return try json(TicketJSON(try await refusals { try await loop.submit(id, note: note, files: files, by: user) }))
        }
        api.get("tickets/:id/files/:file", use: feedbackFile)
        api.post("tickets/:id/items/:item/dispute") { r, c in
            let (user, id) = try visibleID(c)
            let item = try c.parameters.require("item", as: Int64.self)
            struct In: Decodable { var reason: String }
            let input = try await APIRoutes(services).body(r, c, as: In.self, shape: #"{"reason": "申诉理由"}"#)
            return try json(TicketJSON(try refusals { try loop.dispute(id, item: item, reason: input.reason, by: user) }))
        }
        api.post("tickets/:id/items/:item/review") { r, c in
            let (user, id) = try visibleID(c)
            let item = try c.parameters.require("item", as: Int64.self)
            struct In: Decodable { var accept: Bool; var note: String }
            let input = try await APIRoutes(services).body(r, c, as: In.self, shape: #"{"accept": true, "note": "复核意见"}"#)
            return try json(TicketJSON(try refusals { try loop.decide(id, item: item, accept: input.accept, note: input.note, by: user) }))
        }
        api.post("tickets/:id/escalate") { _, c in
            let (user, id) = try visibleID(c)
            return try json(TicketJSON(try refusals { try loop.escalate(id, by: user) }))
        }
    }

    /// The ticket named in the path, checked against the caller's scope before anything else is
    /// read (another unit's ticket is 404 whatever the body says).
    func visibleID(_ c: AppContext) throws -> (UserRecord, Int64) {
        let user = try c.requireUser()
        let id = try c.parameters.require("id", as: Int64.self)
        _ = try found(try store.ticket(id, user.scope))
        return (user, id)
    }

    func deadline(_ text: String) throws -> Deadline {
        guard let d = Deadline(text) else { throw HTTPError(.badRequest, message: "整改期限应为日期（2024-05-04）或工作日数（10个工作日）：\(text)") }
        return d
    }
}

/// The loop's refusals as HTTP: another unit's ticket does not exist (404), a forbidden or
/// impossible step is 403 or 409, with the Chinese reason.
func refusals<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw httpError(error) }
}

func refusals<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw httpError(error) }
}

func httpError(_ error: any Error) -> any Error {
    switch error {
    case let r as Rectification.Refusal:
        HTTPError(r.notFound ? .notFound : r.forbidden ? .forbidden : r.invalid ? .badRequest : .conflict,
                  message: r.notFound ? "不存在或无权查看" : r.description)
    case let e as StoreError: HTTPError(.conflict, message: e.description)
    default: error
    }
}

/// A ticket as the API returns it: state names in Chinese beside the codes, evidence masked.
struct TicketJSON: Encodable {
    struct Item: Encodable {
        var id: Int64; var key: String; var state: TicketItem.State; var stateName: String; var note: String?; var checkedAt: String?
        var needsInspector: Bool; var finding: Finding
    }
    var id: Int64, unit: String, unitID: Int64, state: Ticket.State, stateName: String, deadline: String, title: String
    var createdAt: String, createdBy: String, feedback: String?, items: [Item], history: [TicketEvent]
    /// The feedback's files, each with where to download it.
    var files: [File]
    struct File: Encodable { var id: Int64; var name: String; var contentType: String; var size: Int; var uploadedAt: String
        var uploadedBy: String; var url: String }

    init(_ t: Ticket) {
        id = t.id; unit = t.unit; unitID = t.unitID; state = t.state; stateName = t.state.chinese; deadline = t.deadline
        title = t.title; createdAt = t.createdAt; createdBy = t.createdBy; feedback = t.feedback
        files = t.files.map { File(id: $0.id, name: $0.name, contentType: $0.contentType, size: $0.size, uploadedAt: $0.uploadedAt,
                                   uploadedBy: $0.uploadedBy, url: "/api/v1/tickets/\(t.id)/files/\($0.id)") }
        history = t.history.map { e in var e = e; e.reason = Masking.longDigitRuns(e.reason); return e }
        items = t.items.map { i in
            var f = i.finding
            f.evidence = Masking.longDigitRuns(f.evidence)  // the last guard, as for findings
            return Item(id: i.id, key: i.key, state: i.state, stateName: i.state.chinese, note: i.note.map(Masking.longDigitRuns),
                        checkedAt: i.checkedAt, needsInspector: i.needsInspector, finding: f)
        }
    }
}
