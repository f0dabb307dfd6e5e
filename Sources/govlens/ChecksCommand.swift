import ArgumentParser
import Foundation
import GovLensChecks
import GovLensCore
import GovLensReports

struct Checks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "列出全部检查项：编号、名称、严重程度、依据和检查对象。",
        discussion: "计划中尚无检查实现的编号（考核方案可引用，评分时记为“未评估”）另行列出。")

    @Option(help: "输出格式：text 或 json。") var format = "text"

    /// One ID as listed: every basis of the checks that emit it.
    struct Row: Encodable {
        var id: String, title: String, severity: String, input: String, basis: [String], produced: Bool
    }

    func run() throws {
        let catalog = CheckRegistry.catalog
        let rows = catalog.rules.map { r in
            Row(id: r.id.rawValue, title: r.title, severity: r.severity.rawValue, input: r.input.rawValue,
                basis: CheckRegistry.bases(r.id), produced: true)
        } + catalog.planned.map { r in
            Row(id: r.id.rawValue, title: r.title, severity: r.severity.rawValue, input: r.input.rawValue, basis: [r.basis], produced: false)
        }
        if format == "json" {
            FileHandle.standardOutput.write(try JSONReport.encode(rows))
            print()
            return
        }
        guard format == "text" else { throw ValidationError("--format 应为 text 或 json：\(format)") }
        for r in rows where r.produced {
            let input = CheckInput(rawValue: r.input)?.chineseName ?? r.input
            print("\(r.id)\t\(r.title)\t\(r.severity)\t\(input)\t\(r.basis.joined(separator: "；"))")
        }
        print("\n计划中（尚无检查实现，评分时记为“未评估”）：")
        for r in rows where !r.produced { print("\(r.id)\t\(r.title)\t\(r.basis.joined(separator: "；"))") }
    }
}
