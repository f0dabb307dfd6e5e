import Foundation

/// A 政务新媒体 account as a site's 政务新媒体 column lists it (a link or a QR-code picture with
/// its caption): what the platform compares with the register.
public struct ListedAccount: Codable, Sendable, Hashable {
    public var name: String
    /// The platform as the register names it (微信公众号, 微博 …), when the entry says.
    public var platform: String?
    /// The account's address when the entry links to one.
    public var url: String?
    /// The column page that lists it.
    public var page: String
    public init(name: String, platform: String?, url: String?, page: String) {
        self.name = name; self.platform = platform; self.url = url; self.page = page
    }
}
