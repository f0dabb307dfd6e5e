import Foundation
import GovLensAssessment
import GovLensChecks
import GovLensCore
import GovLensDocuments
import GovLensScoring
import Testing

/// Builders shared by the scoring tests.
enum Sample {
    static func csv(_ text: String, _ name: String) throws -> DataTable { try TableReader.csv(Data(text.utf8), file: name) }

    static func scan(_ site: String, _ findings: [Finding], complete: Bool = true) -> ScanReport {
        ScanReport(site: site, asOf: "2023-06-30", startedAt: Date(), finishedAt: Date(), stats: ScanStats(), complete: complete,
                   incompleteReasons: complete ? [] : ["达到页面数上限"], homepage: HomepageStatus(url: site, reachable: true, status: "200", latencyMs: 10),
                   pages: [], findings: findings, errors: [])
    }

    static func link(_ page: String, _ n: Int, home: Bool = false, definite: Bool = true) -> Finding {
        Finding(check: .linkBroken, severity: .deduct, page: page, target: page + "dead\(n).html", evidence: "页面不存在（404）",
                suggestion: "请删除该链接。", needsReview: !definite, status: definite ? "404" : "500", definite: definite,
                scope: home ? .home : .other, external: false)
    }

    static func finding(_ check: CheckID, _ page: String, review: Bool = false) -> Finding {
        Finding(check: check, severity: .deduct, page: page, evidence: "证据", suggestion: "建议", needsReview: review)
    }

    static let pack = """
        id: test
        name: 测试方案
        base: 100
        passMark: 60
        bonusGate: 80
        ranking: competition
        veto:
          - check: site.unavailable
          - check: text.serious
          - {name: 人工否决, source: manual}
        rescale:
          - when: {serviceFunctions: false}
            dropSection: 办事服务
            base: 75
            factor: 4/3
        items:
          - {id: home, name: 首页不可用链接, kind: deduct, source: findings, check: link.broken, where: {scope: home}, points: 1, max: 5}
          - {id: other, name: 其他页面不可用链接, kind: deduct, source: findings, check: link.broken, where: {scope: other}, points: 0.1, max: 1}
          - {id: guides, name: 办事指南, kind: deduct, source: manual, section: 办事服务, max: 25}
          - {id: replies, name: 留言答复, kind: deduct, source: manual, max: 3}
          - {id: bonus, name: 创新应用, kind: bonus, source: manual, max: 30}
        """

    static let units = """
        单位名称,分组,网站,门户网站,有办事服务
        甲县,县区,http://www.jia.gov.cn/,是,是
        乙县,县区,www.yi.gov.cn,是,是
        丙局,部门,http://www.bing.gov.cn/,否,否
        丁县,县区,http://www.ding.gov.cn/,是,是
        """

    static let manual = """
        单位名称,办事指南,留言答复,创新应用,人工否决
        甲县,0,0,10,
        乙县,12.5,3,10,否
        丙局,,1,5,
        丁县,0,0,0,网站首页被篡改未及时处置
        """

    static func scans() -> [String: ScanReport] {
        [
            // 3 home links (−3), 15 definite other links (1.5 → capped at 1), 2 suspected (not counted).
            "甲县": scan("http://www.jia.gov.cn/", (0..<3).map { link("http://www.jia.gov.cn/", $0, home: true) }
                + (0..<15).map { link("http://www.jia.gov.cn/a/", $0) } + (0..<2).map { link("http://www.jia.gov.cn/b/", $0, definite: false) }),
            "乙县": scan("http://www.yi.gov.cn/", [finding("text.serious", "http://www.yi.gov.cn/x.html", review: true)]),
            "丙局": scan("http://www.bing.gov.cn/", (0..<4).map { link("http://www.bing.gov.cn/", $0) }, complete: false),
            "丁县": scan("http://www.ding.gov.cn/", [finding(.siteUnavailable, "http://www.ding.gov.cn/")]),
        ]
    }

    static func report() throws -> ScoreReport {
        let pack = try RulePack.parse(Sample.pack, file: "test.yaml", catalog: CheckRegistry.catalog)
        let units = try UnitsFile.read(csv(Sample.units, "units.csv"))
        let manual = try ManualSheet.read(csv(Sample.manual, "manual.csv"), pack: pack, units: units)
        return try Scorer(pack: pack).score(units: units, manual: manual, scans: scans(), asOf: "2023-06-30", deadline: "2023-07-21",
                                            extraShares: [ShareQuery(item: "得分", atLeast: Amount(100))])
    }
}

@Suite struct ScorerTests {
    func unit(_ r: ScoreReport, _ name: String) -> UnitResult { r.groups.flatMap(\.units).first { $0.unit == name }! }

    @Test func deductionsAreCappedPerItemAndTraceable() throws {
        let r = try Sample.report()
        let jia = unit(r, "甲县")
        // 100 − 3 (home) − 1 (15 × 0.1 capped at 1) = 96 > 80, so the bonus counts: 106.
        #expect(jia.items["首页不可用链接"] == -3)
        #expect(jia.items["其他页面不可用链接"] == -1)
        #expect(jia.items["创新应用"] == 10)
        #expect(jia.total == 106)
        #expect(jia.passed && jia.veto.isEmpty)
        let other = jia.lost.first { $0.item == "其他页面不可用链接" }!
        #expect(other.points == 1 && other.findings.count == 15 && other.reason.contains("最多扣 1 分"))
        #expect(jia.lost.first { $0.item == "首页不可用链接" }!.findings.allSatisfy { $0.scope == .home })
        // Suspected links are not scored: they wait for a person.
        #expect(jia.toReview.count == 2 && jia.toReview.allSatisfy { $0.needsReview })
        // Every point lost is accounted for: 100 − Σ lost + bonus = total.
        let lost = jia.lost.reduce(Decimal(0)) { $0 + $1.points }
        #expect(100 - lost + 10 == jia.total)
    }

    /// A hand-edited scores.json (a total or a rank changed) no longer follows from its items:
    /// `govlens report` refuses it, naming the unit.
    @Test func editedScoresAreRefusedWithTheUnitsNamed() throws {
        let r = try Sample.report()
        #expect(r.inconsistencies().isEmpty, "\(r.inconsistencies())")
        let g = try #require(r.groups.firstIndex { $0.name == "县区" })
        let jia = try #require(r.groups[g].units.firstIndex { $0.unit == "甲县" })
        var edited = r
        edited.groups[g].units[jia].total += 5
        #expect(edited.inconsistencies().contains { $0.contains("甲县") && $0.contains("总分") }, "\(edited.inconsistencies())")
        var reranked = r
        let last = try #require(reranked.groups[g].units.indices.max { reranked.groups[g].units[$0].rank < reranked.groups[g].units[$1].rank })
        (reranked.groups[g].units[jia].rank, reranked.groups[g].units[last].rank) = (reranked.groups[g].units[last].rank, reranked.groups[g].units[jia].rank)
        #expect(reranked.inconsistencies().contains { $0.contains("排名") })
        var overMax = r
        overMax.groups[g].units[jia].items["留言答复"] = -7
        #expect(overMax.inconsistencies().contains { $0.contains("留言答复") && $0.contains("最高分") })
    }

    /// The assessor's reasons (扣分理由) per item or in one column reach the lost points, so a
    /// unit learns why, not only "手工扣分".
    @Test func manualReasonsReachTheLostPoints() throws {
        let pack = try RulePack.parse(Sample.pack, file: "test.yaml", catalog: CheckRegistry.catalog)
        let units = try UnitsFile.read(Sample.csv(Sample.units, "units.csv"))
        let sheet = """
            单位名称,办事指南,办事指南扣分理由,留言答复,创新应用,人工否决,扣分原因
            甲县,0,,0,10,,
            乙县,12.5,3项办事指南要素缺失,3,10,否,留言平均答复超过15个工作日
            丙局,,,1,5,,
            丁县,0,,0,0,网站首页被篡改未及时处置,
            """
        let manual = try ManualSheet.read(Sample.csv(sheet, "manual.csv"), pack: pack, units: units)
        let r = try Scorer(pack: pack).score(units: units, manual: manual, scans: Sample.scans(), asOf: "2023-06-30", deadline: "2023-07-21")
        let yi = unit(r, "乙县")
        #expect(yi.lost.first { $0.item == "办事指南" }?.reason == "手工扣分：3项办事指南要素缺失")
        #expect(yi.lost.first { $0.item == "留言答复" }?.reason == "手工扣分：留言平均答复超过15个工作日")
        #expect(unit(r, "丙局").lost.first { $0.item == "留言答复" }?.reason == "手工扣分")
    }

    @Test func bonusOnlyAboveTheGateAndManualEntriesNamed() throws {
        let yi = unit(try Sample.report(), "乙县")
        // 100 − 12.5 − 3 = 84.5 > 80 → +10. The serious-wording finding needs review: no veto yet.
        #expect(yi.total == Decimal(string: "94.5")!)
        #expect(yi.veto.isEmpty && yi.passed)
        #expect(yi.toReview.map(\.check) == ["text.serious"])
        let guides = yi.lost.first { $0.item == "办事指南" }!
        #expect(guides.manual?.place == "manual.csv 第3行第2列（办事指南）" && guides.points == Decimal(string: "12.5")!)
    }

    @Test func noServiceFunctionsRescalesSeventyFiveToAHundred() throws {
        let bing = unit(try Sample.report(), "丙局")
        // 办事指南 dropped; 75 − 0.4 (4 links) − 1 (留言答复) = 73.6; × 4/3 = 98.13…; > 80 → +5.
        #expect(bing.items["办事指南"] == nil)
        #expect(bing.total == Decimal(string: "103.13")!)
        #expect(bing.notes.contains { $0.contains("4/3") })
        #expect(bing.notes.contains { $0.contains("扫描不完整") })
    }

    @Test func vetoesFailWhateverThePointsAndRankLast() throws {
        let r = try Sample.report()
        let ding = unit(r, "丁县")
        #expect(!ding.passed)
        #expect(Set(ding.veto.map(\.rule)) == ["站点无法访问", "人工否决"])
        #expect(ding.veto.first { $0.rule == "人工否决" }?.reason == "网站首页被篡改未及时处置")
        // 丁县 has 100 points, more than 乙县, but a veto ranks last.
        let county = r.groups.first { $0.name == "县区" }!
        #expect(county.units.map(\.unit) == ["甲县", "乙县", "丁县"])
        #expect(county.units.map(\.rank) == [1, 2, 3])
        #expect(county.stats.passed == 2 && county.stats.vetoed == 1)
        #expect(county.stats.passRate == Decimal(string: "0.6667")!)
        #expect(county.stats.mean == Decimal(string: "100.17")!)  // (106 + 94.5 + 100) / 3
        #expect(county.stats.shares.first?.units == 2)  // 得分 ≥ 100: 甲县 106 and 丁县 100 (a vetoed unit still has a total)
        #expect(r.warnings.contains { $0.contains("丙局") })
    }

    @Test func tieStyles() {
        let keys: [(Int, Decimal)] = [(0, 90), (0, 80), (0, 80), (0, 80), (0, 70), (1, 70)]
        #expect(Ranking.ranks(keys, style: .competition) == [1, 2, 2, 2, 5, 6])
        #expect(Ranking.ranks(keys, style: .dense) == [1, 2, 2, 2, 3, 4])
    }

    @Test func shippedPacksLoadAndTheWebsitePackFollows19Hao() throws {
        #expect(Set(PackLibrary.shippedIDs) == ["website-2019", "newmedia-2019", "disclosure-example", "disclosure-departments-example"])
        for id in PackLibrary.shippedIDs { _ = try PackLibrary.load(id) }
        let web = try PackLibrary.load("website-2019")
        #expect(web.base?.value == 100 && web.passMark?.value == 60 && web.bonusGate?.value == 80)
        let bonus = web.items.filter { $0.itemKind == .bonus }.reduce(Decimal(0)) { $0 + ($1.max?.value ?? 0) }
        #expect(bonus == 30)
        let service = web.items.filter { $0.section == "办事服务" }.reduce(Decimal(0)) { $0 + ($1.max?.value ?? 0) }
        #expect(service == 25)
        #expect(web.rescale?.first?.factorValue == Decimal(4) / Decimal(3))
        let disclosure = try PackLibrary.load("disclosure-example")
        #expect(disclosure.items.map(\.header) == ["公开渠道 (7)", "主动公开 (56)", "依申请公开 (10)", "政策解读 (20)", "能力保障 (7)", "扣分项"])
        let newmedia = try PackLibrary.load("newmedia-2019")
        #expect(newmedia.items.isEmpty && (newmedia.veto ?? []).count == 4)
    }
}
