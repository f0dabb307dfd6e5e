import Foundation
import GovLensChecks
import GovLensCore
import GovLensHTML
import Testing

/// The metadata reader on real pages (hand-checked truth) and on the ways real tables go wrong.
@Suite struct DocumentMetadataTests {
    let rules = DocumentRules.bundled()

    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/documents"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    func read(_ html: String) -> DocumentMetadata? {
        DocumentMetadataReader.read(HTMLParser.parse(html: html), rules: rules)
    }

    static func value(_ m: DocumentMetadata, _ field: String) -> String {
        switch field {
        case "indexNumber": return m.indexNumber ?? "-"
        case "subject": return m.subject ?? "-"
        case "issuer": return m.issuer ?? "-"
        case "writtenDate": return m.writtenDate?.description ?? "-"
        case "title": return m.title ?? "-"
        case "docNumber": return m.docNumber ?? "-"
        case "publishedDate": return m.publishedDate?.description ?? "-"
        case "validity": return m.validityText
        case "source": return m.source ?? "-"
        case "supersedes": return m.supersedes.joined(separator: ";")
        default: return "?"
        }
    }

    @Test func realPagesMatchTheHandCheckedTruth() throws {
        let rows = try Self.fixture("truth.tsv").split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        var right = 0
        var wrong: [String] = []
        for row in rows {
            let m = try #require(read(try Self.fixture(row[0])), "\(row[0]) not read as a document")
            let got = Self.value(m, row[1])
            if got == row[2] { right += 1 } else { wrong.append("\(row[0]) \(row[1]): \(got) ≠ \(row[2])") }
        }
        print("document metadata on real pages: \(right)/\(rows.count) fields right")
        #expect(rows.count == 20)
        #expect(wrong.isEmpty, "\(wrong)")
    }

    @Test func pagesWithoutMetadataAreNotDocuments() throws {
        #expect(read(try Self.fixture("www.gov.cn-gongbao-article.html")) == nil)
        // An ordinary article prints 来源 and 发布时间: not a document.
        #expect(read("<h1>县政府召开常务会议</h1><p>来源：县政府办公室　发布时间：2023-06-01</p><p>会议研究了防汛工作。</p>") == nil)
    }

    /// A gov.cn-style table, one label per cell.
    func table(_ rows: [(String, String)]) -> String {
        "<table>" + rows.map { "<tr><td>\($0.0)</td><td>\($0.1)</td></tr>" }.joined() + "</table><h1>标题</h1><p>正文。</p>"
    }

    @Test func missingCellsSwappedLabelsAndSpacesInLabels() throws {
        // The 发文字号 cell is empty: the next label is not taken for its value.
        let m = try #require(read(table([("索　引　号：", "11330100/2023-00123"), ("发文字号：", ""), ("发布日期：", "2023-06-05"),
                                         ("成文日期：", "2023年6月1日"), ("发 文 机 关：", "青山县人民政府"), ("有　效　性：", "现行有效")])))
        #expect(m.docNumber == nil)
        #expect(m.indexNumber == "11330100/2023-00123")
        #expect(m.publishedDate?.description == "2023-06-05" && m.writtenDate?.description == "2023-06-01")
        #expect(m.issuer == "青山县人民政府" && m.validity == "有效")
        // Labels in one line, no space between a value and the next label.
        let inline = try #require(read("<p>发文机关：临江市人民政府成文日期：2023/06/01发文字号：临政规[2023]7号</p><p>有效性：已废止</p>"))
        #expect(inline.issuer == "临江市人民政府" && inline.writtenDate?.description == "2023-06-01")
        #expect(inline.docNumber == "临政规[2023]7号" && inline.validity == "废止")
    }

    @Test(arguments: [("2023-06-01", "2023-06-01"), ("2023年6月1日", "2023-06-01"), ("2023/06/01", "2023-06-01"),
                      ("2023.6.1", "2023-06-01"), ("2023年06月01日 10:30", "2023-06-01")])
    func everyDateForm(_ printed: String, _ expected: String) throws {
        let m = try #require(read(table([("索引号：", "001"), ("发文机关：", "青山县人民政府"), ("成文日期：", printed)])))
        #expect(m.writtenDate?.description == expected)
    }

    @Test(arguments: ["青政规〔2023〕5号", "青政规[2023]5号", "青政规(2023)5号", "青政规（2023）5号", "青政规【2023】5号", "青政规〔2023〕第5号"])
    func everyBracketOfADocNumber(_ printed: String) throws {
        let m = try #require(read(table([("索引号：", "001"), ("发文字号：", printed), ("有效性：", "有效")])))
        #expect(m.docNumber.map(DocNumber.normalised) == "青政规〔2023〕5号")
        #expect(DocNumber.abbreviation(printed) == "青政规")
    }

    @Test func theTextFormWithoutATable() throws {
        let m = try #require(read("""
            <h1>青山县人民政府关于加强城区停车管理的通告</h1><p>青政规〔2021〕5号</p><p>为规范停车秩序，现通告如下。</p>
            <p>青山县人民政府</p><p>2021年9月1日</p><p>发布日期：2021-09-05</p>
            """))
        #expect(m.docNumber == "青政规〔2021〕5号" && m.writtenDate?.description == "2021-09-01" && m.issuer == "青山县人民政府")
        #expect(m.validity == nil && m.validityText == "未标注")
    }

    @Test func validityWords() {
        #expect(rules.validity(of: "有效") == "有效" && rules.validity(of: "现行有效") == "有效")
        #expect(rules.validity(of: "失效") == "失效" && rules.validity(of: "已废止") == "废止" && rules.validity(of: "—") == nil)
    }
}
