import ArgumentParser
import Foundation

@main
struct Main {
    /// ArgumentParser exits 64 on usage errors; govlens promises 2.
    static func main() async {
        do {
            var command = try GovLens.parseAsRoot()
            if var c = command as? AsyncParsableCommand { try await c.run() } else { try command.run() }
        } catch {
            let code = GovLens.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((GovLens.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            GovLens.exit(withError: error)
        }
    }
}

struct GovLens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govlens",
        abstract: "政府网站与政务公开巡检：抓取网站、检查问题、输出报告。",
        discussion: "退出码：0 未发现问题；1 发现问题；2 用法或配置错误。",
        subcommands: [Scan.self, CheckText.self, Score.self, Report.self, QualityText.self, BenchText.self, Probe.self, Demo.self, DemoSite.self, Checks.self, LM.self])
}
