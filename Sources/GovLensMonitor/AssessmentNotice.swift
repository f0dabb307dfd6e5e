import Foundation
import GovLensChecks
import GovLensCore
import GovLensReports
import GovLensScoring
import GovLensStore

extension PlatformAssessment {
    /// An assessment's publication with the 通报 settings saved for it (the defaults when none).
    public func report(_ id: Int64, issuer: String) throws -> (AssessmentRecord, AssessmentReport)? {
        guard let (record, scores) = try scores(id) else { return nil }
        var report = AssessmentReport(scores: scores, catalog: CheckRegistry.catalog, issuer: issuer)
        try report.apply(try notice(record))
        return (record, report)
    }

    /// The 通报 settings saved with an assessment, or the defaults.
    public func notice(_ record: AssessmentRecord) throws -> NoticeSettings {
        guard let data = record.notice else { return NoticeSettings() }
        return try JSONDecoder().decode(NoticeSettings.self, from: data)
    }

    /// Checks and saves an assessment's 通报 settings: dates as YYYY-MM-DD, and a template that
    /// names only known placeholders (refused with its line). A template path is never taken
    /// from a request: on the platform the template is its text.
    public func saveNotice(_ id: Int64, _ settings: NoticeSettings, by user: UserRecord) throws {
        guard user.role != .unit else { throw Rectification.Refusal("单位用户不能修改通报", forbidden: true) }
        guard try store.assessment(id) != nil else { throw Rectification.Refusal("不存在", notFound: true) }
        var settings = settings
        settings.template = nil
        for (name, value) in [("成文日期", settings.issueDate), ("印发日期", settings.printDate)] {
            if let value, SimpleDate(iso: value) == nil {
                throw Rectification.Refusal("\(name)应为 YYYY-MM-DD：\(value)", invalid: true)
            }
        }
        if let limit = settings.nameLimit, limit < 1 { throw Rectification.Refusal("列举单位数应至少为 1", invalid: true) }
        if let text = settings.templateText {
            do { _ = try NoticeTemplate(text: text, file: "通报模板") } catch {
                throw Rectification.Refusal(ErrorText.chinese(error), invalid: true)
            }
        }
        try store.setAssessmentNotice(id, try JSONEncoder().encode(settings))
    }
}
