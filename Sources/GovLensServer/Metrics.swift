import Foundation
import GovLensCore
import GovLensScoring
import GovLensStore
import Hummingbird

/// Request counts and latency for `/metrics` (Prometheus text format).
actor Metrics {
    private var requests: [String: Int] = [:]
    private var latencySum = 0.0
    private var latencyCount = 0
    /// Upper bounds in seconds of the latency histogram.
    static let buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
    private var bucketCounts = [Int](repeating: 0, count: buckets.count)

    func record(status: Int, seconds: Double) {
        requests[String(status), default: 0] += 1
        latencySum += seconds
        latencyCount += 1
        for (i, b) in Self.buckets.enumerated() where seconds <= b { bucketCounts[i] += 1 }
    }

    /// The exposition text, with the store's counts.
    func text(store: ScanStore) throws -> String {
        var s = "# HELP govlens_http_requests_total HTTP requests by status.\n# TYPE govlens_http_requests_total counter\n"
        for (status, n) in requests.sorted(by: { $0.key < $1.key }) { s += "govlens_http_requests_total{status=\"\(status)\"} \(n)\n" }
        s += "# HELP govlens_http_request_seconds Request latency.\n# TYPE govlens_http_request_seconds histogram\n"
        for (i, b) in Self.buckets.enumerated() { s += "govlens_http_request_seconds_bucket{le=\"\(b)\"} \(bucketCounts[i])\n" }
        s += "govlens_http_request_seconds_bucket{le=\"+Inf\"} \(latencyCount)\n"
        s += "govlens_http_request_seconds_sum \(latencySum)\ngovlens_http_request_seconds_count \(latencyCount)\n"
        let stats = try store.platformCounts()
        s += "# HELP govlens_scans_total Scans stored.\n# TYPE govlens_scans_total counter\ngovlens_scans_total \(stats.scans)\n"
        s += "# HELP govlens_pages_fetched_total Pages fetched by stored scans.\n# TYPE govlens_pages_fetched_total counter\n"
        s += "govlens_pages_fetched_total \(stats.pages)\n"
        s += "# HELP govlens_queue_depth Scan jobs waiting.\n# TYPE govlens_queue_depth gauge\ngovlens_queue_depth \(stats.queued)\n"
        s += "# HELP govlens_probe_failures_total Homepage probes that failed.\n# TYPE govlens_probe_failures_total counter\n"
        s += "govlens_probe_failures_total \(stats.probeFailures)\n"
        return s
    }
}

struct MetricsMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let metrics: Metrics
    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            await metrics.record(status: response.status.code, seconds: Self.seconds(since: start))
            return response
        } catch let e as HTTPResponseError {
            await metrics.record(status: e.status.code, seconds: Self.seconds(since: start))
            throw e
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// Errors as a person or a script should meet them: a database that went away answers 503 (and
/// the server recovers when it is back), never a crash; pages get a Chinese error page, the API
/// keeps Hummingbird's JSON error.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppContext
    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as HTTPError {
            if request.uri.path.hasPrefix("/api/") || request.uri.path == "/metrics" { throw e }
            // Our own messages are Chinese; Hummingbird's (a bad parameter, an unknown route) are not.
            let chinese = e.body.flatMap { $0.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } ? $0 : nil }
            return Self.page(e.status, chinese ?? Self.defaultMessage(e.status))
        } catch let e as HTTPResponseError {
            throw e
        } catch {
            context.logger.error("request failed: \(String(describing: type(of: error)))")
            let e = HTTPError(.serviceUnavailable, message: "服务暂时不可用（数据库无法访问），请稍后再试")
            if request.uri.path.hasPrefix("/api/") { throw e }
            return Self.page(e.status, e.body ?? "")
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        [400: "请求的参数不正确", 404: "页面不存在，或无权查看", 405: "不支持这种操作", 413: "上传的内容过大"][status.code] ?? "请求没有完成，请稍后再试"
    }

    static func page(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let title = [404: "页面不存在", 403: "没有权限", 401: "请先登录", 503: "服务暂时不可用"][status.code] ?? "出错了"
        let html = """
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(title)</title><link rel="stylesheet" href="/assets/style.css"></head>
            <body><header><a class="brand" href="/">政府网站巡检平台</a></header><main><h1>\(title)</h1><p class="error">\(Charts.escape(message))</p>
            <p><a href="/">返回总览</a></p></main></body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The dashboard's counts per scope, kept for `ttl` seconds: under load the page costs a template,
/// not a pass over every finding; a person sees changes within seconds.
actor DashboardCache {
    private var entries: [String: (at: Date, counts: DashboardCounts)] = [:]
    let ttl: Double
    init(ttl: Double = 5) { self.ttl = ttl }

    func counts(_ scope: Scope, compute: () throws -> DashboardCounts) rethrows -> DashboardCounts {
        let key: String
        switch scope {
        case .all: key = "all"
        case .unit(let id): key = "unit-\(id)"
        }
        if let e = entries[key], Date().timeIntervalSince(e.at) < ttl { return e.counts }
        let c = try compute()
        entries[key] = (Date(), c)
        return c
    }
}

/// The 总览's current scores: one computation per change of the newest scans (the key), shared
/// by every user; each user is shown the units of its scope.
actor CurrentScores {
    private var cached: (key: String, scores: ScoreReport)?

    func scores(key: String, compute: () throws -> ScoreReport) rethrows -> ScoreReport {
        if let cached, cached.key == key { return cached.scores }
        let s = try compute()
        cached = (key, s)
        return s
    }
}
