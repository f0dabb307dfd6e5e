import GovLensCore
import Foundation
import GovLensText
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// The demo site served on loopback by an in-process HTTP/1.1 server, with failure endpoints
/// and a request log the tests read (robots respected? each target once? politeness kept?).
public final class DemoServer: Sendable {
    public let port: Int
    /// A port where nothing listens: connections are refused.
    public let refusedPort: Int
    public let truth: DemoTruth
    public let config: DemoSiteConfig
    let channel: Channel
    let state: NIOLockedValueBox<ServerState>

    /// One request the server received (method, host name without port, path with query), as logged for the tests.
    public struct RequestRecord: Sendable {
        public var method: String
        public var host: String
        public var path: String
    }

    struct ServerState {
        var files: [String: DemoFile] = [:]
        var special: [String: SpecialRoute] = [:]
        var log: [RequestRecord] = []
        var hits: [String: Int] = [:]
        var inFlight: [String: Int] = [:]
        var maxInFlight: [String: Int] = [:]
        var slowSeconds = 20.0
        var asOf = SimpleDate(year: 2023, month: 6, day: 30)!
    }

    /// host → 127.0.0.1 for every host of the demo (pass to the fetcher's `resolve`).
    public var resolve: [String: String] {
        [DemoSiteConfig.siteHost: "127.0.0.1", DemoSiteConfig.externalHost: "127.0.0.1",
         DemoSiteConfig.serviceHost: "127.0.0.1", DemoSiteConfig.icpHost: "127.0.0.1"]
    }

    public var homepage: String { config.siteOrigin + "/" }

    /// Binds to a free loopback port, generates the site for it and starts serving.
    /// - Parameter slowSeconds: how long the slow endpoint waits (set it past the scan timeout).
    public static func start(asOf: SimpleDate, articlesPerColumn: Int = 12, slowSeconds: Double = 20) async throws
        -> DemoServer
    {
        let state = NIOLockedValueBox(ServerState())
        state.withLockedValue { $0.slowSeconds = slowSeconds }
        let channel = try await bind(state)
        let port = channel.localAddress!.port!
        let refused = try await freePort()
        var cfg = DemoSiteConfig(siteOrigin: "http://\(DemoSiteConfig.siteHost):\(port)",
                                 externalOrigin: "http://\(DemoSiteConfig.externalHost):\(port)",
                                 refusedOrigin: "http://\(DemoSiteConfig.serviceHost):\(refused)", asOf: asOf)
        cfg.articlesPerColumn = articlesPerColumn
        var generator = DemoSiteGenerator(config: cfg)
        var files: [String: DemoFile] = [:]
        let truth = try generator.generate { files[$0.path] = $0 }
        let special = generator.special
        state.withLockedValue { $0.files = files; $0.special = special; $0.asOf = asOf }
        return DemoServer(port: port, refusedPort: refused, truth: truth, config: cfg, channel: channel, state: state)
    }

    /// Serves exactly `pages` (path → body; `/dir/` is also `/dir/index.html`) for any host on a
    /// free loopback port: small sites for check examples and tests. Everything else is 404.
    public static func serve(pages: [String: String], asOf: SimpleDate, host: String,
                             special: [String: SpecialRoute] = [:]) async throws -> DemoServer
    {
        let state = NIOLockedValueBox(ServerState())
        var files: [String: DemoFile] = [:]
        for (path, body) in pages {
            let key = path.hasSuffix("/") ? path + "index.html" : path
            files[key] = DemoFile(path: key, contentType: path.hasSuffix(".txt") ? "text/plain; charset=utf-8" : "text/html; charset=utf-8",
                                  body: Data(body.utf8))
        }
        state.withLockedValue { $0.files = files; $0.asOf = asOf; $0.special = special }
        let channel = try await bind(state)
        let port = channel.localAddress!.port!
        let cfg = DemoSiteConfig(siteOrigin: "http://\(host):\(port)", externalOrigin: "http://\(host):\(port)",
                                 refusedOrigin: "http://127.0.0.1:9", asOf: asOf)
        let truth = DemoTruth(site: cfg.siteOrigin + "/", asOf: asOf.description, brokenLinks: [], notBroken: [], robotsDisallowed: [],
                              mustCrawl: [], articleDates: [:], gbkTitles: [:], charsetMismatchPage: "", errorPages: [:],
                              pageCount: pages.count)
        return DemoServer(port: port, refusedPort: 9, truth: truth, config: cfg, channel: channel, state: state)
    }

    /// Replaces (or, with nil, removes) the file at `path` while serving: a fix applied by an editor.
    public func replace(_ path: String, with body: String?) {
        state.withLockedValue { s in
            if let body { s.files[path] = DemoFile(path: path, contentType: "text/html; charset=utf-8", body: Data(body.utf8)) }
            else { s.files[path] = nil }
        }
    }

    /// An editor's fix of a broken link: every `href`/`src` on the page at `pageURL` that points to
    /// `target` is pointed at the homepage instead. Returns how many were changed.
    @discardableResult
    public func repairLink(on pageURL: String, target: String) -> Int {
        guard let page = URL(string: pageURL), let path = Self.path(of: pageURL), let body = file(path) else { return 0 }
        var changed = 0, out = ""
        var rest = Substring(body)
        while let r = rest.range(of: #"(href|src)="[^"]*""#, options: .regularExpression) {
            out += rest[..<r.lowerBound]
            let attr = rest[r]
            let value = attr.split(separator: "\"", omittingEmptySubsequences: false)[1]
            if URL(string: String(value), relativeTo: page)?.absoluteURL.absoluteString == target {
                out += attr.hasPrefix("src") ? "src=\"/images/logo.png\"" : "href=\"/\""
                changed += 1
            } else {
                out += attr
            }
            rest = rest[r.upperBound...]
        }
        if changed > 0 { replace(path, with: out + rest) }
        return changed
    }

    /// An editor's fix of a leaked personal number: every occurrence of `number` on the page at
    /// `pageURL` is masked (first three and last four digits kept). Returns how many were changed.
    @discardableResult
    public func maskNumber(on pageURL: String, number: String) -> Int {
        guard let path = Self.path(of: pageURL), let body = file(path) else { return 0 }
        let masked = String(number.prefix(3)) + String(repeating: "*", count: max(0, number.count - 7)) + String(number.suffix(4))
        let changed = body.components(separatedBy: number).count - 1
        if changed > 0 { replace(path, with: body.replacingOccurrences(of: number, with: masked)) }
        return changed
    }

    /// An editor's fix of a stale column: a new article dated `date` at the top of the list on
    /// the page at `columnURL`, and the article's own page. Returns false when the page has no list.
    @discardableResult
    public func addPost(to columnURL: String, title: String, date: SimpleDate) -> Bool {
        guard let path = Self.path(of: columnURL), let body = file(path), let list = body.range(of: "<ul>") else { return false }
        let folder = path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
        let article = folder + "post-\(date.description).html"
        replace(path, with: body.replacingCharacters(in: list, with: "<ul><li><a href=\"\(article)\">\(title)</a><span class=\"date\">\(date)</span></li>"))
        replace(article, with: "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(title)</title>"
                + "<meta name=\"PubDate\" content=\"\(date) 09:00\"></head><body><h1>\(title)</h1><p>发布日期：\(date)</p>"
                + "<p>为做好有关工作，现将有关事项通知如下。</p></body></html>")
        return true
    }

    /// The stored file behind a page address (a folder's page is its index.html).
    static func path(of pageURL: String) -> String? {
        guard let page = URL(string: pageURL) else { return nil }
        var path = page.path.isEmpty ? "/" : page.path
        if pageURL.hasSuffix("/") { path += path.hasSuffix("/") ? "index.html" : "/index.html" }
        return path
    }

    /// The body served at `path`, if any.
    public func file(_ path: String) -> String? {
        state.withLockedValue { $0.files[path].map { String(decoding: $0.body, as: UTF8.self) } }
    }

    static func bind(_ state: NIOLockedValueBox<ServerState>) async throws -> Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(DemoHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    init(port: Int, refusedPort: Int, truth: DemoTruth, config: DemoSiteConfig, channel: Channel,
         state: NIOLockedValueBox<ServerState>)
    {
        self.port = port; self.refusedPort = refusedPort; self.truth = truth; self.config = config
        self.channel = channel; self.state = state
    }

    /// A port that was free a moment ago and has no listener now.
    static func freePort() async throws -> Int {
        let ch = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let p = ch.localAddress!.port!
        try await ch.close()
        return p
    }

    /// Stops listening and closes the server channel; call when the demo or test is done.
    public func shutdown() async {
        try? await channel.close()
    }

    public var requests: [RequestRecord] { state.withLockedValue { $0.log } }
    /// The most requests the server had in progress at once for one host name.
    public func maxInFlight(host: String) -> Int { state.withLockedValue { $0.maxInFlight[host, default: 0] } }
    public var fileCount: Int { state.withLockedValue { $0.files.count } }

    /// Writes the site's static files under `directory` (for nginx in benchmarks).
    public static func writeSite(config: DemoSiteConfig, to directory: URL) throws -> DemoTruth {
        var generator = DemoSiteGenerator(config: config)
        let fm = FileManager.default
        return try generator.generate { file in
            let url = directory.appendingPathComponent(String(file.path.dropFirst()))
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.body.write(to: url)
        }
    }
}

final class DemoHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let state: NIOLockedValueBox<DemoServer.ServerState>
    var head: HTTPRequestHead?
    var host = ""

    init(state: NIOLockedValueBox<DemoServer.ServerState>) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body: break
        case .end:
            guard let h = head else { return }
            head = nil
            respond(context: context, request: h)
        }
    }

    func respond(context: ChannelHandlerContext, request: HTTPRequestHead) {
        let host = request.headers.first(name: "host").map { String($0.split(separator: ":").first ?? "") } ?? ""
        self.host = host
        let (path, query) = split(request.uri)
        let isHead = request.method == .HEAD
        let (route, file, slow, hit, asOf) = state.withLockedValue { s -> (SpecialRoute?, DemoFile?, Double, Int, SimpleDate) in
            s.log.append(.init(method: "\(request.method)", host: host, path: request.uri))
            s.inFlight[host, default: 0] += 1
            s.maxInFlight[host] = max(s.maxInFlight[host, default: 0], s.inFlight[host]!)
            let key = "\(request.method) \(path)"
            s.hits[key, default: 0] += 1
            let route = s.special[path] ?? (path.hasPrefix("/zt/") ? s.special["/zt/"] : nil)
            let lookup = path.hasSuffix("/") ? path + "index.html" : path
            return (route, s.files[lookup], s.slowSeconds,
                    s.hits["GET \(path)", default: 0] + s.hits["HEAD \(path)", default: 0], s.asOf)
        }
        if host == DemoSiteConfig.icpHost {
            return send(context, 200, "text/html; charset=utf-8", page("ICP/IP地址/域名信息备案管理系统"), isHead: isHead)
        }
        if host == DemoSiteConfig.externalHost {  // the city portal: only its homepage exists
            if path == "/" { return send(context, 200, "text/html; charset=utf-8", Data("<html><head><title>某某市人民政府</title></head><body>市政府门户</body></html>".utf8), isHead: isHead) }
            return send(context, 404, "text/html", Data("<html><body>404 Not Found</body></html>".utf8), isHead: isHead)
        }
        if let route {
            switch route {
            case .status(let code):
                return send(context, code, "text/html; charset=utf-8", Data("<html><body>\(code)</body></html>".utf8), isHead: isHead)
            case .slow, .slowOnce, .slowThenHuge:
                // Slow once: later requests get the page itself, or the endless body.
                if hit > 1, route == .slowOnce, let file { return send(context, 200, file.contentType, file.body, isHead: isHead) }
                if hit > 1, route == .slowThenHuge { return sendHuge(context, isHead: isHead) }
                context.eventLoop.scheduleTask(in: .milliseconds(Int64(slow * 1000))) { [self] in
                    if route == .slowThenHuge { return sendHuge(context, isHead: isHead) }
                    send(context, 200, "text/html; charset=utf-8", Data("<html><body>迟到的响应</body></html>".utf8), isHead: isHead)
                }
                return
            case .redirect(let to):
                return send(context, 302, "text/html", Data(), isHead: isHead, extra: [("Location", to)])
            case .flaky:
                if hit <= 1 { return send(context, 503, "text/html", Data("busy".utf8), isHead: isHead) }
                return send(context, 200, "text/html; charset=utf-8", page("专题报道"), isHead: isHead)
            case .rateLimited:
                if hit <= 1 { return send(context, 429, "text/html", Data("slow down".utf8), isHead: isHead, extra: [("Retry-After", "1")]) }
                return send(context, 200, "text/html; charset=utf-8", page("报名系统"), isHead: isHead)
            case .alwaysRateLimited(let seconds):
                return send(context, 429, "text/html", Data("slow down".utf8), isHead: isHead, extra: [("Retry-After", String(seconds))])
            case .huge:
                return sendHuge(context, isHead: isHead)
            case let .largeFile(bytes, contentType):
                return sendHuge(context, isHead: isHead, contentType: contentType, length: bytes)
            case .truncatedGzip:
                return send(context, 200, "text/html; charset=utf-8", Data(DemoContent.truncatedGzip), isHead: isHead,
                            extra: [("Content-Encoding", "gzip")])
            case .binary:
                var r = SeededRandom(seed: 7)
                let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: r.next()) }
                return send(context, 200, "text/html", Data([0, 1, 2] + bytes), isHead: isHead)
            case .headWrong:
                if isHead { return send(context, 404, "text/html", Data(), isHead: true) }
                if let file { return send(context, 200, file.contentType, file.body, isHead: false) }
            case .calendar, .topicLoop, .softNotFound:
                let body = DemoSiteGenerator.renderSpecial(route, path: path, query: query, asOf: asOf) ?? ""
                return send(context, 200, "text/html; charset=utf-8", Data(body.utf8), isHead: isHead)
            }
        }
        if let file { return send(context, 200, file.contentType, file.body, isHead: isHead) }
        send(context, 404, "text/html; charset=utf-8",
             Data("<html><head><title>404 Not Found</title></head><body>404 Not Found</body></html>".utf8), isHead: isHead)
    }

    func page(_ title: String) -> Data {
        Data("<html><head><meta charset=\"utf-8\"><title>\(title)</title></head><body><p>\(title)</p></body></html>".utf8)
    }

    func split(_ uri: String) -> (String, String?) {
        guard let q = uri.firstIndex(of: "?") else { return (uri, nil) }
        return (String(uri[..<q]), String(uri[uri.index(after: q)...]))
    }

    func send(_ context: ChannelHandlerContext, _ code: Int, _ type: String, _ body: Data, isHead: Bool,
              extra: [(String, String)] = [])
    {
        var headers = HTTPHeaders([("Content-Type", type), ("Content-Length", "\(body.count)"), ("Server", "demo")])
        for (k, v) in extra { headers.add(name: k, value: v) }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: code), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !isHead && !body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        done()
    }

    /// 12 MB in 64 KB chunks, no Content-Length: only a streaming cap stops it.
    func sendHuge(_ context: ChannelHandlerContext, isHead: Bool, contentType: String = "text/html; charset=utf-8",
                  length: Int? = nil)
    {
        let framing = length.map { ("Content-Length", String($0 / (64 << 10) * (64 << 10))) } ?? ("Transfer-Encoding", "chunked")
        let head = HTTPResponseHead(version: .http1_1, status: .ok,
                                    headers: ["Content-Type": contentType, framing.0: framing.1])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if isHead { context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil); done(); return }
        // An endless page goes out in large chunks, so that even on a loaded machine it passes the
        // fetcher's 10 MiB limit long before the client's timeout (the test is of the limit, not of speed).
        let size = length == nil ? 1 << 20 : 64 << 10
        let chunk = context.channel.allocator.buffer(bytes: Data(repeating: UInt8(ascii: "a"), count: size))
        func write(_ n: Int) {
            guard n > 0, context.channel.isActive else {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                done()
                return
            }
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(chunk)))).whenComplete { result in
                if case .failure = result { self.done(); return }
                write(n - 1)
            }
        }
        write(length.map { $0 / (64 << 10) } ?? 12)
    }

    func done() {
        state.withLockedValue { $0.inFlight[host, default: 0] -= 1 }
    }
}
