import Foundation
import GovLensAssessment
import GovLensChecks
import GovLensCore
import GovLensDocuments
import GovLensReports
import GovLensScoring
import GovLensText
import Testing

/// Bad input gets a clear Chinese error naming the file, row and column.
@Suite struct InputErrorTests {
    func error(_ body: () throws -> Void) -> String {
        do { try body() } catch let e as ScoringError { return e.description } catch let e as TableError { return e.description } catch {
            return "unexpected: \(error)"
        }
        return "no error"
    }

    func score(pack: String = Sample.pack, units: String = Sample.units, manual: String = Sample.manual,
               scans: [String: ScanReport] = Sample.scans()) throws
    {
        let p = try RulePack.parse(pack, file: "pack.yaml", catalog: CheckRegistry.catalog)
        let u = try UnitsFile.read(Sample.csv(units, "units.csv"))
        let m = try ManualSheet.read(Sample.csv(manual, "manual.csv"), pack: p, units: u)
        _ = try Scorer(pack: p).score(units: u, manual: m, scans: scans, asOf: "2023-06-30", deadline: "2023-07-21")
    }

    @Test func manualScoreAboveItsMaximum() {
        let e = error { try score(manual: Sample.manual.replacingOccurrences(of: "乙县,12.5,3", with: "乙县,12.5,4")) }
        #expect(e.contains("manual.csv 第3行第3列（留言答复）") && e.contains("超过“留言答复”的最高分 3"), "\(e)")
    }

    @Test func nonNumericAndNegativeCells() {
        let e = error { try score(manual: Sample.manual.replacingOccurrences(of: "乙县,12.5", with: "乙县,十二")) }
        #expect(e.contains("manual.csv 第3行第2列（办事指南）") && e.contains("“十二”不是数字"), "\(e)")
        let n = error { try score(manual: Sample.manual.replacingOccurrences(of: "乙县,12.5", with: "乙县,-2")) }
        #expect(n.contains("第3行第2列") && n.contains("不能为负数"), "\(n)")
        // Full-width digits typed with a Chinese input method are numbers.
        #expect(error { try score(manual: Sample.manual.replacingOccurrences(of: "乙县,12.5", with: "乙县,１２．５")) } == "no error")
    }

    @Test func unitMissingFromTheUnitsFile() {
        let e = error { try score(manual: Sample.manual + "\n戊县,0,0,0,") }
        #expect(e.contains("manual.csv 第6行第1列（单位名称）") && e.contains("“戊县”不在单位名单中"), "\(e)")
        let missing = error { try score(manual: Sample.manual.replacingOccurrences(of: "\n丁县,0,0,0,网站首页被篡改未及时处置", with: "")) }
        #expect(missing.contains("没有单位“丁县”的评分") && missing.contains("units.csv 第5行"), "\(missing)")
    }

    @Test func duplicateUnits() {
        let e = error { try score(units: Sample.units + "\n甲县,县区,http://www.jia2.gov.cn/,是,是") }
        #expect(e.contains("units.csv 第6行第1列（单位名称）") && e.contains("“甲县”重复（第2行已出现）"), "\(e)")
        let m = error { try score(manual: Sample.manual + "\n甲县,0,0,0,") }
        #expect(m.contains("manual.csv 第6行") && m.contains("重复"), "\(m)")
    }

    @Test func badFlagsAndSites() {
        let e = error { try score(units: Sample.units.replacingOccurrences(of: "乙县,县区,www.yi.gov.cn,是", with: "乙县,县区,www.yi.gov.cn,也许")) }
        #expect(e.contains("units.csv 第3行第4列（门户网站）") && e.contains("应为 是 或 否"), "\(e)")
        let s = error { try score(units: Sample.units.replacingOccurrences(of: "www.yi.gov.cn", with: "不是网址")) }
        #expect(s.contains("第3行第3列（网站）") && s.contains("不是有效的网站地址"), "\(s)")
    }

    @Test func scanForAnUnknownSite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-scans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let units = try UnitsFile.read(Sample.csv(Sample.units, "units.csv"))
        try JSONReport.encode(Sample.scan("http://www.jia.gov.cn/index.html", [])).write(to: dir.appendingPathComponent("jia.json"))
        #expect(try ScanSet.match(ScanFiles.read(dir), units: units)["甲县"] != nil)  // same site, written differently
        try JSONReport.encode(Sample.scan("https://www.unknown.gov.cn/", [])).write(to: dir.appendingPathComponent("zz.json"))
        let e = error { _ = try ScanSet.match(ScanFiles.read(dir), units: units) }
        #expect(e.contains("扫描结果 zz.json") && e.contains("www.unknown.gov.cn") && e.contains("不属于单位名单"), "\(e)")
        try Data("{\"site\": 1}".utf8).write(to: dir.appendingPathComponent("zz.json"))
        #expect(error { _ = try ScanSet.match(ScanFiles.read(dir), units: units) }.contains("zz.json 不是 govlens scan 输出的 JSON"))
    }

    @Test func unitWithASiteButNoScan() {
        var scans = Sample.scans()
        scans["乙县"] = nil
        let e = error { try score(scans: scans) }
        #expect(e.contains("单位“乙县”（units.csv 第3行）") && e.contains("没有对应的扫描结果"), "\(e)")
    }

    @Test func packErrors() {
        let unknown = error { _ = try RulePack.parse(Sample.pack.replacingOccurrences(of: "check: text.serious", with: "check: text.seriuos"), file: "pack.yaml", catalog: CheckRegistry.catalog) }
        #expect(unknown.contains("考核方案 pack.yaml") && unknown.contains("“text.seriuos” 不存在"), "\(unknown)")
        let field = error { _ = try RulePack.parse(Sample.pack.replacingOccurrences(of: "where: {scope: home}", with: "where: {scoop: home}"), file: "pack.yaml", catalog: CheckRegistry.catalog) }
        #expect(field.contains("items 第1项（首页不可用链接）") && field.contains("“scoop” 不支持"), "\(field)")
        let missing = error { _ = try RulePack.parse("id: x\nname: y\nitems:\n  - {id: a, name: 甲, source: manual, max: 七}\n", file: "p.yaml", catalog: CheckRegistry.catalog) }
        #expect(missing.contains("p.yaml 格式错误") && missing.contains("items.第1项.max"), "\(missing)")
        let noMax = error { _ = try RulePack.parse("id: x\nname: y\nitems:\n  - {id: a, name: 甲, source: manual}\n", file: "p.yaml", catalog: CheckRegistry.catalog) }
        #expect(noMax.contains("需要 max"), "\(noMax)")
        let factor = error { _ = try RulePack.parse(Sample.pack.replacingOccurrences(of: "factor: 4/3", with: "factor: 4/0"), file: "p.yaml", catalog: CheckRegistry.catalog) }
        #expect(factor.contains("factor “4/0”"), "\(factor)")
    }

    @Test func badSpreadsheets() throws {
        #expect(error { _ = try TableReader.xlsx(Data("PK\u{3}\u{4}garbage".utf8), file: "u.xlsx") }.contains("u.xlsx 不是有效的 XLSX 文件"))
        let dir = FileManager.default.temporaryDirectory
        let ole = dir.appendingPathComponent("old-\(UUID().uuidString).xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512)).write(to: ole)
        #expect(error { _ = try TableReader.read(ole) }.contains("另存为 XLSX 或 CSV"))
        #expect(error { _ = try TableReader.csv(Data("单位名称,分组\n\"甲县,县区\n".utf8), file: "q.csv") }.contains("q.csv 第2行：引号没有闭合"))
        #expect(error { _ = try TableReader.csv(Data("\n\n".utf8), file: "e.csv") }.contains("e.csv 是空表"))
        #expect(error { _ = try TableReader.read(dir.appendingPathComponent("nope-\(UUID().uuidString).csv")) }.contains("无法读取文件"))
    }

    @Test func gbkCSVAndXLSXInputsRead() throws {
        // Excel in China saves CSV as GBK.
        let gbk = Charset.iconvEncode("单位名称,分组,网站\n青山县,县区,www.qingshan.gov.cn\n\"碧水县, 西区\",县区,\n", to: "GB18030")!
        let units = try UnitsFile.read(TableReader.csv(gbk, file: "units.csv"))
        #expect(units.map(\.name) == ["青山县", "碧水县, 西区"])
        #expect(units[0].site == "www.qingshan.gov.cn" && units[1].site == nil && units[0].serviceFunctions)
        // An XLSX as govlens writes it (title row, styles, numbers) reads back cell for cell.
        let book = XLSXWorkbook(sheets: [XLSXWorkbook.Sheet(name: "名单", header: ["单位名称", "公开渠道", "扣分项"], rows: [
            [.text("青山县"), .number(Decimal(string: "6.5")!), .empty], [.text("碧水县"), .number(7), .number(2)],
        ])])
        let t = try TableReader.xlsx(try book.data(), file: "m.xlsx")
        #expect(t.sheet == "名单" && t.header == ["单位名称", "公开渠道", "扣分项"])
        #expect(t.rows.map(\.cells) == [["青山县", "6.5", ""], ["碧水县", "7", "2"]])
        #expect(t.place(row: 3, column: 2) == "m.xlsx 工作表“名单” 第3行C列（扣分项）")
    }
}
