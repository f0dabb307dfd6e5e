import Foundation
import GovLensCore

/// One published item, whatever the source: a feed item, a row of a platform export.
public struct Post: Codable, Sendable, Hashable {
    /// When it was published (resolved against the as-of date when the source said 3天前).
    public var time: Date
    public var title: String
    public var url: String?
    public var text: String
    /// Whether 留言/评论/私信/自动回复 is offered on it: nil when the source does not say.
    public var interaction: Bool?
    /// When the account answered the public under it (the first answer counts for reply time).
    public var replies: [Date]

    public init(time: Date, title: String, url: String? = nil, text: String = "", interaction: Bool? = nil, replies: [Date] = []) {
        self.time = time; self.title = title; self.url = url; self.text = text; self.interaction = interaction; self.replies = replies
    }

    /// The day it was published, in China.
    public var date: SimpleDate { PostTime.day(of: time) }
}

/// Why a source gave no posts: a reason a person can act on, in Chinese.
public struct SourceError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What one account's source gave: its posts, or why it could not be read. An unreadable source
/// makes the account 未检查, never 未更新.
public struct AccountPosts: Sendable {
    public var account: Account
    /// The file or address read, and the adapter that read it.
    public var source: String?
    public var adapter: String?
    public var posts: [Post]
    /// Set when the source could not be read: the account is not checked.
    public var error: String?

    public init(account: Account, source: String? = nil, adapter: String? = nil, posts: [Post] = [], error: String? = nil) {
        self.account = account; self.source = source; self.adapter = adapter; self.posts = posts; self.error = error
    }
    public var checked: Bool { error == nil }
}
