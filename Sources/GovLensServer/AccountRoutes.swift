import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensStore
import Hummingbird

/// 政务新媒体 accounts: the list and one account (pages and `/api/v1/accounts`), the office's
/// register import, and a unit's upload of an account's platform export (what the next check
/// reads). Reads go through the store with the user's scope, as everywhere.
struct AccountRoutes {
    let services: AppServices
    init(_ services: AppServices) { self.services = services }
    var store: ScanStore { services.store }

    func add(to router: Router<AppContext>) {
        let api = router.group("api/v1")
        api.get("accounts") { _, c in
            let user = try c.requireUser()
            let open = try openCounts(user.scope)
            return try json(try store.accounts(user.scope).map { AccountJSON($0, open: open[$0.id] ?? 0) })
        }
        api.get("accounts/:id") { _, c in
            let user = try c.requireUser()
            let a = try found(try store.account(try c.parameters.require("id", as: Int64.self), user.scope))
            // The last guard, as for site findings: no long digit run leaves the API in clear.
            let findings = try store.accountFindings(user.scope, account: a.id).map { f in
                var f = f
                f.finding.evidence = Masking.longDigitRuns(f.finding.evidence)
                f.finding.linkText = f.finding.linkText.map(Masking.longDigitRuns)
                return f
            }
            struct Out: Encodable { var account: AccountJSON; var findings: [AccountFinding] }
            return try json(Out(account: AccountJSON(a, open: findings.filter { $0.state != .fixed }.count), findings: findings))
        }
        api.post("accounts/import") { r, c in
            let user = try c.requireRole([.admin])
            let form = try await Form.readWithFiles(r, c)
            return try json(try importRegister(form, by: user), status: .created)
        }
        api.post("accounts/:id/check") { _, c in
            let user = try c.requireUser()
            let a = try found(try store.account(try c.parameters.require("id", as: Int64.self), user.scope))
            try await checkNow(a, by: user)
            let open = try openCounts(user.scope)
            return try json(AccountJSON(try found(try store.account(a.id, user.scope)), open: open[a.id] ?? 0))
        }
        api.post("accounts/:id/export") { r, c in
            let user = try c.requireUser()
            let a = try found(try store.account(try c.parameters.require("id", as: Int64.self), user.scope))
            let id = try await upload(r, c, account: a, by: user)
            struct Out: Encodable { var id: Int64 }
            return try json(Out(id: id), status: .created)
        }
    }

    func addPages(to router: Router<AppContext>) {
        router.get("accounts", use: listPage)
        router.get("accounts/:id", use: accountPage)
        router.post("accounts/import") { r, c in
            let user = try c.requireRole([.admin])
            let form = try await Form.readWithFiles(r, c)
            try c.checkCSRF(form.fields)
            let result = try importRegister(form, by: user)
            let issues = result.issues.map { "\($0.place)：\($0.message)" }
            return try renderList(c, flash: ["已导入：新增 \(result.added) 个账号，更新 \(result.updated) 个账号。"] + issues)
        }
        router.post("accounts/:id/check") { r, c in
            guard let user = c.user else { return redirect("/login") }
            let a = try found(try store.account(try c.parameters.require("id", as: Int64.self), user.scope))
            try c.checkCSRF(try await Form.read(r, c))
            try await checkNow(a, by: user)
            return redirect("/accounts/\(a.id)")
        }
        router.post("accounts/:id/export") { r, c in
            guard let user = c.user else { return redirect("/login") }
            let a = try found(try store.account(try c.parameters.require("id", as: Int64.self), user.scope))
            _ = try await upload(r, c, account: a, by: user, form: true)
            return redirect("/accounts/\(a.id)")
        }
    }

    // MARK: Pages

    @Sendable func listPage(_ request: Request, context: AppContext) async throws -> Response {
        try renderList(context, flash: [])
    }

    func renderList(_ context: AppContext, flash: [String]) throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let open = try openCounts(user.scope)
        let accounts: [[String: Any]] = try store.accounts(user.scope).map { a in
            ["id": a.id, "unit": a.unit, "platform": a.platform, "name": a.name, "status": a.status, "open": open[a.id] ?? 0,
             "lastPost": a.lastCheck?.lastPost ?? "—", "posts": a.lastCheck.map { "\($0.postsInPeriod)" } ?? "—",
             "state": Self.checkState(a)]
        }
        return try UIRoutes(services).page("accounts", [
            "title": "政务新媒体", "accounts": accounts, "none": accounts.isEmpty, "canImport": user.role == .admin, "flash": flash,
        ], context)
    }

    @Sendable func accountPage(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = context.user else { return redirect("/login") }
        let a = try found(try store.account(try context.parameters.require("id", as: Int64.self), user.scope))
        let findings = try store.accountFindings(user.scope, account: a.id)
        var values: [String: Any] = [
            "title": a.label, "id": a.id, "label": a.label, "unit": a.unit, "unitID": a.unitID, "owner": a.owner,
            "handle": a.handle ?? "—", "url": a.url ?? "—", "opened": a.opened ?? "—", "status": a.status, "state": Self.checkState(a),
            "listing": a.listedOnSite.map { $0 ? "已列出（\(a.listingPage ?? "")）" : "未列出（\(a.listingPage ?? "")）" }
                ?? "尚无检查读到本单位网站的政务新媒体栏目",
            "export": a.latestExport.map { "\($0)（\(a.latestExportAt ?? "")上传）" } ?? "未上传",
            "findings": findings.map { f in
                ["title": CheckRegistry.catalog.title(f.finding.check), "stateName": UIRoutes.stateName(f.state),
                 "place": f.finding.linkText.map { "\(Masking.longDigitRuns($0))（\(f.finding.page)）" } ?? f.finding.page,
                 "evidence": Masking.longDigitRuns(f.finding.evidence), "firstSeen": f.firstSeen, "needsReview": f.finding.needsReview]
            },
        ]
        if let c = a.lastCheck {
            values["check"] = ["checkedAt": c.checkedAt, "asOf": c.asOf, "posts": c.posts, "postsInPeriod": c.postsInPeriod,
                               "lastPost": c.lastPost ?? "无", "days": c.daysSinceLastPost.map { "\($0) 天" } ?? "—",
                               "interaction": c.interaction.map { $0 ? "有" : "未开放" } ?? "来源未说明", "replies": c.replies,
                               "medianReply": c.medianReplyHours.map { String(format: "%.1f 小时", $0) } ?? "—",
                               "source": c.source ?? "—"] as [String: Any]
        }
        return try UIRoutes(services).page("account", values, context)
    }

    /// 未检查（原因）, 已检查, or 尚未检查.
    static func checkState(_ a: AccountRecord) -> String {
        guard let c = a.lastCheck else { return "尚未检查" }
        return c.checked ? "已检查（\(c.checkedAt.prefix(10))）" : "未检查：\(c.reason ?? "来源无法读取")"
    }

    // MARK: Actions

    func openCounts(_ scope: Scope) throws -> [Int64: Int] {
        Dictionary(grouping: try store.accountFindings(scope, includeFixed: false), by: \.accountID).mapValues(\.count)
    }

    /// The register file of a multipart form (`register`, optional `unit`) into the store.
    func importRegister(_ form: (fields: [String: String], files: [Multipart.Part]), by user: UserRecord) throws -> NewMediaMonitor.ImportResult {
        guard let file = form.files.first, !file.data.isEmpty else { throw HTTPError(.badRequest, message: "请选择政务新媒体登记表（CSV 或 XLSX）") }
        let unit = form.fields["unit"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        do {
            let result = try NewMediaMonitor.importRegister(file.data, fileName: file.filename ?? "登记表.csv", unit: unit, store: store)
            try store.audit(actor: user.username, action: "newmedia-import", target: file.filename ?? "登记表",
                            detail: "新增 \(result.added)，更新 \(result.updated)，未导入 \(result.issues.count) 行")
            return result
        } catch let e as StoreError { throw HTTPError(.badRequest, message: e.description) }
    }

    /// 立即检查: the account's unit's accounts checked now (together, so duplicates are seen), with
    /// the platform's new-media settings, or the shipped rules and today's date without them.
    func checkNow(_ a: AccountRecord, by user: UserRecord) async throws {
        let monitor = try services.rectification.newMedia ?? NewMediaMonitor.standard(store: store, inspector: services.inspector)
        try await monitor.check(unit: a.unitID)
        try store.audit(actor: user.username, action: "newmedia-check", target: "account \(a.id)", detail: a.label)
    }

    /// Stores the export file of a multipart form (`file`) for the account.
    func upload(_ request: Request, _ context: AppContext, account a: AccountRecord, by user: UserRecord, form: Bool = false) async throws -> Int64 {
        guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data") else {
            throw HTTPError(.badRequest, message: "请以 multipart/form-data 上传账号的导出文件（CSV、XLSX、JSON 或 RSS/Atom）")
        }
        let parts = try await Form.readWithFiles(request, context)
        if form { try context.checkCSRF(parts.fields) }
        guard let file = parts.files.first, !file.data.isEmpty, let name = file.filename, !name.isEmpty else {
            throw HTTPError(.badRequest, message: "请选择账号的导出文件")
        }
        let ext = (name as NSString).pathExtension.lowercased()
        guard ["csv", "tsv", "xlsx", "json", "xml", "rss", "atom"].contains(ext) else {
            throw HTTPError(.badRequest, message: "文件 \(name) 不是可读取的导出文件（应为 CSV、XLSX、JSON 或 RSS/Atom）")
        }
        let id = try found(try store.addAccountExport(account: a.id, name: name, data: file.data, by: user.username, user.scope))
        try store.audit(actor: user.username, action: "newmedia-export", target: "account \(a.id)", detail: name)
        return id
    }
}

/// An account as the API shows it: the store's record and its open findings.
struct AccountJSON: Encodable {
    var id: Int64, unitID: Int64, unit: String, platform: String, name: String, owner: String
    var handle: String?, url: String?, opened: String?, status: String
    var lastCheck: AccountCheckRecord?, latestExport: String?, openFindings: Int
    var listedOnSite: Bool?, listingPage: String?
    init(_ a: AccountRecord, open: Int) {
        id = a.id; unitID = a.unitID; unit = a.unit; platform = a.platform; name = a.name; owner = a.owner
        handle = a.handle; url = a.url; opened = a.opened; status = a.status; lastCheck = a.lastCheck; latestExport = a.latestExport
        openFindings = open; listedOnSite = a.listedOnSite; listingPage = a.listingPage
    }
}
