import Foundation
import Yams

/// The 通报's 版头 and 版记 as an office sets them for one assessment (`--notice FILE`, YAML):
/// what GB/T 9704 puts around the text. Every field is optional; without one the notice has what
/// it had before (主送 各单位, issued on the inspection date).
public struct NoticeSettings: Codable, Sendable, Equatable {
    /// 发文字号, e.g. 岳政公开办函〔2022〕1号.
    public var docNumber: String?
    /// 主送机关, e.g. 各县市区人民政府、市直相关单位.
    public var recipients: String?
    /// 成文日期 (YYYY-MM-DD), separate from the inspection date.
    public var issueDate: String?
    /// 附注: 联系人 and 电话.
    public var contact: String?
    public var phone: String?
    /// 版记: 抄送 and 印发机关 (with the 印发日期, default the issue date).
    public var cc: String?
    public var printedBy: String?
    public var printDate: String?
    /// How many units a sentence names before "等N个单位".
    public var nameLimit: Int?
    /// An average the office compares with (全省平均), and its name.
    public var referenceName: String?
    public var referenceAverage: Decimal?
    /// The office's own 通报 template (Mustache, docs/NOTICE-TEMPLATE.md); a relative path is read
    /// beside the settings file.
    public var template: String?
    /// The template's text itself, as the platform keeps it with the assessment.
    public var templateText: String?

    public init() {}

    /// Reads a settings file; errors name the file.
    public static func load(_ path: String) throws -> NoticeSettings {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ScoringError("无法读取通报设置文件 \(path)：文件不存在、没有读取权限或不是 UTF-8 文本")
        }
        var settings: NoticeSettings
        do { settings = try YAMLDecoder().decode(NoticeSettings.self, from: text) } catch {
            throw ScoringError("通报设置文件 \(path) 格式错误：\(error)")
        }
        if let t = settings.template, !t.hasPrefix("/") {
            settings.template = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(t).path
        }
        return settings
    }
}

