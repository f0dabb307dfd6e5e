import ArgumentParser
import Foundation

@main
struct Main {
    /// ArgumentParser exits 64 on usage errors; govlens promises 2. Every message is Chinese:
    /// our own errors are one sentence, ArgumentParser's are translated (`UsageText`).
    static func main() async {
        do {
            var command = try GovLens.parseAsRoot()
            if var c = command as? AsyncParsableCommand { try await c.run() } else { try command.run() }
        } catch let e as ExitCode {
            exit(e.rawValue)
        } catch {
            let code = GovLens.exitCode(for: error)
            if code == .success {  // --help, --version
                print(GovLens.fullMessage(for: error))
                exit(0)
            }
            if let v = error as? ValidationError {
                printErr("错误：\(v.message)")
            } else {
                printErr("错误：" + UsageText.chinese(GovLens.message(for: error), help: helpCommand()))
            }
            exit(2)
        }
    }

    /// `govlens scan --help` for the subcommand the user typed.
    static func helpCommand() -> String {
        let sub = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") }
        let known = GovLens.configuration.subcommands.map { $0._commandName }
        return "govlens " + (sub.flatMap { known.contains($0) ? $0 + " " : nil } ?? "") + "--help"
    }
}

/// ArgumentParser's English messages in Chinese.
enum UsageText {
    static func chinese(_ message: String, help: String) -> String {
        let rules: [(String, (String) -> String)] = [
            (#"^Missing expected argument '(.+)'$"#, { "缺少参数 \($0)" }),
            (#"^Missing value for '(.+)'$"#, { "选项 \($0) 需要一个值" }),
            (#"^Unknown option '(.+)'$"#, { "不认识的选项 \($0)" }),
            (#"^Unexpected argument '(.+)'$"#, { "多余的参数 \($0)" }),
            (#"^The value '(.+)' is invalid for '(.+)'$"#, { $0 }),
        ]
        let first = message.split(separator: "\n").first.map(String.init) ?? message
        for (pattern, say) in rules {
            guard let r = try? NSRegularExpression(pattern: pattern),
                  let m = r.firstMatch(in: first, range: NSRange(first.startIndex..., in: first)) else { continue }
            let groups = (1..<m.numberOfRanges).compactMap { Range(m.range(at: $0), in: first).map { String(first[$0]) } }
            if pattern.contains("is invalid"), groups.count == 2 {
                return "选项 \(groups[1]) 的值“\(groups[0])”不合法。用法见 \(help)"
            }
            return say(groups.first ?? "") + "。用法见 \(help)"
        }
        return first + "（用法见 \(help)）"
    }
}

struct GovLens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govlens",
        abstract: "政府网站与政务公开巡检：抓取网站、检查问题、输出报告。",
        discussion: "退出码：0 未发现问题；1 发现问题；2 用法或配置错误。",
        subcommands: [Scan.self, CheckText.self, AnnualReportCommand.self, NewMediaCommand.self, Score.self, Report.self, NoticeTemplateCommand.self, Probe.self, Serve.self, Worker.self, Units.self, Users.self,
                      Demo.self, DemoSite.self, Checks.self, LM.self, QualityText.self, BenchText.self, BenchSeed.self])
}
