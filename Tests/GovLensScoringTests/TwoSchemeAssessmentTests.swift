import Foundation
import GovLensAssessment
import GovLensCore
import GovLensDocuments
import GovLensScoring
import Testing

/// One assessment, two groups on two schemes (鄂州: 区级政府 and 市直部门): the published Sichuan
/// 2011 table as one group, reproduced exactly, and a scheme with sub-items and an 扣分项 column as
/// the other; one 通报 with one ranking 附件 per group.
@Suite struct TwoSchemeAssessmentTests {
    static let departmentsPack = """
        id: departments
        name: 市直部门政务公开考核
        precision: 1
        ranking: competition
        items:
          - id: proactive
            name: 主动公开
            max: 54
            children:
              - {id: base, name: 基础信息, max: 30, source: manual}
              - {id: key, name: 重点领域, max: 24, source: manual}
          - {id: interpret, name: 解读回应, max: 10, source: manual}
          - {id: deduct, name: 扣分项, kind: deduct, max: 20, source: manual}
        """
    static let sichuanPack = PublishedTablesTests.sichuanPack
    /// Hand-computed: 市人社局 28+20+9−2 = 55; 市经信局 30+24+10−0 = 64; 市民政局 25+24+8−3.5 = 53.5;
    /// 市财政局 30+24+10 = 64 (tie with 市经信局, rank 1, then 3).
    static let departments = """
        单位名称,基础信息,重点领域,解读回应,扣分项,扣分理由
        市人社局,28,20,9,2,政策解读未与文件同步发布
        市经信局,30,24,10,0,
        市民政局,25,24,8,3.5,留言超期未回复
        市财政局,30,24,10,,
        """

    struct Inputs { var dir: URL; var job: AssessmentJob; var published: [[String]] }

    static func inputs() throws -> Inputs {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-two-schemes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let table = try TableReader.read(PublishedTablesTests.dir.appendingPathComponent("sichuan-2011-land-resources-web-disclosure.csv"))
        let published = table.rows.map(\.cells)
        let departmentNames = ["市人社局", "市经信局", "市民政局", "市财政局"]
        var units = "单位名称,分组\n" + published.map { "\($0[1]),市州\n" }.joined()
        units += departmentNames.map { "\($0),市直部门\n" }.joined()
        let cities = "单位名称,政务公开及日常更新得分,在线服务得分,公众参与得分,网站设计得分,公开率得分\n"
            + published.map { ([$0[1]] + $0[3...7]).joined(separator: ",") + "\n" }.joined()
        for (name, text) in [("units.csv", units), ("cities.csv", cities), ("departments.csv", departments),
                             ("sichuan.yaml", sichuanPack), ("departments.yaml", departmentsPack)] {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        var job = AssessmentJob(pack: nil, units: dir.appendingPathComponent("units.csv"), output: dir.appendingPathComponent("out"))
        job.schemes["市州"] = .init(pack: dir.appendingPathComponent("sichuan.yaml").path, manual: dir.appendingPathComponent("cities.csv"))
        job.schemes["市直部门"] = .init(pack: dir.appendingPathComponent("departments.yaml").path, manual: dir.appendingPathComponent("departments.csv"))
        job.asOf = SimpleDate(iso: "2024-01-31")!
        return Inputs(dir: dir, job: job, published: published)
    }

    @Test func twoGroupsOnTwoSchemesReproduceTheirTablesInOneNotice() throws {
        let inputs = try Self.inputs()
        let (scores, files) = try inputs.job.run()
        #expect(scores.groups.map(\.name) == ["市州", "市直部门"])
        #expect(scores.groups.map { $0.pack?.id } == ["sichuan-2011", "departments"])
        let cities = scores.groups[0].units
        #expect(cities.map(\.unit) == inputs.published.map { $0[1] })
        #expect(cities.map(\.rank) == inputs.published.map { Int($0[0])! })
        #expect(cities.map(\.total) == inputs.published.map { Numbers.parse($0[2])! })
        let departments = scores.groups[1].units
        #expect(departments.map(\.unit) == ["市经信局", "市财政局", "市人社局", "市民政局"])
        #expect(departments.map(\.total) == [64, 64, 55, Decimal(string: "53.5")!])
        #expect(departments.map(\.rank) == [1, 1, 3, 4])
        #expect(scores.inconsistencies().isEmpty, "\(scores.inconsistencies())")

        let names = Set(files.map(\.lastPathComponent))
        #expect(names.contains("附件1-市州得分排名表.xlsx") && names.contains("附件2-市直部门得分排名表.xlsx"), "\(names)")
        let notice = try String(contentsOf: inputs.dir.appendingPathComponent("out/通报.md"), encoding: .utf8)
        #expect(notice.contains("附件：1. 2011年市级国土资源管理部门政务信息网上公开情况得分排名表（市州）"))
        #expect(notice.contains("2. 市直部门政务公开考核得分排名表（市直部门）"))
        #expect(notice.contains("问题清单（附件3）"))
        // The department table prints categories (主动公开 as the sum of its sub-items), and the
        // notice cites the assessor's reason as the typical case.
        #expect(notice.contains("主动公开 (54)") && notice.contains("| 1 | 市经信局 | 54 | 10 | 0 | 64 |"), "\(notice)")
        #expect(notice.contains("如市民政局留言超期未回复") || notice.contains("如市人社局政策解读未与文件同步发布"))
        let sheet = try TableReader.read(inputs.dir.appendingPathComponent("out/附件2-市直部门得分排名表.xlsx"))
        // The first row is the sheet's title; the table's header follows it.
        #expect(sheet.header.first?.contains("市直部门") == true && sheet.rows.count == 5, "\(sheet.rows.map(\.cells))")
        #expect(sheet.rows.first?.cells.contains("扣分项 (20)") == true && sheet.rows.dropFirst().map { $0[1] } == departments.map(\.unit))
    }

    @Test func aGroupWithoutASchemeIsAnErrorNamingIt() throws {
        var inputs = try Self.inputs()
        inputs.job.schemes["市直部门"] = nil
        do { _ = try inputs.job.run(); Issue.record("scored a group without a scheme") } catch {
            #expect("\(error)".contains("市直部门") && "\(error)".contains("没有考核方案"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: inputs.dir.appendingPathComponent("out/通报.docx").path))
        inputs.job.schemes["区级政府"] = .init(pack: "disclosure-example")
        do { _ = try inputs.job.run(); Issue.record("accepted an unknown group") } catch {
            #expect("\(error)".contains("区级政府"), "\(error)")
        }
    }
}

extension TwoSchemeAssessmentTests {
    /// The notice of two schemes opens in LibreOffice with both 附件 on their own pages.
    @Test func theTwoSchemeNoticeRendersWithBothAttachments() throws {
        let inputs = try Self.inputs()
        _ = try inputs.job.run()
        let docx = inputs.dir.appendingPathComponent("out/通报.docx")
        let pdf = try #require(try OfficeFilesTests.toPDF([docx], in: inputs.dir).first)
        let text = try OfficeFilesTests.pdfText(pdf).filter { !$0.isWhitespace }
        for needle in ["附件1", "附件2", "得分排名表（市州）", "得分排名表（市直部门）", "成都市", "96.4", "市经信局", "主动公开(54)"] {
            #expect(text.contains(needle), "PDF lacks \(needle)")
        }
        let (_, info) = try OfficeFilesTests.run("pdfinfo", [pdf.path])
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        #expect(pages >= 3, "\(info)")
    }
}

extension TwoSchemeAssessmentTests {
    /// A ledger the office keeps (好差评考核评分表) is attached as it is, numbered after the lists.
    @Test func aLedgerIsAttachedAsItIsAndListed() throws {
        var inputs = try Self.inputs()
        let ledger = inputs.dir.appendingPathComponent("好差评考核评分表.csv")
        try Data("单位名称,评价数,差评数,差评整改率,得分\n市人社局,1203,4,100%,9.5\n市民政局,388,0,—,10\n".utf8).write(to: ledger)
        inputs.job.ledgers = [ledger]
        let (_, files) = try inputs.job.run()
        let attached = try #require(files.first { $0.lastPathComponent == "附件4-好差评考核评分表.xlsx" }, "\(files.map(\.lastPathComponent))")
        let table = try TableReader.read(attached)
        #expect(table.rows.map(\.cells).contains(["市人社局", "1203", "4", "100%", "9.5"]), "\(table.rows.map(\.cells))")
        let notice = try String(contentsOf: inputs.dir.appendingPathComponent("out/通报.md"), encoding: .utf8)
        #expect(notice.contains("4. 好差评考核评分表（另发）"), "\(notice.suffix(600))")
        // An unreadable ledger stops the run before anything is written.
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00]).write(to: inputs.dir.appendingPathComponent("坏表.xlsx"))
        inputs.job.ledgers = [inputs.dir.appendingPathComponent("坏表.xlsx")]
        inputs.job.output = inputs.dir.appendingPathComponent("out2")
        #expect(throws: (any Error).self) { try inputs.job.run() }
        #expect(!FileManager.default.fileExists(atPath: inputs.dir.appendingPathComponent("out2/通报.docx").path))
    }
}
