import Foundation
import GovLensChecks
import GovLensCore

/// A Chinese summary an editor can act on: what is wrong, where, and what to do.
public enum MarkdownReport {
    public static func render(_ r: ScanReport) -> String {
        var s = "# 网站巡检报告：\(r.site)\n\n"
        s += "- 检查基准日：\(r.asOf)\n"
        s += "- 检查时间：\(time(r.startedAt)) 至 \(time(r.finishedAt))\n"
        s += "- 首页：" + (r.homepage.reachable ? "可访问（\(r.homepage.latencyMs ?? 0) 毫秒）" : "**无法访问（\(r.homepage.status)）**") + "\n"
        s += "- 抓取页面 \(r.stats.pages) 个，检查链接 \(r.stats.links) 个（其中附件 \(r.stats.attachments) 个），"
        s += "访问错误 \(r.stats.errors) 个，HTTP 请求 \(r.stats.requests) 次\n"
        if !r.complete {
            s += "\n> **注意：本次检查不完整。** " + r.incompleteReasons.joined(separator: "；") + "。结果只覆盖已检查的部分。\n"
        }
        let byCheck = Dictionary(grouping: r.findings, by: \.check)
        s += "\n## 问题汇总\n\n"
        if r.findings.isEmpty {
            s += "未发现问题。\n"
        } else {
            s += "| 问题类型 | 数量 | 其中确定 | 其中疑似（需人工复核） |\n|---|---|---|---|\n"
            for (check, list) in byCheck.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let sure = list.filter { !$0.needsReview }.count
                s += "| \(name(check)) | \(list.count) | \(sure) | \(list.count - sure) |\n"
            }
        }
        if let broken = byCheck[.linkBroken] {
            let home = broken.filter { $0.scope == .home }
            let other = broken.filter { $0.scope != .home }
            if !home.isEmpty { s += "\n## 首页不可用链接（\(home.count) 个）\n\n" + table(home) }
            if !other.isEmpty { s += "\n## 其他页面不可用链接（\(other.count) 个）\n\n" + table(other) }
        }
        for (check, list) in byCheck where check != .linkBroken {
            s += "\n## \(name(check))\n\n"
            for f in list {
                let review = f.needsReview ? "【需人工确认】" : ""
                s += "- \(review)\(cell(f.evidence))\n  - 位置：\(cell(f.page))" + (f.linkedFrom.map { "（附件，链接自 \(cell($0))）" } ?? "")
                s += "\n  - 整改建议：\(cell(f.suggestion))\n"
            }
        }
        if !r.columns.isEmpty { s += columns(r.columns) }
        let unchecked = r.attachments.filter { !$0.checked }
        if !unchecked.isEmpty {
            s += "\n## 未能检查的附件（\(unchecked.count) 个，不视为无问题）\n\n| 附件 | 原因 | 链接页面 |\n|---|---|---|\n"
            for a in unchecked { s += "| \(cell(a.url)) | \(cell(a.reason ?? "")) | \(cell(a.linkedFrom ?? "")) |\n" }
        }
        if !r.errors.isEmpty {
            s += "\n## 访问错误明细（\(r.errors.count) 个）\n\n| 地址 | 类型 | 说明 | 来源页面 |\n|---|---|---|---|\n"
            for e in r.errors.prefix(200) {
                s += "| \(cell(e.url)) | \(e.kind) | \(cell(e.message)) | \(cell(e.referrer ?? "")) |\n"
            }
            if r.errors.count > 200 { s += "\n（仅列出前 200 个，完整列表见 JSON 输出。）\n" }
        }
        return s
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

    static func table(_ list: [Finding]) -> String {
        var s = "| 所在页面 | 链接目标 | 状态 | 判定 | 整改建议 |\n|---|---|---|---|---|\n"
        for f in list {
            let label = (f.linkText.map { "“\($0)” " } ?? "") + (f.target ?? "")
            s += "| \(cell(f.page)) | \(cell(label)) | \(f.status ?? "") | \(f.definite == true ? "确定" : "疑似")"
            s += (f.external == true ? "·外链" : "") + " | \(cell(f.suggestion)) |\n"
        }
        return s
    }

    static func name(_ check: CheckID) -> String { "\(CheckRegistry.catalog.title(check))（\(check)）" }

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
