import ArgumentParser
import Foundation
import GovLensCore
import GovLensReports
import GovLensScan

struct Probe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "反复访问首页，记录每次结果并计算失败比例（15 秒规则）。")

    @Argument(help: "首页地址") var url: String
    @Option(help: "探测次数。") var count = 20
    @Option(help: "两次探测间隔（秒）。") var interval = 60.0
    @Option(help: "超时（秒，默认取规则文件中的 15 秒）。") var timeout: Double?
    @Option(help: "规则文件（YAML），默认使用内置规则。") var rules: String?
    @Option(help: "主机名解析覆盖 host:ip（可重复）。") var resolve: [String] = []
    @Option(help: "输出格式：text 或 json。") var format = "text"

    func run() async throws {
        guard count > 0, interval >= 0 else { throw ValidationError("--count 须大于 0，--interval 不能为负") }
        let text = format != "json"
        let setup: Prober.Setup
        do { setup = try Prober.Setup(url: url, rulesFile: rules, timeout: timeout, resolve: resolve) } catch {
            throw ValidationError(error.description)
        }
        let (summary, veto) = await Prober.run(setup, count: count, interval: interval) { r in
            if text {
                let t = ISO8601DateFormatter().string(from: r.time)
                print("\(t)  \(r.ok ? "成功" : "失败")  状态 \(r.status)  耗时 \(r.latencyMs) 毫秒" + (r.error.map { "  \($0)" } ?? ""))
            }
        }
        if text {
            print(String(format: "共探测 %d 次，失败 %d 次，失败比例 %.1f%%%@", summary.probes.count, summary.failures,
                         summary.failureRatio * 100, veto != nil ? "，达到单项否决阈值" : ""))
        } else {
            struct Out: Encodable { var summary: ProbeSummary; var failureRatio: Double; var finding: Finding? }
            FileHandle.standardOutput.write(try JSONReport.encode(Out(summary: summary, failureRatio: summary.failureRatio, finding: veto)))
            print()
        }
        throw ExitCode(summary.failures == 0 ? 0 : 1)
    }
}
