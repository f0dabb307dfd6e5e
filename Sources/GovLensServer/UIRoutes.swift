import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensScoring
import GovLensStore
import Hummingbird
import Mustache

/// The Chinese web UI: server-rendered Mustache pages with forms (no script needed). Reads go
/// through the store with the user's scope, as in the API.
struct UIRoutes {
    let services: AppServices
    init(_ services: AppServices) { self.services = services }
    var store: ScanStore { services.store }

    func add(to router: Router<AppContext>) {
        router.get("assets/style.css") { _, _ in try APIRoutes.file("style.css", type: "text/css; charset=utf-8") }
        router.get("login") { _, c in c.user == nil ? try page("login", ["title": "登录"], c) : redirect("/") }
        router.post("login", use: postLogin)
        router.post("logout", use: logout)
        router.get("", use: dashboard)
        router.get("units/:id", use: unitPage)
        router.get("sites/:id", use: sitePage)
        router.post("sites/:id/scan", use: startScan)
        router.get("findings/:id", use: findingPage)
        router.post("findings/:id/review", use: postReview)
        router.get("audit", use: auditPage)
    }

    // MARK: Pages

    @Sendable func dashboard(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let counts = try await services.dashboardCache.counts(user.scope) {
            try store.dashboardCounts(user.scope, since: Date().addingTimeInterval(-7 * 86400))
        }
        let latest = try store.latestJobs(user.scope)
        let current = try await currentScores()
        let results = Dictionary(current?.groups.flatMap(\.units).map { ($0.unit, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        // Ranked by current score within each group; units without one (no scan yet) last.
        let ranked = try store.units(user.scope).sorted { a, b in
            let (ra, rb) = (results[a.name], results[b.name])
            return (a.group, ra == nil ? 1 : 0, ra?.rank ?? 0, a.name) < (b.group, rb == nil ? 1 : 0, rb?.rank ?? 0, b.name)
        }
        let units: [[String: Any]] = try ranked.map { u in
            let mine = counts.perUnit[u.id] ?? (0, 0)
            let last = u.sites.compactMap { latest[$0.id] }.max { $0.id < $1.id }
            let score = results[u.name].map { r in
                "\(Numbers.text(r.total))\(r.provisional ? "（暂定）" : "")\(r.veto.isEmpty ? "" : "，单项否决")"
            }
            return ["id": u.id, "name": u.name, "group": u.group, "open": mine.open, "review": mine.review,
                    "score": score ?? "未评估", "rank": results[u.name].map { "\($0.rank)" } ?? "—",
                    "sites": try u.sites.map { s in ["id": s.id, "url": s.url, "availability": try availability(s.id)] },
                    "lastScan": last.map { "\(Self.stateName($0.state)) \($0.finishedAt ?? $0.createdAt)" } ?? "尚未检查"]
        }
        let byType = counts.byCheck.map { (CheckRegistry.catalog.title(CheckID(rawValue: $0.key)), $0.value) }
            .sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        return try page("dashboard", [
            "title": "总览", "units": units, "open": counts.open, "newThisWeek": counts.newSince, "fixedThisWeek": counts.fixedSince,
            "queued": try store.queueDepth(), "byTypeChart": Charts.bars(byType),
            "scorePack": current?.pack.name ?? services.config.dashboardPack,
        ], context)
    }

    /// Every unit's score on its newest scans by the 总览's pack (nil when the pack cannot be
    /// scored: the page then shows 未评估 rather than failing).
    func currentScores() async throws -> ScoreReport? {
        let platform = PlatformAssessment(store: store)
        let pack = services.config.dashboardPack
        return try? await services.currentScores.scores(key: pack + "|" + (try platform.currentKey())) {
            try platform.score(pack: pack)
        }
    }

    @Sendable func unitPage(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let unit = try found(try store.unit(try context.parameters.require("id", as: Int64.self), user.scope))
        // Counted in SQL, like the dashboard (decoding every finding of a big unit would be slow).
        let open = try store.dashboardCounts(user.scope, since: Date()).perSite
        let trend = try store.findingTrend(unit: unit.id, user.scope)
        let accounts = try store.accounts(user.scope, unit: unit.id).map { a in
            ["id": a.id, "label": a.label, "state": AccountRoutes.checkState(a)] as [String: Any]
        }
        return try page("unit", ["title": unit.name, "name": unit.name, "group": unit.group, "trendChart": Charts.trend(trend),
                                 "sites": unit.sites.map { s in ["id": s.id, "url": s.url, "open": open[s.id] ?? 0] },
                                 "accounts": accounts, "hasAccounts": !accounts.isEmpty],
                        context)
    }

    @Sendable func sitePage(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let site = try found(try store.site(try context.parameters.require("id", as: Int64.self), user.scope))
        let q = request.uri.queryParameters
        let check = q["check"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let state = q["state"].flatMap { TrackedFinding.State(rawValue: String($0)) }
        let search = q["q"].map(String.init) ?? ""
        let findings = try store.trackedFindings(user.scope, .init(site: site.id, check: check, state: state, search: search))
        let jobs = try store.jobs(user.scope, site: site.id)
        return try page("site", [
            "title": site.url, "id": site.id, "url": site.url, "unit": site.unit, "unitID": site.unitID, "q": search,
            "jobs": jobs.map { ["id": $0.id, "stateName": Self.stateName($0.state), "createdAt": $0.createdAt,
                                "finishedAt": $0.finishedAt ?? "", "error": $0.error ?? ($0.state == .running ? $0.progress ?? "" : "")] },
            "running": jobs.contains { $0.state == .running || $0.state == .queued },
            "checks": CheckRegistry.catalog.rules.map { ["id": $0.id.rawValue, "title": $0.title, "selected": $0.id.rawValue == check] },
            "states": TrackedFinding.State.allCases.map { ["id": $0.rawValue, "title": Self.stateName($0), "selected": $0 == state] },
            "findings": findings.map { t in
                ["id": t.id, "title": CheckRegistry.catalog.title(t.finding.check), "stateName": Self.stateName(t.state),
                 "place": t.finding.page + (t.finding.pageCount.map { "等 \($0) 个页面" } ?? ""),
                 "evidence": Masking.longDigitRuns(t.finding.evidence), "firstSeen": t.firstSeen, "needsReview": t.finding.needsReview,
                 "repeated": t.recurrences > 0]
            },
        ], context)
    }

    @Sendable func findingPage(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let t = try found(try store.trackedFinding(try context.parameters.require("id", as: Int64.self), user.scope))
        let f = t.finding
        var values: [String: Any] = [
            "title": CheckRegistry.catalog.title(f.check), "id": t.id, "unit": t.unit, "site": t.site, "siteID": t.siteID,
            "page": f.page, "evidence": Masking.longDigitRuns(f.evidence), "suggestion": f.suggestion,
            "stateName": Self.stateName(t.state), "firstSeen": t.firstSeen, "lastSeen": t.lastSeen, "key": t.key,
            "canReview": f.needsReview && user.role != .unit,
        ]
        if let target = f.target { values["target"] = target }
        if let column = f.column { values["column"] = column }
        if let r = t.review {
            values["review"] = ["decisionName": r.decision == "confirm" ? "已确认" : "已排除", "reason": r.reason, "by": r.by, "at": r.at]
        }
        return try page("finding", values, context)
    }

    @Sendable func auditPage(_ request: Request, context: AppContext) async throws -> Response {
        guard context.user != nil else { return redirect("/login") }
        _ = try context.requireRole([.admin, .inspector])
        let entries = try store.auditLog().map { ["at": $0.at, "actor": $0.actor, "action": $0.action, "target": $0.target, "detail": $0.detail] }
        return try page("audit", ["title": "操作记录", "entries": entries], context)
    }

    /// "99.4%（672 次）" over the last 7 days, or "未探测".
    func availability(_ siteID: Int64) throws -> String {
        let probes = try store.probes(siteID: siteID, since: Date().addingTimeInterval(-7 * 86400))
        guard !probes.isEmpty else { return "未探测" }
        let ok = Double(probes.filter(\.ok).count) / Double(probes.count) * 100
        return String(format: "%.1f%%（%d 次）", ok, probes.count)
    }

    // MARK: Forms

    @Sendable func postLogin(_ request: Request, context: AppContext) async throws -> Response {
        let form = try await Form.read(request, context)
        let address = context.remoteAddress ?? "?"
        do {
            guard let (_, token) = try await login(services, username: form["username"] ?? "", password: form["password"] ?? "", from: address) else {
                return try page("login", ["title": "登录", "error": "用户名或密码错误"], context, status: .unauthorized)
            }
            var response = redirect("/")
            response.setCookie(.init(name: AuthMiddleware.cookie, value: token, maxAge: Int(services.config.sessionHours * 3600), path: "/",
                                     secure: services.config.secureCookies, httpOnly: true, sameSite: .strict))
            return response
        } catch let e as HTTPError where e.status == .tooManyRequests {
            return try page("login", ["title": "登录", "error": e.body ?? "登录失败次数过多"], context, status: .tooManyRequests)
        }
    }

    @Sendable func logout(_ request: Request, context: AppContext) async throws -> Response {
        try context.checkCSRF(try await Form.read(request, context))
        if let token = context.cookieToken { try store.removeToken(hash: Passwords.digest(token)) }
        var response = redirect("/login")
        response.setCookie(.init(name: AuthMiddleware.cookie, value: "", maxAge: 0, path: "/", httpOnly: true))
        return response
    }

    @Sendable func startScan(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let site = try found(try store.site(try context.parameters.require("id", as: Int64.self), user.scope))
        try context.checkCSRF(try await Form.read(request, context))
        _ = try store.enqueueScan(siteID: site.id)
        try store.audit(actor: user.username, action: "scan", target: "site \(site.id)", detail: site.url)
        return redirect("/sites/\(site.id)")
    }

    @Sendable func postReview(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let t = try found(try store.trackedFinding(try context.parameters.require("id", as: Int64.self), user.scope))
        _ = try context.requireRole([.admin, .inspector])
        let form = try await Form.read(request, context)
        try context.checkCSRF(form)
        try store.review(t.id, decision: try Review.decision(form["decision"] ?? ""), reason: try Review.reason(form["reason"] ?? ""), by: user)
        return redirect("/findings/\(t.id)")
    }

    // MARK: Rendering

    func page(_ template: String, _ values: [String: Any], _ context: AppContext, status: HTTPResponse.Status = .ok) throws -> Response {
        var v = values
        v["version"] = GovLensVersion.current
        if let user = context.user {
            v["user"] = ["username": user.username, "roleName": Self.roleName(user.role), "isStaff": user.role != .unit,
                         "csrf": context.cookieToken.map(CSRF.value) ?? ""]
            v["csrf"] = context.cookieToken.map(CSRF.value) ?? ""
        }
        guard let html = services.templates.render(v, withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "页面模板 \(template) 缺失")
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func stateName(_ s: TrackedFinding.State) -> String { ["new": "新发现", "persisting": "仍存在", "fixed": "已整改"][s.rawValue]! }
    static func stateName(_ s: JobRecord.State) -> String { ["queued": "排队中", "running": "检查中", "done": "已完成", "failed": "失败"][s.rawValue]! }
    static func roleName(_ r: Role) -> String { ["admin": "管理员", "inspector": "评估人员", "unit": "单位用户"][r.rawValue]! }
}

func redirect(_ to: String) -> Response { Response(status: .seeOther, headers: [.location: to]) }

/// Form bodies: `application/x-www-form-urlencoded`, or `multipart/form-data` when the form
/// carries files.
enum Form {
    static func read(_ request: Request, _ context: AppContext) async throws -> [String: String] {
        try await readWithFiles(request, context).fields
    }

    /// The fields, and the files chosen in the form (empty file inputs left out).
    static func readWithFiles(_ request: Request, _ context: AppContext) async throws -> (fields: [String: String], files: [Multipart.Part]) {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data") else {
            return (parse(String(buffer: try await request.body.collect(upTo: 1 << 20))), [])
        }
        let body = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        guard let parts = Multipart.parts(body, contentType: type) else { throw HTTPError(.badRequest, message: "multipart 请求缺少 boundary") }
        var fields: [String: String] = [:]
        var files: [Multipart.Part] = []
        for p in parts {
            if let name = p.filename { if !name.isEmpty || !p.data.isEmpty { files.append(p) } }
            else { fields[p.name] = String(decoding: p.data, as: UTF8.self) }
        }
        return (fields, files)
    }

    static func parse(_ s: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in s.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let k = kv.first { out[k] = kv.count > 1 ? kv[1] : "" }
        }
        return out
    }
}

/// Bar charts drawn on the server as SVG (they print into Word as they are).
enum Charts {
    static func bars(_ rows: [(String, Int)]) -> String {
        guard let top = rows.map(\.1).max(), top > 0 else { return "<p>暂无问题</p>" }
        let h = 26, w = 560
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w + 260)\" height=\"\(rows.count * h + 10)\" role=\"img\" aria-label=\"问题类型\">"
        for (i, (name, n)) in rows.enumerated() {
            let y = i * h + 5, len = max(2, n * w / top)
            s += "<text x=\"0\" y=\"\(y + 17)\" font-size=\"14\">\(escape(name))</text>"
            s += "<rect x=\"200\" y=\"\(y + 3)\" width=\"\(len)\" height=\"18\" fill=\"#9b1c1c\"/>"
            s += "<text x=\"\(205 + len)\" y=\"\(y + 17)\" font-size=\"13\">\(n)</text>"
        }
        return s + "</svg>"
    }

    /// Problems found per scan over time, as a small SVG line chart.
    static func trend(_ points: [(date: String, findings: Int)]) -> String {
        guard points.count >= 1, let top = points.map(\.findings).max() else { return "<p>尚无检查记录</p>" }
        let w = 640, h = 180, left = 40, bottom = 30
        let step = points.count > 1 ? Double(w - left - 20) / Double(points.count - 1) : 0
        func x(_ i: Int) -> Int { left + Int(Double(i) * step) }
        func y(_ n: Int) -> Int { h - bottom - (top == 0 ? 0 : n * (h - bottom - 20) / top) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-label=\"问题数量趋势\">"
        s += "<line x1=\"\(left)\" y1=\"\(h - bottom)\" x2=\"\(w - 10)\" y2=\"\(h - bottom)\" stroke=\"#999\"/>"
        s += "<polyline fill=\"none\" stroke=\"#9b1c1c\" stroke-width=\"2\" points=\""
            + points.enumerated().map { "\(x($0.offset)),\(y($0.element.findings))" }.joined(separator: " ") + "\"/>"
        for (i, p) in points.enumerated() {
            s += "<circle cx=\"\(x(i))\" cy=\"\(y(p.findings))\" r=\"3\" fill=\"#9b1c1c\"><title>\(escape(p.date))：\(p.findings) 个问题</title></circle>"
        }
        s += "<text x=\"\(left)\" y=\"\(h - 8)\" font-size=\"12\">\(escape(points.first!.date))</text>"
        s += "<text x=\"\(w - 90)\" y=\"\(h - 8)\" font-size=\"12\">\(escape(points.last!.date))</text>"
        s += "<text x=\"0\" y=\"\(y(top) + 4)\" font-size=\"12\">\(top)</text>"
        return s + "</svg>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
