import Foundation
import GovLensChecks
import GovLensCore
import GovLensMonitor
import GovLensScan
import GovLensStore
import Hummingbird
import Mustache

/// What the server is built from: the store, the check-text inspector, listen address and limits.
public struct ServerConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Session lifetime.
    public var sessionHours = 12.0
    /// Failed logins allowed per user name and address within `loginWindow` seconds.
    public var loginAttempts = 5
    public var loginWindow = 300.0
    /// Cookies only over HTTPS (set behind a TLS proxy).
    public var secureCookies = false
    /// The office that signs the loop's paperwork (整改情况通报, 督办通知单).
    public var office = "政务公开办"
    /// Working days a 督办通知单 gives from the day it is printed.
    public var supervisionWorkingDays = 5
    /// The pack the 总览 ranks units by (on their newest scans; manual items 未评估).
    public var dashboardPack = "website-2019"
    public init() {}
}

/// The request context: who is calling, once the auth middleware has looked.
public struct AppContext: RequestContext, Sendable {
    public var coreContext: CoreRequestContextStorage
    /// The logged-in user, if any.
    public var user: UserRecord?
    /// The session token when the user came with the session cookie (forms then need the CSRF field).
    public var cookieToken: String?
    /// The caller's address, for the login limiter.
    public var remoteAddress: String?
    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }
    /// Uploads up to 64 MB: check-text files, manual sheets, a unit's feedback files (by default
    /// up to five of 10 MB each; the loop's policy judges each file).
    public var maxUploadSize: Int { 64 << 20 }
}

/// Everything the handlers share.
public struct AppServices: Sendable {
    public let store: ScanStore
    public let config: ServerConfig
    public let inspector: TextInspector
    public let templates: MustacheLibrary
    /// The 整改 → 复核 loop.
    public let rectification: Rectification
    let limiter = LoginLimiter()
    let metrics = Metrics()
    /// The 总览 counts, recomputed at most every few seconds per scope (they scan every finding).
    let dashboardCache = DashboardCache()
    /// The current scores the 总览 ranks by, recomputed only when a scan or a dismissal changes them.
    let currentScores = CurrentScores()

    /// Services over `store`, with the templates shipped in the resources. Without `rectification`,
    /// re-checks scan with the built-in rules and today's date.
    public init(store: ScanStore, config: ServerConfig, inspector: TextInspector, rectification: Rectification? = nil) async throws {
        self.store = store; self.config = config; self.inspector = inspector
        templates = try await Templates.load()
        let rules = try ScanSettings.ruleBook(nil)
        self.rectification = rectification ?? Rectification(store: store, recheck: Recheck(store: store) { site in
            ScanOptions(url: site.url, asOf: .today(), rules: rules)
        })
    }
}

/// Builds the application from its dependencies (Hummingbird's pattern): the router with the
/// UI and the API, behind the metrics and auth middleware.
public func buildApplication(store: ScanStore, config: ServerConfig, inspector: TextInspector,
                             rectification: Rectification? = nil) async throws -> some ApplicationProtocol
{
    let services = try await AppServices(store: store, config: config, inspector: inspector, rectification: rectification)
    let router = buildRouter(services)
    return Application(router: router, configuration: .init(address: .hostname(config.host, port: config.port), serverName: "govlens"))
}

/// The router alone (for tests with `.router`): every route of the UI and the API.
public func buildRouter(_ services: AppServices) -> Router<AppContext> {
    let router = Router(context: AppContext.self)
    router.add(middleware: MetricsMiddleware(metrics: services.metrics))
    router.add(middleware: ErrorPageMiddleware())
    router.add(middleware: AuthMiddleware(store: services.store))
    APIRoutes(services).add(to: router)
    UIRoutes(services).add(to: router)
    TicketRoutes(services).add(to: router)
    TicketRoutes(services).addPages(to: router)
    AccountRoutes(services).add(to: router)
    AccountRoutes(services).addPages(to: router)
    AssessmentPages(services).add(to: router)
    AssessmentPages(services).addAPI(to: router)
    return router
}

/// Templates and static files shipped in the binary's resources.
enum Templates {
    static var assets: URL { Bundle.module.url(forResource: "Assets", withExtension: nil)! }
    static func load() async throws -> MustacheLibrary {
        try await MustacheLibrary(directory: assets.appendingPathComponent("templates").path)
    }
}
