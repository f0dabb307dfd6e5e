import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensReports
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
        let user = try context.requireRole([.admin, .inspector])
        // A form with the 手工评分表 as a file (multipart), or without it (urlencoded).
        let body = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let type = request.headers[.contentType] ?? ""
        let parts = Multipart.parse(body, contentType: type)
        var form = parts?.mapValues { String(decoding: $0.data, as: UTF8.self) } ?? Form.parse(String(decoding: body, as: UTF8.self))
        try context.checkCSRF(form)
        func date(_ key: String) throws -> SimpleDate? {
            guard let t = form[key], !t.isEmpty else { return nil }
            guard let d = SimpleDate(iso: t) else { throw HTTPError(.badRequest, message: "日期应为 YYYY-MM-DD：\(t)") }
            return d
        }
        let manual = parts?["manual"].flatMap { p in p.data.isEmpty ? nil : (name: p.filename ?? "手工评分表.xlsx", data: p.data) }
        form["manual"] = nil
        let id: Int64
        do {
            id = try refusals { try assessments.run(pack: form["pack"] ?? "", asOf: try date("asOf"), deadline: try date("deadline"),
                                                    manual: manual, by: user) }
        } catch let e as HTTPError { throw e } catch {
            throw HTTPError(.badRequest, message: ErrorText.chinese(error))  // bad sheet or pack: row and column named
        }
        try store.audit(actor: user.username, action: "assess", target: "assessment \(id)", detail: form["pack"] ?? "")
        return redirect("/assessments/\(id)")
    }

    func report(_ context: AppContext) throws -> (AssessmentRecord, AssessmentReport) {
        _ = try context.requireRole([.admin, .inspector])
        let (a, scores) = try found(try assessments.scores(try context.parameters.require("id", as: Int64.self)))
        return (a, AssessmentReport(scores: scores, catalog: CheckRegistry.catalog, issuer: services.config.office))
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
        let user = try context.requireRole([.admin, .inspector])
        let id = try context.parameters.require("id", as: Int64.self)
        try context.checkCSRF(try await Form.read(request, context))
        let made = try refusals { try assessments.issueTickets(id, loop: services.rectification, by: user) }
        try store.audit(actor: user.username, action: "tickets", target: "assessment \(id)", detail: "下发 \(made.count) 个整改任务")
        return redirect("/tickets")
    }
}
