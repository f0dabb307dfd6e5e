import Foundation
import GovLensAssessment
import GovLensChecks
import GovLensDocuments
import GovLensScoring
import Testing

/// Real published ranking tables (`Fixtures/scoring-tables`, transcribed cell by cell; provenance
/// in SOURCE.txt) reproduced from their category scores through rule packs.
@Suite struct PublishedTablesTests {
    static let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("scoring-tables")

    struct Published {
        var header: [String]
        var rows: [[String]]
        var ranks: [Int] { rows.map { Int($0[0])! } }
        var names: [String] { rows.map { $0[1] } }
    }

    static func table(_ file: String) throws -> Published {
        let t = try TableReader.read(dir.appendingPathComponent(file))
        return Published(header: t.header, rows: t.rows.map(\.cells))
    }

    /// Writes the units file and the manual sheet a 政务公开办 would keep for this table.
    static func inputs(_ names: [String], items: [String], values: [[String]]) throws -> (units: DataTable, manual: DataTable) {
        let units = "单位名称,分组\n" + names.map { "\($0),全部单位\n" }.joined()
        let manual = "单位名称," + items.joined(separator: ",") + "\n"
            + zip(names, values).map { n, v in n + "," + v.joined(separator: ",") + "\n" }.joined()
        return (try TableReader.csv(Data(units.utf8), file: "units.csv"), try TableReader.csv(Data(manual.utf8), file: "manual.csv"))
    }

    static func score(_ yaml: String, names: [String], items: [String], values: [[String]]) throws -> [UnitResult] {
        let pack = try RulePack.parse(yaml, file: "test.yaml", catalog: CheckRegistry.catalog)
        let (unitsTable, manualTable) = try inputs(names, items: items, values: values)
        let units = try UnitsFile.read(unitsTable)
        let manual = try ManualSheet.read(manualTable, pack: pack, units: units)
        let report = try Scorer(pack: pack).score(units: units, manual: manual, scans: [:], asOf: "2023-06-30", deadline: "2023-07-21")
        // What govlens score writes, govlens report accepts: no false refusal on a published table.
        #expect(report.inconsistencies().isEmpty, "\(report.inconsistencies())")
        return report.groups[0].units
    }

    /// The Sichuan 2011 scheme: five categories, maxima 77/9/7/4/3, competition ties.
    static let sichuanPack = """
        id: sichuan-2011
        name: 2011年市级国土资源管理部门政务信息网上公开情况
        ranking: competition
        precision: 1
        items:
          - {id: disclosure, name: 政务公开及日常更新得分, max: 77, source: manual}
          - {id: online, name: 在线服务得分, max: 9, source: manual}
          - {id: participation, name: 公众参与得分, max: 7, source: manual}
          - {id: design, name: 网站设计得分, max: 4, source: manual}
          - {id: rate, name: 公开率得分, max: 3, source: manual}
        """

    /// Sichuan 2011: total = plain sum of five categories (maxima 77/9/7/4/3), competition ties 9, 9, 11.
    @Test func sichuan2011TotalsAndRanksExactly() throws {
        let t = try Self.table("sichuan-2011-land-resources-web-disclosure.csv")
        let yaml = Self.sichuanPack
        let items = ["政务公开及日常更新得分", "在线服务得分", "公众参与得分", "网站设计得分", "公开率得分"]
        let units = try Self.score(yaml, names: t.names, items: items, values: t.rows.map { Array($0[3...7]) })
        #expect(units.map(\.unit) == t.names)
        #expect(units.map(\.rank) == t.ranks)
        #expect(units.map(\.rank)[8...10] == [9, 9, 11])
        let published = t.rows.map { Numbers.parse($0[2])! }
        #expect(units.map(\.total) == published, "totals: \(units.map { Numbers.text($0.total) })")
    }

    /// The national tables publish the total to one decimal: ranking the published totals gives
    /// the published ranks in each table's own tie style (2014 competition, 2016 dense).
    @Test(arguments: [("govweb-perf-2014-ministries-top21.csv", "competition"),
                      ("govweb-perf-2016-state-council-departments-top15.csv", "dense")])
    func nationalRanksInTheirTieStyle(file: String, style: String) throws {
        let t = try Self.table(file)
        let yaml = """
            id: national
            name: 中国政府网站绩效评估
            ranking: \(style)
            precision: 1
            items:
              - {id: total, name: 总分, max: 120, source: manual}
            """
        let units = try Self.score(yaml, names: t.names, items: ["总分"], values: t.rows.map { [$0.last!] })
        #expect(units.map(\.unit) == t.names)
        #expect(units.map(\.rank) == t.ranks)
        // The other style would give different ranks: the test tells the two apart.
        let other = try Self.score(yaml.replacingOccurrences(of: "ranking: \(style)", with: "ranking: \(style == "dense" ? "competition" : "dense")"),
                                   names: t.names, items: ["总分"], values: t.rows.map { [$0.last!] })
        #expect(other.map(\.rank) != t.ranks)
    }

    /// From the indices (0…1, published to two decimals) with weights: the weights are not on the
    /// pages (SOURCE.txt: least-squares fits), so totals agree within what the rounding of the
    /// indices allows — Σ weight × 0.005, plus 0.05 for the total's own rounding — not exactly.
    @Test(arguments: [("govweb-perf-2014-ministries-top21.csv", ["33", "19", "22", "14", "12"]),
                      ("govweb-perf-2016-state-council-departments-top15.csv", ["34.21", "22.42", "20.01", "14.99", "8.1", "15.26"])])
    func nationalTotalsFromWeightedIndices(file: String, weights: [String]) throws {
        let t = try Self.table(file)
        let indices = Array(t.header[2..<(2 + weights.count)])
        let items = zip(indices, weights).enumerated().map { i, p in
            "  - {id: i\(i), name: \(p.0), max: \(p.1), weight: \(p.1), source: manual}"
        }.joined(separator: "\n")
        let yaml = "id: weighted\nname: 加权\nprecision: 2\nitems:\n" + items
        let units = try Self.score(yaml, names: t.names, items: indices, values: t.rows.map { Array($0[2..<(2 + weights.count)]) })
        let bound = weights.compactMap(Numbers.parse).reduce(0, +) * Decimal(string: "0.005")! + Decimal(string: "0.05")!
        let published = Dictionary(uniqueKeysWithValues: t.rows.map { ($0[1], Numbers.parse($0.last!)!) })
        var worst = Decimal(0)
        for u in units {
            let diff = abs(u.total - published[u.unit]!)
            worst = max(worst, diff)
            #expect(diff <= bound, "\(u.unit): \(u.total) vs \(published[u.unit]!)")
        }
        print("\(file): weighted totals within \(worst) of the published (bound \(bound))")
    }
}
