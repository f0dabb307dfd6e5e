import Foundation
import GovLensCore

/// The platforms a 政务新媒体 register names (国办发〔2018〕123号 lists accounts by platform).
public enum NewMediaPlatform: String, Codable, Sendable, CaseIterable {
    case wechat = "微信公众号", weibo = "微博", douyin = "抖音", toutiao = "今日头条", kuaishou = "快手",
         channels = "视频号", app = "客户端"

    /// Other spellings offices type in the 平台 column.
    static let aliases: [String: NewMediaPlatform] = [
        "公众号": .wechat, "微信": .wechat, "微信公众平台": .wechat, "新浪微博": .weibo, "头条": .toutiao, "头条号": .toutiao,
        "微信视频号": .channels, "移动客户端": .app, "app": .app, "政务客户端": .app,
    ]

    /// The platform a register cell names, or nil when unknown.
    public static func named(_ text: String) -> NewMediaPlatform? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return NewMediaPlatform(rawValue: t) ?? aliases[t] ?? aliases[t.lowercased()]
    }
}

/// Whether the register says the account runs or was closed (关停/注销).
public enum AccountStatus: String, Codable, Sendable {
    case active = "正常"
    case closed = "已关停"

    /// The status a register cell names; an empty cell means running. Nil when unreadable.
    public static func named(_ text: String) -> AccountStatus? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || ["正常", "运行", "运营", "在用", "正常运营", "开通"].contains(t) { return .active }
        if ["关停", "已关停", "注销", "已注销", "关闭", "已关闭", "停用", "已停用", "整合", "已整合"].contains(t) { return .closed }
        return nil
    }
}

/// One account as the register lists it.
public struct Account: Codable, Sendable, Hashable {
    public var name: String
    public var platform: NewMediaPlatform
    /// 主办单位.
    public var owner: String
    /// 账号ID (微信号, 微博 UID …), when given.
    public var handle: String?
    /// The account's address or its feed's, when given.
    public var url: String?
    public var openedOn: SimpleDate?
    public var status: AccountStatus
    /// The register row it came from (1-based, as the spreadsheet shows it).
    public var row: Int?

    public init(name: String, platform: NewMediaPlatform, owner: String, handle: String? = nil, url: String? = nil,
                openedOn: SimpleDate? = nil, status: AccountStatus = .active, row: Int? = nil) {
        self.name = name; self.platform = platform; self.owner = owner; self.handle = handle; self.url = url
        self.openedOn = openedOn; self.status = status; self.row = row
    }

    /// `微信公众号/青山发布`: unique within a register (duplicate rows are refused).
    public var key: String { "\(platform.rawValue)/\(name)" }
    /// `微信公众号「青山发布」`, how findings and reports name the account.
    public var label: String { "\(platform.rawValue)「\(name)」" }
    /// What findings put in `page` when no post address applies.
    public var page: String { url ?? "newmedia:\(key)" }
}

extension CheckID {
    public static let newMediaStale: CheckID = "newmedia.stale"
    public static let newMediaNoInteraction: CheckID = "newmedia.no-interaction"
    public static let newMediaZombie: CheckID = "newmedia.zombie"
    public static let newMediaDuplicate: CheckID = "newmedia.duplicate"
    public static let newMediaUnregistered: CheckID = "newmedia.unregistered"
    public static let newMediaClosedPosting: CheckID = "newmedia.closed-not-cancelled"
}
