import Foundation
import GovLensDocuments

/// The demo's assessment inputs, as a county's 政务公开办 keeps them: a units file (XLSX) and the
/// assessors' manual sheets (CSV). Two assessments: the demo portal under the 19号 website pack
/// (its findings come from the demo scan), and twelve townships and departments in one 政务公开
/// assessment on two schemes: townships under disclosure-example, departments under
/// disclosure-departments-example with sub-items and the assessors' reasons (a tie and a veto so the
/// 通报 shows both).
public enum DemoAssessment {
    /// Paths of the four input files `write(to:site:)` creates: units and manual scores per assessment.
    public struct Inputs {
        public var websiteUnits: URL
        public var websiteManual: URL
        public var disclosureUnits: URL
        public var disclosureManual: URL
        /// The 县直部门 group's sheet: sub-items and 扣分理由 columns.
        public var departmentsManual: URL
    }

    /// The group scored on the departments' scheme.
    public static let departmentsGroup = "县直部门"

    static let disclosureUnits: [(String, String)] = [
        ("青山镇", "乡镇（街道）"), ("碧水镇", "乡镇（街道）"), ("云岭乡", "乡镇（街道）"), ("石门乡", "乡镇（街道）"),
        ("城关街道", "乡镇（街道）"), ("东湖街道", "乡镇（街道）"),
        ("县发展和改革局", "县直部门"), ("县教育局", "县直部门"), ("县财政局", "县直部门"),
        ("县人力资源和社会保障局", "县直部门"), ("县自然资源局", "县直部门"), ("县卫生健康局", "县直部门"),
    ]

    /// Townships: 公开渠道 (7), 主动公开 (56), 依申请公开 (10), 政策解读 (20), 能力保障 (7), 扣分项, 一票否决事项.
    static let townshipScores: [String] = [
        "7,52,10,18,7,0,", "6.5,50,9,16,6,1,", "6,45.5,8,12,6,0,", "5,38,7,10,5,2,",
        "7,51,9.5,17.5,6,0,", "6.5,50,9,16,6,1,",
    ]

    /// Departments, one row each, with the assessors' reasons beside the sub-items that lost points.
    static let departmentsSheet = """
        单位名称,公开渠道,基础信息,重点领域,重点领域扣分理由,政策文件,政策解读,政策解读扣分理由,回应关切,依申请公开,能力保障,扣分项,扣分项扣分理由,一票否决事项
        县发展和改革局,10,20,23,重大建设项目批准和实施信息缺少施工阶段,10,6,,4,10,16,0,,
        县教育局,9,18,20,教育收费信息未按季度更新,9,4,2项规范性文件未同步解读,3,9,14,0,,
        县财政局,10,20,24,,10,5,预算解读仅转载文件原文,4,10,15,0.5,部门预算公开表格不全,
        县人力资源和社会保障局,8,17,19,就业创业补贴信息超过3个月未更新,8,5,,2,9,13,0,,
        县自然资源局,9,19,22,,9,5,,3,10,14,0,,发生泄露个人隐私事件，未及时处置
        县卫生健康局,9,18,21,,9,4,政策解读形式单一，无图解,3,9,13,1,留言超期未回复,
        """

    /// Writes the demo assessment inputs into `dir` (created if needed) and returns their paths;
    /// `site` is the demo portal URL listed in the website units file.
    public static func write(to dir: URL, site: String) throws -> Inputs {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let inputs = Inputs(websiteUnits: dir.appendingPathComponent("网站考核-单位名单.csv"),
                            websiteManual: dir.appendingPathComponent("网站考核-人工评分.csv"),
                            disclosureUnits: dir.appendingPathComponent("政务公开考核-单位名单.xlsx"),
                            disclosureManual: dir.appendingPathComponent("政务公开考核-乡镇人工评分.csv"),
                            departmentsManual: dir.appendingPathComponent("政务公开考核-县直部门人工评分.csv"))
        try Data("单位名称,分组,网站,门户网站,有办事服务\n青山县人民政府,县级政府门户网站,\(site),是,是\n".utf8).write(to: inputs.websiteUnits)
        try Data(("单位名称,政策文件,办事指南,在线办理,办事统计数据,留言答复,征集调查与在线访谈,搜索、IPv6与找错入口,"
                  + "集约化与数据开放,智能搜索与问答,创新应用,单项否决（人工认定）\n"
                  + "青山县人民政府,0,2,0,0,0,1,0,6,4,3,\n").utf8).write(to: inputs.websiteManual)
        try OOXMLWriter.xlsx(rows: [["单位名称", "分组"]] + disclosureUnits.map { [$0.0, $0.1] }).write(to: inputs.disclosureUnits)
        let manual = "单位名称,公开渠道,主动公开,依申请公开,政策解读,能力保障,扣分项,一票否决事项\n"
            + zip(disclosureUnits, townshipScores).map { "\($0.0),\($1)\n" }.joined()
        try Data(manual.utf8).write(to: inputs.disclosureManual)
        try Data(departmentsSheet.utf8).write(to: inputs.departmentsManual)
        return inputs
    }
}
