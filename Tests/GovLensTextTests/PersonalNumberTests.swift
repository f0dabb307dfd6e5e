import Foundation
import GovLensText
import Testing

/// Synthetic numbers only: check digits are computed here, never copied from real records.
@Suite struct PersonalNumberTests {
    let detector = PersonalNumberDetector()

    static func id(_ first17: String) -> String {
        let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, w).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    static func card(_ body: String) -> String {
        for d in 0...9 where PersonalNumberDetector.luhn(body + String(d)) { return body + String(d) }
        fatalError()
    }

    @Test func residentIDsNeedChecksumAndRealBirthDate() {
        let good = Self.id("11010519850317123")
        let m = detector.scan("申请人身份证号：\(good)，住址……")
        #expect(m.map(\.kind) == [.idNumber])
        #expect(m.first?.masked == String(good.prefix(6)) + "********" + String(good.suffix(4)))
        #expect(m.first?.offset == 8)
        let wrongCheck = String(good.dropLast()) + (good.last == "1" ? "2" : "1")
        #expect(detector.scan("号码 \(wrongCheck)").isEmpty)
        #expect(detector.scan("号码 \(Self.id("11010519850230123"))").isEmpty)  // 2月30日
        let lower = Self.id("33050219880702447").lowercased()
        #expect(detector.scan(lower).map(\.kind) == [.idNumber])
        #expect(detector.scan("旧证 110105850317123").map(\.kind) == [.legacyIDNumber])
    }

    @Test func maskedOrEmbeddedValuesAreNotFindings() {
        #expect(detector.scan("身份证 110105********123X 手机 138****5678").isEmpty)
        #expect(detector.scan("订单号 A\(Self.id("11010519850317123"))").isEmpty)
        #expect(detector.scan("编号 2\(Self.id("11010519850317123"))").isEmpty)
        #expect(detector.scan("金额 13812345678.00 元").isEmpty)
    }

    @Test func mobilesWithCurrentPrefixes() {
        #expect(detector.scan("联系电话：13812345678").map(\.masked) == ["138****5678"])
        #expect(detector.scan("19212345678 和 19612345678").count == 2)  // 192/196 segments
        #expect(detector.scan("固话 0571-12345678，传真 12012345678").isEmpty)
    }

    @Test func theOrgansPublishedHotlinesAreNotLeaks() {
        // docs/RULES.md §12.6 whitelist: a number right after an institutional label is the organ's.
        #expect(detector.scan("监督电话：13857012346").isEmpty)
        #expect(detector.scan("咨询电话 13857012346；举报电话：13957012345").isEmpty)
        // A person's contact number is still a leak, and so is a hotline label far away.
        #expect(detector.scan("申请人张三，联系电话：13857012346").count == 1)
        #expect(detector.scan("咨询电话见下表。姓名 李四 13857012346").count == 1)
    }

    @Test func bankCardsNeedLuhnPrefixAndContext() {
        let card = Self.card("622202123456789012")
        #expect(detector.scan("收款银行卡号：\(card)").map(\.kind) == [.bankCard])
        #expect(detector.scan("项目编号：\(card)").isEmpty)
        let broken = String(card.dropLast()) + String((Int(String(card.last!))! + 1) % 10)
        #expect(detector.scan("银行账号：\(broken)").isEmpty)
    }

    /// The shared real-world vectors (kept out of the repository), when this checkout has them.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: PersonalNumberTests.vectors)))
    func realVectorsClassifiedAsTheirSourcesSay() throws {
        let rows = try String(contentsOfFile: Self.vectors, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        var checked = 0
        for r in rows where r.count >= 3 {
            let (type, value, valid) = (r[0], r[1], r[2])
            switch type {
            case "cn_id18": #expect(PersonalNumberDetector.isValidID18(value) == (valid == "true"), "\(type) row"); checked += 1
            case "cn_id15": #expect(PersonalNumberDetector.isValidID15(value)); checked += 1
            case "cn_id": #expect(detector.scan(value).isEmpty); checked += 1
            case "bank_card", "luhn_generic", "card_intl":
                #expect(PersonalNumberDetector.luhn(value) == (valid == "true"), "\(type) row"); checked += 1
            case "mobile": #expect(detector.scan("电话 " + value).map(\.kind) == [.mobile]); checked += 1
            default: break
            }
        }
        #expect(checked == rows.filter { $0.count >= 3 }.count)
    }

    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/realdata/pii-vectors/id-and-card-vectors.tsv").path
}
