import Foundation
import Yams

/// Windows and thresholds of the account checks, read from a YAML file (the shipped
/// `Resources/newmedia-rules.yaml` cites where each comes from): never constants in code.
public struct NewMediaRules: Codable, Sendable, Equatable {
    public struct Zombie: Codable, Sendable, Equatable {
        public var noPostDays: Int
        public var periodDays: Int
        public var minPostsPerPeriod: Int
    }
    /// No post within this many days before the check point: 内容不更新 (19号 veto).
    public var staleDays: Int
    public var zombie: Zombie
    /// Period of the per-account figures, ending on the as-of day.
    public var statsDays: Int
    public var duplicateSimilarity: Double
    public var closedPostingDays: Int

    /// The shipped rules.
    public static func bundled() throws -> NewMediaRules {
        guard let url = Bundle.module.url(forResource: "newmedia-rules", withExtension: "yaml", subdirectory: "Resources") else {
            throw SourceError("找不到内置的 newmedia-rules.yaml")
        }
        return try load(url)
    }

    /// Rules from a YAML file; every key is required so a typo cannot silently keep a default.
    public static func load(_ url: URL) throws -> NewMediaRules {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw SourceError("无法读取规则文件 \(url.path)") }
        do { return try YAMLDecoder().decode(NewMediaRules.self, from: text) } catch {
            throw SourceError("规则文件 \(url.lastPathComponent) 格式错误：\(error)")
        }
    }
}
