import GovLensCore
import Foundation
import GovLensText
import Yams

/// `Rules/columns.yaml`: column categories, freshness windows and the W-V3/W-V4 thresholds.
public struct ColumnRules: Sendable, Decodable {
    /// A column category and the name keywords that put a column in it.
    public struct Category: Sendable, Decodable {
        public var name: String
        public var keywords: [String]
        /// 专题: listed, never counted as stale or blank.
        public var excluded: Bool?
    }
    /// How long a column of a category may go without a new item (days or months).
    public struct Window: Sendable, Decodable {
        public var days: Int?
        public var months: Int?
        public var firstLevelOnly: Bool?
        public var countsForVeto: Bool?

        /// The oldest newest-item date still within the window.
        public func cutoff(asOf: SimpleDate) -> SimpleDate {
            SimpleDate(dayNumber: asOf.adding(months: -(months ?? 0)).dayNumber - (days ?? 0))
        }
        public var text: String { months.map { "\($0) 个月" } ?? "\(days ?? 0) 天" }
    }
    /// 应更新但长期未更新: the window and the categories it applies to.
    public struct LongStale: Sendable, Decodable {
        public var months: Int
        public var categories: [String]
    }
    /// W-V4 veto thresholds: stale news and notice columns, long-stale columns, blank columns.
    public struct Veto: Sendable, Decodable {
        public var staleDynamicAndNotice: Int
        public var longStale: Int
        public var blank: Int
    }

    public var version: String
    public var categories: [Category]
    public var freshness: [String: Window]
    public var longStale: LongStale
    public var veto: Veto
    public var homeWindowDays: Int
    public var blankPhrases: [String]
    public var minContentCharacters: Int
    public var sitemapLinkTexts: [String]
    public var platformLinkTexts: [String]
    /// Navigation links that are functions, not columns (搜索, 登录, 无障碍 …).
    public var nonColumnLinkTexts: [String]

    public static let other = "其他"

    /// The category of a column name: the first category with a keyword in the name.
    public func category(of name: String) -> Category? {
        categories.first { c in c.keywords.contains(where: name.contains) }
    }
}

/// `Rules/disclosure.yaml`: the 信息公开 platform columns and the Article 20/21 catalogue.
public struct DisclosureCatalogue: Sendable, Decodable {
    /// A fixed first-level column of the 信息公开 platform and the other names sites give it.
    public struct PlatformColumn: Sendable, Decodable {
        public var name: String
        public var aliases: [String]
    }
    /// A catalogue item (Article 20 or 21) and the column-name keywords that show it.
    public struct Item: Sendable, Decodable {
        public var id: String
        public var name: String
        public var keywords: [String]
    }
    public var version: String
    public var platformColumns: [PlatformColumn]
    public var article20: [Item]
    public var article21: [String: [Item]]

    /// The catalogue an organ of `level` must cover: Article 20, plus Article 21 for its level.
    public func items(level: String?) -> [Item] {
        article20 + (level.flatMap { article21[$0] } ?? [])
    }
}

/// `identity:` in `Rules/inspection.yaml`.
public struct IdentityRules: Sendable, Decodable {
    /// Meta tags every page, list page and article page should carry.
    public struct RequiredMeta: Sendable, Decodable {
        public var all: [String]
        public var column: [String]
        public var article: [String]
    }
    /// A registration number the footer must show (ICP备案, 公安机关备案).
    public struct FooterNumber: Sendable, Decodable {
        public var check: CheckID
        public var name: String
        public var pattern: String
        public var mention: String
        public var example: String
    }
    public var siteCode: String
    public var footerNumbers: [FooterNumber]
    public var portalDomain: String
    public var departmentDomain: String
    public var requiredMeta: RequiredMeta
}

enum RuleFile {
    static func decode<T: Decodable>(_ type: T.Type, _ url: URL) throws -> T {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw RuleBook.LoadError.unreadable(url.path, ErrorText.chinese(error))
        }
        do { return try YAMLDecoder().decode(T.self, from: text) } catch {
            throw RuleBook.LoadError.invalid(url.path, ErrorText.chinese(error))
        }
    }

    static func bundled(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Rules")!
    }
}
