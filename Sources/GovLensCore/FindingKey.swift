import Foundation

/// Stable identity of findings across scans (docs/ARCHITECTURE.md, "Finding keys"):
///
/// | family | key |
/// |---|---|
/// | `link.broken` | check · page · target (template links: check · `*` · target) |
/// | `text.*`, `privacy.*` | check · page · wrong form (privacy: the masked value) · occurrence |
/// | `column.*`, `disclosure.*` | check · page · column |
/// | site-level (`site.unavailable`, `home.stale`, vetoes, identity) | check · subject |
///
/// Pages are normalised (scheme, default port, `index.html`, trailing slash, fragment dropped), so
/// `https://x.gov.cn/a/` and `http://x.gov.cn/a/index.html` give the same key. A second identical
/// problem on the same page gets `#2`, in the order the scan lists them.
public enum FindingKey {
    /// Gives every finding its key.
    public static func assign(_ findings: inout [Finding]) {
        var seen: [String: Int] = [:]
        for i in findings.indices {
            let base = key(findings[i])
            seen[base, default: 0] += 1
            let n = seen[base]!
            findings[i].key = n == 1 ? base : "\(base)#\(n)"
        }
    }

    /// The key without the occurrence suffix.
    public static func key(_ f: Finding) -> String {
        if let subject = f.subject { return "\(f.check)|\(subject)" }
        let page = f.pageCount != nil ? "*" : normalise(f.page)
        let what = f.target.map(normalise) ?? f.column ?? f.wrongForm ?? ""
        return "\(f.check)|\(page)|\(what)"
    }

    /// Host (lower case), port unless default, path without `index.*` and trailing slash, query.
    public static func normalise(_ url: String) -> String {
        guard var c = URLComponents(string: url), let host = c.host?.lowercased() else { return url }
        c.fragment = nil
        var path = c.percentEncodedPath
        if let last = path.split(separator: "/").last, last.hasPrefix("index.") || last.hasPrefix("default.") {
            path.removeLast(last.count)
        }
        while path.hasSuffix("/") { path.removeLast() }
        let port = c.port.map { [80, 443].contains($0) ? "" : ":\($0)" } ?? ""
        return host + port + path + (c.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// Findings that differ only by page, repeated on at least `minPages` pages (a broken link or a
    /// typo in the site's header or footer), become one finding with the page count and up to
    /// `examples` pages: the editor fixes the template once.
    public static func collapseTemplateRepeats(_ findings: [Finding], checks: Set<CheckID>, minPages: Int, examples: Int = 5)
        -> [Finding]
    {
        func group(_ f: Finding) -> String? {
            guard checks.contains(f.check), f.subject == nil else { return nil }
            return "\(f.check)|\(f.target ?? "")|\(f.wrongForm ?? "")|\(f.status ?? "")"
        }
        // Distinct pages per group, in first-seen order, computed once (a footer link can fail on 20,000 pages).
        var pages: [String: [String]] = [:], seen: [String: Set<String>] = [:], home = Set<String>()
        for f in findings {
            guard let g = group(f) else { continue }
            if seen[g, default: []].insert(f.page).inserted { pages[g, default: []].append(f.page) }
            if f.scope == .home { home.insert(g) }
        }
        var out: [Finding] = [], emitted = Set<String>()
        for f in findings {
            guard let g = group(f), let distinct = pages[g], distinct.count >= minPages else { out.append(f); continue }
            guard emitted.insert(g).inserted else { continue }
            var merged = f
            merged.pageCount = distinct.count
            merged.examplePages = Array(distinct.prefix(examples))
            if f.scope != nil, home.contains(g) { merged.scope = .home }
            merged.evidence = "（\(distinct.count) 个页面都有此问题，多为网页模板中的同一处）" + f.evidence
            out.append(merged)
        }
        return out
    }
}

/// What changed between two scans of one site, by finding key.
public struct FindingChanges: Sendable, Equatable {
    /// In the current scan and not the previous one.
    public var new: Set<String>
    /// In both.
    public var persisting: Set<String>
    /// In the previous scan and not the current one. Only a complete current scan can say a
    /// problem is fixed: after an incomplete one, nothing counts as fixed.
    public var fixed: Set<String>

    /// The changes from `previous` to `current`; `currentComplete` says whether absence means fixed.
    public init(previous: Set<String>, current: Set<String>, currentComplete: Bool) {
        new = current.subtracting(previous)
        persisting = current.intersection(previous)
        fixed = currentComplete ? previous.subtracting(current) : []
    }
}
