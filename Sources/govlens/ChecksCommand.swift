import ArgumentParser
import GovLensChecks

struct Checks: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "列出全部检查项。")
    func run() {
        for c in CheckRegistry.all {
            print("\(c.id.rawValue)\t\(c.title)\t\(c.severity.rawValue)\t\(c.basis)")
        }
    }
}
