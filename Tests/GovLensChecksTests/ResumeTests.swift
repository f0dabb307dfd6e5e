import Foundation
import GovLensCore
import GovLensDemo
import GovLensStore
import Testing

/// Scans that survive interruption: a real `govlens scan --db` killed with SIGKILL at random moments
/// and resumed with `--resume` until it finishes ends with the report an uninterrupted scan of the
/// same site gives (same pages, same finding keys), asks the site for nothing twice beyond the
/// requests in flight at each kill, stores one scan, and leaves a SQLite file that passes
/// `PRAGMA integrity_check` after every kill.
@Suite(.serialized) struct ResumeTests {
    static let asOf = SimpleDate(iso: "2023-06-30")!
    static let concurrency = 2

    /// The shipped rule file with answers written one by one (the strictest test of what a kill
    /// loses) and Retry-After capped at 1 s (the demo's always-429 link would otherwise pause its host 10 s).
    static func rules(in dir: URL) throws -> String {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Sources/GovLensChecks/Rules/inspection.yaml").standardizedFileURL
        var text = try String(contentsOf: shipped, encoding: .utf8)
        text = text.replacingOccurrences(of: "maxRetryAfterSeconds: 10", with: "maxRetryAfterSeconds: 1")
        text = text.replacingOccurrences(of: "checkpoint:\n  pages: 20", with: "checkpoint:\n  pages: 1")
        #expect(text.contains("pages: 1\n") && text.contains("maxRetryAfterSeconds: 1\n"))
        let path = dir.appendingPathComponent("inspection.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func scanArgs(_ server: DemoServer, rules: String) -> [String] {
        ["scan", server.homepage, "--as-of", "2023-06-30", "--quiet", "--timeout", "3", "--rules", rules,
         "--concurrency", String(concurrency), "--interval", "0.02"]
            + server.resolve.flatMap { ["--resolve", "\($0.key):\($0.value)"] }
    }

    static func launch(_ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = BuiltProducts.govlens
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Pages (URL and status) and finding keys with the server's ports taken out: the uninterrupted
    /// scan runs against a second server (the demo's flaky links answer by how often they were asked).
    /// Calendar days are counted, not named: the trap guard admits 10 days of the demo's endless
    /// calendar, and which 10 depends on the order answers arrive, in any two scans.
    static func essence(_ r: ScanReport, _ server: DemoServer)
        -> (pages: Set<String>, keys: Set<String>, complete: Bool, calendarDays: Int)
    {
        func plain(_ s: String) -> String {
            s.replacingOccurrences(of: ":\(server.port)", with: "").replacingOccurrences(of: ":\(server.refusedPort)", with: "")
        }
        let calendar = { (s: String) in s.contains("date=") }
        // `/col/` and `/col/index.html` serve one body: the page is named by whichever answered first.
        return (Set(r.pages.map { plain("\($0.status) \($0.url)").replacingOccurrences(of: "/index.html", with: "/") }.filter { !calendar($0) }),
                Set(r.findings.compactMap(\.key).map(plain).filter { !calendar($0) }), r.complete,
                r.pages.filter { calendar($0.url) }.count)
    }

    /// Requests per method and path, robots.txt included.
    static func counts(_ log: [DemoServer.RequestRecord]) -> [String: Int] {
        log.reduce(into: [:]) { $0["\($1.method) \($1.host) \($1.path)", default: 0] += 1 }
    }

    @Test func aScanKilledAtRandomMomentsResumesToTheSameReport() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-resume-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = try Self.rules(in: dir)

        // The uninterrupted scan.
        let reference = try await DemoServer.start(asOf: Self.asOf, articlesPerColumn: 3, slowSeconds: 6)
        let whole = dir.appendingPathComponent("whole.json")
        let clock = ContinuousClock()
        let t0 = clock.now
        let p0 = try Self.launch(Self.scanArgs(reference, rules: rules) + ["--output", whole.path])
        p0.waitUntilExit()
        let uninterrupted = clock.now - t0
        #expect(p0.terminationStatus == 1)
        let expected = Self.essence(try JSONDecoder.scan.decode(ScanReport.self, from: Data(contentsOf: whole)), reference)
        let expectedRequests = Self.counts(reference.requests)
        await reference.shutdown()
        #expect(expected.pages.count > 30 && expected.keys.count > 10)

        // The same scan, killed with SIGKILL at random moments and resumed until it finishes.
        let server = try await DemoServer.start(asOf: Self.asOf, articlesPerColumn: 3, slowSeconds: 6)
        defer { Task { await server.shutdown() } }
        let db = dir.appendingPathComponent("scans.sqlite").path
        let out = dir.appendingPathComponent("resumed.json")
        var kills = 0, recorded = 0, finished: Process?, lastStart = 0
        var rng = SystemRandomNumberGenerator()
        let t1 = clock.now
        for run in 0..<30 {
            let seen = server.requests.count
            lastStart = seen
            let p = try Self.launch(Self.scanArgs(server, rules: rules) + ["--db", db, "--output", out.path] + (run > 0 ? ["--resume"] : []))
            // Kill at a random point of progress (after 1 to 25 new requests, then up to 50 ms more),
            // so the kills land mid-scan however loaded the machine is.
            let target = seen + Int.random(in: 1...25, using: &rng)
            let jitter = Duration.milliseconds(Int.random(in: 0...50, using: &rng))
            let killed = kills < 10 ? await Self.kill(p, when: { server.requests.count >= target }, after: jitter) : false
            guard killed else { p.waitUntilExit(); finished = p; break }
            kills += 1
            // The file a kill interrupted mid-write is intact, and the checkpoint only grows.
            #expect(try Self.sqlite(db, "PRAGMA integrity_check") == "ok")
            let now = try #require(try ScanStore(path: db).checkpoints().first).fetches
            #expect(now >= recorded)
            recorded = now
        }
        let resumedTime = clock.now - t1
        let last = try #require(finished)
        #expect(last.terminationStatus == 1)
        #expect(kills >= 3, "the scan finished before it could be killed often enough")

        let report = try JSONDecoder.scan.decode(ScanReport.self, from: Data(contentsOf: out))
        let got = Self.essence(report, server)
        #expect(got.pages == expected.pages, "pages: missing \(expected.pages.subtracting(got.pages)), extra \(got.pages.subtracting(expected.pages))")
        #expect(got.keys == expected.keys, "keys: missing \(expected.keys.subtracting(got.keys)), extra \(got.keys.subtracting(expected.keys))")
        #expect(got.complete == expected.complete && got.calendarDays == expected.calendarDays)
        #expect(!report.incompleteReasons.contains { $0.contains("中断") })
        #expect(report.notes?.contains { $0.contains("从中断处继续") } == true)

        // Nothing asked twice but what was in flight at a kill (at most `concurrency` per host).
        let requests = Self.counts(server.requests)
        let repeated = requests.reduce(0) { $0 + max(0, $1.value - expectedRequests[$1.key, default: 0]) }
        let hosts = Set(server.requests.map(\.host)).count
        #expect(repeated <= kills * Self.concurrency * hosts, "\(repeated) repeated requests after \(kills) kills")
        let total = requests.values.reduce(0, +), once = expectedRequests.values.reduce(0, +)
        // Starting again from scratch after each kill would have sent what the killed runs sent, and then a whole scan.
        print("resume: \(kills) kills, \(total) requests vs \(once) uninterrupted (\(repeated) repeated; "
              + "\(lastStart + once) without checkpoints), uninterrupted \(uninterrupted), killed and resumed \(resumedTime)")

        // One scan stored, its findings once each, and no checkpoint left.
        let store = try ScanStore(path: db)
        let scans = try store.scans()
        #expect(scans.count == 1 && scans.first?.findings == report.findings.count)
        let keys = try store.findings(scan: try #require(scans.first).id).compactMap(\.key)
        #expect(keys.count == Set(keys).count && keys.count == report.findings.count)
        #expect(try store.checkpoints().isEmpty)
        #expect(try Self.sqlite(db, "PRAGMA integrity_check") == "ok")
    }

    @Test func resumeIsRefusedForOtherSettingsAndWithoutACheckpoint() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-resume-refused-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cli = CLITests()
        let db = dir.appendingPathComponent("scans.sqlite").path
        let none = try cli.run(["scan", "http://www.x.gov.cn/", "--db", db, "--resume", "--as-of", "2023-06-30"])
        #expect(none.status == 2 && none.err.contains("没有 http://www.x.gov.cn/ 的检查断点"))
        #expect(try cli.run(["scan", "http://www.x.gov.cn/", "--resume"]).err.contains("--resume 需要用 --db"))

        // A scan stopped with SIGTERM leaves its checkpoint and a partial report.
        let server = try await DemoServer.start(asOf: Self.asOf, articlesPerColumn: 3, slowSeconds: 6)
        defer { Task { await server.shutdown() } }
        let rules = try Self.rules(in: dir)
        let out = dir.appendingPathComponent("partial.json")
        let p = try Self.launch(Self.scanArgs(server, rules: rules) + ["--db", db, "--output", out.path])
        // Stopped once the scan is well under way (robots.txt and the homepage answered long before);
        // a loaded machine may take many seconds to get there.
        for _ in 0..<6000 where server.requests.count < 20 && p.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        #expect(server.requests.count >= 20, "the scan did not get going")
        Foundation.kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        let partial = try JSONDecoder.scan.decode(ScanReport.self, from: Data(contentsOf: out))
        #expect(!partial.complete && partial.incompleteReasons.contains { $0.contains("中断") })
        let store = try ScanStore(path: db)
        let checkpoint = try #require(try store.checkpoints().first)
        #expect(checkpoint.fetches > 0 && checkpoint.partialScan != nil)

        let other = try cli.run(Self.scanArgs(server, rules: rules).map { $0 == "2023-06-30" ? "2023-07-01" : $0 } + ["--db", db, "--resume"])
        #expect(other.status == 2 && other.err.contains("不同的检查设置") && other.err.contains("--as-of 2023-06-30"))
        let elsewhere = try cli.run(["scan", "http://www.y.gov.cn/", "--db", db, "--resume", "--as-of", "2023-06-30"])
        #expect(elsewhere.status == 2 && elsewhere.err.contains(server.homepage))
        #expect(try store.checkpoints().first?.fetches == checkpoint.fetches)  // the refusals changed nothing

        // Resumed with the same options, it finishes; the partial scan is replaced and the checkpoint goes.
        let before = server.requests.count
        let resumed = try cli.run(Self.scanArgs(server, rules: rules) + ["--db", db, "--resume", "--output", out.path])
        #expect(resumed.status == 1)
        let report = try JSONDecoder.scan.decode(ScanReport.self, from: Data(contentsOf: out))
        #expect(report.notes?.contains { $0.contains("从中断处继续") } == true)
        #expect(report.complete && report.pages.count > partial.pages.count)
        #expect(try store.scans().count == 1 && (try store.scans().first?.findings) == report.findings.count)
        #expect(try store.checkpoints().isEmpty)
        // After Ctrl-C nothing the site answered is asked again, robots.txt and the homepage included.
        let again = server.requests[before...].map { "\($0.method) \($0.host) \($0.path)" }
        // A full scan reads robots.txt twice (the crawl, then the check of the 县长信箱's JSON address);
        // the crawl's answer is replayed, so at most the second, which may come after the stop, is asked.
        #expect(again.filter { $0.hasSuffix("/robots.txt") }.count <= 1 && !again.contains("GET \(DemoSiteConfig.siteHost) /"), "\(again.prefix(5))")
    }

    /// Kills `p` with SIGKILL once `condition` holds (then `after` later); false when it exited first.
    /// Watched from a thread of its own: the test's task may wait seconds for a turn while other
    /// suites keep the cores busy, and the scan would run to its end meanwhile.
    static func kill(_ p: Process, when condition: @escaping @Sendable () -> Bool, after: Duration = .zero) async -> Bool {
        await withCheckedContinuation { done in
            Thread.detachNewThread {
                while p.isRunning && !condition() { usleep(2_000) }
                let (s, atto) = after.components
                usleep(UInt32(s) * 1_000_000 + UInt32(atto / 1_000_000_000_000))
                guard p.isRunning else { done.resume(returning: false); return }
                Foundation.kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                done.resume(returning: true)
            }
        }
    }

    static func sqlite(_ db: String, _ sql: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [db, sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Requests a sequence of runs made beyond what one uninterrupted run made, per method and path.
    static func repeated(_ runs: [DemoServer.RequestRecord], reference: [DemoServer.RequestRecord]) -> Int {
        let expected = counts(reference)
        return counts(runs).reduce(0) { $0 + max(0, $1.value - expected[$1.key, default: 0]) }
    }

    @Test(arguments: WorkerProcessTests.engines) func aJobWhoseRunnerDiedIsTakenOverFromItsCheckpoint(_ engine: String) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-resume-job-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = try Self.rules(in: dir)
        let cli = CLITests()
        /// A store with the demo county's site and one queued scan of it.
        func platform(_ server: DemoServer, _ name: String) throws -> (db: String, job: Int64, worker: [String]) {
            let db = engine == "sqlite" ? dir.appendingPathComponent("\(name).sqlite").path
                : try #require(ProcessInfo.processInfo.environment["GOVLENS_TEST_POSTGRES"]) + "?schema=r_\(UUID().uuidString.prefix(8).lowercased())"

            let csv = dir.appendingPathComponent("\(name).csv")
            try Data("单位名称,分组,网站\n青山县,演示,\(server.homepage)\n".utf8).write(to: csv)
            #expect(try cli.run(["units", "import", csv.path, "--db", db]).status == 0)
            let store = try ScanStore(path: db)
            let job = try store.enqueueScan(siteID: try #require(try store.sites(.all).first).id)
            let worker = ["worker", "--db", db, "--once", "--lease", "2", "--rules", rules, "--concurrency", String(Self.concurrency),
                          "--interval", "0.02"] + server.resolve.flatMap { ["--resolve", "\($0.key):\($0.value)"] }
            return (db, job, worker)
        }

        // What one runner asks the site for when nothing goes wrong.
        let reference = try await DemoServer.start(asOf: Self.asOf, articlesPerColumn: 3, slowSeconds: 6)
        let quiet = try platform(reference, "reference")
        try Self.launch(quiet.worker).waitUntilExit()
        let referenceLog = reference.requests
        await reference.shutdown()

        let server = try await DemoServer.start(asOf: Self.asOf, articlesPerColumn: 3, slowSeconds: 6)
        defer { Task { await server.shutdown() } }
        let (db, job, worker) = try platform(server, "platform")
        let doomed = try Self.launch(worker)
        let halfway = referenceLog.count / 2
        #expect(await Self.kill(doomed, when: { server.requests.count >= halfway }), "the job finished before its runner could be killed")
        let store = try ScanStore(path: db)
        let left = try #require(try store.checkpoints().first)
        #expect(left.owner == ScanStore.checkpointOwner(job: job) && left.fetches > 0)

        // Once the dead runner's lease has run out, another runner takes the job over.
        for _ in 0..<100 where try store.requeueInterrupted() == 0 { try await Task.sleep(for: .milliseconds(100)) }
        #expect(try store.job(job, .all)?.state == .queued)
        let taker = try Self.launch(worker)
        taker.waitUntilExit()
        let record = try store.job(job, .all)
        #expect(record?.state == .done, "\(String(describing: record))")
        #expect(try store.scans().count == 1)
        #expect(try store.checkpoints().isEmpty)
        let repeated = Self.repeated(server.requests, reference: referenceLog)
        let hosts = Set(server.requests.map(\.host)).count
        #expect(repeated <= Self.concurrency * hosts, "\(repeated) requests repeated after the takeover")
        print("takeover: \(left.fetches) answers taken over, \(server.requests.count) requests vs \(referenceLog.count) (\(repeated) repeated)")
    }
}
