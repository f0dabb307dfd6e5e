import Foundation
import GovLensCore
import GovLensMonitor
import GovLensStore
import Hummingbird

/// Finds the caller: `Authorization: Bearer TOKEN` (scripts, the CMS hook) or the session cookie
/// (the browser). Tokens are looked up by digest; no token or password is ever logged.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let store: ScanStore
    static let cookie = "govlens_session"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            context.user = try store.user(tokenHash: Passwords.digest(String(header.dropFirst(7))))
        } else if !request.uri.path.hasPrefix("/api/"), let token = request.cookies[Self.cookie]?.value {
            // The API takes bearer tokens only: a cookie there would let another page post with it (no CSRF field).
            context.user = try store.user(tokenHash: Passwords.digest(token))
            if context.user != nil { context.cookieToken = token }
        }
        return try await next(request, context)
    }
}

extension AppContext {
    /// The user, or 401 for an anonymous caller.
    func requireUser() throws -> UserRecord {
        guard let user else { throw HTTPError(.unauthorized, message: "请先登录") }
        return user
    }

    /// The user if they may act as `roles` (403 otherwise).
    func requireRole(_ roles: Set<Role>) throws -> UserRecord {
        let user = try requireUser()
        guard roles.contains(user.role) else { throw HTTPError(.forbidden, message: "没有权限执行此操作") }
        return user
    }

    /// The form's CSRF field must match the session (forms posted with the cookie only).
    func checkCSRF(_ form: [String: String]) throws {
        guard let token = cookieToken else { return }
        guard form["csrf"] == CSRF.value(for: token) else { throw HTTPError(.forbidden, message: "表单已过期，请刷新页面后重试") }
    }
}

enum CSRF {
    /// The per-session value forms carry.
    static func value(for token: String) -> String { Passwords.sha256("csrf:" + token) }
}

/// Failed logins per user name and address: after `limit` within `window` seconds, 429 until the
/// window has passed.
actor LoginLimiter {
    private var failures: [String: [Date]] = [:]

    /// Counts this attempt now (so parallel attempts cannot slip past) and says whether it may go on.
    func allowed(_ key: String, limit: Int, window: Double) -> Bool {
        let now = Date()
        if failures.count > 10_000 { failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } } }
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        guard recent.count < limit else { failures[key] = recent; return false }
        failures[key] = recent + [now]
        return true
    }

    func succeeded(_ key: String) { failures[key] = nil }
}

/// Logs a user in: the store checks the name, bcrypt the password; a session token is returned
/// (its digest stored). Nil for a wrong name or password; throws 429 when rate-limited.
func login(_ services: AppServices, username: String, password: String, from address: String) async throws -> (UserRecord, String)? {
    let key = "\(username)|\(address)"
    guard await services.limiter.allowed(key, limit: services.config.loginAttempts, window: services.config.loginWindow) else {
        throw HTTPError(.tooManyRequests, message: "登录失败次数过多，请 \(Int(services.config.loginWindow / 60)) 分钟后再试")
    }
    guard let (user, hash) = try services.store.credentials(username), Passwords.verify(password, hash: hash) else { return nil }
    await services.limiter.succeeded(key)
    let (token, digest) = Passwords.newToken()
    try services.store.addToken(hash: digest, userID: user.id, kind: "session",
                                expires: Date().addingTimeInterval(services.config.sessionHours * 3600))
    try services.store.audit(actor: user.username, action: "login", target: "session", detail: address)
    return (user, token)
}
