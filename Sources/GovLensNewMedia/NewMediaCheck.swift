import Foundation
import GovLensCore
import GovLensDocuments

/// The use case in one call (what the CLI runs and the platform will call): read the register,
/// read every account's source, check, and put the register's bad rows in the report.
public enum NewMediaCheck {
    public static func run(register url: URL, sources: URL?, asOf: SimpleDate, rules: NewMediaRules,
                           textCheck: NewMediaChecker.TextCheck? = nil, fetchFeeds: Bool = true) async throws(TableError) -> NewMediaReport {
        let register = try RegisterReader.read(url)
        let loaded = await SourceLoader(directory: sources, fetchFeeds: fetchFeeds).load(register.accounts, asOf: asOf)
        var report = NewMediaChecker(rules: rules, textCheck: textCheck).check(loaded, asOf: asOf)
        report.register = url.lastPathComponent
        report.registerIssues = register.issues
        return report
    }
}
