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

    /// Scores a scan's findings against the planted truth, per check family, ignoring the
    /// `/col/` vs `/col/index.html` difference.
    public init(findings: [Finding], truth: DemoTruth) {
        let found = Set(findings.filter { $0.check == .linkBroken }.map { f in
            DemoTruth.Link(page: canonical(f.page), target: f.target ?? "", status: f.status ?? "", definite: f.definite ?? false,
                           scope: f.scope?.rawValue ?? "", external: f.external ?? false, note: "")
        })
        let expected = Set(truth.brokenLinks.map { var l = $0; l.note = ""; l.page = canonical(l.page); return l })
        truePositives = Array(found.intersection(expected))
        falsePositives = Array(found.subtracting(expected))
        falseNegatives = Array(expected.subtracting(found))
        text = SetScore(found: findings.filter { $0.check.rawValue.hasPrefix("text.") }
                            .map { "\($0.check) \(canonical($0.page)) \($0.wrongForm ?? "")" },
                        expected: truth.text.map { "\($0.check) \(canonical($0.page)) \($0.wrong)" })
        privacy = SetScore(found: findings.filter { $0.check.rawValue.hasPrefix("privacy.") }
                               .map { "\($0.check) \(canonical($0.page)) \($0.wrongForm ?? "")" },
                           expected: truth.privacy.map { "\($0.check) \(canonical($0.page)) \($0.masked)" })
        let siteChecks = ["column.", "home.", "disclosure."]
        columns = SetScore(
            found: findings.filter { f in siteChecks.contains(where: f.check.rawValue.hasPrefix) && !Self.interactionChecks.contains(f.check.rawValue) }
                .map { "\($0.check) \($0.column ?? "")\($0.needsReview ? " 待核实" : "")" },
            expected: truth.columns.filter(\.stale).map { "column.stale \($0.name)\($0.needsReview ? " 待核实" : "")" }
                + truth.columns.filter { $0.status == "blank" }.map { "column.blank \($0.name)" }
                + truth.missingCategories.map { "disclosure.category-missing \($0.name)\($0.kind == "review" ? " 待核实" : "")" }
                + truth.missingPlatformColumns.map { "disclosure.platform-column-missing \($0)" })
        let documentChecks = ["document.", "interpretation."]
        documents = SetScore(
            found: findings.filter { f in documentChecks.contains(where: f.check.rawValue.hasPrefix) }
                .map { "\($0.check) \(canonical($0.page)) \($0.target.map(canonical) ?? "")" },
            expected: truth.documentDefects.map { "\($0.check) \(canonical($0.page)) \($0.target.map(canonical) ?? "")" })
        interaction = SetScore(found: findings.filter { Self.interactionChecks.contains($0.check.rawValue) }.map { f in
                                   "\(f.check) \(Self.interactionKey(f, canonical: canonical))" },
                               expected: truth.interaction.map { "\($0.check) \(canonical($0.key))" })
    }

    /// interaction.*, consultation.*, decision.*, response.*, period.* and column.duplicate findings
    /// against `truth.interaction`.
    public var interaction = SetScore(found: [], expected: [])

    public static let interactionChecks: Set<String> = [
        "interaction.unanswered", "interaction.slow", "interaction.empty-reply", "interaction.no-recent-replies",
        "consultation.short", "consultation.none", "consultation.no-feedback", "decision.catalogue-missing",
        "response.stale", "period.missing", "column.duplicate",
    ]

    /// What tells two findings of one check apart: the page of a message or consultation, the item a
    /// period finding misses, the subject of a site-level finding, else the column.
    static func interactionKey(_ f: Finding, canonical: (String) -> String) -> String {
        switch f.check.rawValue {
        case "interaction.unanswered", "interaction.slow", "interaction.empty-reply", "consultation.short", "consultation.no-feedback":
            return canonical(f.page)
        default:
            if let s = f.subject { return s.hasPrefix("period:") ? String(s.split(separator: ":")[1]) : s }
            return f.column ?? canonical(f.page)
        }
    }

    /// text.* findings against `truth.text` (check, page, wrong form) and privacy.* against
    /// `truth.privacy` (check, page, masked value).
    public var text = SetScore(found: [], expected: [])
    public var privacy = SetScore(found: [], expected: [])
    /// column.*, home.* and disclosure.* findings against the planted column defects (check,
    /// column or catalogue item, and whether it needs review).
    public var columns = SetScore(found: [], expected: [])
    /// document.* and interpretation.* findings against the planted document defects (check, page, 解读).
    public var documents = SetScore(found: [], expected: [])
}

/// Exact-match scoring of findings reduced to keys.
public struct SetScore: Sendable {
    public var truePositives: [String], falsePositives: [String], falseNegatives: [String]
    /// Splits the two key sets into true positives, false positives and false negatives (each sorted).
    public init(found: [String], expected: [String]) {
        let f = Set(found), e = Set(expected)
        truePositives = f.intersection(e).sorted()
        falsePositives = f.subtracting(e).sorted()
        falseNegatives = e.subtracting(f).sorted()
    }
    public var precision: Double { truePositives.isEmpty && falsePositives.isEmpty ? 1 : Double(truePositives.count) / Double(truePositives.count + falsePositives.count) }
    public var recall: Double { truePositives.isEmpty && falseNegatives.isEmpty ? 1 : Double(truePositives.count) / Double(truePositives.count + falseNegatives.count) }
    /// Findings that were counted twice would hide in a set: the caller compares counts too.
}

extension DemoEvaluation {
    /// The demo's closing summary in Chinese: what the scan did, precision and recall per check
    /// family against the planted truth, columns and attachments.
    public func summary(of report: ScanReport) -> String {
        var lines = ["巡检完成：\(report.stats.pages) 个页面，\(report.stats.links) 个链接，\(report.findings.count) 个问题，"
            + "\(report.stats.errors) 个访问错误，\(report.stats.requests) 次请求。"]
        lines.append(String(format: "与预埋问题对照（link.broken）：查准率 %.2f，查全率 %.2f（命中 %d，误报 %d，漏报 %d）",
                            precision, recall, truePositives.count, falsePositives.count, falseNegatives.count))
        for (name, score) in [("错敏字词、过时名称、失效法规（text.*）", text), ("个人信息泄露（privacy.*，含附件）", privacy),
                              ("栏目更新、空白栏目、公开平台和法定公开目录（column.* home.* disclosure.*）", columns),
                              ("规范性文件和政策解读（document.* interpretation.*）", documents),
                              ("留言办理、意见征集、决策目录、应公开事项和重复栏目", interaction)] {
            lines.append(String(format: "\(name)：查准率 %.2f，查全率 %.2f（命中 %d，误报 %d，漏报 %d）", score.precision, score.recall,
                                score.truePositives.count, score.falsePositives.count, score.falseNegatives.count))
            lines += score.falsePositives.prefix(10).map { "  误报：\($0)" }
            lines += score.falseNegatives.prefix(10).map { "  漏报：\($0)" }
        }
        let judged = report.columns.filter { $0.status == "ok" || $0.status == "single-page" }
        lines.append("栏目：\(report.columns.count) 个（判定更新情况 \(judged.count) 个，不更新 \(report.columns.filter(\.stale).count) 个，"
            + "空白 \(report.columns.filter(\.blank).count) 个，需人工核实 \(report.columns.filter(\.needsReview).count) 个）")
        let unchecked = report.attachments.filter { !$0.checked }
        lines.append("附件：检查 \(report.attachments.count - unchecked.count) 个，未检查 \(unchecked.count) 个"
            + "（\(Set(unchecked.compactMap(\.problem)).sorted().joined(separator: "、"))）")
        lines += falsePositives.prefix(10).map { "  误报：\($0.page) → \($0.target) [\($0.status)]" }
        lines += falseNegatives.prefix(10).map { "  漏报：\($0.page) → \($0.target) [\($0.status)] \($0.note)" }
        return lines.joined(separator: "\n")
    }
}
