import Foundation
import GovLensDemo
@testable import GovLensDocuments
import GovLensText
import Testing

@Suite struct DocumentTests {
    let extractor = DocumentExtractor()

    func text(_ data: Data, _ name: String, _ e: DocumentExtractor? = nil) async throws -> ExtractedText {
        try await (e ?? extractor).extract(data, name: name)
    }

    func failure(_ data: Data, _ name: String, _ e: DocumentExtractor? = nil) async -> DocumentError? {
        do { _ = try await (e ?? extractor).extract(data, name: name); return nil } catch { return error }
    }

    @Test func docxAndXlsxTextWithParagraphsAndCells() async throws {
        let docx = try OOXMLWriter.docx(paragraphs: ["青山县人民政府", "身份证号：330123198506123014 & <附件>"])
        let d = try await text(docx, "a.docx")
        #expect(d.kind == .docx)
        // The body, then the footers (a GB/T 9704 document's page numbers: text a leak could hide in too).
        #expect(d.text.hasPrefix("青山县人民政府\n身份证号：330123198506123014 & <附件>\n") && d.text.contains("— 1 —"))
        let xlsx = try OOXMLWriter.xlsx(rows: [["姓名", "手机"], ["赵某某", "13657012347"]])
        let x = try await text(xlsx, "名单.xlsx")
        #expect(x.kind == .xlsx && x.text == "姓名\t手机\n赵某某\t13657012347\n")
        // Sniffed from the bytes, whatever the name says.
        #expect(try await text(xlsx, "download.php").kind == .xlsx)
    }

    @Test func chinesePDFThroughPdftotext() async throws {
        let pdf = DemoContent.pdf(lines: ["依据《疫苗管理法》做好预防接种工作。", "第二行"])
        let t = try await text(pdf, "x.pdf")
        #expect(t.kind == .pdf)
        #expect(t.text.contains("依据《疫苗管理法》做好预防接种工作。"))
        #expect(t.text.contains("第二行"))
        // A PDF without a text layer (a scan) is "not checked", never clean.
        #expect(await failure(DemoContent.pdf(lines: []), "scan.pdf") == .imageOnly)
        #expect(await failure(Data("%PDF-1.4 garbage".utf8), "bad.pdf").map { if case .malformed = $0 { true } else { false } } == true)
    }

    @Test func zipBombAndMalformedXMLAreReported() async throws {
        var small = DocumentExtractor()
        small.maxUncompressedBytes = 1 << 20
        let zeros = String(repeating: "0", count: 4 << 20)
        let bomb = try OOXMLWriter.package([("word/document.xml", "<w:document><w:body><w:p><w:r><w:t>\(zeros)</w:t></w:r></w:p></w:body></w:document>")])
        #expect(bomb.count < 100_000)
        #expect(await failure(bomb, "bomb.docx", small) == .archiveTooLarge(limit: 1 << 20))
        let broken = try OOXMLWriter.package([("word/document.xml", "<w:document><w:body><w:p>未闭合")])
        let e = await failure(broken, "broken.docx")
        #expect(e?.description.contains("word/document.xml") == true, "\(String(describing: e))")
        #expect(await failure(Data("PK\u{03}\u{04}not a zip".utf8), "x.docx").map(\.code) == "malformed")
    }

    @Test func limitsAndBadInput() async throws {
        var tiny = DocumentExtractor()
        tiny.maxBytes = 10
        #expect(await failure(Data(count: 11), "a.pdf", tiny) == .tooLarge(bytes: 11, limit: 10))
        #expect(await failure(Data([0, 1, 2, 3, 0, 0]), "a.txt").map(\.code) == "malformed")
        #expect(await failure(Data(repeating: 0xD0, count: 512), "a.xls").map(\.code) == "malformed")
        #expect(await failure(Data([0x7F, 0x45, 0x4C, 0x46, 0]), "a.bin") == .unsupported("bin"))
        // GBK text and HTML.
        let gbk = Charset.iconvEncode("青山县人民政府办公室", to: "GB18030")!
        #expect(try await text(gbk, "a.txt").text == "青山县人民政府办公室")
        let html = try await text(Data("<html><body><p>政务公开</p><script>x=1</script></body></html>".utf8), "a.html")
        #expect(html.kind == .html && html.text.contains("政务公开") && !html.text.contains("x=1"))
    }

    @Test func aToolThatHangsIsKilledAtTheTimeLimit() async throws {
        var quick = DocumentExtractor()
        quick.timeout = 0.5
        // `tail -f` never ends: the same path pdftotext takes when a PDF makes it hang.
        do {
            _ = try await ExternalTool.run("tail", ["-f"], input: Data("x".utf8), timeout: quick.timeout)
            Issue.record("expected a timeout")
        } catch {
            #expect(error == .timeout(seconds: 0.5))
        }
        do { _ = try await ExternalTool.run("no-such-tool-govlens", [], input: Data(), timeout: 1) } catch {
            #expect(error == .toolMissing("no-such-tool-govlens"))
        }
    }
}
