import Foundation
import GovLensAssessment
import GovLensChecks
import GovLensCore
import GovLensDocuments
import GovLensReports
import GovLensScoring
import Testing

/// The 通报 and its 附件 are real office files: LibreOffice opens every one of them (headless
/// conversion to PDF), the text a reader sees is in the PDF, and a rendered page is not blank.
@Suite(.serialized) struct OfficeFilesTests {
    static func run(_ tool: String, _ args: [String], timeout: TimeInterval = 240) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if p.isRunning { p.terminate() }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    static let output = Task { () throws -> (URL, ScoreReport) in
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-office-\(UUID().uuidString)")
        let scores = try Sample.report()
        try AssessmentOutput.write(AssessmentReport(scores: scores, catalog: CheckRegistry.catalog, issuer: "青山市人民政府办公室"), to: dir)
        return (dir, scores)
    }

    /// Converts files to PDF with LibreOffice (its own profile, so parallel runs do not collide).
    static func toPDF(_ files: [URL], in dir: URL) throws -> [URL] {
        let profile = "file://" + dir.appendingPathComponent("lo-profile").path
        let (status, log) = try run("soffice", ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf",
                                                "--outdir", dir.appendingPathComponent("pdf").path] + files.map(\.path))
        #expect(status == 0, "soffice: \(log)")
        return files.map { dir.appendingPathComponent("pdf").appendingPathComponent($0.deletingPathExtension().lastPathComponent + ".pdf") }
    }

    static func pdfText(_ pdf: URL) throws -> String {
        let (status, text) = try run("pdftotext", ["-layout", pdf.path, "-"])
        #expect(status == 0)
        return text
    }

    @Test func libreOfficeOpensTheCircularTheRankingsAndEveryProblemList() async throws {
        let (dir, scores) = try await Self.output.value
        let circular = dir.appendingPathComponent("通报.docx"), ranking = dir.appendingPathComponent(AssessmentReport.rankingName)
        let lists = scores.groups.flatMap(\.units).map { dir.appendingPathComponent("问题清单/\($0.unit).xlsx") }
        for f in [circular, ranking] + lists { #expect(FileManager.default.fileExists(atPath: f.path), "\(f.lastPathComponent)") }
        let pdfs = try Self.toPDF([circular, ranking] + lists, in: dir)
        for pdf in pdfs { #expect(FileManager.default.fileExists(atPath: pdf.path), "LibreOffice could not open \(pdf.lastPathComponent)") }

        // Squeeze whitespace: layout mode spaces out table cells and CJK runs.
        func squeezed(_ pdf: URL) throws -> String { try Self.pdfText(pdf).filter { !$0.isWhitespace } }
        let text = try squeezed(pdfs[0])
        for needle in ["关于测试方案结果的通报", "各单位：", "一、总体情况", "二、表现较好的单位", "三、存在的主要问题", "四、整改要求",
                       "合格率", "2023年7月21日前完成整改", "青山市人民政府办公室", "附件1", "甲县", "办事指南", "103.13", "丁县"] {
            #expect(text.contains(needle), "通报.docx PDF lacks \(needle)")
        }
        let sheet = try squeezed(pdfs[1])
        for needle in ["排名", "单位", "得分", "甲县", "106", "94.5", "103.13", "单项否决"] { #expect(sheet.contains(needle), "附件 lacks \(needle)") }
        // The consolidated list: one row per unit and problem type, with the count.
        let sites = try TableReader.xlsx(try Data(contentsOf: dir.appendingPathComponent(AssessmentReport.problemSitesName)), file: "x.xlsx")
        let jiaLinks = sites.rows.first { $0.cells.contains("甲县") }
        #expect(jiaLinks?.cells.contains("http://www.jia.gov.cn/") == true && jiaLinks?.cells.last == "18", "\(sites.rows.map(\.cells))")
        #expect(text.contains("存在问题的政府网站名单"))
        let jia = try squeezed(pdfs[2])
        #expect(jia.contains("问题清单") && jia.contains("http://www.jia.gov.cn/a/dead0.html") && jia.contains("2023-07-21"))
    }

    /// The first page of the 通报 rendered at 40 dpi has ink: the fonts, sizes and layout produce
    /// visible text, not an empty page.
    @Test func theCircularRendersToAPageWithText() async throws {
        let (dir, _) = try await Self.output.value
        let render = dir.appendingPathComponent("render")
        try FileManager.default.createDirectory(at: render, withIntermediateDirectories: true)
        let pdf = try Self.toPDF([dir.appendingPathComponent("通报.docx")], in: render)[0]
        let (status, log) = try Self.run("pdftoppm", ["-png", "-r", "40", "-f", "1", "-l", "1", "-gray", pdf.path, render.appendingPathComponent("page").path])
        #expect(status == 0, "\(log)")
        let png = try FileManager.default.contentsOfDirectory(atPath: render.path).first { $0.hasPrefix("page") && $0.hasSuffix(".png") }
        let pngData = try Data(contentsOf: render.appendingPathComponent(try #require(png)))
        #expect(pngData.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // Count dark pixels from the same page as a raw greymap (PGM: header, then one byte per pixel).
        _ = try Self.run("pdftoppm", ["-r", "40", "-f", "1", "-l", "1", "-gray", pdf.path, render.appendingPathComponent("raw").path])
        let pgm = try FileManager.default.contentsOfDirectory(atPath: render.path).first { $0.hasPrefix("raw") && $0.hasSuffix(".pgm") }
        let bytes = [UInt8](try Data(contentsOf: render.appendingPathComponent(try #require(pgm))))
        var newlines = 0, start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A { newlines += 1; if newlines == 3 { start = i + 1; break } }
        let pixels = bytes[start...]
        let dark = pixels.filter { $0 < 128 }.count
        let share = Double(dark) / Double(pixels.count)
        print("通报 page 1: \(pixels.count) pixels, \(dark) dark (\(String(format: "%.2f", share * 100))%)")
        #expect(share > 0.005 && share < 0.5, "page looks blank or black: \(share)")
    }

    /// Every page of the 通报, 附件1 and a 问题清单, rendered to PNG where a person can look at them
    /// (`GOVLENS_TEST_ARTEFACTS`, default a folder under the temporary directory, printed): each
    /// picture is a real PNG with ink on it, and the 通报 has at least two pages.
    @Test func everyOutputRendersToPicturesAPersonCanOpen() async throws {
        let (dir, scores) = try await Self.output.value
        let base = ProcessInfo.processInfo.environment["GOVLENS_TEST_ARTEFACTS"].map(URL.init(fileURLWithPath:))
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("govlens-test-artefacts")
        let pictures = base.appendingPathComponent("office")
        try? FileManager.default.removeItem(at: pictures)
        try FileManager.default.createDirectory(at: pictures, withIntermediateDirectories: true)
        let unit = try #require(scores.groups.first?.units.first?.unit)
        let files = [dir.appendingPathComponent("通报.docx"), dir.appendingPathComponent(AssessmentReport.rankingName),
                     dir.appendingPathComponent("问题清单/\(unit).xlsx")]
        let pdfs = try Self.toPDF(files, in: dir.appendingPathComponent("pictures"))
        var pages: [String: Int] = [:]
        for (file, pdf) in zip(files, pdfs) {
            let stem = file.deletingPathExtension().lastPathComponent
            let (status, log) = try Self.run("pdftoppm", ["-png", "-r", "50", pdf.path, pictures.appendingPathComponent(stem).path])
            #expect(status == 0, "\(log)")
            let pngs = try FileManager.default.contentsOfDirectory(atPath: pictures.path).filter { $0.hasPrefix(stem + "-") && $0.hasSuffix(".png") }
            pages[stem] = pngs.count
            for png in pngs {
                let data = try Data(contentsOf: pictures.appendingPathComponent(png))
                // A blank page compresses to a few hundred bytes; a page with text does not.
                #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]) && data.count > 2_000, "\(png): \(data.count) bytes")
            }
        }
        #expect((pages["通报"] ?? 0) >= 2 && (pages["附件1-得分排名表"] ?? 0) >= 1 && (pages[unit] ?? 0) >= 1, "\(pages)")
        print("通报、附件和问题清单的页面图片：\(pictures.path)（\(pages.values.reduce(0, +)) 页）")
    }

    /// The website pack's ranking table has over 20 columns: 附件1 goes on landscape pages at 五号
    /// with fixed column widths, the 通报's own pages stay portrait, every page carries its GB/T
    /// 9704 page number, and no table row is split across pages.
    @Test func wideRankingTablesGoOnLandscapePagesWithPageNumbers() async throws {
        let pack = try PackLibrary.load("website-2019")
        let units = try UnitsFile.read(Sample.csv(Sample.units, "units.csv"))
        let columns = pack.manualItems.map(\.name) + (pack.veto ?? []).filter { $0.source == .manual }.compactMap(\.name)
        let sheet = "单位名称," + columns.joined(separator: ",") + "\n"
            + units.map { u in u.name + "," + columns.map { c in pack.manualItems.contains { $0.name == c } ? "0" : "" }.joined(separator: ",") }
                .joined(separator: "\n")
        let manual = try ManualSheet.read(Sample.csv(sheet, "manual.csv"), pack: pack, units: units)
        let scores = try Scorer(pack: pack).score(units: units, manual: manual, scans: Sample.scans(), asOf: "2023-06-30", deadline: "2023-07-21")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-wide-\(UUID().uuidString)")
        try AssessmentOutput.write(AssessmentReport(scores: scores, catalog: CheckRegistry.catalog, issuer: "青山市人民政府办公室"), to: dir)
        let docx = dir.appendingPathComponent("通报.docx")
        let (_, document) = try Self.run("unzip", ["-p", docx.path, "word/document.xml"])
        #expect(document.contains("w:orient=\"landscape\"") && document.contains("<w:cantSplit/>") && document.contains("<w:tblLayout w:type=\"fixed\"/>"))
        let pdf = try Self.toPDF([docx], in: dir)[0]
        let (status, info) = try Self.run("pdfinfo", ["-f", "1", "-l", "50", pdf.path])
        #expect(status == 0)
        let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }.compactMap { line -> (Double, Double)? in
            let n = line.split(separator: " ").compactMap { Double($0) }
            return n.count >= 3 ? (n[1], n[2]) : nil
        }
        #expect(sizes.count >= 2, "\(info)")
        #expect(sizes.first.map { $0.0 < $0.1 } == true, "the 通报 starts on a portrait page")
        #expect(sizes.last.map { $0.0 > $0.1 } == true, "附件1 is on landscape pages: \(sizes)")
        let text = try Self.pdfText(pdf)
        #expect(text.filter { !$0.isWhitespace }.contains("根据《政府网站与政务新媒体检查指标》"))
        let compact = text.filter { $0 != " " }
        #expect(compact.contains("—1—") && compact.contains("—\(sizes.count)—"), "page numbers")
        // No cell wraps: 未评估 and every header's first characters stay whole on their lines.
        let attachment = try #require(text.components(separatedBy: "得分排名表").last)
        #expect(!attachment.split(separator: "\n").contains { $0.contains("未评") && !$0.contains("未评估") }, "未评估 broken over lines")
        // Each unit's row: its name and total on one line of the rendered table.
        for u in scores.groups.flatMap(\.units) {
            #expect(text.split(separator: "\n").contains { $0.contains(u.unit) && $0.contains(Numbers.text(u.total)) }, "\(u.unit) \(u.total)")
        }
    }

    /// The office's own 版头 and 版记: 发文字号, 主送, 成文日期 apart from the inspection date,
    /// 联系人 and 电话, 抄送 and 印发; units named up to a limit, then "等N个单位"; the top three named.
    @Test func noticeSettingsShapeTheCircular() throws {
        var notice = NoticeSettings()
        notice.docNumber = "青政公开办函〔2023〕3号"
        notice.recipients = "各县区人民政府、市直相关单位"
        notice.issueDate = "2023-07-05"
        notice.contact = "张三"; notice.phone = "0571-12345678"
        notice.cc = "市政府办公室"; notice.printedBy = "青山市政务公开办公室"
        notice.nameLimit = 1
        var report = AssessmentReport(scores: try Sample.report(), catalog: CheckRegistry.catalog, issuer: "青山市人民政府办公室")
        report.notice = notice
        let text = report.markdown()
        for needle in ["青政公开办函〔2023〕3号", "各县区人民政府、市直相关单位：", "2023年7月5日", "（联系人：张三，联系电话：0571-12345678）",
                       "抄送：市政府办公室。", "青山市政务公开办公室", "2023年7月5日印发", "排名前三的是甲县（106分）"] {
            #expect(text.contains(needle), "\(needle)")
        }
        #expect(text.contains("检查时间点") && text.contains("2023年6月30日为检查时间点"))
        #expect(text.contains(#/（[^（）]+等\d+个单位）/#), "units named up to the limit")
        #expect(try AssessmentReport(scores: try Sample.report(), catalog: CheckRegistry.catalog).markdown().contains("各单位："))
    }

    /// Compared with the previous assessment (rank changes, the group's mean) and with an
    /// average the office gives (全省平均); the ranking table gains a 上次排名 column.
    @Test func circularComparesWithThePreviousAssessmentAndAReference() throws {
        let now = try Sample.report()
        var before = now
        let g = try #require(before.groups.firstIndex { $0.name == "县区" })
        for u in before.groups[g].units.indices { before.groups[g].units[u].rank = before.groups[g].units.count - u }  // reversed
        before.groups[g].stats.mean = 90
        var report = AssessmentReport(scores: now, catalog: CheckRegistry.catalog)
        report.previous = before
        report.notice.referenceName = "全省平均"
        report.notice.referenceAverage = 90
        let text = report.markdown()
        let first = now.groups[g].units[0], last = now.groups[g].units[now.groups[g].units.count - 1]
        #expect(text.contains("与上次检查相比，县区平均分由90分变为\(Numbers.text(now.groups[g].stats.mean))分"), "\(text)")
        #expect(text.contains("进步最大的是\(first.unit)（由第\(now.groups[g].units.count)名升至第\(first.rank)名）"))
        #expect(text.contains("退步最大的是\(last.unit)"))
        #expect(text.contains(now.groups[g].stats.mean > 90 ? "高于全省平均（90分）" : "全省平均（90分）"))
        #expect(report.rankingTables()[g].header.last == "上次排名")
    }

    /// Spreadsheets print as offices expect: rows as tall as their wrapped text, the header row
    /// repeated on every printed page.
    @Test func workbookRowsFitTheirTextAndHeadersRepeatWhenPrinted() throws {
        let long = String(repeating: "链接指向的页面不存在，请删除或更正该链接。", count: 6)
        let book = XLSXWorkbook(sheets: [XLSXWorkbook.Sheet(name: "问题清单", title: "问题清单", header: ["序号", "问题描述"],
                                                             rows: [[.number(1), .text("短")], [.number(2), .text(long)]])])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("清单.xlsx")
        try book.data().write(to: file)
        let (_, sheet) = try Self.run("unzip", ["-p", file.path, "xl/worksheets/sheet1.xml"])
        let (_, workbook) = try Self.run("unzip", ["-p", file.path, "xl/workbook.xml"])
        #expect(sheet.contains("<row r=\"3\">") && !sheet.contains("<row r=\"3\" ht="))  // one line: default height
        let tall = try #require(sheet.firstMatch(of: /<row r="4" ht="(\d+)" customHeight="1">/))
        #expect((Int(tall.1) ?? 0) >= 45, "a six-sentence cell needs several lines")
        #expect(workbook.contains("_xlnm.Print_Titles") && workbook.contains("!$2:$2"))
        #expect(FileManager.default.fileExists(atPath: try Self.toPDF([file], in: dir)[0].path))
    }

    /// Official-document typography is in the file itself, not left to the reader's defaults.
    @Test func circularNamesOfficialFontsAndMargins() async throws {
        let (dir, _) = try await Self.output.value
        let docx = dir.appendingPathComponent("通报.docx").path
        let (s1, styles) = try Self.run("unzip", ["-p", docx, "word/styles.xml"])
        let (s2, document) = try Self.run("unzip", ["-p", docx, "word/document.xml"])
        #expect(s1 == 0 && s2 == 0)
        for font in ["方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"] { #expect(styles.contains("w:eastAsia=\"\(font)\""), "\(font)") }
        #expect(styles.contains("<w:sz w:val=\"44\"/>") && styles.contains("<w:sz w:val=\"32\"/>"))  // 二号 title, 三号 body
        #expect(styles.contains("w:line=\"560\" w:lineRule=\"exact\""))                          // 28-point lines
        #expect(document.contains("<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\""))  // 37/26/35/28 mm
        #expect(document.contains("<w:tblHeader/>"))  // ranking headers repeat on every page
    }

    @Test func reportFilesNeverShowALongDigitRun() async throws {
        let (dir, scores) = try await Self.output.value
        var leaky = scores
        let id = "110101199003074578"  // synthetic, valid checksum
        var f = Sample.finding("privacy.id-number", "http://www.jia.gov.cn/gs.html")
        f.evidence = "公示名单 身份证号 \(id)"  // as if a scan had failed to mask it
        leaky.groups[0].units[0].otherFindings.append(f)
        let again = dir.appendingPathComponent("again")
        try AssessmentOutput.write(AssessmentReport(scores: leaky, catalog: CheckRegistry.catalog), to: again)
        let md = try String(contentsOf: again.appendingPathComponent("问题清单/\(leaky.groups[0].units[0].unit).md"), encoding: .utf8)
        #expect(md.contains("110*") && !md.contains(id))
        let xlsx = try TableReader.xlsx(Data(contentsOf: again.appendingPathComponent("问题清单/\(leaky.groups[0].units[0].unit).xlsx")), file: "x.xlsx")
        #expect(!xlsx.rows.flatMap(\.cells).contains { $0.contains(id) })
        #expect(xlsx.rows.flatMap(\.cells).contains { $0.contains("110****") })
    }

    @Test func rankingWorkbookHasOneSheetPerGroupWithPublishedHeaders() async throws {
        let (dir, scores) = try await Self.output.value
        let data = try Data(contentsOf: dir.appendingPathComponent(AssessmentReport.rankingName))
        let first = try TableReader.xlsx(data, file: "r.xlsx")
        // The first row is the title; TableReader takes it as the header, the real header follows.
        #expect(first.sheet == "县区")
        let header = first.rows[0].cells
        #expect(header.prefix(3) == ["排名", "单位", "首页不可用链接 (5)"] && header.suffix(2) == ["得分", "结论"])
        #expect(first.rows.dropFirst().map { $0[1] } == scores.groups[0].units.map(\.unit))
        #expect(first.rows.dropFirst().map { $0[0] } == ["1", "2", "3"])
        // Re-rendering from scores.json gives the same table.
        let decoded = try JSONDecoder().decode(ScoreReport.self, from: Data(contentsOf: dir.appendingPathComponent("scores.json")))
        #expect(AssessmentReport(scores: decoded, catalog: CheckRegistry.catalog).rankingTables().map(\.rows) == AssessmentReport(scores: scores, catalog: CheckRegistry.catalog).rankingTables().map(\.rows))
    }
}

extension OfficeFilesTests {
    /// A title one character longer than a line is set as two even lines, never leaving one
    /// character alone on the second (GB/T 9704).
    @Test func aLongTitleIsSetInEvenLines() throws {
        let title = "关于青山县二〇二三年度政务公开工作考核结果的通报"  // 24 characters: one line holds 20
        #expect(DOCXDocument.titleLines(title, width: DOCXDocument.textWidth(landscape: false)).map(\.count) == [12, 12])
        #expect(DOCXDocument.titleLines("关于考核结果的通报", width: DOCXDocument.textWidth(landscape: false)).count == 1)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-title-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var doc = DOCXDocument(title: title)
        doc.add(.title(title))
        doc.add(.paragraph("正文。"))
        let docx = dir.appendingPathComponent("title.docx")
        try doc.data().write(to: docx)
        let text = try Self.pdfText(try Self.toPDF([docx], in: dir)[0])
        let lines = text.split(separator: "\n").map { $0.filter { !$0.isWhitespace } }.filter { !$0.isEmpty }
        #expect(lines.prefix(2).map(\.count) == [12, 12], "\(lines.prefix(3))")
    }

    /// Where the official fonts are missing, the shipped fontconfig aliases (scripts/govlens-fonts.conf)
    /// keep the 黑体 headings in a sans-serif face and the 仿宋 body in a serif one: the PDF uses both.
    @Test func headingsStayDistinctWithoutTheOfficialFonts() async throws {
        let (dir, _) = try await Self.output.value
        let work = dir.appendingPathComponent("fonts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let config = work.appendingPathComponent("fonts.conf")
        try Data(("<?xml version=\"1.0\"?><fontconfig><include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
            + "<include>\(repo.appendingPathComponent("scripts/govlens-fonts.conf").path)</include></fontconfig>").utf8).write(to: config)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["FONTCONFIG_FILE=\(config.path)", "soffice", "-env:UserInstallation=file://\(work.path)/lo", "--headless",
                       "--convert-to", "pdf", "--outdir", work.path, dir.appendingPathComponent("通报.docx").path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let (status, fonts) = try Self.run("pdffonts", [work.appendingPathComponent("通报.pdf").path])
        #expect(status == 0, "\(fonts)")
        #expect(fonts.contains("SerifCJK") && fonts.contains("SansCJK"), "headings and body in one face: \(fonts)")
    }
}
