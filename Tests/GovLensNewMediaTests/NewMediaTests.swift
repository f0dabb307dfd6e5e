import Foundation
import GovLensAssessment
import GovLensChecks
import GovLensCore
import GovLensDocuments
import GovLensNewMedia
import GovLensScoring
import Testing

private let asOf = SimpleDate(year: 2024, month: 6, day: 30)!

private func tempDir() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-nm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
}

/// The ten-account sample against its truth file: precision and recall over (account, check) pairs.
@Suite struct NewMediaSampleTests {
    static let inspector = Task { try TextInspector.standard() }

    func run(_ dir: URL) async throws -> NewMediaReport {
        let inspector = try await Self.inspector.value
        return try await NewMediaCheck.run(register: dir.appendingPathComponent("register.csv"), sources: dir.appendingPathComponent("sources"),
                                           asOf: asOf, rules: try NewMediaRules.bundled(),
                                           textCheck: { inspector.inspect($0, page: $1, date: $2) }, fetchFeeds: false)
    }

    @Test func tenAccountsMatchTheTruthFile() async throws {
        let dir = try tempDir()
        try NewMediaSample.writeTen(to: dir, asOf: asOf)
        let truth = try JSONDecoder().decode([String: [String]].self, from: Data(contentsOf: dir.appendingPathComponent("truth.json")))
        let report = try await run(dir)
        #expect(report.accounts.count == 10 && report.notChecked.isEmpty, "\(report.notChecked.map { $0.reason ?? "" })")
        #expect(report.registerIssues.isEmpty)
        var expected = Set<String>(), found = Set<String>()
        for (key, ids) in truth { for id in ids { expected.insert("\(key) \(id)") } }
        for a in report.accounts {
            for id in a.findings where id.hasPrefix("newmedia.") || id.hasPrefix("privacy.") { found.insert("\(a.account.key) \(id)") }
        }
        let hits = expected.intersection(found).count
        let precision = found.isEmpty ? 1 : Double(hits) / Double(found.count)
        let recall = Double(hits) / Double(expected.count)
        print("newmedia sample: expected \(expected.count), found \(found.count), precision \(precision), recall \(recall)")
        #expect(precision == 1, "多报：\(found.subtracting(expected).sorted())")
        #expect(recall == 1, "漏报：\(expected.subtracting(found).sorted())")
        // Every finding names its account.
        #expect(report.findings.allSatisfy { $0.subject?.contains("「") == true })
        // The synthetic phone is masked in every output.
        let leak = NewMediaSample.leakedPhone
        #expect(!String(decoding: try report.json(), as: UTF8.self).contains(leak))
        #expect(!report.markdown().contains(leak))
        #expect(report.findings.contains { $0.check == "privacy.mobile" && $0.evidence.contains("139****5678") })
        // Figures: the healthy 公众号 has replies and a median reply time (5 hours in the sample).
        let healthy = try #require(report.accounts.first { $0.account.key == "微信公众号/青山发布" })
        #expect(healthy.postsInPeriod > 20 && healthy.replies > 20)
        #expect(abs((healthy.medianReplyHours ?? 0) - 5) < 0.01)
        #expect(healthy.lastPost == asOf.adding(days: -1))
        let stale = try #require(report.overdue.first { $0.account.name == "青山教育" })
        #expect(stale.daysSinceLastPost == 20)
        // The overdue list as XLSX reads back with its heading; as DOCX (the 通报's 附件) it names the account.
        let table = try TableReader.xlsx(try report.xlsx(staleDays: 14), file: "x.xlsx")
        #expect(table.rows.contains { $0.cells.contains("青山教育") })
        let docx = try await DocumentExtractor().extract(try report.docx(staleDays: 14), name: "名单.docx")
        #expect(docx.text.contains("内容超期更新政务新媒体名单") && docx.text.contains("青山教育") && docx.text.contains("超期天数"))
    }
}

/// The newmedia-2019 pack scores units from their accounts: the owner of a stale account is
/// vetoed (内容不更新), owners of healthy accounts pass, an owner the units file lacks is an error.
@Suite struct NewMediaScoringTests {
    @Test func theStaleAccountVetoesItsOwner() async throws {
        let dir = try tempDir()
        try NewMediaSample.writeTen(to: dir, asOf: asOf)
        let report = try await NewMediaSampleTests().run(dir)
        let file = dir.appendingPathComponent("newmedia.json")
        try report.json().write(to: file)
        let owners = Set(report.accounts.map(\.account.owner)).sorted()
        let units = owners.map { AssessedUnit(name: $0, group: "县直单位", site: nil, place: "test") }
        let scans = try NewMediaScans.merge(try NewMediaScans.read(file), into: [:], units: units)
        var scorer = Scorer(pack: try PackLibrary.load("newmedia-2019"))
        scorer.missingManualIsError = false
        let scores = try scorer.score(units: units, manual: nil, scans: scans, asOf: asOf.description, deadline: asOf.adding(days: 20).description)
        let results = Dictionary(uniqueKeysWithValues: scores.groups.flatMap(\.units).map { ($0.unit, $0) })
        let staleOwners = Set(report.overdue.map(\.account.owner))
        #expect(!staleOwners.isEmpty)
        for owner in owners {
            let stale = results[owner]?.veto.contains { $0.findings.contains { $0.check == .newMediaStale } } == true
            #expect(stale == staleOwners.contains(owner), "\(owner)")
        }
        #expect(throws: ScoringError.self) {
            try NewMediaScans.merge(report, into: [:], units: Array(units.dropFirst()))
        }
    }
}

@Suite struct NewMediaInputTests {
    func table(_ csv: String, file: String = "register.csv") throws -> DataTable { try TableReader.csv(Data(csv.utf8), file: file) }

    @Test func registerReportsBadRowsAndKeepsTheRest() throws {
        let reg = try RegisterReader.read(try table("""
            账号名称,平台,主办单位,账号ID,状态
            青山发布,微信公众号,青山县政府办,qs1,正常
            青山发布,公众号,青山县政府办,qs9,正常
            青山教育,脸书,青山县教育局,qs2,正常
            ,微博,青山县林业局,qs3,正常
            青山林业,新浪微博,青山县林业局,qs4,已关停
            青山水利,抖音,青山县水利局,qs5,暂停
            """))
        #expect(reg.accounts.map(\.key) == ["微信公众号/青山发布", "微博/青山林业", "抖音/青山水利"])
        #expect(reg.accounts[1].status == .closed)
        let messages = reg.issues.map { "\($0.place)：\($0.message)" }
        #expect(messages.count == 4)
        #expect(messages[0].contains("第3行") && messages[0].contains("与第2行重复"))
        #expect(messages[1].contains("第4行第2列（平台）") && messages[1].contains("不认识的平台“脸书”"))
        #expect(messages[2].contains("第5行第1列（账号名称）") && messages[2].contains("缺少账号名称"))
        #expect(messages[3].contains("状态“暂停”无法识别"))
    }

    @Test func registerInGBKAndMissingColumn() throws {
        let gbk = "账号名称,平台,主办单位\n青山发布,微博,青山县政府办\n".data(using: String.Encoding(rawValue: 0x80000632))
        if let gbk {  // GB18030 is available where CoreFoundation has it
            let reg = try RegisterReader.read(try TableReader.csv(gbk, file: "gbk.csv"))
            #expect(reg.accounts.first?.name == "青山发布")
        }
        #expect(throws: TableError.self) { try RegisterReader.read(try table("名称X,平台\n青山发布,微博\n")) }
    }

    @Test func relativeAndLocalDates() {
        func day(_ s: String) -> String? { PostTime.parse(s, asOf: asOf).map { PostTime.day(of: $0).description } }
        #expect(day("3天前") == "2024-06-27")
        #expect(day("昨天 12:30") == "2024-06-29")
        #expect(day("前天") == "2024-06-28")
        #expect(day("5小时前") == "2024-06-30")
        #expect(day("刚刚") == "2024-06-30")
        #expect(day("2024年5月3日") == "2024-05-03")
        #expect(day("5月3日 08:00") == "2024-05-03")
        #expect(day("12月30日") == "2023-12-30")  // no year, after as-of: last year
        #expect(day("Fri, 03 May 2024 23:30:00 +0000") == "2024-05-04")  // China time
        #expect(day("2024-05-03T10:00:00+08:00") == "2024-05-03")
        #expect(day("1714701600") == "2024-05-03")
        // The hand readers agree with the formatters.
        #expect(PostTime.parse("Fri, 03 May 2024 10:00:00 +0800", asOf: asOf) == Date(timeIntervalSince1970: 1714701600))
        #expect(PostTime.parse("03 May 2024 02:00:00 GMT", asOf: asOf) == Date(timeIntervalSince1970: 1714701600))
        #expect(PostTime.parse("2024-05-03T02:00:00Z", asOf: asOf) == Date(timeIntervalSince1970: 1714701600))
        #expect(PostTime.parse("2024-05-03T10:00:00.000+08:00", asOf: asOf) == Date(timeIntervalSince1970: 1714701600))
        #expect(day("上周") == nil)
        let t = PostTime.parse("昨天 12:30", asOf: asOf)!
        #expect(t == PostTime.instant(asOf.adding(days: -1), hour: 12, minute: 30))
    }

    func load(_ name: String, _ data: Data) async throws -> AccountPosts {
        let dir = try tempDir()
        try data.write(to: dir.appendingPathComponent(name))
        let account = Account(name: "青山发布", platform: .weibo, owner: "青山县政府办")
        return await SourceLoader(directory: dir, fetchFeeds: false).load(account, asOf: asOf)
    }

    @Test func unreadableSourcesAreNotCheckedNeverStale() async throws {
        let truncated = try await load("青山发布.xml", Data("<?xml version=\"1.0\"?><rss><channel><item><title>会议".utf8))
        #expect(!truncated.checked && truncated.error!.contains("XML 无法解析"))
        let gbkBytes = Data([0x3C, 0x72, 0x73, 0x73, 0x3E, 0xC7, 0xE0, 0xC9, 0xBD, 0x3C, 0x2F, 0x72, 0x73, 0x73, 0x3E])  // <rss>青山</rss> in GBK
        let wrong = try await load("青山发布.xml", gbkBytes)
        #expect(!wrong.checked && wrong.error!.contains("编码"))
        let columns = try await load("微博-青山发布.csv", Data("日期,内容\n2024-06-01,会议\n".utf8))
        #expect(!columns.checked && columns.error!.contains("缺少列：发布时间、标题"))
        let missing = try await load("别的账号.xml", Data("x".utf8))
        #expect(!missing.checked && missing.error!.contains("没有内容来源"))
        let report = NewMediaChecker(rules: try NewMediaRules.bundled()).check([truncated, wrong, columns, missing], asOf: asOf)
        #expect(report.findings.isEmpty && report.notChecked.count == 4)
    }

    @Test func gbkFeedDeclaredAsSuchIsRead() async throws {
        let xml = "<?xml version=\"1.0\" encoding=\"GB2312\"?><rss version=\"2.0\"><channel><item><title>青山县召开会议</title><pubDate>2024年6月28日</pubDate></item></channel></rss>"
        guard let gbk = xml.data(using: String.Encoding(rawValue: 0x80000632)) else { return }
        let r = try await load("青山发布.xml", gbk)
        #expect(r.checked, "\(r.error ?? "")")
        #expect(r.posts.first?.title == "青山县召开会议")
    }

    @Test func exportWithRelativeDatesAndReplies() async throws {
        let csv = "发布时间,标题,链接,正文,留言,回复时间\n3天前,会议一,https://x/1,正文,开启,2024-06-27 18:00\n昨天 09:00,会议二,https://x/2,正文,关闭,\n"
        let r = try await load("青山发布.csv", Data(csv.utf8))
        #expect(r.checked && r.posts.count == 2)
        #expect(r.posts.map(\.date.description) == ["2024-06-27", "2024-06-29"])
        #expect(r.posts[0].interaction == true && r.posts[1].interaction == false && r.posts[0].replies.count == 1)
    }

    @Test func unregisteredAccountsByNameURLOrHandle() {
        let register = [Account(name: "青山发布", platform: .wechat, owner: "县政府办", handle: "qsfb", url: "https://weibo.com/qsfb")]
        let seen = [SeenAccount(name: "青山发布", platform: .wechat), SeenAccount(name: "青山 发布 ", platform: .wechat),
                    SeenAccount(name: "别名", url: "http://weibo.com/qsfb/"), SeenAccount(name: "x", handle: "qsfb"),
                    SeenAccount(name: "青山发布", platform: .douyin), SeenAccount(name: "青山旅游")]
        let f = NewMediaChecker.unregistered(seen, register: register, page: "http://www.qs.gov.cn/xmt/")
        #expect(f.map(\.subject) == ["抖音「青山发布」", "「青山旅游」"])
        #expect(f.allSatisfy { $0.check == .newMediaUnregistered && $0.needsReview })
    }

    @Test func rulesComeFromTheYAMLFile() throws {
        let r = try NewMediaRules.bundled()
        #expect(r.staleDays == 14 && r.zombie.noPostDays == 90)
        let dir = try tempDir(), file = dir.appendingPathComponent("r.yaml")
        try Data("staleDays: 7\n".utf8).write(to: file)
        #expect(throws: (any Error).self) { try NewMediaRules.load(file) }
    }
}

@Suite struct NewMediaJSONExportTests {
    @Test func jsonArticleListReadsLikeTheCSV() async throws {
        let json = """
            {"articles": [
              {"publish_time": 1719626400, "title": "会议一", "url": "https://x/1", "digest": "正文", "comment_enabled": true, "reply_times": ["2024-06-29 12:00"]},
              {"publish_time": "2天前", "title": "会议二", "comment_enabled": false}
            ]}
            """
        let posts = try ExportJSONAdapter().posts(from: Data(json.utf8), fileName: "a.json", asOf: asOf)
        #expect(posts.map(\.date.description) == ["2024-06-29", "2024-06-28"])
        #expect(posts[0].interaction == true && posts[1].interaction == false && posts[0].replies.count == 1)
        #expect(throws: SourceError.self) { try ExportJSONAdapter().posts(from: Data("[{\"title\": \"x\"}]".utf8), fileName: "b.json", asOf: asOf) }
        #expect(throws: SourceError.self) { try ExportJSONAdapter().posts(from: Data("{\"articles\": [".utf8), fileName: "c.json", asOf: asOf) }
    }
}

@Suite struct NewMediaCheckerTests {
    @Test func aNewAccountIsNotASleeperYet() throws {
        var entry = NewMediaExample.account("青山新开", daysAgo: [2, 9])
        let rules = try NewMediaRules.bundled()
        #expect(NewMediaExample([entry]).findings(rules: rules).map(\.check) == [.newMediaZombie])
        entry.account.openedOn = asOf.adding(days: -20)
        #expect(NewMediaExample([entry]).findings(rules: rules).isEmpty)
    }
}
