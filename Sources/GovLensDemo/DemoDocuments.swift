import Foundation
import GovLensCore

/// The demo county's 行政规范性文件 and 政策解读 columns, with the document cases planted: a
/// document without validity (table and text form), a 失效 one and one ended by a later document
/// listed among the current ones, a provincial document reposted, a 解读 missing, one late, one
/// copying its document, a 解读 column carrying mostly provincial 解读. Metadata is printed in the
/// three ways real CMSs do (a gov.cn table, a TRS list with &ensp; inside labels, one line).
struct DemoDocuments {
    /// A planted document and what the scan must read from its page.
    struct Doc {
        var path: String
        var title: String
        var number: String
        var issuer: String
        var written: String
        var published: String
        /// The 有效性 printed (nil: not printed).
        var validity: String?
        var style: Style
        var body: String
        var interpretationLink: String? = nil
        var attachment: String? = nil
    }
    enum Style { case table, list, line, text }
    struct Interp {
        var path: String
        var title: String
        var date: String
        var source: String
        var body: String
    }

    let site: String
    static let library = "/zwgk/gfxwj/", libraryName = "行政规范性文件"
    static let interpretations = "/zwgk/zcjd/", interpretationsName = "政策解读"
    static let upperInterpretations = "/zwgk/bmjd/", upperInterpretationsName = "部门政策解读"

    static let roadText = "为加强农村公路养护管理，保障农村公路完好、安全、畅通，根据有关法律法规，结合本县实际，制定本办法。县交通运输主管部门负责全县农村公路养护的监督管理；乡镇人民政府负责乡道、村道的日常养护；村民委员会可以组织村民参与村道的保洁。农村公路养护资金列入县级财政预算，按照里程和技术等级分配，专款专用。养护质量实行季度检查、年度考核，考核结果与下一年度养护资金挂钩。"
    static let dogText = "为规范养犬行为，保障公民人身安全和健康，维护市容环境和社会公共秩序，结合本县实际，制定本规定。县城规划区内实行养犬登记制度，个人养犬应当向所在地社区办理登记并免疫，每户限养一只。携犬出户应当束犬链并由成年人牵领，主动避让老人和儿童，及时清除犬只粪便。禁止在县城规划区内饲养烈性犬。违反本规定的，由县综合行政执法部门责令改正。"

    var documents: [Doc] {
        [
            Doc(path: Self.library + "202305/t20230525_701001.html", title: "青山县人民政府关于印发《青山县农村公路养护管理办法》的通知",
                number: "青政规〔2023〕3号", issuer: "青山县人民政府", written: "2023-05-20", published: "2023-05-25", validity: "有效",
                style: .table, body: Self.roadText + "本办法自发布之日起施行。《青山县农村公路养护管理暂行办法》（青政规〔2019〕1号）同时废止。",
                interpretationLink: Self.interpretations + "202305/t20230526_702001.html",
                attachment: Self.library + "202305/P020230525701001.pdf"),
            Doc(path: Self.library + "202304/t20230412_701002.html", title: "青山县人民政府关于印发《青山县城乡居民医疗救助实施办法》的通知",
                number: "青政规〔2023〕2号", issuer: "青山县人民政府", written: "2023-04-10", published: "2023-04-12", validity: "有效",
                style: .table, body: "为进一步完善城乡居民医疗救助制度，减轻困难群众医疗费用负担，制定本办法。医疗救助对象包括特困供养人员、最低生活保障对象和防止返贫监测对象。住院费用经基本医疗保险、大病保险报销后的政策范围内个人负担部分，按照不同比例给予救助，年度救助限额为三万元。"),
            Doc(path: Self.library + "202303/t20230303_701003.html", title: "青山县人民政府关于印发《青山县养犬管理规定》的通知",
                number: "青政规〔2023〕1号", issuer: "青山县人民政府", written: "2023-03-01", published: "2023-03-03", validity: nil,
                style: .list, body: Self.dogText),
            Doc(path: Self.library + "202306/t20230605_701004.html", title: "青山县人民政府关于印发《青山县物业服务收费管理办法》的通知",
                number: "青政规〔2023〕4号", issuer: "青山县人民政府", written: "2023-06-01", published: "2023-06-05", validity: "有效",
                style: .table, body: "为规范物业服务收费行为，保障业主和物业服务企业的合法权益，制定本办法。普通住宅前期物业服务收费实行政府指导价，其他物业服务收费实行市场调节价。物业服务企业应当在物业管理区域显著位置公示服务内容、服务标准和收费项目。"),
            Doc(path: Self.library + "201803/t20180305_701005.html", title: "青山县人民政府关于印发《青山县城市道路占用挖掘管理办法》的通知",
                number: "青政规〔2018〕2号", issuer: "青山县人民政府", written: "2018-03-01", published: "2018-03-05", validity: "失效",
                style: .list, body: "为加强城市道路管理，规范占用、挖掘城市道路行为，制定本办法。因特殊情况需要临时占用城市道路的，应当经县住房和城乡建设主管部门批准。"),
            Doc(path: Self.library + "201904/t20190410_701006.html", title: "青山县人民政府关于印发《青山县农村公路养护管理暂行办法》的通知",
                number: "青政规[2019]1号", issuer: "青山县人民政府", written: "2019-04-08", published: "2019-04-10", validity: "有效",
                style: .line, body: "为加强农村公路养护管理，制定本暂行办法。乡镇人民政府负责本辖区乡道、村道的养护。"),
            Doc(path: Self.library + "202302/t20230210_701007.html", title: "江南省人民政府关于印发《江南省河道管理办法》的通知",
                number: "江政规【2023】1号", issuer: "江南省人民政府", written: "2023-02-06", published: "2023-02-10", validity: "有效",
                style: .line, body: "为加强河道管理，保障防洪安全，发挥河道综合效益，制定本办法。县级以上人民政府水行政主管部门是本行政区域内的河道主管机关。"),
            Doc(path: Self.library + "202109/t20210905_701008.html", title: "青山县人民政府关于加强城区停车管理的通告",
                number: "青政规〔2021〕5号", issuer: "青山县人民政府", written: "2021-09-01", published: "2021-09-05", validity: nil,
                style: .text, body: "为缓解城区停车难问题，规范停车秩序，现就加强城区停车管理有关事项通告如下：机动车应当在停车场或者依法施划的停车泊位内停放；不得在人行道、绿化带停放机动车。"),
            Doc(path: Self.library + "201906/t20190601_701009.html", title: "青山县人民政府关于印发《青山县建设项目环境管理办法》的通知",
                number: "青政规（2017）6号", issuer: "青山县人民政府", written: "2017-12-01", published: "2019-06-01", validity: "有效",
                style: .table, body: "为加强建设项目环境管理，制定本办法。建设项目的环境影响评价文件由县环境保护局审批。"),
        ]
    }

    var interps: [Interp] {
        [
            Interp(path: Self.interpretations + "202305/t20230526_702001.html", title: "关于《青山县农村公路养护管理办法》的解读",
                   date: "2023-05-26", source: "青山县交通运输局",
                   body: "一、出台背景。我县农村公路里程长、等级低，过去养护责任不清、资金不足。二、主要内容。办法讲清了三件事：县里管县道，乡镇管乡道和村道，村里组织群众保洁；养护经费由县财政按里程和路况分配；每季度检查一次，考核结果和来年经费挂钩。三、群众关心的问题。村道坏了可以向乡镇反映，乡镇应当在规定时间内修复。"),
            Interp(path: Self.interpretations + "202305/t20230510_702002.html", title: "图解：《青山县城乡居民医疗救助实施办法》",
                   date: "2023-05-10", source: "青山县医疗保障局",
                   body: "一图看懂谁能救助、救助多少、怎么申请：困难群众住院花的钱，医保报销以后自己还要付的部分，县里再帮一把，一年最多帮三万元；到乡镇便民服务中心就能申请。"),
            Interp(path: Self.interpretations + "202303/t20230303_702003.html", title: "《青山县养犬管理规定》政策解读",
                   date: "2023-03-03", source: "青山县公安局", body: Self.dogText),
            Interp(path: Self.upperInterpretations + "202303/t20230315_703001.html", title: "视频解读：《江南省河道管理条例》",
                   date: "2023-03-15", source: "江南省水利厅", body: "视频介绍了条例的主要内容和河道管理的新要求。"),
            Interp(path: Self.upperInterpretations + "202304/t20230420_703002.html", title: "H5｜江南省全民健身实施计划解读",
                   date: "2023-04-20", source: "江南省体育局", body: "通过H5页面介绍全民健身实施计划的目标和举措。"),
            Interp(path: Self.upperInterpretations + "202305/t20230518_703003.html", title: "《江南省优化营商环境条例》新闻发布会解读",
                   date: "2023-05-18", source: "江南省人民政府新闻办公室", body: "省政府新闻办举行新闻发布会，介绍条例出台背景和主要内容。"),
            Interp(path: Self.upperInterpretations + "202306/t20230612_703004.html", title: "青山县2023年民生实事项目解读",
                   date: "2023-06-12", source: "青山县人民政府办公室", body: "今年县里办十件民生实事，涉及教育、医疗、养老、交通等方面。"),
        ]
    }

    /// Pages, list pages and the PDF attachment of D1, each as a demo file; `html` is the
    /// generator's page template.
    func files(html: (String, String, String, String) -> DemoFile) -> [DemoFile] {
        var out: [DemoFile] = []
        func crumbs(_ path: String, _ name: String, current: Bool) -> String {
            "<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政府信息公开</a> &gt; "
                + (current ? name : "<a href=\"\(path)\">\(name)</a> &gt; 正文") + "</div>\n"
        }
        for d in documents {
            out.append(html(d.path, d.title, Self.libraryName, crumbs(Self.library, Self.libraryName, current: false) + page(d)))
            if let a = d.attachment {
                out.append(DemoFile(path: a, contentType: "application/pdf",
                                    body: DemoContent.pdf(lines: [d.title, "各乡镇人民政府，县政府各部门：", Self.roadText])))
            }
        }
        for i in interps {
            let (path, name) = i.path.hasPrefix(Self.interpretations) ? (Self.interpretations, Self.interpretationsName)
                : (Self.upperInterpretations, Self.upperInterpretationsName)
            out.append(html(i.path, i.title, name, crumbs(path, name, current: false)
                + "<div class=\"article\"><h1>\(i.title)</h1><div class=\"info\">来源：\(i.source)　发布日期：\(i.date)</div><p>\(i.body)</p></div>"))
        }
        func list(_ items: [(String, String, String)]) -> String {
            "<div class=\"list\"><ul>\n" + items.sorted { $0.2 > $1.2 }.map { path, title, date in
                "<li><a href=\"\(path)\" target=\"_blank\">\(title)</a><span class=\"date\">\(date)</span></li>\n"
            }.joined() + "</ul></div>"
        }
        let search = "<div class=\"search\"><input type=\"text\" name=\"q\"><button type=\"submit\">文件检索</button>（按标题、文号、发文机关查询）</div>"
        out.append(html(Self.library + "index.html", Self.libraryName, Self.libraryName, crumbs(Self.library, Self.libraryName, current: true)
            + search + list(documents.map { ($0.path, $0.title, $0.published) })))
        for (path, name) in [(Self.interpretations, Self.interpretationsName), (Self.upperInterpretations, Self.upperInterpretationsName)] {
            out.append(html(path + "index.html", name, name, crumbs(path, name, current: true)
                + list(interps.filter { $0.path.hasPrefix(path) }.map { ($0.path, $0.title, $0.date) })))
        }
        return out
    }

    /// The document page's body in its metadata style.
    func page(_ d: Doc) -> String {
        let written = SimpleDate(iso: d.written)!
        let chineseWritten = "\(written.year)年\(written.month)月\(written.day)日"
        let index = "113301230/\(d.published.prefix(4))-\(d.path.suffix(11).prefix(6))"
        var meta: String
        switch d.style {
        case .table:
            meta = "<table class=\"xxgk\"><tr><th>索 引 号：</th><td>\(index)</td><th>主题分类：</th><td>综合政务</td></tr>"
                + "<tr><th>发文机关：</th><td>\(d.issuer)</td><th>成文日期：</th><td>\(chineseWritten)</td></tr>"
                + "<tr><th>标　　题：</th><td colspan=\"3\">\(d.title)</td></tr>"
                + "<tr><th>发文字号：</th><td>\(d.number)</td><th>发布日期：</th><td>\(d.published)</td></tr>"
                + (d.validity.map { "<tr><th>有 效 性：</th><td>\($0)</td></tr>" } ?? "") + "</table>"
        case .list:
            meta = "<ul class=\"index_box\"><li>索&ensp;引&ensp;号：<font>\(index)</font></li><li>主题分类：<font>城乡建设</font></li>"
                + "<li>发文机关：<font>\(d.issuer)</font></li><li>成文日期：<font>\(d.written)</font></li>"
                + "<li>标&ensp;&ensp;&ensp;&ensp;题：<font>\(d.title)</font></li><li>发文字号：<font>\(d.number)</font></li>"
                + "<li>发布日期：<font>\(d.published)</font></li>"
                + (d.validity.map { "<li>有&ensp;效&ensp;性：<em>\($0)</em></li>" } ?? "") + "</ul>"
        case .line:
            meta = "<p class=\"info\">索引号：\(index)　发文机关：\(d.issuer)　成文日期：\(d.written)　发文字号：\(d.number)　"
                + "发布日期：\(d.published)\(d.validity.map { "　有效性：\($0)" } ?? "")</p>"
        case .text:
            meta = "<div class=\"info\">发布日期：\(d.published)</div>"
        }
        var body = meta + "<div class=\"article\"><h1>\(d.title)</h1><p class=\"wh\">\(d.number)</p><p>\(d.body)</p>"
            + "<p class=\"sign\">\(d.issuer)</p><p class=\"sign\">\(chineseWritten)</p>"
        if let link = d.interpretationLink { body += "<p>相关解读：<a href=\"\(link)\">政策解读</a></p>" }
        if let a = d.attachment { body += "<p>附件：<a href=\"\(a)\">\(d.title).pdf</a></p>" }
        return body + "</div>"
    }

    /// Writes the documents, their expected findings, the columns and the attachment into the truth.
    func record(into truth: inout DemoTruth) {
        var byDoc: [String: [String]] = [:]
        byDoc[site + documents[0].path] = [site + interps[0].path]
        byDoc[site + documents[1].path] = [site + interps[1].path]
        byDoc[site + documents[2].path] = [site + interps[2].path]
        for d in documents {
            truth.documents.append(.init(url: site + d.path, title: d.title, issuer: d.issuer, docNumber: d.number,
                                         writtenDate: d.written, publishedDate: d.published,
                                         validity: d.validity ?? "未标注", normative: true,
                                         interpretations: byDoc[site + d.path] ?? []))
            truth.articleDates[site + d.path] = d.published
        }
        for i in interps { truth.articleDates[site + i.path] = i.date }
        let doc = { (k: Int) in site + documents[k].path }
        truth.documentDefects = [
            .init(check: "document.validity-missing", page: doc(2)), .init(check: "document.validity-missing", page: doc(7)),
            .init(check: "document.invalid-listed", page: doc(4)), .init(check: "document.invalid-listed", page: doc(5)),
            .init(check: "document.upper-level", page: site + Self.library),
            .init(check: "interpretation.missing", page: doc(3)),
            .init(check: "interpretation.late", page: doc(1), target: site + interps[1].path),
            .init(check: "interpretation.copy", page: doc(2), target: site + interps[2].path),
            .init(check: "interpretation.upper-level", page: site + Self.upperInterpretations),
        ]
        // Written in 2017, put up in 2019: the 2017 name 环境保护局 is right for it.
        truth.beforeChangePages.append(doc(8))
        for (path, name, newest) in [(Self.library, Self.libraryName, "2023-06-05"), (Self.interpretations, Self.interpretationsName, "2023-05-26"),
                                     (Self.upperInterpretations, Self.upperInterpretationsName, "2023-06-12")] {
            truth.columns.append(.init(name: name, url: site + path, status: "ok", category: name == Self.libraryName ? "政策文件" : "其他",
                                       firstLevel: false, newest: newest, stale: false, needsReview: false))
        }
        truth.attachments.append(.init(url: site + documents[0].attachment!, checked: true, problem: nil))
        // The column lists fewer documents than the newest 年报's table 2 says are in force.
        if let newest = truth.annualReports.max(by: { $0.value < $1.value })?.key {
            truth.annualReportDefects.append(.init(page: newest, check: "annual-report.site-count",
                                                   note: "表二现行有效规范性文件多于规范性文件栏目所列条目"))
        }
    }
}
