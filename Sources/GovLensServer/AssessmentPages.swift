import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensReports
import GovLensScoring
import GovLensStore
import Hummingbird

/// 考核 on the platform (staff only): run a pack over the store's units and newest scans, read the
/// rankings, download the 通报, 附件 and 问题清单, and issue each unit's 问题清单 as a 整改任务.
struct AssessmentPages {
    let services: AppServices
    init(_ services: AppServices) { self.services = services }
    var store: ScanStore { services.store }
    var assessments: PlatformAssessment { PlatformAssessment(store: services.store) }
    var ui: UIRoutes { UIRoutes(services) }

    func add(to router: Router<AppContext>) {
        router.get("assessments", use: list)
        router.post("assessments", use: run)
        router.get("assessments/:id", use: show)
        router.get("assessments/:id/files/:n", use: file)
        router.post("assessments/:id/tickets", use: issue)
        router.get("assessments/:id/notice", use: noticePage)
        router.post("assessments/:id/notice", use: saveNotice)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        guard context.user != nil else { return redirect("/login") }
        _ = try context.requireRole([.admin, .inspector])
        let rows = try store.assessments().map { a in
            ["id": a.id, "pack": a.pack, "asOf": a.asOf, "deadline": a.deadline, "by": a.createdBy, "at": a.createdAt] as [String: Any]
        }
        return try ui.page("assessments", ["title": "考核", "assessments": rows, "packs": PlatformAssessment.packs], context)
    }

    @Sendable func run(_ request: Request, context: AppContext) async throws -> Response {
        redirect("/assessments/\(try await start(request, context))")
    }

    /// Runs an assessment from a form (multipart with the 手工评分表 as `manual`, or urlencoded)
    /// or from JSON `{"pack", "asOf", "deadline"}`; returns its id.
    func start(_ request: Request, _ context: AppContext) async throws -> Int64 {
        let user = try context.requireRole([.admin, .inspector])
        var form: [String: String]
        var manual: (name: String, data: Data)?
        if (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/json") {
            struct In: Decodable { var pack: String; var asOf: String?; var deadline: String? }
            let input = try await APIRoutes(services).body(request, context, as: In.self,
                                                           shape: #"{"pack": "website-2019", "asOf": "2024-03-31", "deadline": "2024-04-30"}"#)
            form = ["pack": input.pack, "asOf": input.asOf ?? "", "deadline": input.deadline ?? ""]
        } else {
            let (fields, files) = try await Form.readWithFiles(request, context)
            form = fields
            try context.checkCSRF(form)
            manual = files.first { $0.name == "manual" && !$0.data.isEmpty }.map { (name: $0.filename ?? "手工评分表.xlsx", data: $0.data) }
        }
        func date(_ key: String) throws -> SimpleDate? {
            guard let t = form[key], !t.isEmpty else { return nil }
            guard let d = SimpleDate(iso: t) else { throw HTTPError(.badRequest, message: "日期应为 YYYY-MM-DD：\(t)") }
            return d
        }
        let id: Int64
        do {
            id = try refusals { try assessments.run(pack: form["pack"] ?? "", asOf: try date("asOf"), deadline: try date("deadline"),
                                                    manual: manual, by: user) }
        } catch let e as HTTPError { throw e } catch {
            throw HTTPError(.badRequest, message: ErrorText.chinese(error))  // bad sheet or pack: row and column named
        }
        try store.audit(actor: user.username, action: "assess", target: "assessment \(id)", detail: form["pack"] ?? "")
        return id
    }

    func report(_ context: AppContext) throws -> (AssessmentRecord, AssessmentReport) {
        _ = try context.requireRole([.admin, .inspector])  // before anything about the request is read
        return try report(try context.parameters.require("id", as: Int64.self), context)
    }

    func report(_ id: Int64, _ context: AppContext) throws -> (AssessmentRecord, AssessmentReport) {
        _ = try context.requireRole([.admin, .inspector])
        return try found(try assessments.report(id, issuer: services.config.office))
    }

    /// The 通报 settings form beside a preview of the notice as it will be downloaded.
    @Sendable func noticePage(_ request: Request, context: AppContext) async throws -> Response {
        guard context.user != nil else { return redirect("/login") }
        let (a, r) = try report(context)
        let s = r.notice
        let fields: [String: Any] = [
            "docNumber": s.docNumber ?? "", "recipients": s.recipients ?? "", "issueDate": s.issueDate ?? "", "contact": s.contact ?? "",
            "phone": s.phone ?? "", "cc": s.cc ?? "", "printedBy": s.printedBy ?? "", "printDate": s.printDate ?? "",
            "nameLimit": s.nameLimit.map(String.init) ?? "", "referenceName": s.referenceName ?? "",
            "referenceAverage": s.referenceAverage.map { "\($0)" } ?? "", "templateText": s.templateText ?? NoticeTemplate.shippedText,
        ]
        return try ui.page("assessment-notice", ["title": "通报设置", "id": a.id, "pack": r.scores.pack.name, "form": fields,
                                                 "preview": r.html()], context)
    }

    @Sendable func saveNotice(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireRole([.admin, .inspector])  // before anything about the request is read
        let form = try await Form.read(request, context)
        try context.checkCSRF(form)
        let id = try context.parameters.require("id", as: Int64.self)
        try storeNotice(id, try Self.settings(form), context)
        return redirect("/assessments/\(id)/notice")
    }

    /// The settings a form gives: empty fields are unset; the shipped template is not stored.
    static func settings(_ form: [String: String]) throws -> NoticeSettings {
        func text(_ key: String) -> String? { form[key].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } }
        var s = NoticeSettings()
        s.docNumber = text("docNumber"); s.recipients = text("recipients"); s.issueDate = text("issueDate")
        s.contact = text("contact"); s.phone = text("phone"); s.cc = text("cc"); s.printedBy = text("printedBy")
        s.printDate = text("printDate"); s.referenceName = text("referenceName")
        if let n = text("nameLimit") {
            guard let v = Int(n) else { throw HTTPError(.badRequest, message: "列举单位数应为整数：\(n)") }
            s.nameLimit = v
        }
        if let a = text("referenceAverage") {
            guard let v = Numbers.parse(a) else { throw HTTPError(.badRequest, message: "参照平均分应为数字：\(a)") }
            s.referenceAverage = v
        }
        let template = form["templateText"]?.replacingOccurrences(of: "\r\n", with: "\n")
        if let template, template.trimmingCharacters(in: .whitespacesAndNewlines) != NoticeTemplate.shippedText.trimmingCharacters(in: .whitespacesAndNewlines),
           !template.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            s.templateText = template
        }
        return s
    }

    func storeNotice(_ id: Int64, _ settings: NoticeSettings, _ context: AppContext) throws {
        let user = try context.requireRole([.admin, .inspector])
        try refusals { try assessments.saveNotice(id, settings, by: user) }
        try store.audit(actor: user.username, action: "notice", target: "assessment \(id)", detail: settings.docNumber ?? "")
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        guard context.user != nil else { return redirect("/login") }
        let (a, r) = try report(context)
        let tables = r.rankingTables().map { ["group": $0.group, "header": $0.header, "rows": $0.rows.map { ["cells": $0] }] as [String: Any] }
        let files = try r.files().enumerated().map { ["n": $0.offset, "name": $0.element.0] as [String: Any] }
        return try ui.page("assessment", ["title": "考核结果", "id": a.id, "pack": r.scores.pack.name, "asOf": a.asOf,
                                          "deadline": a.deadline, "tables": tables, "files": files, "warnings": r.scores.warnings],
                           context)
    }

    @Sendable func file(_ request: Request, context: AppContext) async throws -> Response {
        let (_, r) = try report(context)
        let files = try r.files()
        let n = try context.parameters.require("n", as: Int.self)
        guard files.indices.contains(n) else { throw HTTPError(.notFound, message: "不存在或无权查看") }
        return try TicketRoutes(services).download(files[n].1, name: String(files[n].0.split(separator: "/").last ?? ""))
    }

    @Sendable func issue(_ request: Request, context: AppContext) async throws -> Response {
        try context.checkCSRF(try await Form.read(request, context))
        _ = try issueTickets(context)
        return redirect("/tickets")
    }

    /// One 整改任务 per unit from the assessment's 问题清单; returns the tickets made.
    func issueTickets(_ context: AppContext) throws -> [Int64] {
        let user = try context.requireRole([.admin, .inspector])
        let id = try context.parameters.require("id", as: Int64.self)
        let made = try refusals { try assessments.issueTickets(id, loop: services.rectification, by: user) }
        try store.audit(actor: user.username, action: "tickets", target: "assessment \(id)", detail: "下发 \(made.count) 个整改任务")
        return made
    }

    /// The API: the same use cases as JSON.
    func addAPI(to router: Router<AppContext>) {
        let api = router.group("api/v1")
        api.get("assessments") { _, c in
            _ = try c.requireRole([.admin, .inspector])
            return try json(try store.assessments().map { AssessmentJSON($0, nil) })
        }
        api.post("assessments") { r, c in
            let id = try await start(r, c)
            let (a, report) = try report(id, c)
            return try json(AssessmentJSON(a, report), status: .created)
        }
        api.get("assessments/:id") { _, c in
            let (a, report) = try report(c)
            return try json(AssessmentJSON(a, report))
        }
        api.post("assessments/:id/tickets") { _, c in
            try json(["tickets": try issueTickets(c)], status: .created)
        }
        api.get("assessments/:id/notice") { _, c in
            try json(try report(c).1.notice)
        }
        api.put("assessments/:id/notice") { r, c in
            _ = try c.requireRole([.admin, .inspector])
            let settings = try await APIRoutes(services).body(r, c, as: NoticeSettings.self,
                                                              shape: #"{"docNumber": "青政公开办函〔2024〕1号", "recipients": "各乡镇人民政府、县直各单位"}"#)
            let id = try c.parameters.require("id", as: Int64.self)
            try storeNotice(id, settings, c)
            return try json(try report(id, c).1.notice)
        }
    }

}

/// An assessment as the API returns it: what was run, and (for one assessment) the scores as
/// `govlens score` writes them and where to download each file.
struct AssessmentJSON: Encodable {
    var id: Int64, pack: String, asOf: String, deadline: String, createdAt: String, createdBy: String
    var scores: ScoreReport?
    var files: [File]?
    struct File: Encodable { var name: String; var url: String }

    init(_ a: AssessmentRecord, _ report: AssessmentReport?) {
        id = a.id; pack = a.pack; asOf = a.asOf; deadline = a.deadline; createdAt = a.createdAt; createdBy = a.createdBy
        scores = report.map { Self.masked($0.scores) }
        files = try? report?.files().enumerated().map { File(name: $0.element.0, url: "/assessments/\(a.id)/files/\($0.offset)") }
    }

    /// The last guard, as for findings: no long digit run leaves the server in evidence or reasons.
    static func masked(_ scores: ScoreReport) -> ScoreReport {
        var s = scores
        func mask(_ f: inout [Finding]) { for i in f.indices { f[i].evidence = Masking.longDigitRuns(f[i].evidence) } }
        for g in s.groups.indices {
            for u in s.groups[g].units.indices {
                var r = s.groups[g].units[u]
                for i in r.veto.indices { mask(&r.veto[i].findings); r.veto[i].reason = Masking.longDigitRuns(r.veto[i].reason) }
                for i in r.lost.indices { mask(&r.lost[i].findings); r.lost[i].reason = Masking.longDigitRuns(r.lost[i].reason) }
                mask(&r.toReview)
                mask(&r.otherFindings)
                s.groups[g].units[u] = r
            }
        }
        return s
    }
}
