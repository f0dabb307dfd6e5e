import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensMonitor
import GovLensScan
import GovLensServer
import GovLensStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The web UI in a real browser (headless Chromium over WebDriver): log in as an inspector and as
/// a unit user, see the dashboard, open a finding, confirm it, start a scan and watch it finish,
/// and fail to reach another unit's pages. Screenshots go to .build/test-artefacts/.
@Suite(.serialized) struct BrowserTests {
    @Test func inspectorAndUnitUserInTheBrowser() async throws {
        let fx = try await PlatformFixture.make()
        defer { fx.cleanUp() }
        // 乙县's site is a real one on loopback, so a scan started from the page can finish.
        let example = ExampleSite(asOf: "2023-06-30", homeExtra: "<a href=\"/old/notice.html\">旧版通知</a>")
        let demo = try await DemoServer.serve(pages: example.pages, asOf: example.asOf, host: "www.yi.gov.cn")
        defer { Task { await demo.shutdown() } }
        let runner = JobRunner(store: fx.store, worker: "browser") { _ in
            var o = ScanOptions(url: demo.homepage, asOf: example.asOf)
            o.resolve = ["www.yi.gov.cn": "127.0.0.1"]
            o.minInterval = 0
            o.recheckDelay = 0
            return o
        }
        let work = Task { await runner.run() }
        defer { work.cancel() }
        var config = ServerConfig()
        config.port = 0
        let app = Application(router: buildRouter(fx.services), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let root = "http://127.0.0.1:\(client.port!)"
            let browser = try await WebDriver()
            defer { Task { await browser.quit() } }

            // The inspector: dashboard, a finding, confirmation with a reason.
            try await browser.open(root + "/")
            #expect(try await browser.currentURL.hasSuffix("/login"))
            try await browser.type("#username", "inspector")
            try await browser.type("#password", PlatformFixture.password)
            try await browser.submit("#login")
            let dashboard = try await browser.source
            #expect(dashboard.contains("总览") && dashboard.contains("甲县") && dashboard.contains("乙县"))
            try await browser.screenshot("01-inspector-dashboard")
            let finding = try #require(try fx.store.trackedFindings(.all, .init(check: "link.broken")).first { $0.unit == "甲县" })
            try await browser.open(root + "/findings/\(finding.id)")
            #expect(try await browser.text("#evidence").contains("服务器错误"))
            try await browser.type("#reason", "已人工访问，链接确实打不开")
            try await browser.submit("#submit-review")
            let reviewed = try await browser.source
            #expect(reviewed.contains("已确认"), "\(reviewed.prefix(3000))")
            try await browser.screenshot("02-finding-confirmed")
            #expect(try fx.store.trackedFinding(finding.id, .all)?.review?.by == "inspector")
            try await browser.submit("form.logout button")

            // A unit user: its own site, a scan started and finished, another unit's pages unreachable.
            try await browser.type("#username", "yi")
            try await browser.type("#password", PlatformFixture.password)
            try await browser.submit("#login")
            let own = try await browser.source
            #expect(own.contains("乙县") && !own.contains("甲县"))
            let yiSite = try #require(try fx.store.sites(.all).first { $0.unit == "乙县" })
            try await browser.open(root + "/sites/\(yiSite.id)")
            let before = try fx.store.jobs(.all).map(\.id).max() ?? 0
            try await browser.submit("#start-scan")
            var finished = false
            for _ in 0..<60 where !finished {  // up to 30 s, for the job the browser started
                try await Task.sleep(for: .milliseconds(500))
                try await browser.open(root + "/sites/\(yiSite.id)")
                let newJob = try fx.store.jobs(.all, site: yiSite.id).first { $0.id > before }
                let html = try await browser.source
                finished = newJob?.state == .done && html.contains("<td>\(newJob!.id)</td><td class=\"state\">已完成</td>")
            }
            #expect(finished, "the scan started in the browser did not finish")
            try await browser.screenshot("03-unit-scan-finished")

            // 整改: the unit answers its ticket; the re-check cannot reach the site (its name does not
            // resolve for the server), so nothing is marked fixed and the page says why.
            let ticket = try #require(try fx.store.tickets(.unit(yiSite.unitID)).first)
            try await browser.open(root + "/tickets")
            #expect(try await browser.source.contains("乙县整改任务"))
            try await browser.open(root + "/tickets/\(ticket.id)")
            try await browser.type("#feedback-note", "已删除旧链接，遮盖了手机号码")
            try await browser.submit("#feedback-submit")
            let answered = try await browser.source
            #expect(try await browser.text("#ticket-state") == "复核未通过", "\(answered.prefix(2000))")
            #expect(answered.contains("无法复核") && answered.contains("已删除旧链接"))
            #expect(try fx.store.ticket(ticket.id, .all)?.items.allSatisfy { $0.state != .fixed } == true)
            try await browser.screenshot("04-ticket-feedback-rechecked")

            let jiaSite = try #require(try fx.store.sites(.all).first { $0.unit == "甲县" })
            let jiaTicket = try #require(try fx.store.tickets(.unit(jiaSite.unitID)).first)
            for page in ["/sites/\(jiaSite.id)", "/units/\(jiaSite.unitID)", "/findings/\(finding.id)", "/tickets/\(jiaTicket.id)"] {
                try await browser.open(root + page)
                let html = try await browser.source
                #expect(!html.contains("www.jia.gov.cn") && !html.contains("服务器错误"), "\(page) shows 甲县's data")
                #expect(html.contains("页面不存在"), "\(page)")
            }
            try await browser.screenshot("05-other-unit-not-found")
        }
    }
}
