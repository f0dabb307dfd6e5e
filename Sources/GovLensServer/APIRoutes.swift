import Foundation
import GovLensCore
import GovLensScan
import GovLensStore
import Hummingbird

/// The JSON API under `/api/v1` (described by `Assets/openapi.json`). Every read goes through
/// the store with the caller's scope: what a unit's user may not see does not exist (404).
struct APIRoutes {
    let services: AppServices
    init(_ services: AppServices) { self.services = services }
    var store: ScanStore { services.store }

    func add(to router: Router<AppContext>) {
        let api = router.group("api/v1")
        api.post("session", use: session)
        api.get("openapi.json") { _, _ in try Self.file("openapi.json", type: "application/json") }
        api.get("units") { _, c in try json(try store.units(try c.requireUser().scope)) }
        api.get("units/:id") { _, c in try json(try found(try store.unit(try c.parameters.require("id", as: Int64.self), try c.requireUser().scope))) }
        api.get("sites") { _, c in try json(try store.sites(try c.requireUser().scope)) }
        api.get("sites/:id") { _, c in try json(try found(try store.site(try c.parameters.require("id", as: Int64.self), try c.requireUser().scope))) }
        api.post("sites/:id/scans", use: startScan)
        api.get("scans/:id", use: scan)
        api.get("findings", use: findings)
        api.get("findings/:id") { _, c in
            try json(FindingJSON(try found(try store.trackedFinding(try c.parameters.require("id", as: Int64.self), try c.requireUser().scope))))
        }
        api.post("findings/:id/review", use: review)
        api.post("check-text", use: checkText)
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(string: try await services.metrics.text(store: store))))
        }
    }

    struct Credentials: Decodable { var username: String; var password: String }

    @Sendable func session(_ request: Request, context: AppContext) async throws -> Response {
        let c = try await body(request, context, as: Credentials.self, shape: #"{"username": "…", "password": "…"}"#)
        let address = context.remoteAddress ?? "?"
        guard let (user, token) = try await login(services, username: c.username, password: c.password, from: address) else {
            throw HTTPError(.unauthorized, message: "用户名或密码错误")
        }
        struct Out: Encodable { var token: String; var user: UserRecord }
        return try json(Out(token: token, user: user))
    }

    @Sendable func startScan(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let site = try found(try store.site(try context.parameters.require("id", as: Int64.self), user.scope))
        let id = try store.enqueueScan(siteID: site.id)
        try store.audit(actor: user.username, action: "scan", target: "site \(site.id)", detail: site.url)
        struct Out: Encodable { var id: Int64 }
        return try json(Out(id: id), status: .accepted)
    }

    @Sendable func scan(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let job = try found(try store.job(try context.parameters.require("id", as: Int64.self), user.scope))
        let site = try found(try store.site(job.siteID, user.scope))
        let info = try job.scanID.flatMap { try store.scanInfo($0, user.scope) }
        struct Stats: Encodable { var pages: Int; var findings: Int }
        struct Out: Encodable {
            var id: Int64; var site: SiteRecord; var state: String; var complete: Bool?; var stats: Stats?; var error: String?
            var createdAt: String; var finishedAt: String?; var progress: String?
        }
        return try json(Out(id: job.id, site: site, state: job.state.rawValue, complete: info?.complete,
                            stats: info.map { Stats(pages: $0.pages, findings: $0.findings) }, error: job.error,
                            createdAt: job.createdAt, finishedAt: job.finishedAt, progress: job.progress))
    }

    @Sendable func findings(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let q = request.uri.queryParameters
        var filter = ScanStore.FindingFilter()
        filter.site = q["site"].flatMap { Int64(String($0)) }
        filter.unit = q["unit"].flatMap { Int64(String($0)) }
        filter.check = q["check"].map(String.init)
        if let s = q["state"] {
            guard let state = TrackedFinding.State(rawValue: String(s)) else { throw HTTPError(.badRequest, message: "state 应为 new、persisting 或 fixed") }
            filter.state = state
        }
        filter.search = q["q"].map(String.init)
        return try json(try store.trackedFindings(user.scope, filter).map(FindingJSON.init))
    }

    struct ReviewBody: Decodable { var decision: String; var reason: String }

    @Sendable func review(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let f = try found(try store.trackedFinding(try context.parameters.require("id", as: Int64.self), user.scope))
        _ = try context.requireRole([.admin, .inspector])
        let input = try await body(request, context, as: ReviewBody.self, shape: #"{"decision": "confirm|dismiss", "reason": "…"}"#)
        try store.review(f.id, decision: try Review.decision(input.decision), reason: try Review.reason(input.reason), by: user)
        return try json(FindingJSON(try found(try store.trackedFinding(f.id, user.scope))))
    }

    /// 先审后发: a unit's CMS sends a draft (JSON `{text, date}`, a multipart form with `file` and
    /// `date`, or the file itself with `?name=&date=`).
    @Sendable func checkText(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        let q = request.uri.queryParameters
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        var data = Data(buffer: body), name = q["name"].map(String.init) ?? "稿件.txt", date = q["date"].map(String.init)
        let type = request.headers[.contentType] ?? ""
        if type.hasPrefix("multipart/form-data") {
            // A form with the draft as `file` (any format check-text reads) and an optional `date`.
            guard let parts = Multipart.parse(data, contentType: type), let file = parts["file"] else {
                throw HTTPError(.badRequest, message: "multipart 请求应包含文件字段 file（以及可选的 date 字段）")
            }
            data = file.data; name = file.filename ?? "稿件.txt"
            date = parts["date"].map { String(decoding: $0.data, as: UTF8.self) }.flatMap { $0.isEmpty ? nil : $0 } ?? date
        } else if type.hasPrefix("application/json") {
            struct In: Decodable { var text: String; var date: String? }
            guard let input = try? JSONDecoder().decode(In.self, from: data) else {
                throw HTTPError(.badRequest, message: "请求体应为 {\"text\": \"…\", \"date\": \"YYYY-MM-DD\"}")
            }
            data = Data(input.text.utf8); name = "稿件.txt"; date = input.date ?? date
        }
        let day: SimpleDate
        do { day = try ScanSettings.date(date, option: "date") } catch { throw HTTPError(.badRequest, message: error.description) }
        let report: TextFileReport
        do { report = try await TextFileScan.check(data, name: name, date: day, inspector: services.inspector) } catch {
            throw HTTPError(.unprocessableContent, message: "\(name)：\(error.description)")
        }
        return try json(report)
    }

    /// The JSON body as `T`, or 400 with the shape it should have (in Chinese, not the decoder's English).
    func body<T: Decodable>(_ request: Request, _ context: AppContext, as: T.Type, shape: String) async throws -> T {
        do { return try await request.decode(as: T.self, context: context) } catch {
            throw HTTPError(.badRequest, message: "请求体应为 JSON：\(shape)")
        }
    }

    static func file(_ name: String, type: String) throws -> Response {
        let data = try Data(contentsOf: Templates.assets.appendingPathComponent(name))
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

/// A tracked finding as the API returns it: the finding as the scan JSON has it, plus its identity.
struct FindingJSON: Encodable {
    let tracked: TrackedFinding
    init(_ t: TrackedFinding) { tracked = t }
    enum Keys: String, CodingKey { case id, key, site, siteID, unit, unitID, state, firstSeen, lastSeen, review }
    func encode(to encoder: Encoder) throws {
        // The last guard: no long digit run leaves the API in clear, whatever a check put in its evidence.
        var f = tracked.finding
        f.evidence = Masking.longDigitRuns(f.evidence)
        try f.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(tracked.id, forKey: .id); try c.encode(tracked.key, forKey: .key)
        try c.encode(tracked.site, forKey: .site); try c.encode(tracked.siteID, forKey: .siteID)
        try c.encode(tracked.unit, forKey: .unit); try c.encode(tracked.unitID, forKey: .unitID)
        try c.encode(tracked.state, forKey: .state); try c.encode(tracked.firstSeen, forKey: .firstSeen)
        try c.encode(tracked.lastSeen, forKey: .lastSeen); try c.encodeIfPresent(tracked.review, forKey: .review)
    }
}

/// Review decisions and their reasons, checked the same for the UI and the API.
enum Review {
    static func decision(_ s: String) throws -> String {
        guard ["confirm", "dismiss"].contains(s) else { throw HTTPError(.badRequest, message: "decision 应为 confirm（确认）或 dismiss（排除）") }
        return s
    }
    static func reason(_ s: String) throws -> String {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { throw HTTPError(.badRequest, message: "请填写理由") }
        return String(t.prefix(500))
    }
}

/// The value, or 404: what the caller's scope does not see does not exist.
func found<T>(_ value: T?) throws -> T {
    guard let value else { throw HTTPError(.notFound, message: "不存在或无权查看") }
    return value
}

/// A JSON response with the project's encoding (sorted keys, slashes unescaped).
func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    e.dateEncodingStrategy = .iso8601
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(data: try e.encode(value))))
}
