import Foundation
import Testing

/// Runs the built `govlens` binary: exit statuses are part of the contract.
@Suite struct CLITests {
    func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let bin = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/govlens")
        let p = Process()
        p.executableURL = bin
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func usageAndConfigurationErrorsExitTwo() throws {
        #expect(try run(["scan", "ftp://x"]).status == 2)
        #expect(try run(["scan", "http://x.gov.cn/", "--as-of", "2023-13-45"]).status == 2)
        #expect(try run(["scan", "http://x.gov.cn/", "--rules", "/nonexistent.yaml"]).status == 2)
        #expect(try run(["scan"]).status == 2)
        #expect(try run(["probe", "http://x.gov.cn/", "--count", "0"]).status == 2)
    }

    @Test func unreachableSiteExitsOneWithAVetoInJSON() throws {
        let r = try run(["scan", "http://127.0.0.1:9/", "--timeout", "2", "--quiet"])
        #expect(r.status == 1)
        #expect(r.out.contains("\"site.unavailable\""))
        let md = try run(["scan", "http://127.0.0.1:9/", "--timeout", "2", "--quiet", "--format", "markdown"])
        #expect(md.out.contains("无法访问"))
    }
}
