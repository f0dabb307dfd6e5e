import Foundation
import GovLensCore
import GovLensCrawl
import GovLensHTML
import GovLensText

/// Collects, while the crawl runs, what the interaction and period checks read: 留言 detail pages,
/// consultation pages, boards behind a login or captcha, and titles of pages and list entries that
/// name something that must be published (预算, 重大决策事项目录, 征集结果, 留言统计 …). Only small
/// values are kept, so a board of thousands of messages costs thousands of small records. At the end
/// it reads the boards and consultations of the site model and runs the checks (docs/INTERACTION.md).
public final class InteractionInspector: @unchecked Sendable {  // mutable state behind the lock; pages arrive concurrently
    /// A page or list entry whose title names something watched.
    public struct Entry: Sendable, Hashable {
        public var url: String
        public var title: String
        public var date: SimpleDate?
    }
    /// A 征求意见 page and the window it prints.
    public struct Consultation: Sendable, Hashable {
        public var url: String
        public var title: String
        public var published: SimpleDate?
        public var start: SimpleDate?
        public var end: SimpleDate?
    }
    /// What the step found.
    public struct Outcome: Sendable {
        public var boards: [BoardRecord] = []
        public var findings: [Finding] = []
        public var notChecked: [String: String] = [:]
    }

    private let lock = NSLock()
    private var messages: [String: BoardMessage] = [:]
    private var consultations: [String: Consultation] = [:]
    private var entries: Set<Entry> = []
    private var gates: [String: String] = [:]
    /// Board page key → messages read from its JSON endpoint, or why the endpoint could not be read.
    private var jsonMessages: [String: [BoardMessage]] = [:]
    private var jsonProblems: [String: String] = [:]
    let book: RuleBook
    var rules: InteractionRules { book.interaction }
    let asOf: SimpleDate
    let reader: MessageReader
    /// Every keyword of what is watched (statistics, consultations, feedback, decisions, period items), in one automaton:
    /// every list entry of every page is read against it.
    let watched: PatternAutomaton

    /// An inspector for one scan as of `asOf`.
    public init(rules: RuleBook, asOf: SimpleDate) {
        book = rules; self.asOf = asOf
        reader = MessageReader(rules: rules.interaction.boards)
        let r = rules.interaction
        watched = PatternAutomaton(patterns: r.boards.statisticsKeywords + r.consultations.titleKeywords
            + r.consultations.feedbackKeywords + r.decisions.keywords + rules.periods.items.flatMap(\.keywords))
    }

    func isWatched(_ title: String) -> Bool {
        var hit = false
        watched.scan(title) { _, _, _ in hit = true }
        return hit
    }

    /// The title a page gives itself (ArticleTitle, else the `<title>` before the site's name).
    static func title(_ model: PageModel) -> String {
        model.meta("ArticleTitle").flatMap { $0.isEmpty ? nil : $0 }
            ?? model.title.map { String($0.split(separator: "_").first ?? Substring($0)) } ?? ""
    }

    /// Records what one crawled page shows (called concurrently by the crawler).
    public func add(_ page: CrawledPage) {
        let model = page.page
        let url = SiteKey.of(page.url)
        let title = Self.title(model)
        let text = model.plainText
        let message = reader.message(url: url, title: title, text: text)
        var consultation: Consultation?
        if message == nil, rules.consultations.titleKeywords.contains(where: title.contains),
           !rules.consultations.feedbackKeywords.contains(where: title.contains)
        {
            let (start, end) = ConsultationWindow.read(text, labels: rules.consultations)
            consultation = Consultation(url: url, title: title, published: page.date, start: start ?? page.date, end: end)
        }
        var found: [Entry] = []
        if isWatched(title) { found.append(Entry(url: url, title: title, date: page.date)) }
        for item in model.listItems where isWatched(item.title) {
            let target = item.linkIndex.flatMap { $0 < page.resolvedLinks.count ? page.resolvedLinks[$0] : nil }
                ?? (try? WebURL(parsing: item.url, relativeTo: page.url))
            found.append(Entry(url: target.map(SiteKey.of) ?? item.url, title: item.title,
                               date: item.date?.resolved(asOf: asOf, url: item.url)))
        }
        var gate: String?
        if page.date == nil, message == nil {
            let b = rules.boards
            if let p = b.loginPhrases.first(where: { UTF8Search.contains(text, $0) }) { gate = "需要登录后查看（页面显示“\(p)”）" }
            else if let p = b.captchaPhrases.first(where: { UTF8Search.contains(text, $0) }) { gate = "需要输入验证码后查看（页面显示“\(p)”）" }
        }
        lock.lock(); defer { lock.unlock() }
        if let message, messages.count < rules.boards.maxMessages { messages[url] = message }
        if let consultation { consultations[url] = consultation }
        if let gate { gates[url] = gate }
        if entries.count < 100_000 { entries.formUnion(found) }
    }

    /// The JSON endpoint a script-rendered board page loads its list from (same site only), or nil
    /// when the page is not a board page rendered by script.
    public func endpoint(for page: CrawledPage) -> WebURL? {
        let model = page.page
        guard model.scriptLoadsData, page.date == nil, !model.dataEndpoints.isEmpty else { return nil }
        let names = [Self.title(model), model.meta("ColumnName") ?? ""]
        guard names.contains(where: rules.boards.isBoard) else { return nil }
        for raw in model.dataEndpoints {
            if let u = try? WebURL(parsing: raw, relativeTo: page.url), u.origin == page.url.origin { return u }
        }
        return nil
    }

    /// Records the messages of a board page's JSON endpoint (`body` nil or unreadable: why, for the board's note).
    public func add(json body: Data?, board page: WebURL, endpoint: WebURL, failure: String? = nil) {
        let key = SiteKey.of(page)
        var records: [[String: Any]]?
        if let body, let object = try? JSONSerialization.jsonObject(with: body) { records = Self.records(in: object, depth: 0) }
        var found: [BoardMessage] = []
        for (i, r) in (records ?? []).enumerated() {
            guard var m = reader.message(record: r, url: endpoint.description + "#\(i + 1)") else { continue }
            // A record's own detail page, else the endpoint with the record's place (`list.json#3`).
            if !m.url.hasPrefix(endpoint.description + "#") {
                m.url = (try? WebURL(parsing: m.url, relativeTo: endpoint)).map(SiteKey.of) ?? m.url
            }
            found.append(m)
        }
        lock.lock(); defer { lock.unlock() }
        if found.isEmpty {
            jsonProblems[key] = failure.map { "数据接口 \(endpoint) 无法访问（\($0)）" } ?? "数据接口 \(endpoint) 未返回可读的留言记录"
        } else if jsonMessages.values.reduce(0, { $0 + $1.count }) + messages.count < rules.boards.maxMessages {
            jsonMessages[key] = found
        }
    }

    /// The largest array of objects in a JSON value (`[…]`, `{"data": […]}`, `{"data": {"list": […]}}`).
    static func records(in object: Any, depth: Int) -> [[String: Any]]? {
        if let array = object as? [[String: Any]], !array.isEmpty { return array }
        guard depth < 3, let dict = object as? [String: Any] else { return nil }
        return dict.values.compactMap { records(in: $0, depth: depth + 1) }.max { $0.count < $1.count }
    }

    /// Reads the boards and consultations of `model` and runs the interaction, consultation, period
    /// and duplicate-column checks. `items`: a column URL's listed entries; `level`: the government
    /// level (nil: the checks of what a level must publish are not run, and `notChecked` says so).
    public func finish(model: SiteModel, items: (String) -> [SiteInspector.ListedItem], level: String?) -> Outcome {
        lock.lock()
        let messages = self.messages, consultations = self.consultations, gates = self.gates
        let jsonMessages = self.jsonMessages, jsonProblems = self.jsonProblems
        var entries = Array(self.entries)
        lock.unlock()
        var out = Outcome()
        // Entries the board and consultation columns list count as published titles too.
        let statisticsPublished = entries.contains { e in rules.boards.statisticsKeywords.contains(where: e.title.contains) }

        // Message boards.
        // A 互动交流 page that only lists its sub-columns is navigation, not a board.
        let boardColumns = model.columns.filter { rules.boards.isBoard($0.name) && $0.status != .parent }
        var readBoards = 0
        for c in boardColumns {
            var record = BoardRecord(name: c.name, url: c.url, status: c.status.rawValue, statisticsPublished: statisticsPublished)
            if let gate = gates[c.url] {
                record.status = gate.hasPrefix("需要登录") ? "login" : "captcha"
                record.needsReview = true
                record.note = "留言板块\(gate)，未检查"
                out.boards.append(record); continue
            }
            if let board = jsonMessages[c.url] {
                readBoards += 1
                record.status = "json"
                record.note = "留言列表由脚本从数据接口加载，已读取接口返回的 \(board.count) 条留言（只读第一页）"
                out.findings += BoardChecks.run(board: c, messages: board, record: &record, asOf: asOf, rules: rules.boards)
                out.boards.append(record); continue
            }
            switch c.status {
            case .linkOut, .unreachable, .notCrawled, .scriptRendered:
                record.needsReview = true
                record.note = c.status == .scriptRendered
                    ? "留言列表由脚本动态加载，" + (jsonProblems[c.url].map { $0 + "，" } ?? "") + "未能读取留言，请人工核实" : c.notes.first
                out.boards.append(record); continue
            default: break
            }
            // Entries that are the board's statistics, not messages.
            let listed = items(c.url).filter { i in !rules.boards.statisticsKeywords.contains(where: i.title.contains) }
            var board: [BoardMessage] = []
            var seen: Set<String> = []
            for item in listed where seen.insert(item.url).inserted {
                if let m = messages[item.url] { board.append(m) }
            }
            // A list the page model did not read as entries (a bare table): the messages below the board's path.
            if board.isEmpty {
                let prefix = c.url.hasSuffix("/") ? c.url : c.url + "/"
                board = messages.values.filter { $0.url.hasPrefix(prefix) }.sorted { $0.url < $1.url }
            }
            // Entries listed but not one detail page read (beyond the crawl's depth or limits): not checked.
            if board.isEmpty && !listed.isEmpty {
                record.status = "not-crawled"
                record.needsReview = true
                record.note = "列表中 \(listed.count) 条留言的详情页均未抓取，未检查"
                out.boards.append(record); continue
            }
            readBoards += 1
            record.status = "checked"
            let unread = max(0, listed.count - board.count)
            if unread > 0 {
                record.needsReview = true
                record.note = "列表中 \(unread) 条留言未能读取详情（未抓取或无回复信息），未计入"
            }
            out.findings += BoardChecks.run(board: c, messages: board, record: &record, asOf: asOf, rules: rules.boards)
            out.boards.append(record)
        }
        if readBoards == 0 {
            let why = boardColumns.isEmpty ? "网站未发现留言、信箱、咨询类栏目，未检查留言办理"
                : "留言板块均未能读取（\(out.boards.compactMap(\.note).joined(separator: "；"))），未检查留言办理"
            for r in BoardChecks.rules { out.notChecked[r.id.rawValue] = why }
        }

        // Consultations: pages read during the crawl, and entries of the 意见征集 columns.
        let consultationColumns = model.columns.filter { c in rules.consultations.columnKeywords.contains(where: c.name.contains) }
        for c in consultationColumns {
            for i in items(c.url) { entries.append(Entry(url: i.url, title: i.title, date: i.date)) }
        }
        let list = consultations.values.sorted { $0.url < $1.url }
        out.findings += ConsultationShortCheck.findings(list, rules: rules.consultations)
        out.findings += ConsultationNoFeedbackCheck.findings(list, entries: entries, asOf: asOf, rules: rules.consultations)

        // What a level must publish.
        let site = model.homepage?.url ?? model.columns.first?.url ?? ""
        guard let level else {
            let why = "未指定政府层级（--level），未检查应公开事项和意见征集、决策目录、回应关切"
            for id in [ConsultationNoneCheck.id, DecisionCatalogueCheck.id, ResponseStaleCheck.id, PeriodMissingCheck.id] {
                out.notChecked[id.rawValue] = why
            }
            out.findings += ColumnDuplicateCheck.findings(model, rules: rules.duplicates)
            return out
        }
        if rules.consultations.levels.contains(level) {
            let held = entries.filter { e in
                consultationColumns.contains { e.url.hasPrefix($0.url) } || rules.consultations.titleKeywords.contains(where: e.title.contains)
            } + list.map { Entry(url: $0.url, title: $0.title, date: $0.published) }
            if let f = ConsultationNoneCheck.finding(held, columns: consultationColumns, site: site, asOf: asOf, rules: rules.consultations) {
                out.findings.append(f)
            }
        }
        if rules.decisions.levels.contains(level),
           let f = DecisionCatalogueCheck.finding(entries, site: site, asOf: asOf, rules: rules.decisions)
        {
            out.findings.append(f)
        }
        if rules.responses.levels.contains(level) {
            out.findings += ResponseStaleCheck.findings(model, site: site, rules: rules.responses)
        }
        out.findings += PeriodMissingCheck.findings(entries, model: model, site: site, level: level, rules: book.periods)
        out.findings += ColumnDuplicateCheck.findings(model, rules: rules.duplicates)
        return out
    }
}

/// The window a consultation page prints: `征求意见时间：2023年5月1日至2023年5月31日`, `…至5月31日`
/// (the year of the first date), or a deadline `截止时间：2023年5月31日` (the start is the page's date).
enum ConsultationWindow {
    nonisolated(unsafe) static let monthDay = try! NSRegularExpression(pattern: #"至\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"#)

    static func read(_ text: String, labels: InteractionRules.Consultations) -> (start: SimpleDate?, end: SimpleDate?) {
        for line in text.split(whereSeparator: \.isNewline) {
            let line = String(line)
            if labels.windowLabels.contains(where: line.contains) {
                let dates = ChineseDate.allDates(in: line).map(\.date)
                if dates.count >= 2 { return (dates[0], dates[1]) }
                if let first = dates.first {
                    let ns = line as NSString
                    if let m = monthDay.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)),
                       let mo = Int(ns.substring(with: m.range(at: 1))), let d = Int(ns.substring(with: m.range(at: 2))),
                       let end = SimpleDate(year: first.year, month: mo, day: d)
                    {
                        return (first, end)
                    }
                    return (nil, first)
                }
            }
            if labels.deadlineLabels.contains(where: line.contains), let d = ChineseDate.parse(line) { return (nil, d) }
        }
        return (nil, nil)
    }
}
