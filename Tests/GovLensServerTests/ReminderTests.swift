import Foundation
import GovLensCore
import GovLensMonitor
import GovLensStore
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import Testing

/// Reminders reach a real SMTP server on loopback (scripts/smtp-sink) and a webhook receiver;
/// each is made once, a failed sending is retried and stays visible, and a deadline passing
/// turns the deadline reminder into a daily overdue one.
@Suite(.serialized) struct ReminderTests {
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var t: Date
        init(_ iso: String) { t = ISO8601DateFormatter().date(from: iso)! }
        var now: Date { lock.lock(); defer { lock.unlock() }; return t }
        func advance(minutes: Double) { lock.lock(); t += minutes * 60; lock.unlock() }
    }

    /// Starts the SMTP sink on a free port; returns the process, the port and the mail folder.
    static func smtpSink() throws -> (Process, Int, URL) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-mail-\(UUID())")
        let port = Int.random(in: 20000...30000)
        let p = Process()
        p.executableURL = root.appendingPathComponent("scripts/smtp-sink")
        p.arguments = [String(port), dir.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        _ = out.fileHandleForReading.availableData  // "ready"
        return (p, port, dir)
    }

    static func mails(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
            .compactMap { try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
    }

    /// The decoded subject and body of a mail as the sink stored it.
    static func decode(_ mail: String) -> (to: String, subject: String, body: String) {
        let mail = mail.replacingOccurrences(of: "\r\n", with: "\n")  // the sink stores lines as Python joins them
        let lines = mail.components(separatedBy: "\n")
        let to = lines.first { $0.hasPrefix("X-Envelope-To: ") }?.dropFirst(15) ?? ""
        let subject = lines.first { $0.hasPrefix("Subject: =?UTF-8?B?") }.map { String($0.dropFirst(19).dropLast(2)) }
            .flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let body = mail.components(separatedBy: "\n\n").dropFirst().joined().replacingOccurrences(of: "\n", with: "")
        return (String(to), subject, Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) } ?? "")
    }

    @Test func remindersGoOutOnceRetryFailuresAndTurnOverdue() async throws {
        let (sink, port, mailDir) = try Self.smtpSink()
        defer { kill(sink.processIdentifier, SIGKILL); try? FileManager.default.removeItem(at: mailDir) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-remind-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ScanStore(path: path)
        _ = try store.importUnits([
            UnitImport(name: "甲县", group: "县级政府", sites: ["http://www.jia.gov.cn/"], email: "jia@example.gov.cn", place: "test"),
            UnitImport(name: "乙县", group: "县级政府", sites: ["http://www.yi.gov.cn/"], place: "test"),
        ])
        let jia = try #require(try store.units(.all).first { $0.name == "甲县" })
        let job = try store.enqueueScan(siteID: jia.sites[0].id)
        _ = try store.claimJob(worker: "t")
        try store.finishScanJob(job, report: PlatformFixture.report(jia.sites[0].url))
        // 2026-12-16 is a Wednesday and a digest day; the deadline is two working days later.
        let clock = Clock("2026-12-16T01:00:00Z")
        let ticket = try store.createTicket(unitID: jia.id, trackedIDs: try store.trackedFindings(.unit(jia.id)).map(\.id),
                                            deadline: SimpleDate(iso: "2026-12-18")!, title: "甲县整改任务", actor: "admin",
                                            needsInspector: { _ in false })

        let calls = NIOLockedValueBox<[String]>([])
        let robot = Router()
        robot.post("robot") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let n = calls.withLockedValue { $0.append(body); return $0.count }
            return Response(status: n == 1 ? .internalServerError : .ok)  // the first sending fails
        }
        try await Application(router: robot).test(.live) { client in
            var settings = ReminderSettings()
            settings.webhook = "http://127.0.0.1:\(client.port!)/robot"
            settings.smtp = SMTPSettings(host: "127.0.0.1", port: port, from: "gongkai@example.gov.cn")
            settings.retryMinutes = [1]
            let reminders = Reminders(store: store, settings: settings, now: { clock.now })

            #expect(try reminders.tick() == 2)  // the deadline reminder and 甲县's digest (乙县 has nothing open)
            #expect(try reminders.tick() == 0)  // once
            var result = try await reminders.deliver()
            #expect(result.sent == 3 && result.failed == 1)  // two mails, one webhook call answered 500
            let pending = try store.notices(.all).flatMap(\.deliveries).filter { $0.state == .pending }
            #expect(pending.count == 1 && pending[0].lastError?.contains("500") == true && pending[0].stateName.contains("将重试"))
            clock.advance(minutes: 1)
            result = try await reminders.deliver()
            #expect(result == (1, 0))
            #expect(try store.notices(.all).flatMap(\.deliveries).allSatisfy { $0.state == .sent })

            let mails = Self.mails(mailDir).map(Self.decode)
            #expect(mails.count == 2 && mails.allSatisfy { $0.to == "jia@example.gov.cn" })
            #expect(mails.contains { $0.subject == "整改期限临近：甲县整改任务" && $0.body.contains("2026-12-18") })
            #expect(mails.contains { $0.subject.hasPrefix("政府网站问题提示") && $0.body.contains("未整改问题2个") })
            #expect(calls.withLockedValue { $0 }.last?.contains("\"msgtype\":\"text\"") == true)
            // A unit sees its own notices only.
            #expect(try store.notices(.unit(jia.id)).count == 2)
            #expect(try store.notices(.unit(jia.id + 1)).isEmpty)

            // The deadline passes: an overdue reminder each day, not each tick.
            clock.advance(minutes: 3 * 24 * 60)
            #expect(try reminders.tick() == 1)
            #expect(try reminders.tick() == 0)
            clock.advance(minutes: 24 * 60)
            #expect(try reminders.tick() == 1)
            #expect(try store.notices(.all).filter { $0.kind == "overdue" }.count == 2)

            // The mail server goes away: the sending fails, is retried once, then shown as failed.
            kill(sink.processIdentifier, SIGKILL)
            sink.waitUntilExit()
            _ = try await reminders.deliver()
            clock.advance(minutes: 1)
            _ = try await reminders.deliver()
            let mail = try store.notices(.all).flatMap(\.deliveries).filter { $0.channel == "email" && $0.state != .sent }
            #expect(mail.count == 2 && mail.allSatisfy { $0.state == .failed && $0.attempts == 2 && $0.lastError?.contains("邮件发送失败") == true })
        }
        _ = ticket
    }
}
