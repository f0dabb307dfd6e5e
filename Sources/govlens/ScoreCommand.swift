import ArgumentParser
import Foundation
import GovLensAssessment
import GovLensChecks
import GovLensCore
import GovLensReports
import GovLensScoring

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "按考核方案评分、排名，生成通报（DOCX）、得分排名表（XLSX）和各单位问题清单。",
        discussion: "内置方案：\(PackLibrary.shippedIDs.joined(separator: "、"))。出错时不写出任何文件，退出码 2。")

    @Option(help: "考核方案：YAML 文件路径或内置方案名；分组用不同方案时写成 “分组=方案”（可重复，如 --pack 区级政府=district.yaml --pack 市直部门=departments.yaml）。") var pack: [String]
    @Option(help: "单位名单（CSV 或 XLSX）：单位名称、分组、网站、门户网站、有办事服务。") var units: String
    @Option(help: "govlens scan 输出的 JSON 所在目录（按网站与单位对应）。") var scans: String?
    @Option(help: "手工评分表（CSV 或 XLSX）：单位名称一列，每个手工评分项一列（表头为评分项名称）；分组各有评分表时写成 “分组=文件”（可重复）。") var manual: [String] = []
    @Option(name: .shortAndLong, help: "输出目录。") var output: String
    @Option(help: "检查时间点 YYYY-MM-DD（默认取扫描结果的基准日，没有则为今天）。") var asOf: String?
    @Option(help: "整改期限 YYYY-MM-DD（默认检查时间点后方案规定的工作日数）。") var deadline: String?
    @Option(help: "通报落款单位。") var issuer: String?
    @Option(help: "通报标题。") var title: String?
    @Option(help: "通报设置文件（YAML：docNumber 发文字号、recipients 主送、issueDate 成文日期、contact/phone 联系人与电话、cc 抄送、printedBy 印发机关、referenceName/referenceAverage 参照平均分）。") var notice: String?
    @Option(help: "上次考核的 scores.json：通报写明排名和平均分的变化。") var previous: String?
    @Option(help: "govlens newmedia check --format json 的报告：各主办单位的账号问题计入该单位（如 newmedia-2019 方案的单项否决）。") var newmedia: String?
    @Option(help: "并入通报附件的台账表（XLSX 或 CSV，如 好差评考核评分表.xlsx；可重复），以文件名作附件标题。") var ledger: [String] = []
    @Option(name: .customLong("share"), help: "统计某项得分达到某值的单位占比，如 “政策解读>=13”（可重复）。") var shares: [String] = []

    func run() throws {
        let packs = try byGroup(pack, "--pack"), sheets = try byGroup(manual, "--manual")
        guard !pack.isEmpty else { throw ValidationError("请用 --pack 指定考核方案") }
        var job = AssessmentJob(pack: packs[""], units: URL(fileURLWithPath: units), manual: sheets[""].map(URL.init(fileURLWithPath:)),
                                scans: scans.map(URL.init(fileURLWithPath:)), output: URL(fileURLWithPath: output))
        for (group, path) in sheets where !group.isEmpty && packs[group] == nil {
            throw ValidationError("--manual \(group)=\(path)：分组“\(group)”没有用 --pack \(group)=方案 指定自己的考核方案")
        }
        for (group, ref) in packs where !group.isEmpty {
            job.schemes[group] = AssessmentJob.Scheme(pack: ref, manual: sheets[group].map(URL.init(fileURLWithPath:)))
        }
        job.asOf = try date(asOf, "--as-of")
        job.deadline = try date(deadline, "--deadline")
        job.issuer = issuer
        job.title = title
        job.shares = try shares.map(parseShare)
        job.notice = try noticeSettings(notice)
        job.previous = previous.map(URL.init(fileURLWithPath:))
        job.newMedia = newmedia.map(URL.init(fileURLWithPath:))
        job.ledgers = ledger.map(URL.init(fileURLWithPath:))
        do {
            let (scores, files) = try job.run()
            printSummary(scores, files: files.count)
        } catch let e as CustomStringConvertible & Error { throw ValidationError(e.description) }
    }

    /// `X` (every group, key "") or `分组=X`, each group at most once.
    func byGroup(_ values: [String], _ option: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for v in values {
            let parts = v.split(separator: "=", maxSplits: 1).map(String.init)
            let (group, value) = parts.count == 2 && !parts[0].contains("/") ? (parts[0].trimmingCharacters(in: .whitespaces), parts[1]) : ("", v)
            guard out[group] == nil else { throw ValidationError("\(option) 对\(group.isEmpty ? "全部分组" : "分组“\(group)”")指定了不止一次") }
            out[group] = value
        }
        return out
    }

    func date(_ text: String?, _ option: String) throws -> SimpleDate? {
        guard let text else { return nil }
        guard let d = SimpleDate(iso: text) else { throw ValidationError("\(option) 日期格式应为 YYYY-MM-DD：\(text)") }
        return d
    }

    func parseShare(_ s: String) throws -> ShareQuery {
        let parts = s.components(separatedBy: ">=")
        guard parts.count == 2, let v = Numbers.parse(parts[1]) else { throw ValidationError("--share 应写成 “评分项>=分数”：\(s)") }
        return ShareQuery(item: parts[0].trimmingCharacters(in: .whitespaces), atLeast: Amount(v))
    }
}

func printSummary(_ scores: ScoreReport, files: Int) {
    for g in scores.groups {
        print("\(g.name)：\(g.stats.units) 个单位，平均 \(Numbers.text(g.stats.mean)) 分，合格率 \(Numbers.text(g.stats.passRate * 100))%")
        for u in g.units {
            print("  \(u.rank)\t\(u.unit)\t\(Numbers.text(u.total))\(u.provisional ? "（暂定）" : "")\t\(u.passed ? "合格" : "不合格")")
        }
    }
    for w in scores.warnings { printErr("注意：\(w)") }
    if files > 0 { print("已写出 \(files) 个文件。") }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "由 scores.json 重新生成通报、得分排名表和问题清单。")
    @Option(help: "govlens score 写出的 scores.json。") var scores: String
    @Option(name: .shortAndLong, help: "输出目录。") var output: String
    @Option(help: "通报落款单位。") var issuer: String?
    @Option(help: "通报标题。") var title: String?
    @Option(help: "通报设置文件（YAML，见 govlens score --help）。") var notice: String?
    @Option(help: "上次考核的 scores.json。") var previous: String?

    func run() throws {
        let report: ScoreReport
        do { report = try ScoreFiles.read(URL(fileURLWithPath: scores)) } catch { throw ValidationError("\(error)") }
        let problems = report.inconsistencies()
        guard problems.isEmpty else {
            throw ValidationError("\(scores) 中的得分或排名已被改动，与各项得分不一致，未生成通报：\n- " + problems.joined(separator: "\n- ")
                                  + "\n要改分，请修改手工评分表后重新运行 govlens score。")
        }
        var circular = AssessmentReport(scores: report, catalog: CheckRegistry.catalog, issuer: issuer, title: title)
        do { try circular.apply(try noticeSettings(notice)) } catch let e as ScoringError { throw ValidationError(e.description) }
        do { circular.previous = try previous.map { try ScoreFiles.read(URL(fileURLWithPath: $0)) } } catch { throw ValidationError("\(error)") }
        let files = try AssessmentOutput.write(circular, to: URL(fileURLWithPath: output))
        printSummary(report, files: files.count)
    }
}

struct NoticeTemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice-template",
        abstract: "写出内置的通报正文模板，供修改后在通报设置文件中以 template: 指定。",
        discussion: "只写出模板，不覆盖已有文件。占位符与段落标记见 docs/NOTICE-TEMPLATE.md。")
    @Argument(help: "写出的文件（默认 通报模板.mustache）。") var file = "通报模板.mustache"

    func run() throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw ValidationError("\(file) 已存在，未覆盖") }
        do { try Data(NoticeTemplate.shippedText.utf8).write(to: URL(fileURLWithPath: file)) } catch {
            throw ValidationError("无法写入 \(file)：目录不存在或没有写权限")
        }
        print("已写出通报模板 \(file)。修改后在通报设置文件中写 template: \(file)，再用 --notice 指定设置文件。")
    }
}

/// The 通报 settings file of `--notice`, or the defaults.
func noticeSettings(_ path: String?) throws -> NoticeSettings {
    guard let path else { return NoticeSettings() }
    do { return try NoticeSettings.load(path) } catch { throw ValidationError("\(error)") }
}
