import Foundation
import GovLensAnnualReport
import Testing

/// The parse of the real PDFs must match every hand-transcribed cell of tables 2, 3 and 4.
@Suite struct AnnualReportParseTests {
    static func compare(_ report: AnnualReport, _ truth: Fixtures.Truth) {
        // Table 3: every row of the transcription, every column, and no extra rows.
        #expect(report.table3.rows.map(\.key).sorted() == truth.table3.rows.keys.sorted())
        for (key, row) in truth.table3.rows {
            for column in truth.table3.columns {
                #expect(report.table3.value(key, column) == row.values[column], "表三 \(key) \(column)")
            }
        }
        // Table 2: block → row → column.
        var cells = 0
        for (_, rows) in truth.table2 {
            for (row, columns) in rows {
                for (column, value) in columns {
                    #expect(report.table2Value(row: row, column: column) == value, "表二 \(row) \(column)")
                    cells += 1
                }
            }
        }
        #expect(report.table2.count == cells)
        // Table 4: 15 cells.
        for (block, columns) in truth.table4 {
            for (column, value) in columns {
                #expect(report.table4Value(block: block, column: column) == value, "表四 \(block) \(column)")
            }
        }
        #expect(report.table4.count == 15)
        #expect(report.sections.map(\.number) == ["一", "二", "三", "四", "五", "六"])
    }

    @Test func hongzeEveryCellMatchesTheTranscription() async throws {
        let report = try await Fixtures.hongze.value
        Self.compare(report, try Fixtures.truth("hongze-2024"))
        #expect(report.readAs == "pdf-layout")
        #expect(report.year == 2024)
        // The mangled row name is kept as printed, joined across its line wrap.
        #expect(report.table3.row("三(三)2")?.printed == "2.其他法律行政止公开")
        #expect(report.table3.row("三(五)5")?.printed == "5.要求行政机关确认或重新出具已获取信息")
    }

    @Test func huaianCityEveryCellMatchesTheTranscription() async throws {
        let report = try await Fixtures.huaian.value
        Self.compare(report, try Fixtures.truth("huaian-city-2024"))
        #expect(report.table3.row("三(六)2")?.printed == "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
        #expect(report.table3.printedColumns == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
    }

    @Test func pageTextWithGluedDigitsIsSplitByTheFormsIdentities() throws {
        let reader = AnnualReportReader()
        let r24 = try reader.parseText(try Fixtures.text("pingtan-2024-annual-report.page.txt"), source: "pingtan-2024")
        #expect(r24.publishedOn?.description == "2025-03-10")
        #expect(r24.table3.rows.count == 25)
        // "21710000218" → 217 1 0 0 0 0 218
        #expect(r24.table3.row("一")?.values == [217, 1, 0, 0, 0, 0, 218])
        #expect(r24.table3.row("三(三)5")?.values == [32, 0, 0, 0, 0, 0, 32])
        // Table 4 "21317000001324019": blocks 2 1 3 1 7 | 0 0 0 0 0 | 13 2 4 0 19.
        #expect(r24.table4.map(\.value) == [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19])
        #expect(r24.table2Value(row: "行政许可", column: "本年处理决定数量") == 4529)
        #expect(r24.table2Value(row: "行政事业性收费", column: "本年收费金额（单位：万元）") == 18651.06)
        // "6233440" has several splits even with 制发 62 from the text: left unread and said so.
        #expect(r24.table2Value(row: "行政规范性文件", column: "现行有效件数") == nil)
        #expect(r24.notes.contains { $0.contains("行政规范性文件") && $0.contains("无法唯一拆分") })
        let r23 = try reader.parseText(try Fixtures.text("pingtan-2023-annual-report.page.txt"), source: "pingtan-2023")
        #expect(r23.table3.row("一")?.values == [80, 1, 0, 0, 0, 0, 81])
        #expect(r23.table3.row("四")?.values == [0, 0, 0, 0, 0, 0, 0])
        // "220000022" splits as 22|…|22 or 2|20|…|22, "191000020" two ways too: the column sums of
        // （七）总计 (80 1 0 0 0 0 81) leave one combination, and the note says so.
        #expect(r23.table3.row("三(一)")?.values == [22, 0, 0, 0, 0, 0, 22])
        #expect(r23.table3.row("三(二)")?.values == [19, 1, 0, 0, 0, 0, 20])
        #expect(r23.notes.contains { $0.contains("逐列拆分") && $0.contains("三(一)、三(二)") })
        #expect(r23.table4.map(\.value) == [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2])
    }

    @Test func labelsIgnoreWhitespaceAndNumberingButNotCharacters() {
        #expect(Labels.normalize("1、其他") == Labels.normalize("1. 其 他"))
        #expect(Labels.normalize("（二）部分公开（区分处理的，只计这一情 形，不计其他情形）")
                == Labels.normalize("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"))
        let d = Labels.difference(printed: "2.其他法律行政止公开", template: "2.其他法律行政法规禁止公开")
        #expect(d.missing == ["法规禁"] && d.extra.isEmpty)
    }

    @Test func theTemplateDataLoadsWithBothForms() throws {
        let t = try AnnualReportTemplate.bundled()
        #expect(t.formats.map(\.id) == ["2021", "2019"])
        #expect(t.current.table3.rows.count == 25 && t.format("2019")?.table3.rows.count == 23)
        #expect(t.thresholds.copyRun == 8)
        #expect(t.current.identities.map(\.id) == ["row-total", "handled-total", "balance", "review-total"])
    }
}
