import GovLensAnnualReport
import GovLensCore

/// What an annual-report example feeds the checker: a report's text (a saved page), optionally
/// last year's, the publication date and the PDF author field.
public struct AnnualReportExample: Sendable {
    public var report: String
    public var previous: String?
    public var publishedOn: SimpleDate?
    public var author: String?
    /// 规范性文件 the site lists (annual-report.site-count).
    public var siteNormative: Int?
    public init(_ report: SampleReport, previous: SampleReport? = nil, publishedOn: SimpleDate? = nil, author: String? = nil,
                siteNormative: Int? = nil) {
        self.report = report.text(); self.previous = previous?.text(); self.publishedOn = publishedOn; self.author = author
        self.siteNormative = siteNormative
    }
}

private let basis = "国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》"

private func sample(_ change: (inout SampleReport) -> Void) -> SampleReport {
    var s = SampleReport()
    change(&s)
    return s
}

/// `annual-report.arithmetic`: every identity of the form's tables, cell by cell.
public enum AnnualReportArithmeticCheck: Check {
    public static let rules = [CheckRule(.annualReportArithmetic, "年度报告数据不一致", .deduct, basis: basis + " 表三、表四勾稽关系", input: .annualReport)]
    public static let examples: [CheckExample] = [
        .triggering(.annualReportArithmetic, note: "（七）总计与各项之和不符", .annualReport(AnnualReportExample(sample {
            $0.table3["三(七)"] = [9, 2, 0, 0, 0, 0, 12]; $0.table3["四"] = [1, 0, 0, 0, 0, 0, 0]
        }))),
        .clean(note: "各项勾稽关系成立", .annualReport(AnnualReportExample(SampleReport()))),
    ]
}

/// `annual-report.template`: row and column names against the form; rows of the 2019 form.
public enum AnnualReportTemplateCheck: Check {
    public static let rules = [CheckRule(.annualReportTemplate, "年度报告格式不规范", .deduct, basis: basis, input: .annualReport)]
    public static let examples: [CheckExample] = [
        .triggering(.annualReportTemplate, note: "行名缺字：其他法律行政止公开", .annualReport(AnnualReportExample(sample {
            $0.labels["三(三)2"] = "2.其他法律行政止公开"
        }))),
        .clean(note: "编号写成 1、 不算改动", .annualReport(AnnualReportExample(sample {
            $0.labels["三(六)3"] = "3、其他"
        }))),
    ]
}

/// `annual-report.text-table`: a figure the text states against the table cell it describes.
public enum AnnualReportTextTableCheck: Check {
    public static let rules = [CheckRule(.annualReportTextTable, "年度报告正文与表格数据不一致", .deduct, basis: basis, input: .annualReport)]
    public static let examples: [CheckExample] = [
        .triggering(.annualReportTextTable, note: "正文受理 17 件，表三新收 12 件", .annualReport(AnnualReportExample(sample {
            $0.overview = "依申请公开方面，全年受理政府信息公开申请 17 件。"
        }))),
        .clean(note: "正文与表格一致", .annualReport(AnnualReportExample(SampleReport()))),
    ]
}

/// `annual-report.section`: the six sections present, filled and in order; 依申请公开 in 总体情况; 信息处理费 stated.
public enum AnnualReportSectionCheck: Check {
    public static let rules = [CheckRule(.annualReportSection, "年度报告内容缺项", .deduct, basis: basis + " 报告内容", input: .annualReport)]
    public static let examples: [CheckExample] = [
        .triggering(.annualReportSection, note: "缺少“六、其他需要报告的事项”，也未说明信息处理费", .annualReport(AnnualReportExample(sample {
            $0.omittedSections = ["六"]
        }))),
        .clean(note: "六部分齐全", .annualReport(AnnualReportExample(SampleReport()))),
    ]
}

/// `annual-report.copied`: 五 (and 一) copied from last year's report.
public enum AnnualReportCopiedCheck: Check {
    public static let rules = [CheckRule(.annualReportCopied, "年度报告照搬上年内容", .deduct, basis: basis + " 五、存在的主要问题及改进情况", input: .annualReport)]
    public static let examples: [CheckExample] = [
        .triggering(.annualReportCopied, note: "“五”与上年相同", .annualReport(AnnualReportExample(SampleReport(), previous: sample { $0.year = 2022 }))),
        .clean(note: "“五”重新撰写", .annualReport(AnnualReportExample(SampleReport(), previous: sample {
            $0.year = 2022; $0.problems = "上一年度主要问题是网站栏目更新不及时，已通过建立周检查制度整改到位，今后继续坚持。"
            $0.overview = "全县推进决策公开，依申请公开方面办理申请 9 件，全部按期办结。"
        }))),
    ]
}

/// `annual-report.cross-year`: carried-in against last year's carried-forward; normative documents in force.
public enum AnnualReportCrossYearCheck: Check {
    public static let rules = [CheckRule(.annualReportCrossYear, "年度报告与上年数据不衔接", .deduct, basis: basis + " 表三第二项与上年第四项", input: .annualReport)]
    public static let examples: [CheckExample] = [
        .triggering(.annualReportCrossYear, note: "上年结转下年度 1 件，本年上年结转 0 件", .annualReport(AnnualReportExample(
            SampleReport(), previous: sample { $0.year = 2022 }))),
        .clean(note: "上年未结转，本年结转 0 件；规范性文件 18+3−1=20", .annualReport(AnnualReportExample(SampleReport(), previous: sample {
            $0.year = 2022; $0.table3["三(七)"] = [10, 2, 0, 0, 0, 0, 12]; $0.table3["三(一)"] = [7, 1, 0, 0, 0, 0, 8]
            $0.table3["四"] = [0, 0, 0, 0, 0, 0, 0]; $0.normative = [2, 0, 18]
        }))),
    ]
}

/// `annual-report.deadline`: published after the deadline of 条例第四十九条.
public enum AnnualReportDeadlineCheck: Check {
    public static let rules = [CheckRule(.annualReportDeadline, "年度报告未按期发布", .deduct,
                                         basis: "《中华人民共和国政府信息公开条例》第四十九条", input: .annualReport)]
    public static let examples: [CheckExample] = [
        .triggering(.annualReportDeadline, note: "县政府 2023 年度报告 2024-04-15 发布", .annualReport(AnnualReportExample(
            sample { $0.publishedOn = SimpleDate(year: 2024, month: 4, day: 15) }))),
        .clean(note: "2024-03-08 发布", .annualReport(AnnualReportExample(sample { $0.publishedOn = SimpleDate(year: 2024, month: 3, day: 8) }))),
    ]
}

/// `annual-report.author-name`: a personal name in the PDF's author field (information).
public enum AnnualReportAuthorCheck: Check {
    public static let rules = [CheckRule(.annualReportAuthor, "年度报告文档属性含个人姓名", .info,
                                         basis: "《中华人民共和国个人信息保护法》；政府网站发布前清除文档元数据", input: .annualReport)]
    public static let examples: [CheckExample] = [
        .triggering(.annualReportAuthor, note: "作者字段为姓名", .annualReport(AnnualReportExample(SampleReport(), author: "王守强"))),
        .clean(note: "作者字段为单位名称", .annualReport(AnnualReportExample(SampleReport(), author: "某某县人民政府办公室"))),
    ]
}

/// `annual-report.site-count`: 现行有效 行政规范性文件 against the 规范性文件 the site lists (an
/// approximation from a column's entry count, for review).
public enum AnnualReportSiteCountCheck: Check {
    public static let rules = [CheckRule(.annualReportSiteCount, "年度报告规范性文件数与网站公开数不符", .warn,
                                         basis: basis + " 表二；《中华人民共和国政府信息公开条例》第二十条第（一）项", input: .annualReport)]
    public static let examples: [CheckExample] = [
        .triggering(.annualReportSiteCount, note: "现行有效 20 件，网站只列出 12 条", .annualReport(AnnualReportExample(SampleReport(), siteNormative: 12))),
        .clean(note: "网站列出 26 条（含已废止）", .annualReport(AnnualReportExample(SampleReport(), siteNormative: 26))),
    ]
}
