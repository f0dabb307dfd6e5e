import GovLensCore

/// Table 2's 现行有效 行政规范性文件 against the number of 规范性文件 the unit's site lists. The
/// count is an approximation (a column's entries, repealed documents included), so only a site
/// listing fewer than the report says are in force is reported, for review.
enum SiteCountCheck {
    static func findings(_ r: AnnualReport, listed: Int, share: Double) -> [AnnualReportFinding] {
        let row = "行政规范性文件", column = "现行有效件数"
        guard let inForce = r.table2Value(row: row, column: column), Double(listed) < inForce * share else { return [] }
        return [AnnualReportFinding(
            check: .annualReportSiteCount, severity: .warn,
            message: "表二现行有效行政规范性文件 \(CrossYearCheck.fmt(inForce)) 件，网站规范性文件栏目仅列出 \(listed) 条（栏目条目数，近似值）",
            suggestion: "请核对现行有效的行政规范性文件是否均已在网站公开。", needsReview: true,
            table: "表二", row: row, column: column, stated: inForce, computed: Double(listed))]
    }
}
