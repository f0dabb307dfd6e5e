import GovLensAnnualReport
import GovLensCore

/// One 青山县人民政府 政府信息公开工作年度报告 of the demo 年报 column, in the 2021 form
/// (国办公开办函〔2021〕30号): six sections, tables 2–4 as real HTML tables with the form's row and
/// column names (from the checker's template data, so the demo and the form cannot drift apart).
/// Figures chain from year to year (上年结转 = last year's 结转下年度; 现行有效 = last year's +
/// 制发 − 废止) so that only the planted defects are findings.
struct DemoAnnualReport {
    var year: Int
    var published: SimpleDate
    /// Table 3 by row key: seven columns (six applicant kinds, 总计).
    var table3: [String: [Int]]
    /// 行政规范性文件: 本年制发, 本年废止, 现行有效.
    var normative: [Int]
    var table4 = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    var overview: String
    var problems: String

    var title: String { "\(DemoContent.county)人民政府\(year)年政府信息公开工作年度报告" }

    /// The chain of reports, newest first, for the years `years` (newest first), clean.
    static func series(years: [Int], published: [SimpleDate]) -> [DemoAnnualReport] {
        var out: [DemoAnnualReport] = []
        var carried = 0, inForce = 15
        for (k, year) in years.enumerated().reversed() {
            let natural = [8, 10, 11, 9, 12][k % 5], firms = [1, 2, 1, 2, 2][k % 5], carriedOut = [0, 1, 0, 1, 0][k % 5]
            let handled = natural + carried - carriedOut
            func row(_ n: Int, _ f: Int) -> [Int] { [n, f, 0, 0, 0, 0, n + f] }
            let t3: [String: [Int]] = [
                "一": row(natural, firms), "二": row(carried, 0), "三(一)": row(handled - 3, firms),
                "三(四)1": row(2, 0), "三(五)2": row(1, 0), "三(七)": row(handled, firms), "四": row(carriedOut, 0),
            ]
            let issued = [2, 3, 4, 2, 3][k % 5], repealed = [1, 1, 2, 0, 1][k % 5]
            inForce += issued - repealed
            out.append(DemoAnnualReport(
                year: year, published: published[k], table3: t3, normative: [issued, repealed, inForce],
                overview: "\(year)年，" + overviews[k % 5] + "依申请公开方面，全年新收政府信息公开申请 \(natural + firms) 件，制发规范性文件 \(issued) 件。",
                problems: problems[k % 5]))
            carried = carriedOut
        }
        return out.reversed()
    }

    static let overviews = [
        "县政府围绕优化营商环境，集中公开惠企政策清单和办事指南，开设政策问答专区。",
        "全县聚焦乡村振兴重点任务，及时发布项目资金安排和实施进度，接受群众监督。",
        "县政府推进基层政务公开标准化规范化建设，乡镇全部编制完成公开事项目录。",
        "全县以疫情防控信息发布为重点，通过新闻发布会和网站专栏发布权威信息。",
        "县政府完成政府网站集约化迁移，统一信息公开平台栏目设置和发布流程。",
    ]

    static let problems = [
        "存在的问题：政策解读以文字为主，图表和视频解读较少。改进措施：明年起重要政策同步发布图解，由起草部门负责解读。",
        "主要问题是个别乡镇公开目录更新滞后。整改情况：建立季度通报机制，对超过一个月未更新的栏目督促整改。",
        "存在的问题：依申请公开答复文书格式不够统一。改进措施：制定答复文书范本，组织经办人员专题培训。",
        "主要问题在于部分部门信息发布审核把关不严。下一步将落实三审制度，明确审核责任人。",
        "存在的问题：集约化平台部分栏目数据迁移不完整。改进措施：逐栏目核对历史信息，年内完成补录。",
    ]

    /// The page body: the article with the six sections and tables 2–4.
    func body(template: AnnualReportTemplate = .standard) -> String {
        let form = template.current
        func cells(_ values: [String], tag: String = "td") -> String { values.map { "<\(tag)>\($0)</\(tag)>" }.joined() }
        var s = "<h1>\(title)</h1><div class=\"info\">发布时间：\(published)</div>\n"
        s += "<p>本报告依据《中华人民共和国政府信息公开条例》编制，所列数据统计期限为\(year)年1月1日至12月31日。</p>\n"
        s += "<h2>\(form.sections[0])</h2><p>\(overview)</p>\n<h2>\(form.sections[1])</h2>\n<table class=\"nb\">\n"
        for block in form.table2 {
            s += "<tr><th colspan=\"\(block.columns.count + 1)\">\(block.block)</th></tr>\n<tr>" + cells(["信息内容"] + block.columns, tag: "th") + "</tr>\n"
            for row in block.rows {
                let values: [String] = switch row {
                case "行政规范性文件": normative.map(String.init)
                case "行政许可": ["\(120 + year % 10)"]
                case "行政处罚": ["\(40 + year % 7)"]
                case "行政强制": ["3"]
                case "行政事业性收费": ["12.5"]
                default: block.columns.map { _ in "0" }
                }
                s += "<tr><td>\(row)</td>" + cells(values) + "</tr>\n"
            }
        }
        s += "</table>\n<h2>\(form.sections[2])</h2>\n<table class=\"nb\">\n"
        s += "<tr><th colspan=\"3\" rowspan=\"3\">申请人情况</th><th colspan=\"7\">申请人情况</th></tr>\n"
        s += "<tr><th rowspan=\"2\">自然人</th><th colspan=\"5\">法人或其他组织</th><th rowspan=\"2\">总计</th></tr>\n"
        s += "<tr>" + cells(Array(form.table3.columns[1...5]), tag: "th") + "</tr>\n"
        for row in form.table3.rows {
            let values = (table3[row.key] ?? Array(repeating: 0, count: 7)).map(String.init)
            s += "<tr><td colspan=\"3\">\(row.label)</td>" + cells(values) + "</tr>\n"
        }
        s += "</table>\n<h2>\(form.sections[3])</h2>\n<table class=\"nb\">\n"
        s += "<tr><th colspan=\"5\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>\n"
        s += "<tr><th rowspan=\"2\">" + form.table4.columns.joined(separator: "</th><th rowspan=\"2\">")
            + "</th><th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">复议后起诉</th></tr>\n"
        s += "<tr>" + cells(form.table4.columns + form.table4.columns, tag: "th") + "</tr>\n"
        s += "<tr>" + cells(table4.map(String.init)) + "</tr>\n</table>\n"
        s += "<h2>\(form.sections[4])</h2><p>\(problems)</p>\n<h2>\(form.sections[5])</h2><p>本年度未收取信息处理费。</p>\n"
        return s
    }
}
