import GovLensCore

/// A small, clean report in text form, built from the form: what check examples and tests change
/// one thing in (a total, a row name, a sentence) to show a check firing.
public struct SampleReport: Sendable {
    public var unit = "某某县人民政府"
    public var year = 2023
    /// `发布时间:` header line, as a saved page has it.
    public var publishedOn: SimpleDate?
    public var overview = "本县坚持以公开为常态，主动公开政府信息 1200 条。依申请公开方面，全年受理政府信息公开申请 12 件，均已按时答复。"
    public var problems = "存在的问题：部分单位政策解读形式单一。改进措施：下一步将丰富解读形式，提升解读质量，加强业务培训，规范答复文书。"
    public var other = "本年度未收取信息处理费。"
    /// Table 3 values per row key (seven columns); rows not listed are all zero.
    public var table3: [String: [Int]] = [
        "一": [10, 2, 0, 0, 0, 0, 12], "三(一)": [6, 1, 0, 0, 0, 0, 7], "三(四)1": [3, 1, 0, 0, 0, 0, 4],
        "三(七)": [9, 2, 0, 0, 0, 0, 11], "四": [1, 0, 0, 0, 0, 0, 1],
    ]
    /// Row names printed instead of the form's, by key.
    public var labels: [String: String] = [:]
    /// Rows left out (a section cut off), by key.
    public var omitted: Set<String> = []
    public var table4 = [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    /// 行政规范性文件: 本年制发, 本年废止, 现行有效.
    public var normative = [3, 1, 20]
    /// Sections left out, by numeral.
    public var omittedSections: Set<String> = []

    public init() {}

    /// The report as a saved page's text.
    public func text(template: AnnualReportTemplate = .standard) -> String {
        let form = template.current
        var out = "标题: \(unit)\(year)年政府信息公开工作年度报告\n"
        if let d = publishedOn { out += "发布时间: \(d) 09:00\n" }
        out += "\(unit)\(year)年政府信息公开工作年度报告\n本报告依据《中华人民共和国政府信息公开条例》编制。\n"
        func section(_ i: Int, _ body: String) {
            if !omittedSections.contains(SectionFinder.numerals[i]) { out += form.sections[i] + "\n" + body + "\n" }
        }
        section(0, "\(year)年，" + overview)
        section(1, """
            第二十条第（一）项
            信息内容 本年制发件数 本年废止件数 现行有效件数
            规章 0 0 0
            行政规范性文件 \(normative.map(String.init).joined(separator: " "))
            第二十条第（五）项
            信息内容 本年处理决定数量
            行政许可 120
            第二十条第（六）项
            信息内容 本年处理决定数量
            行政处罚 45
            行政强制 3
            第二十条第（八）项
            信息内容 本年收费金额（单位：万元）
            行政事业性收费 12.5
            """)
        var t3 = "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他\n"
        for row in form.table3.rows where !omitted.contains(row.key) {
            let values = table3[row.key] ?? Array(repeating: 0, count: 7)
            t3 += (labels[row.key] ?? row.label) + " " + values.map(String.init).joined(separator: " ") + "\n"
        }
        section(2, t3)
        section(3, "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n"
                + table4.map(String.init).joined(separator: " "))
        section(4, problems)
        section(5, other)
        return out
    }
}
