import Foundation
import GovLensChecks
import GovLensCore
import GovLensDemo
import GovLensNewMedia
import GovLensScan
import Testing

/// Runs every registered check's examples through the pipeline that feeds it: text through the
/// text inspector (with the spelling model), small sites served on loopback through a real scan,
/// probe series through the availability rule.
@Suite struct CheckExamplesTests {
    static let inspector = Task { try TextInspector.standard(spellModel: SpellInInspectorTests.model) }

    static func findings(_ input: CheckExample.Input) async throws -> [Finding] {
        switch input {
        case .text(let text, let date):
            return try await inspector.value.inspect(text, page: "http://www.example.gov.cn/example.html", date: date)
        case .probes(let ok, let failed):
            let records = (0..<(ok + failed)).map { i in
                ProbeRecord(time: Date(), status: i < ok ? "200" : "timeout", latencyMs: 100, ok: i < ok, error: nil)
            }
            let summary = ProbeSummary(url: "http://www.example.gov.cn/", timeoutSeconds: 15, probes: records)
            return SiteUnavailableCheck.finding(probe: summary, rules: .bundled()).map { [$0] } ?? []
        case .annualReport(let example):
            return try AnnualReportScan.findings(example)
        case .newMedia(let example):
            return example.findings(rules: try NewMediaRules.bundled())
        case .site(let site):
            let server = try await DemoServer.serve(pages: site.pages, asOf: site.asOf, host: site.host)
            var options = ScanOptions(url: server.homepage, asOf: site.asOf)
            options.resolve = [site.host: "127.0.0.1"]
            options.minInterval = 0
            options.recheckDelay = 0
            options.timeout = 5
            options.level = site.level
            let report = try await SiteScanner.run(options)
            await server.shutdown()
            return report.findings
        }
    }

    static var allExamples: [(check: String, ids: [CheckID], example: CheckExample)] {
        CheckRegistry.checks.flatMap { c in c.examples.map { (String(describing: c), c.rules.map(\.id), $0) } }
    }

    @Test func everyCheckHasATriggeringAndACleanExample() {
        var triggered = Set<CheckID>()
        for example in Self.allExamples.map(\.example) { triggered.formUnion(example.triggers) }
        for c in CheckRegistry.checks {
            let examples: [CheckExample] = c.examples
            let triggering = examples.filter { !$0.triggers.isEmpty }.count
            let clean = examples.count - triggering
            #expect(triggering > 0, "\(String(describing: c)) has no triggering example")
            #expect(clean > 0, "\(String(describing: c)) has no clean example")
        }
        let declared = Set(CheckRegistry.catalog.rules.map(\.id))
        #expect(declared.subtracting(triggered).isEmpty, "IDs no example triggers: \(declared.subtracting(triggered))")
    }

    @Test(arguments: allExamples.indices)
    func exampleBehavesAsDeclared(_ index: Int) async throws {
        let (check, ids, example) = Self.allExamples[index]
        let found = Set(try await Self.findings(example.input).map(\.check))
        let own = found.intersection(ids)
        if example.triggers.isEmpty {
            #expect(own.isEmpty, "\(check)「\(example.note)」不应触发，实际：\(own.map(\.rawValue).sorted())")
        } else {
            #expect(example.triggers.isSubset(of: found),
                    "\(check)「\(example.note)」应触发 \(example.triggers.map(\.rawValue).sorted())，实际：\(found.map(\.rawValue).sorted())")
        }
    }

    @Test func catalogListsEveryIDOnceAndPlannedOnesApart() {
        let catalog = CheckRegistry.catalog
        let ids = catalog.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(catalog.rules.count == 57)
        #expect(catalog.rule("text.serious")?.severity == .veto)
        #expect(catalog.isProduced("privacy.mobile") && catalog.isProduced("interaction.unanswered"))
        #expect(catalog.isProduced("annual-report.arithmetic") && catalog.isProduced("annual-report.site-count"))
        #expect(catalog.isProduced("newmedia.stale") && catalog.rule("newmedia.stale")?.severity == .veto)
        #expect(Set(catalog.planned.map(\.id)).isDisjoint(with: ids))
        // IDs declared twice (text.typo: lexicons and model) agree on title and severity.
        for r in CheckRegistry.checks.flatMap({ $0.rules }) {
            #expect(catalog.rule(r.id)?.title == r.title && catalog.rule(r.id)?.severity == r.severity, "\(r.id)")
        }
    }
}
