import Foundation

/// Who a platform user is: the office (everything), an assessor, or one unit's web editor.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// 政务公开办: every unit, every action.
    case admin
    /// 评估人员: every unit; confirms or dismisses findings that need review.
    case inspector
    /// A unit's web editor: its own unit only.
    case unit
}

/// What a request may read: every unit, or one. Every store read takes one, so a unit's user
/// can never be handed another unit's data by a handler that forgot to filter.
public enum Scope: Sendable, Equatable {
    case all
    case unit(Int64)

    /// Whether rows of `unitID` are visible.
    public func allows(_ unitID: Int64) -> Bool {
        switch self {
        case .all: return true
        case .unit(let id): return id == unitID
        }
    }
}

/// A unit (地区/部门) with its group and sites.
public struct UnitRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var group: String
    public var sites: [SiteRecord]
    public init(id: Int64, name: String, group: String, sites: [SiteRecord]) {
        self.id = id; self.name = name; self.group = group; self.sites = sites
    }
}

/// A monitored site and the unit it belongs to.
public struct SiteRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var url: String
    public var unitID: Int64
    public var unit: String
    public init(id: Int64, url: String, unitID: Int64, unit: String) {
        self.id = id; self.url = url; self.unitID = unitID; self.unit = unit
    }
}

/// A platform user as the server sees it after login.
public struct UserRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var role: Role
    /// The unit of a `unit` user.
    public var unitID: Int64?
    public init(id: Int64, username: String, role: Role, unitID: Int64?) {
        self.id = id; self.username = username; self.role = role; self.unitID = unitID
    }

    /// What this user may read.
    public var scope: Scope { role == .unit ? .unit(unitID ?? -1) : .all }
}

/// A queued unit of work (a site scan), durable in the store.
public struct JobRecord: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable { case queued, running, done, failed }
    public var id: Int64
    public var kind: String
    public var siteID: Int64
    public var state: State
    public var attempts: Int
    public var createdAt: String
    public var finishedAt: String?
    public var error: String?
    public var scanID: Int64?
    /// What a running job has done so far.
    public var progress: String?
    public init(id: Int64, kind: String, siteID: Int64, state: State, attempts: Int, createdAt: String, finishedAt: String?,
                error: String?, scanID: Int64?, progress: String? = nil)
    {
        self.progress = progress
        self.id = id; self.kind = kind; self.siteID = siteID; self.state = state; self.attempts = attempts
        self.createdAt = createdAt; self.finishedAt = finishedAt; self.error = error; self.scanID = scanID
    }
}

/// A finding followed across the scans of a site by its key.
public struct TrackedFinding: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        /// First seen in the latest scan.
        case new
        /// Seen before and still there.
        case persisting
        /// Gone from a later complete scan.
        case fixed
    }
    /// A person's decision on a finding that needs review.
    public struct Review: Codable, Sendable, Equatable {
        public var decision: String
        public var reason: String
        public var by: String
        public var at: String
        public init(decision: String, reason: String, by: String, at: String) {
            self.decision = decision; self.reason = reason; self.by = by; self.at = at
        }
    }
    public var id: Int64
    public var key: String
    public var site: String
    public var siteID: Int64
    public var unit: String
    public var unitID: Int64
    public var state: State
    public var firstSeen: String
    public var lastSeen: String
    public var finding: Finding
    public var review: Review?
    /// Times it came back after being fixed: above 0 it is 屡查屡犯.
    public var recurrences: Int
    public init(id: Int64, key: String, site: String, siteID: Int64, unit: String, unitID: Int64, state: State, firstSeen: String,
                lastSeen: String, finding: Finding, review: Review?, recurrences: Int = 0)
    {
        self.id = id; self.key = key; self.site = site; self.siteID = siteID; self.unit = unit; self.unitID = unitID
        self.state = state; self.firstSeen = firstSeen; self.lastSeen = lastSeen; self.finding = finding; self.review = review
        self.recurrences = recurrences
    }
}
