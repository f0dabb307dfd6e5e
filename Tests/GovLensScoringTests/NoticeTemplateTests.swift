import Foundation
import GovLensChecks
import GovLensCore
import GovLensReports
import GovLensScoring
import Testing

/// The 通报's wording comes from a template file the office can edit; a template with a hole in it
/// is refused with its line.
@Suite struct NoticeTemplateTests {
    static func report() throws -> AssessmentReport {
        AssessmentReport(scores: try Sample.report(), catalog: CheckRegistry.catalog, issuer: "青山市人民政府办公室")
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func anEditedTemplateChangesTheWordingAndKeepsTheData() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let edited = NoticeTemplate.shippedText
            .replacingOccurrences(of: "【一级标题】二、表现较好的单位", with: "【一级标题】二、工作成效明显的单位")
            .replacingOccurrences(of: "现将有关情况通报如下。", with: "现将检查结果通报如下。")
        _ = try Self.write(edited, "我的模板.mustache", in: dir)
        let settings = try Self.write("recipients: 各县市区人民政府、市直相关单位\ntemplate: 我的模板.mustache\n", "通报设置.yaml", in: dir)
        var report = try Self.report()
        try report.apply(try NoticeSettings.load(settings.path))
        let text = report.markdown()
        #expect(text.contains("## 二、工作成效明显的单位") && !text.contains("表现较好的单位"))
        #expect(text.contains("现将检查结果通报如下。") && text.contains("各县市区人民政府、市直相关单位："))
        // The data still comes from the scores: the same figures as with the shipped template.
        let shipped = try Self.report().markdown()
        #expect(text.replacingOccurrences(of: "工作成效明显", with: "表现较好").replacingOccurrences(of: "检查结果通报", with: "有关情况通报")
            .replacingOccurrences(of: "各县市区人民政府、市直相关单位：", with: "各单位：") == shipped)
    }

    @Test func anUnknownPlaceholderIsRefusedWithItsLine() {
        let bad = NoticeTemplate.shippedText.replacingOccurrences(of: "对{{unitCount}}个单位", with: "对{{unitTotal}}个单位")
        let line = bad.components(separatedBy: "\n").firstIndex { $0.contains("unitTotal") }! + 1
        do { _ = try NoticeTemplate(text: bad, file: "t.mustache"); Issue.record("accepted {{unitTotal}}") } catch {
            #expect("\(error)".contains("unitTotal") && "\(error)".contains("第\(line)行") && "\(error)".contains("t.mustache"), "\(error)")
        }
    }

    @Test func aLineWithoutAParagraphMarkOrWithAnOpenSectionIsRefused() {
        let unmarked = NoticeTemplate.shippedText.replacingOccurrences(of: "【一级标题】四、整改要求", with: "四、整改要求")
        #expect(throws: ScoringError.self) { try NoticeTemplate(text: unmarked, file: "t.mustache") }
        let open = NoticeTemplate.shippedText.replacingOccurrences(of: "{{/groups}}\n{{#warnings}}", with: "{{#warnings}}")
        #expect(throws: ScoringError.self) { try NoticeTemplate(text: open, file: "t.mustache") }
    }

    /// "N个单位尚未…" sentences come from the findings: each unit with a finding of a listed kind
    /// (scored or not) is counted and named once.
    @Test func unitsThatHaveNotDoneSomethingAreCountedAndNamed() throws {
        var scores = try Sample.report()
        let units = scores.groups.flatMap(\.units)
        let template = try #require(units.flatMap { $0.lost.flatMap(\.findings) + $0.otherFindings }.first)
        var planted = Set<String>()
        for g in scores.groups.indices {
            for u in scores.groups[g].units.indices where u % 2 == 0 {
                var f = template
                f.check = CheckID(rawValue: "interpretation.missing")
                scores.groups[g].units[u].otherFindings += [f, f]  // twice: still one unit
                planted.insert(scores.groups[g].units[u].unit)
            }
        }
        let text = AssessmentReport(scores: scores, catalog: CheckRegistry.catalog).markdown()
        let line = try #require(text.components(separatedBy: "\n").first { $0.contains("尚未对本年度制发的规范性文件开展政策解读") })
        #expect(line.hasPrefix("\(planted.count)个单位"), "\(line)")
        for name in planted { #expect(line.contains(name)) }
        for u in units where !planted.contains(u.unit) { #expect(!line.contains(u.unit + "、") && !line.contains(u.unit + "）")) }
        #expect(text.contains("尚未开展的工作"))
    }
}
