import Foundation
import GovLensChecks
import GovLensCore

/// A Chinese summary an editor can act on: what is wrong, where, and what to do.
public enum MarkdownReport {
    /// The report: the site and an overall conclusion first, then one section per check, most
    /// serious first (vetoes, privacy leaks, 严重表述 …) and in the same order on every run.
    public static func render(_ r: ScanReport, catalog: CheckCatalog = CheckRegistry.catalog) -> String {
        let siteName = r.pages.first { FindingKey.normalise($0.url) == FindingKey.normalise(r.site) }?.title.map(shortTitle)
        var s = "# 网站巡检报告：\(siteName.map { "\($0)（\(r.site)）" } ?? r.site)\n\n"
        s += "**结论：** " + conclusion(r, catalog: catalog) + "\n\n"
        s += "- 检查基准日：\(r.asOf)\n"
        s += "- 检查时间：\(time(r.startedAt)) 至 \(time(r.finishedAt))\n"
        s += "- 首页：" + (r.homepage.reachable ? "可访问（\(r.homepage.latencyMs ?? 0) 毫秒）" : "**无法访问（\(statusName(r.homepage.status))）**") + "\n"
        let failed = r.pages.filter { $0.status >= 400 }.count
        s += "- 读取页面 \(r.stats.pages) 个" + (failed > 0 ? "，另有 \(failed) 个页面返回错误" : "")
        s += "；检查链接 \(r.stats.links) 个（其中附件 \(r.stats.attachments) 个），访问错误 \(r.stats.errors) 个，HTTP 请求 \(r.stats.requests) 次\n"
        for (id, why) in (r.notChecked ?? [:]).sorted(by: { $0.key < $1.key }) where id == "text.typo" {
            s += "- 错别字：\(why)\n"
        }
        for note in r.notes ?? [] { s += "- 说明：\(note)\n" }
        if !r.complete {
            s += "\n> **注意：本次检查不完整。** " + r.incompleteReasons.joined(separator: "；") + "。结果只覆盖已检查的部分。\n"
        }
        let byCheck = Dictionary(grouping: r.findings, by: \.check)
        let order = byCheck.keys.sorted { rank($0, catalog) < rank($1, catalog) }
        s += "\n## 问题汇总\n\n"
        if r.findings.isEmpty {
            s += r.homepage.reachable ? "未发现问题。\n" : "首页无法访问，网站内容未能检查，不能视为没有问题。\n"
        } else {
            s += "| 问题类型 | 数量 | 其中确定 | 其中疑似（需人工复核） |\n|---|---|---|---|\n"
            for check in order {
                let list = byCheck[check]!
                let sure = list.filter { !$0.needsReview }.count
                s += "| \(name(check, catalog)) | \(list.count) | \(sure) | \(list.count - sure) |\n"
            }
        }
        for check in order {
            let list = byCheck[check]!
            if check == .linkBroken {
                let home = list.filter { $0.scope == .home }, other = list.filter { $0.scope != .home }
                if !home.isEmpty { s += "\n## 首页不可用链接（\(home.count) 个）\n\n" + table(home) }
                if !other.isEmpty { s += "\n## 其他页面不可用链接（\(other.count) 个）\n\n" + table(other) }
                continue
            }
            s += "\n## \(name(check, catalog))（\(list.count) 个）\n\n"
            for f in list {
                let review = f.needsReview ? "【需人工确认】" : ""
                s += "- \(review)\(cell(f.evidence))\n  - 位置：\(place(f))"
                s += "\n  - 整改建议：\(cell(f.suggestion))\n"
            }
        }
        if !r.columns.isEmpty { s += columns(r.columns) }
        if let boards = r.boards, !boards.isEmpty { s += self.boards(boards) }
        let unchecked = r.attachments.filter { !$0.checked }
        if !unchecked.isEmpty {
            s += "\n## 未能检查的附件（\(unchecked.count) 个，不视为无问题）\n\n| 附件 | 原因 | 链接页面 |\n|---|---|---|\n"
            for a in unchecked { s += "| \(cell(a.url)) | \(cell(a.reason ?? "")) | \(cell(a.linkedFrom ?? "")) |\n" }
        }
        if !r.errors.isEmpty {
            s += "\n## 访问错误明细（\(r.errors.count) 个）\n\n| 地址 | 类型 | 说明 | 来源页面 |\n|---|---|---|---|\n"
            for e in r.errors.prefix(200) {
                s += "| \(cell(e.url)) | \(statusName(e.kind)) | \(cell(e.message)) | \(cell(e.referrer ?? "")) |\n"
            }
            if r.errors.count > 200 { s += "\n（仅列出前 200 个，完整列表见 JSON 输出。）\n" }
        }
        return s
    }

    /// One sentence an office reads first.
    static func conclusion(_ r: ScanReport, catalog: CheckCatalog) -> String {
        guard r.homepage.reachable else {
            return "首页无法访问（\(statusName(r.homepage.status))），构成单项否决，网站内容未能检查。"
        }
        if r.findings.isEmpty { return r.complete ? "未发现问题。" : "已检查的部分未发现问题，但检查不完整。" }
        var parts: [String] = []
        let vetoes = r.findings.filter { $0.severity == .veto && !$0.needsReview }
        if !vetoes.isEmpty {
            parts.append("触及单项否决 \(vetoes.count) 项（" + Set(vetoes.map { catalog.title($0.check) }).sorted().joined(separator: "、") + "）")
        }
        let privacy = r.findings.filter { $0.check.rawValue.hasPrefix("privacy.") }
        if !privacy.isEmpty { parts.append("泄露个人信息 \(privacy.count) 处") }
        let sure = r.findings.filter { !$0.needsReview }.count
        parts.append("共发现问题 \(r.findings.count) 个，其中确定 \(sure) 个、需人工确认 \(r.findings.count - sure) 个")
        return parts.joined(separator: "；") + (r.complete ? "。" : "；检查不完整，结果只覆盖已检查的部分。")
    }

    /// Sections in a fixed order: vetoes, privacy leaks, 严重表述, then by severity and the catalogue.
    static func rank(_ id: CheckID, _ catalog: CheckCatalog) -> (Int, Int) {
        let severity = catalog.rule(id)?.severity ?? .info
        let group = severity == .veto && id != "text.serious" ? 0 : id.rawValue.hasPrefix("privacy.") ? 1 : id == "text.serious" ? 2
            : severity == .deduct ? 3 : severity == .warn ? 4 : 5
        return (group, catalog.rules.firstIndex { $0.id == id } ?? Int.max)
    }

    /// `首页_青山县人民政府` → `青山县人民政府`.
    static func shortTitle(_ t: String) -> String {
        let parts = t.split(whereSeparator: { "_|-—".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.last { $0.contains("政府") || $0.contains("局") || $0.contains("委") } ?? parts.last ?? t
    }

    static func place(_ f: Finding) -> String {
        var s = cell(f.page)
        if let l = f.linkedFrom { s += "（附件，链接自 \(cell(l))）" }
        if let n = f.pageCount { s += "等 \(n) 个页面" }
        return s
    }

    /// HTTP codes and failure classes as editors say them.
    public static func statusName(_ status: String) -> String {
        if let code = Int(status) { return "HTTP \(code)" }
        return [
            "dns": "无法解析域名", "refused": "拒绝连接", "timeout": "超时", "tls": "加密连接（证书）错误",
            "redirect-loop": "循环跳转", "too-many-redirects": "跳转次数过多", "too-large": "内容过大",
            "soft-404": "页面提示不存在", "decode": "内容损坏", "invalid-url": "地址格式错误", "network": "网络错误",
            "binary": "不是网页", "robots": "robots.txt 禁止", "reset": "连接被重置",
        ][status] ?? status
    }

    static let statusNames = ["ok": "正常", "blank": "**空白**", "single-page": "单页", "undated": "无日期（待核实）",
                              "script-rendered": "脚本加载（待核实）", "parent": "栏目导航页", "unreachable": "无法访问",
                              "not-crawled": "未抓取", "link-out": "链接到其他系统", "excluded": "历史专题（不计）"]

    /// Every column with its newest date; problem columns first.
    static func columns(_ columns: [ColumnRecord]) -> String {
        let stale = columns.filter(\.stale).count, blank = columns.filter(\.blank).count
        var s = "\n## 栏目更新情况（\(columns.count) 个栏目，不更新 \(stale) 个，空白 \(blank) 个）\n\n"
        s += "| 栏目 | 类别 | 一级栏目 | 最新信息日期 | 条目数 | 状态 | 说明 |\n|---|---|---|---|---|---|---|\n"
        let ordered = columns.enumerated().sorted { a, b in
            let ra = a.element.stale || a.element.blank ? 0 : a.element.needsReview ? 1 : 2
            let rb = b.element.stale || b.element.blank ? 0 : b.element.needsReview ? 1 : 2
            return (ra, a.offset) < (rb, b.offset)
        }.map(\.element)
        for c in ordered {
            let status = c.stale ? "**不更新**" : statusNames[c.status] ?? c.status
            s += "| [\(cell(c.name))](\(c.url)) | \(c.category) | \(c.firstLevel ? "是" : "") | \(c.newest ?? "—") | \(c.items) | "
            s += "\(status) | \(cell(c.notes.joined(separator: "；"))) |\n"
        }
        return s
    }

    static let boardStatusNames = ["checked": "已读取", "json": "已读取（数据接口）", "script-rendered": "脚本加载（待核实）",
                                   "login": "需登录（未检查）", "captcha": "需验证码（未检查）", "unreachable": "无法访问",
                                   "not-crawled": "未抓取", "link-out": "链接到其他系统"]

    /// Every message board with its statistics; boards that could not be read say why.
    static func boards(_ boards: [BoardRecord]) -> String {
        var s = "\n## 留言办理情况（\(boards.count) 个留言板块）\n\n"
        s += "| 板块 | 状态 | 留言数 | 已答复 | 超期 | 答复用时中位数（天） | 最近答复 | 公开受理反馈统计 | 说明 |\n|---|---|---|---|---|---|---|---|---|\n"
        for b in boards {
            let median = b.medianReplyDays.map { $0 == $0.rounded() ? String(Int($0)) : String(format: "%.1f", $0) } ?? "—"
            s += "| [\(cell(b.name))](\(b.url)) | \(boardStatusNames[b.status] ?? b.status) | \(b.messages) | \(b.answered) | "
            s += "\(b.overdue) | \(median) | \(b.newestReply ?? "—") | \(b.statisticsPublished ? "是" : "否") | \(cell(b.note ?? "")) |\n"
        }
        return s
    }

    static func table(_ list: [Finding]) -> String {
        var s = "| 所在页面 | 链接目标 | 状态 | 判定 | 整改建议 |\n|---|---|---|---|---|\n"
        for f in list {
            let label = (f.linkText.map { "“\($0)” " } ?? "") + (f.target ?? "")
            s += "| \(place(f)) | \(cell(label)) | \(statusName(f.status ?? "")) | \(f.definite == true ? "确定" : "疑似")"
            s += (f.external == true ? "·外链" : "") + " | \(cell(f.suggestion)) |\n"
        }
        return s
    }

    static func name(_ check: CheckID, _ catalog: CheckCatalog) -> String { "\(catalog.title(check))（\(check)）" }

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func time(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "zh_CN")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: d)
    }
}
