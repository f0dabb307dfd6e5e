import Foundation
import GovLensAnnualReport
import GovLensCore
import GovLensDocuments

/// The outputs of `govlens annual-report`: JSON (the parse and every finding), Markdown for a
/// person, and one summary workbook for a folder of units.
extension AnnualReportScan {
    /// JSON of the results, keys sorted, Chinese unescaped.
    public static func json(_ results: [AnnualReportResult]) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(results)
    }

    /// A readable report per file: the findings cell by cell, then the parsed table 3.
    public static func markdown(_ results: [AnnualReportResult]) -> String {
        var out = "# 政府信息公开工作年度报告检查\n\n"
        for r in results {
            out += "## \(r.report?.title ?? URL(fileURLWithPath: r.file).lastPathComponent)\n\n文件：`\(r.file)`\n\n"
            guard r.checked, let report = r.report else { out += "**未检查**：\(r.error ?? "")\n\n"; continue }
            out += "格式：\(report.format) 年版；读取方式：\(report.readAs)"
            if let d = report.publishedOn { out += "；发布日期：\(d)" }
            out += "\n\n"
            for n in report.notes { out += "- 说明：\(n)\n" }
            if r.findings.isEmpty && r.textFindings.isEmpty { out += "未发现问题。\n\n" } else {
                out += "\n| 检查项 | 位置 | 问题 | 建议 |\n|---|---|---|---|\n"
                for f in r.findings {
                    let place = [f.table, f.row, f.column].compactMap { $0 }.joined(separator: " / ")
                    out += "| \(f.check) | \(place) | \(cell(f.message)) | \(cell(f.suggestion)) |\n"
                }
                for f in r.textFindings { out += "| \(f.check) | 正文 | \(cell(f.evidence)) | \(cell(f.suggestion)) |\n" }
                out += "\n"
            }
            if !report.table3.rows.isEmpty {
                out += "表三（读出的数字）：\n\n| 行 | " + report.table3.columns.joined(separator: " | ") + " |\n|---|"
                    + String(repeating: "---|", count: report.table3.columns.count) + "\n"
                for row in report.table3.rows {
                    out += "| \(row.key) \(cell(row.printed)) | " + row.values.map { $0.map(String.init) ?? "" }.joined(separator: " | ") + " |\n"
                }
                out += "\n"
            }
        }
        return out
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }

    /// One workbook for a batch: a row per unit with the count per check, and every finding.
    public static func summaryXLSX(_ results: [AnnualReportResult], checks: [CheckID]) throws -> Data {
        var rows: [[XLSXWorkbook.Cell]] = []
        for r in results {
            var row: [XLSXWorkbook.Cell] = [.text(URL(fileURLWithPath: r.file).lastPathComponent), .text(r.report?.title ?? ""),
                                            r.report?.year.map { .number(Decimal($0)) } ?? .empty,
                                            .text(r.checked ? "是" : "否"), .text(r.error ?? ""), .text(r.report?.format ?? "")]
            for id in checks {
                row.append(.number(Decimal(r.findings.filter { $0.check == id }.count)))
            }
            row.append(.number(Decimal(r.textFindings.count)))
            row.append(.number(Decimal(r.mustFix)))
            rows.append(row)
        }
        var details: [[XLSXWorkbook.Cell]] = []
        for r in results {
            let name = URL(fileURLWithPath: r.file).lastPathComponent
            for f in r.findings {
                details.append([.text(name), .text(f.check.rawValue), .text(f.table ?? ""), .text(f.row ?? ""), .text(f.column ?? ""),
                                f.stated.map { .number(Decimal($0)) } ?? .empty, (f.computed ?? f.value).map { .number(Decimal($0)) } ?? .empty,
                                .text(f.message), .text(f.suggestion)])
            }
            for f in r.textFindings {
                details.append([.text(name), .text(f.check.rawValue), .text("正文"), .empty, .empty, .empty, .empty,
                                .text(f.evidence), .text(f.suggestion)])
            }
        }
        let book = XLSXWorkbook(sheets: [
            .init(name: "汇总", title: "政府信息公开工作年度报告检查汇总",
                  header: ["文件", "标题", "年度", "已检查", "未检查原因", "格式"] + checks.map(\.rawValue) + ["正文问题", "须修改合计"], rows: rows),
            .init(name: "问题明细", header: ["文件", "检查项", "表", "行", "列", "报告数", "应为/表格数", "问题", "建议"], rows: details),
        ])
        return try book.data()
    }
}
