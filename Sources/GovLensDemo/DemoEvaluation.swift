import GovLensCore

/// Compares `link.broken` findings with the planted truth: a finding counts only when page,
/// target, status, definite, scope and external all match.
public struct DemoEvaluation: Sendable {
    public var truePositives: [DemoTruth.Link] = []
    public var falsePositives: [DemoTruth.Link] = []
    public var falseNegatives: [DemoTruth.Link] = []

    public var precision: Double {
        let n = truePositives.count + falsePositives.count
        return n == 0 ? 1 : Double(truePositives.count) / Double(n)
    }
    public var recall: Double {
        let n = truePositives.count + falseNegatives.count
        return n == 0 ? 1 : Double(truePositives.count) / Double(n)
    }

    /// `/col/` and `/col/index.html` are the same page; the crawl reports whichever it met first.
    func canonical(_ page: String) -> String {
        page.hasSuffix("/index.html") ? String(page.dropLast("index.html".count)) : page
    }

    public init(findings: [Finding], truth: DemoTruth) {
        let found = Set(findings.filter { $0.check == .linkBroken }.map { f in
            DemoTruth.Link(page: canonical(f.page), target: f.target ?? "", status: f.status ?? "", definite: f.definite ?? false,
                           scope: f.scope?.rawValue ?? "", external: f.external ?? false, note: "")
        })
        let expected = Set(truth.brokenLinks.map { var l = $0; l.note = ""; l.page = canonical(l.page); return l })
        truePositives = Array(found.intersection(expected))
        falsePositives = Array(found.subtracting(expected))
        falseNegatives = Array(expected.subtracting(found))
    }
}
