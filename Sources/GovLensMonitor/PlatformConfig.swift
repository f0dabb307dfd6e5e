import Foundation
import GovLensCore
import GovLensStore
import Yams

/// The platform's settings file (`govlens serve --config`): where it listens, its database, how
/// many scans run at once, the default schedule, host overrides. Command-line options win over it.
/// An example ships as `scripts/govlens.example.yaml`.
public struct PlatformConfig: Decodable, Sendable {
    public var host: String?
    public var port: Int?
    public var db: String?
    public var workers: Int?
    public var rules: String?
    public var resolve: [String]?
    /// Mark session cookies Secure (behind a TLS proxy).
    public var secureCookies: Bool?
    public var schedule: ScheduleConfig?
    /// Reminders: digest days, deadline lead, SMTP server, webhook.
    public var reminders: ReminderSettings?
    /// The office that signs the loop's paperwork.
    public var office: String?
    /// The shipped pack the 总览 ranks units by (default website-2019).
    public var dashboardPack: String?
    /// The loop's settings.
    public var rectification: RectificationConfig?

    /// `rectification:` in the settings file.
    public struct RectificationConfig: Decodable, Sendable {
        /// Check families issued as tickets the day monitoring finds them.
        public var autoIssue: [Rectification.AutoIssue]?
        /// What units may attach to their feedback (count, size, kinds).
        public var feedbackFiles: FeedbackFilePolicy?
    }

    /// Defaults for every site without a schedule of its own.
    public struct ScheduleConfig: Decodable, Sendable {
        public var probeMinutes: Int?
        public var scanDays: Int?
        public var lightHours: Int?
    }

    public init() {}

    /// The schedule the config sets, on top of the built-in defaults (15 minutes, 7 days, 24 hours).
    public var defaultSchedule: Schedule {
        var s = Schedule()
        if let v = schedule?.probeMinutes { s.probeMinutes = v }
        if let v = schedule?.scanDays { s.scanDays = v }
        if let v = schedule?.lightHours { s.lightHours = v }
        return s
    }

    /// Reads a settings file; errors name the file and the line.
    public static func load(_ path: String) throws -> PlatformConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw StoreError("无法读取配置文件 \(path)：文件不存在、没有读取权限或不是 UTF-8 文本")
        }
        do {
            let config = try YAMLDecoder().decode(PlatformConfig.self, from: text)
            if let p = config.schedule?.probeMinutes, p < 1 { throw StoreError("配置文件 \(path)：schedule.probeMinutes 至少为 1") }
            return config
        } catch let e as StoreError { throw e } catch {
            throw StoreError("配置文件 \(path) 格式错误：\(ErrorText.chinese(error))")
        }
    }
}
