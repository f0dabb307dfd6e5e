import Foundation

/// A reminder (每半月一提示, a deadline coming, a ticket overdue) as users read it in the app,
/// with where else it was sent and whether that worked.
public struct Notice: Codable, Sendable, Equatable {
    /// `digest` (half-monthly), `deadline`, `overdue`.
    public var kind: String
    public var id: Int64
    /// The unit it is for; nil for the office.
    public var unitID: Int64?
    public var at: String
    public var title: String
    public var body: String
    public var deliveries: [Delivery]

    public init(id: Int64, unitID: Int64?, at: String, kind: String, title: String, body: String, deliveries: [Delivery]) {
        self.id = id; self.unitID = unitID; self.at = at; self.kind = kind; self.title = title; self.body = body; self.deliveries = deliveries
    }
}

/// One sending of a notice over a channel. A failed sending is retried and stays visible; after
/// the last attempt it is `failed`, never dropped.
public struct Delivery: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable { case pending, sent, failed }
    public var id: Int64
    /// `email` or `webhook`.
    public var channel: String
    /// The addresses or the URL.
    public var target: String
    public var state: State
    public var attempts: Int
    public var lastError: String?
    public var sentAt: String?

    public init(id: Int64, channel: String, target: String, state: State, attempts: Int, lastError: String?, sentAt: String?) {
        self.id = id; self.channel = channel; self.target = target; self.state = state; self.attempts = attempts
        self.lastError = lastError; self.sentAt = sentAt
    }

    /// What users read.
    public var stateName: String {
        switch state {
        case .pending: attempts == 0 ? "待发送" : "发送失败，将重试（已试 \(attempts) 次）"
        case .sent: "已发送"
        case .failed: "发送失败（已试 \(attempts) 次）"
        }
    }
}
