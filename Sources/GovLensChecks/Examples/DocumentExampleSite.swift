import GovLensCore

/// Example sites for the document and interpretation checks: the healthy `ExampleSite` plus a
/// 规范性文件 column whose documents print the 信息公开 metadata table, and a 政策解读 column.
public enum DocumentExamples {
    /// A document of the example column. Dates are `yyyy-MM-dd` or `-N` days before the as-of date.
    public struct Doc: Sendable {
        public var title: String
        public var number: String
        public var issuer = "某某县人民政府"
        public var written: String
        public var published: String
        /// The 有效性 cell; nil: the row is missing.
        public var validity: String? = "有效"
        public var body = DocumentExamples.documentText
        /// Links a 解读 (its path) from the document page.
        public var interpretation: String?

        /// A document titled `title` with 文号 `number`.
        public init(_ title: String, _ number: String, written: String, published: String, validity: String? = "有效",
                    issuer: String = "某某县人民政府", body: String = DocumentExamples.documentText, interpretation: String? = nil)
        {
            self.title = title; self.number = number; self.written = written; self.published = published
            self.validity = validity; self.issuer = issuer; self.body = body; self.interpretation = interpretation
        }
    }

    /// A 解读 of the example 解读 column.
    public struct Interpretation: Sendable {
        public var title: String
        public var date: String
        public var source = "某某县人民政府办公室"
        public var body = DocumentExamples.interpretationText

        /// A 解读 titled `title`, published on `date`.
        public init(_ title: String, date: String, source: String = "某某县人民政府办公室",
                    body: String = DocumentExamples.interpretationText)
        {
            self.title = title; self.date = date; self.source = source; self.body = body
        }
    }

    public static let documentText = "为规范农村公路养护管理，保障农村公路完好畅通，根据有关法律法规，结合本县实际，制定本办法。本办法适用于本县行政区域内县道、乡道和村道的养护管理。县交通运输主管部门负责全县农村公路养护的监督管理工作，乡镇人民政府负责乡道和村道的日常养护。养护资金列入县级财政预算，专款专用，不得挤占挪用。本办法自发布之日起施行，有效期五年。"
    public static let interpretationText = "这次出台的办法主要回答三个问题：谁来养、钱从哪里来、养得好不好怎么评。办法明确县里管县道，乡镇管乡道村道，村民委员会可以组织群众参与日常保洁。经费方面，县财政每年安排专项资金，并按里程和路况等级分配。考核方面，每季度抽查一次，结果与下一年度资金挂钩。"

    /// The healthy site with a 规范性文件 column (`library`, with or without a search box) listing
    /// `documents`, and a 政策解读 column listing `interpretations`.
    public static func site(_ documents: [Doc], interpretations: [Interpretation] = [], library: String = "行政规范性文件",
                            search: Bool = true, asOf: String = "2023-06-30") -> ExampleSite
    {
        let probe = ExampleSite(asOf: asOf)
        func day(_ s: String) -> SimpleDate { probe.day(s) }
        var docList = "<div class=\"list\"><ul>"
        var pages: [String: String] = [:]
        for (i, d) in documents.enumerated() {
            let path = "/gfxwj/\(i).html"
            docList += "<li><a href=\"\(path)\">\(d.title)</a><span class=\"date\">\(day(d.published))</span></li>"
            var table = "<table class=\"xxgk\"><tr><td>索 引 号：</td><td>113301230/\(day(d.published).year)-0000\(i)</td>"
                + "<td>主题分类：</td><td>综合政务</td></tr><tr><td>发文机关：</td><td>\(d.issuer)</td><td>成文日期：</td>"
                + "<td>\(day(d.written).year)年\(day(d.written).month)月\(day(d.written).day)日</td></tr>"
                + "<tr><td>标　　题：</td><td colspan=\"3\">\(d.title)</td></tr><tr><td>发文字号：</td><td>\(d.number)</td>"
                + "<td>发布日期：</td><td>\(day(d.published))</td></tr>"
            if let v = d.validity { table += "<tr><td>有 效 性：</td><td>\(v)</td></tr>" }
            table += "</table>"
            let link = d.interpretation.map { "<p>相关解读：<a href=\"\($0)\">政策解读</a></p>" } ?? ""
            pages[path] = page(d.title, column: library, columnPath: "/gfxwj/", date: day(d.published),
                               body: table + "<h1>\(d.title)</h1><p>\(d.number)</p><p>\(d.body)</p>" + link)
        }
        docList += "</ul></div>" + (search ? "<div class=\"search\"><button>文件检索</button></div>" : "")
        var interpList = "<div class=\"list\"><ul>"
        for (i, x) in interpretations.enumerated() {
            let path = "/zcjd/\(i).html"
            interpList += "<li><a href=\"\(path)\">\(x.title)</a><span class=\"date\">\(day(x.date))</span></li>"
            pages[path] = page(x.title, column: "政策解读", columnPath: "/zcjd/", date: day(x.date),
                               body: "<h1>\(x.title)</h1><p>来源：\(x.source)　发布日期：\(day(x.date))</p><p>\(x.body)</p>")
        }
        interpList += "</ul></div>"
        var columns = ExampleSite.healthyColumns + [ExampleSite.Column(library, "/gfxwj/", dates: [], body: docList)]
        if !interpretations.isEmpty { columns.append(ExampleSite.Column("政策解读", "/zcjd/", dates: [], body: interpList)) }
        var site = ExampleSite(asOf: asOf, columns: columns)
        for (path, html) in pages { site.pages[path] = html }
        return site
    }

    static func page(_ title: String, column: String, columnPath: String, date: SimpleDate, body: String) -> String {
        """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(title)_某某县人民政府</title>
        <meta name="SiteName" content="某某县人民政府"><meta name="SiteDomain" content="www.example.gov.cn">
        <meta name="SiteIDCode" content="3301230001"><meta name="ColumnName" content="\(column)">
        <meta name="ArticleTitle" content="\(title)"><meta name="PubDate" content="\(date)"></head><body>
        <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="\(columnPath)">\(column)</a> &gt; 正文</div>
        \(body)
        <div class="footer"><p>\(ExampleSite.footer)</p></div></body></html>
        """
    }
}
