import AsyncHTTPClient
import Foundation
import GovLensCore
import NIOCore
import NIOHTTP1

/// Why a fetch failed, in the classes editors and the indicators distinguish.
public enum FetchFailure: String, Sendable, Codable {
    case dns, refused, timeout, tls
    case redirectLoop = "redirect-loop"
    case tooManyRedirects = "too-many-redirects"
    case tooLarge = "too-large"
    /// Content-Encoding that does not inflate (truncated or corrupt gzip, decompression bomb).
    case decode
    case invalidURL = "invalid-url"
    /// Connection reset, closed early, protocol violation.
    case network
}

/// One HTTP exchange, redirects followed by hand so every hop is visible.
public struct FetchResult: Sendable {
    public var url: WebURL
    /// Where redirects ended (equal to `url` when there were none).
    public var finalURL: WebURL
    public var status: Int?
    public var contentType: String?
    public var contentLength: Int?
    public var retryAfter: Double?
    /// The body, for GETs that asked for it (nil for HEAD or when not read).
    public var body: Data?
    public var failure: FetchFailure?
    public var failureMessage: String?
    public var redirects: [String]
    public var latency: Double
    /// Requests made before this one for the same check (a HEAD answered wrongly, then this GET).
    public var earlierRequests = 0

    /// Status text as findings carry it: the code, or the failure class.
    public var statusText: String { failure?.rawValue ?? status.map(String.init) ?? "unknown" }
}

/// HTTP client settings: user agent, timeout, redirect and body-size limits, connections per host
/// and host-to-address overrides. Pass it to `Fetcher.init`.
public struct FetcherConfig: Sendable {
    public var userAgent = FetcherConfig.defaultUserAgent
    /// The official rule: a page that has not arrived after 15 s counts as unreachable.
    public var timeout: Double = 15
    public var maxRedirects = 8
    public var maxBodyBytes = 10 << 20
    public var maxDecompressedBytes = 40 << 20
    public var connectionsPerHost = 4
    /// host → address, like curl's --resolve (loopback demo sites, staging servers).
    public var resolve: [String: String] = [:]
    /// The defaults: govlens user agent, 15 s timeout, 8 redirects, 10 MB bodies, 4 connections per host.
    public init() {}

    /// Parses `host:ip` entries as given to `--resolve`.
    public static func parseResolve(_ entries: [String]) -> Result<[String: String], ResolveFormatError> {
        var map: [String: String] = [:]
        for e in entries {
            let parts = e.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { return .failure(ResolveFormatError(entry: e)) }
            map[parts[0].lowercased()] = String(parts[1])
        }
        return .success(map)
    }

    /// A `--resolve` entry that is not of the form `host:ip`; `entry` is the text as given.
    public struct ResolveFormatError: Error { public let entry: String }

    public static let defaultUserAgent =
        "Mozilla/5.0 (compatible; govlens/0.1; +https://github.com/govlens/govlens) 政府网站巡检"
}

/// A thin wrapper over one long-lived AsyncHTTPClient. Call `shutdown()` when done.
public final class Fetcher: Sendable {
    let client: HTTPClient
    public let config: FetcherConfig
    /// Where answers are recorded and, on a resumed scan, replayed from (nil: none kept).
    public let journal: (any FetchJournal)?
    let ordinals = RequestOrdinals()

    /// Creates the shared HTTP client (redirects off, decompression capped, `resolve` as DNS overrides).
    /// With a `journal`, answers it holds are replayed and new ones recorded (see `FetchJournal`).
    public init(config: FetcherConfig, journal: (any FetchJournal)? = nil) {
        self.config = config
        self.journal = journal
        var c = HTTPClient.Configuration()
        c.connectionPool = .init(idleTimeout: .seconds(30),
                                 concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, config.connectionsPerHost))
        // A refused connection or an unknown host is the answer, not something to retry until the
        // deadline: the crawler has its own retry and re-check rules.
        c.connectionPool.retryConnectionEstablishment = false
        c.redirectConfiguration = .disallow  // followed by hand: loops and hops are reported
        c.timeout = .init(connect: .seconds(Int64(min(config.timeout, 10).rounded(.up))),
                          read: .milliseconds(Int64(config.timeout * 1000)))
        c.decompression = .enabled(limit: .size(config.maxDecompressedBytes))
        c.dnsOverride = config.resolve
        c.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: c)
    }

    /// Closes the HTTP client and its connections; call once after the last fetch.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// How much of the response body a fetch reads: none (HEAD), all of it, or just a first slice.
    public enum BodyMode: Sendable {
        /// HEAD request: status and headers only.
        case none
        /// GET, read at most `limit` bytes (a larger body is a `too-large` failure).
        case full(limit: Int)
        /// GET, read at most `limit` bytes and stop quietly (enough to see a soft-404 title).
        case peek(limit: Int)
    }

    /// Fetches `url`, following up to `maxRedirects` redirects, within one overall deadline.
    func fetchLive(_ url: WebURL, body mode: BodyMode) async -> FetchResult {
        let start = ContinuousClock.now
        let deadline = NIODeadline.now() + .milliseconds(Int64(config.timeout * 1000))
        var current = url
        var visited: Set<String> = [url.description]
        var hops: [String] = []
        var result = FetchResult(url: url, finalURL: url, redirects: [], latency: 0)
        func finish(_ r: FetchResult) -> FetchResult {
            var r = r
            r.redirects = hops
            r.finalURL = current
            r.latency = (ContinuousClock.now - start).seconds
            return r
        }
        while true {
            var request = HTTPClientRequest(url: current.description)
            request.method = { if case .none = mode { return .HEAD } else { return .GET } }()
            request.headers.add(name: "User-Agent", value: config.userAgent)
            request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,*/*;q=0.8")
            request.headers.add(name: "Accept-Language", value: "zh-CN,zh;q=0.9")
            // AHC inflates gzip and deflate only; never advertise br.
            request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
            do {
                let response = try await client.execute(request, deadline: deadline)
                let code = Int(response.status.code)
                result.status = code
                result.contentType = response.headers.first(name: "content-type")
                result.contentLength = response.headers.first(name: "content-length").flatMap { Int($0) }
                result.retryAfter = response.headers.first(name: "retry-after").flatMap(Fetcher.parseRetryAfter)
                if (300...399).contains(code), code != 304, let location = response.headers.first(name: "location") {
                    // Drain nothing: a redirect body is never needed.
                    guard hops.count < config.maxRedirects else {
                        result.failure = .tooManyRedirects
                        result.failureMessage = "超过 \(config.maxRedirects) 次跳转"
                        return finish(result)
                    }
                    guard let next = try? WebURL(parsing: location, relativeTo: current) else {
                        result.failure = .invalidURL
                        result.failureMessage = "跳转地址无效：\(location)"
                        return finish(result)
                    }
                    hops.append(next.description)
                    if !visited.insert(next.description).inserted {
                        result.failure = .redirectLoop
                        result.failureMessage = "循环跳转：" + ([url.description] + hops).joined(separator: " → ")
                        return finish(result)
                    }
                    current = next
                    continue
                }
                switch mode {
                case .none:
                    break
                case .full(let limit), .peek(let limit):
                    let quiet = { if case .peek = mode { return true } else { return false } }()
                    if !quiet, let length = result.contentLength, length > limit {
                        result.failure = .tooLarge
                        result.failureMessage = "正文 \(length) 字节，超过上限 \(limit) 字节"
                        return finish(result)
                    }
                    var bytes: [UInt8] = []
                    for try await chunk in response.body {
                        bytes.append(contentsOf: chunk.readableBytesView)
                        if bytes.count > limit {
                            if quiet { bytes.removeLast(bytes.count - limit); break }
                            result.failure = .tooLarge
                            result.failureMessage = "正文超过上限 \(limit) 字节"
                            return finish(result)
                        }
                    }
                    result.body = Data(bytes)
                }
                return finish(result)
            } catch {
                let (failure, message) = Fetcher.classify(error)
                result.failure = failure
                result.failureMessage = message
                // A status already received (e.g. body failed to inflate) stays recorded.
                return finish(result)
            }
        }
    }

    /// Maps AsyncHTTPClient / NIO errors to the classes findings carry.
    static func classify(_ error: Error) -> (FetchFailure, String) {
        let text = String(describing: error)
        let lower = text.lowercased()
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .getConnectionFromPoolTimeout:
                return (.timeout, "超时未响应")
            case .tlsHandshakeTimeout:
                return (.tls, "TLS 握手超时")
            case .invalidURL, .emptyHost, .emptyScheme:
                return (.invalidURL, "地址无效")
            case .redirectCycleDetected:
                return (.redirectLoop, "循环跳转")
            case .remoteConnectionClosed:
                return (.network, "服务器提前关闭连接")
            default: break
            }
        }
        if error is NIOTooManyBytesError || lower.contains("toomanybytes") { return (.tooLarge, "正文过大") }
        if lower.contains("decompression") || lower.contains("inflate") || lower.contains("zlib")
            || lower.contains("truncateddata") || lower.contains("corrupt")
            || lower.contains("limit") && lower.contains("compress") {
            return (.decode, "压缩内容无法解开（gzip 损坏、被截断或解压后过大）")
        }
        if lower.contains("connection refused") || lower.contains("connectionrefused") || lower.contains("econnrefused")
            || lower.contains("errno: 111") {
            return (.refused, "连接被拒绝")
        }
        if lower.contains("dns") || lower.contains("nxdomain") || lower.contains("name or service not known")
            || lower.contains("unknown host") || lower.contains("getaddrinfo") || lower.contains("no address")
            || lower.contains("name resolution") {
            return (.dns, "域名无法解析")
        }
        if lower.contains("ssl") || lower.contains("tls") || lower.contains("certificate") || lower.contains("handshake") {
            return (.tls, "TLS/证书错误")
        }
        if lower.contains("timeout") || lower.contains("timed out") || lower.contains("deadline") {
            return (.timeout, "超时未响应")
        }
        return (.network, "网络错误：" + String(text.prefix(160)))
    }

    /// `Retry-After` in seconds or as an HTTP date.
    static func parseRetryAfter(_ value: String) -> Double? {
        if let s = Double(value.trimmingCharacters(in: .whitespaces)) { return max(0, s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
