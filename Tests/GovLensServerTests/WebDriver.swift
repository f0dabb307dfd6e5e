import AsyncHTTPClient
import Foundation
import NIOCore

/// A small W3C WebDriver client for Debian's chromedriver and headless Chromium: the browser
/// tests drive the real UI with it. Missing binaries are a failure (CI must have them).
final class WebDriver: @unchecked Sendable {
    let driver: Process
    let base: URL
    var session = ""
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    struct Failure: Error, CustomStringConvertible { var description: String }

    init() async throws {
        let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromedriver, FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            throw Failure(description: "chromium / chromium-driver are not installed (scripts/test installs them)")
        }
        let port = Int.random(in: 20_000..<40_000)
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        base = URL(string: "http://127.0.0.1:\(port)")!
        for _ in 0..<50 {  // up to 5 s for chromedriver to listen
            if (try? await request("GET", "status")) != nil { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let caps: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": "/usr/bin/chromium",
                                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000",
                                            "--lang=zh-CN"]],
        ]]]
        let value = try await request("POST", "session", caps)
        guard let id = (value as? [String: Any])?["sessionId"] as? String else { throw Failure(description: "no WebDriver session: \(value)") }
        session = id
    }

    @discardableResult
    func request(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any {
        var r = HTTPClientRequest(url: base.appendingPathComponent(path).absoluteString)
        r.method = .init(rawValue: method)
        if let body {
            r.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
            r.headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await HTTPClient.shared.execute(r, timeout: .seconds(60))
        let data = Data(buffer: try await response.body.collect(upTo: 64 << 20))
        let json = try JSONSerialization.jsonObject(with: data)
        let value = (json as? [String: Any])?["value"] ?? NSNull()
        if let error = (value as? [String: Any])?["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error) \((value as? [String: Any])?["message"] ?? "")")
        }
        return value
    }

    func s(_ path: String) -> String { "session/\(session)/\(path)" }

    func open(_ url: String) async throws { try await request("POST", s("url"), ["url": url]) }
    var source: String { get async throws { try await request("GET", s("source")) as? String ?? "" } }
    var currentURL: String { get async throws { try await request("GET", s("url")) as? String ?? "" } }

    func element(_ css: String) async throws -> String {
        let v = try await request("POST", s("element"), ["using": "css selector", "value": css])
        guard let id = (v as? [String: Any])?[Self.elementKey] as? String else { throw Failure(description: "no element \(css)") }
        return id
    }

    func type(_ css: String, _ text: String) async throws {
        try await request("POST", s("element/\(try await element(css))/value"), ["text": text])
    }

    func click(_ css: String) async throws { try await request("POST", s("element/\(try await element(css))/click"), [:]) }

    /// Clicks a submit button and waits (up to 10 s) until the browser has left the page.
    func submit(_ css: String) async throws {
        let before = try await request("POST", s("execute/sync"), ["script": "return window.performance.timeOrigin;", "args": []]) as? Double
        try await click(css)
        for _ in 0..<100 {
            let now = try? await request("POST", s("execute/sync"), ["script": "return document.readyState === 'complete' ? window.performance.timeOrigin : 0;", "args": []]) as? Double
            if let now, now != 0, now != before { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "the page did not change after clicking \(css)")
    }

    func text(_ css: String) async throws -> String {
        try await request("GET", s("element/\(try await element(css))/text")) as? String ?? ""
    }

    /// Saves a PNG of the page under `.build/test-artefacts/` and returns its path.
    @discardableResult
    func screenshot(_ name: String) async throws -> URL {
        let b64 = try await request("GET", s("screenshot")) as? String ?? ""
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/test-artefacts")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("\(name).png")
        try Data(base64Encoded: b64)?.write(to: url)
        return url
    }

    func quit() async {
        _ = try? await request("DELETE", "session/\(session)")
        driver.terminate()
    }
}
