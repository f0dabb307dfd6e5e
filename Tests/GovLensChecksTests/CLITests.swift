import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensStore
import Testing

/// Runs the built `govlens` binary: exit statuses are part of the contract.
@Suite struct CLITests {
    func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let bin = BuiltProducts.govlens
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

    @Test func checksListsEveryRegisteredIDOnceAsJSON() throws {
        struct Row: Decodable { var id: String; var title: String; var severity: String; var input: String; var basis: [String]; var produced: Bool }
        let r = try run(["checks", "--format", "json"])
        #expect(r.status == 0)
        let rows = try JSONDecoder().decode([Row].self, from: Data(r.out.utf8))
        let produced = rows.filter(\.produced).map(\.id)
        #expect(produced == CheckRegistry.catalog.rules.map(\.id.rawValue))
        #expect(Set(produced).count == produced.count)
        #expect(rows.filter { !$0.produced }.map(\.id) == CheckRegistry.planned.map(\.id.rawValue))
        #expect(rows.first { $0.id == "text.typo" }?.basis.count == 3)  // lexicons, 成语 near-misses and the model
        // The annual-report checks are listed as produced (site scans and govlens annual-report emit them).
        let annual = rows.filter { $0.id.hasPrefix("annual-report.") }
        #expect(annual.count == 9 && annual.allSatisfy { $0.produced && $0.input == "annual-report" })
        #expect(rows.allSatisfy { !$0.title.isEmpty && !$0.basis.isEmpty })
        let text = try run(["checks"])
        #expect(text.out.components(separatedBy: "\ntext.typo\t").count == 2)
    }

    @Test func unreachableSiteExitsOneWithAVetoInJSON() throws {
        let r = try run(["scan", "http://127.0.0.1:9/", "--timeout", "2", "--quiet"])
        #expect(r.status == 1)
        #expect(r.out.contains("\"site.unavailable\""))
        let md = try run(["scan", "http://127.0.0.1:9/", "--timeout", "2", "--quiet", "--format", "markdown"])
        #expect(md.out.contains("无法访问"))
    }

    func temp(_ name: String, _ data: Data) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-cli-\(UUID().uuidString)-\(name)")
        try data.write(to: url)
        return url.path
    }

    @Test func checkTextReportsLineAndColumnAndExitsOne() throws {
        let file = try temp("draft.txt", Data("关于做好2023年工作的通知\n各单位：\n全县上下再接再砺，依据《中华人民共和国合同法》办理。\n".utf8))
        let r = try run(["check-text", file, "--date", "2023-06-30", "--format", "json"])
        #expect(r.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let findings = json["findings"] as! [[String: Any]]
        let positions = findings.map { "\($0["check"]!) \($0["line"]!):\($0["column"]!) \($0["wrong"]!)" }
        #expect(positions == ["text.typo 3:5 再接再砺", "text.repealed-law 3:12 《中华人民共和国合同法》"])
        // Before the 民法典 took effect, citing 合同法 was right.
        let before = try run(["check-text", file, "--date", "2020-06-30", "--format", "json"])
        #expect(!before.out.contains("repealed-law") && before.out.contains("text.typo"))
        // Chinese text output names the place.
        let text = try run(["check-text", file, "--date", "2023-06-30"])
        #expect(text.out.contains("第3行第5列") && text.out.contains("再接再厉"))
    }

    @Test func checkTextReadsDocxAndGBKAndCleanTextExitsZero() throws {
        let clean = try temp("clean.txt", Data("青山县人民政府办公室关于印发工作要点的通知\n".utf8))
        #expect(try run(["check-text", clean]).status == 0)
        let gbk = try temp("gbk.txt", Self.gbk("推进两岸三地文旅交流合作。"))
        let g = try run(["check-text", gbk, "--format", "json"])
        #expect(g.status == 1 && g.out.contains("text.serious") && g.out.contains("\"needsReview\" : true"))
        #expect(try run(["check-text", "/nonexistent/file.txt"]).status == 2)
        let binary = try temp("x.txt", Data([0, 1, 2, 0, 0xFF]))
        let b = try run(["check-text", binary])
        #expect(b.status == 2 && b.err.contains("未检查"))
    }

    static func gbk(_ s: String) -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        p.arguments = ["-f", "UTF-8", "-t", "GBK"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input; p.standardOutput = output
        try! p.run()
        input.fileHandleForWriting.write(Data(s.utf8)); try! input.fileHandleForWriting.close()
        let d = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return d
    }
}

/// The platform's job queue across processes: two `govlens worker` processes share one store and
/// scan every queued site once; a worker killed with SIGKILL mid-scan loses nothing and stores
/// nothing twice once another worker takes its job over.
@Suite(.serialized) struct WorkerProcessTests {
    let cli = CLITests()

    /// A worker process; what it writes to stderr goes to `log`, so a failure can say why.
    func start(_ args: [String], log: URL? = nil) throws -> Process {
        let p = Process()
        p.executableURL = BuiltProducts.govlens
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        if let log {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            p.standardError = try FileHandle(forWritingTo: log)
        } else {
            p.standardError = FileHandle.nullDevice
        }
        try p.run()
        return p
    }

    /// Kills the worker `pid` one second after its job `id` starts running (waiting up to 60 s: a
    /// worker process starting under the full suite's load once took more than 5 s); false when the
    /// job never ran. It watches from a thread of its own: the suite's synchronous tests can hold
    /// every thread of the task pool for longer than the portal's whole scan (a full run once
    /// found the job done, the scan complete, when this test's polling task next ran).
    func killMidScan(_ pid: Int32, job id: Int64, store: ScanStore) async -> Bool {
        await withCheckedContinuation { done in
            Thread.detachNewThread {
                for _ in 0..<600 {
                    if (try? store.job(id, .all))?.state == .running {
                        usleep(1_000_000)
                        kill(pid, SIGKILL)
                        return done.resume(returning: true)
                    }
                    usleep(100_000)
                }
                done.resume(returning: false)
            }
        }
    }

    /// For a failure message: the job (state, attempts, error), the scan it stored if any, and
    /// whether the worker still runs or how it ended, with what it wrote to `log`.
    func why(_ store: ScanStore, job id: Int64, worker p: Process, log: URL) -> String {
        let job = try? store.job(id, .all)
        var out = "job " + (job.map { "\($0.state), attempts \($0.attempts), error \($0.error ?? "-")" } ?? "gone")
        if let scan = job?.scanID, let r = try? store.report(scan: scan) {
            out += "; its scan: complete \(r.complete), \(r.pages.count) pages, \(r.incompleteReasons)"
        }
        let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        out += p.isRunning ? "; worker still running" : "; worker ended with status \(p.terminationStatus)"
        return out + "; stderr: \(said.suffix(2000))"
    }

    /// SQLite always; PostgreSQL (claims with FOR UPDATE SKIP LOCKED) where scripts/test started one.
    static var engines: [String] {
        let env = ProcessInfo.processInfo.environment
        return env["GOVLENS_TEST_POSTGRES"] != nil || env["CI"] != nil ? ["sqlite", "postgres"] : ["sqlite"]
    }

    @Test(arguments: engines) func twoWorkersShareTheQueueAndAKilledOneLosesNothing(_ engine: String) async throws {
        let asOf = SimpleDate(iso: "2023-06-30")!
        var servers: [DemoServer] = []
        var csv = "单位名称,分组,网站\n", resolve: [String] = []
        for i in 1...4 {
            var site = ExampleSite(asOf: "2023-06-30", homeExtra: "<a href=\"/gone\(i).html\">旧链接</a>")
            site.host = "w\(i).example.gov.cn"
            let s = try await DemoServer.serve(pages: site.pages, asOf: asOf, host: site.host)
            servers.append(s)
            csv += "单位\(i),演示,\(s.homepage)\n"
            resolve += ["--resolve", "\(site.host):127.0.0.1"]
        }
        // The fifth site is the demo portal, whose slow page keeps a scan busy for 15 s.
        let portal = try await DemoServer.start(asOf: asOf, articlesPerColumn: 2, slowSeconds: 30)
        csv += "青山县,演示,\(portal.homepage)\n"
        resolve += portal.resolve.flatMap { ["--resolve", "\($0.key):\($0.value)"] }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-workers-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = engine == "sqlite" ? dir.appendingPathComponent("platform.sqlite").path
            : try #require(ProcessInfo.processInfo.environment["GOVLENS_TEST_POSTGRES"]) + "?schema=w_\(UUID().uuidString.prefix(8).lowercased())"
        try Data(csv.utf8).write(to: dir.appendingPathComponent("units.csv"))
        #expect(try cli.run(["units", "import", dir.appendingPathComponent("units.csv").path, "--db", db]).status == 0)
        let store = try ScanStore(path: db)
        let sites = try store.sites(.all)
        let portalSite = try #require(sites.first { $0.url == portal.homepage })

        // A worker takes the portal's scan and is killed in the middle of it.
        let portalJob = try store.enqueueScan(siteID: portalSite.id)
        let log = dir.appendingPathComponent("doomed.stderr")
        let doomed = try start(["worker", "--db", db, "--once", "--interval", "0", "--lease", "2"] + resolve, log: log)
        let killed = await killMidScan(doomed.processIdentifier, job: portalJob, store: store)
        let never = killed ? "" : why(store, job: portalJob, worker: doomed, log: log)
        if !killed { kill(doomed.processIdentifier, SIGKILL) }
        doomed.waitUntilExit()
        try #require(killed, "the worker never took the portal's job: \(never)")
        // Left behind by the dead worker.
        #expect(try store.job(portalJob, .all)?.state == .running, "\(why(store, job: portalJob, worker: doomed, log: log))")
        try await Task.sleep(for: .seconds(2.5))  // its lease (2 s, no heartbeat) runs out

        // Two workers then share the four small sites and, once its lease has run out, the portal.
        for site in sites where site.id != portalSite.id { _ = try store.enqueueScan(siteID: site.id) }
        let workers = try (0..<2).map { _ in try start(["worker", "--db", db, "--once", "--interval", "0", "--lease", "2"] + resolve) }
        for w in workers { w.waitUntilExit() }
        let jobs = try store.jobs(.all)
        #expect(jobs.count == 5 && jobs.allSatisfy { $0.state == .done }, "\(jobs.map { "\($0.id):\($0.state)" })")
        #expect(try store.scans().count == 5)  // each job stored once, the killed one included
        #expect(Set(jobs.compactMap(\.scanID)).count == 5)
        #expect(try store.trackedFindings(.all, .init(check: "link.broken")).count >= 4)
        for s in servers { await s.shutdown() }
        await portal.shutdown()
    }
}

/// Ctrl-C during a scan: what was checked is written, marked incomplete with the reason, exit 130.
@Suite struct InterruptedScanTests {
    @Test func ctrlCWritesThePartialReportMarkedIncomplete() async throws {
        // A site large enough that a loaded machine cannot crawl all of it between the 40th
        // request and the signal (with 12 articles a column it once did, under the full suite).
        let server = try await DemoServer.start(asOf: SimpleDate(iso: "2023-06-30")!, articlesPerColumn: 60, slowSeconds: 30)
        defer { Task { await server.shutdown() } }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-interrupted-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = BuiltProducts.govlens
        p.arguments = ["scan", server.homepage, "--as-of", "2023-06-30", "--quiet", "--no-attachments", "--output", out.path]
            + server.resolve.flatMap { ["--resolve", "\($0.key):\($0.value)"] }
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until the crawl is well under way (up to 60 s: a process starting under load is slow),
        // then press Ctrl-C.
        for _ in 0..<600 where server.requests.count < 40 { try await Task.sleep(for: .milliseconds(100)) }
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        let report = try JSONDecoder.scan.decode(ScanReport.self, from: Data(contentsOf: out))
        #expect(!report.complete && report.incompleteReasons.contains { $0.contains("中断") })
        #expect(report.stats.pages > 0 && report.stats.pages < server.truth.pageCount,
                "\(report.stats.pages) pages of \(server.truth.pageCount), \(server.requests.count) requests")
        // Requests cut short are not passed off as broken links.
        #expect(!report.findings.contains { $0.check == .linkBroken && $0.status == "network" })
    }
}

extension JSONDecoder {
    static var scan: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

extension CLITests {
    @Test func newmediaCheckListsAccountsAndFindingsAndWritesTheOverdueSheet() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-cli-nm-\(UUID().uuidString)").path
        #expect(try run(["newmedia", "sample", dir]).status == 0)
        let args = ["newmedia", "check", dir + "/register.csv", "--sources", dir + "/sources", "--as-of", "2024-06-30", "--no-lm", "--offline"]
        let r = try run(args + ["--format", "json"])
        #expect(r.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let accounts = json["accounts"] as! [[String: Any]]
        #expect(accounts.count == 10 && accounts.allSatisfy { $0["checked"] as? Bool == true && $0["posts"] != nil })
        let findings = json["findings"] as! [[String: Any]]
        #expect(findings.contains { $0["check"] as? String == "newmedia.stale" && ($0["subject"] as? String)?.contains("青山教育") == true })
        #expect(!r.out.contains("13912345678"))
        let xlsx = dir + "/overdue.xlsx"
        #expect(try run(args + ["--format", "xlsx", "--output", xlsx]).status == 1)
        #expect(FileManager.default.fileExists(atPath: xlsx))
        #expect(try run(["newmedia", "check", dir + "/register.csv", "--as-of", "2024-13-01"]).status == 2)
        #expect(try run(["newmedia", "check", dir + "/nonexistent.csv", "--as-of", "2024-06-30"]).status == 2)
    }
}
