import Foundation

/// Products of the build that is running these tests: the `govlens` executable and the spelling
/// model sit beside the test bundle, so a stale binary from another build folder is never used.
enum BuiltProducts {
    static let directory: URL = {
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var dir = runner.deletingLastPathComponent()
        // `…/debug/govlensPackageTests.xctest` is the runner itself on Linux; on other layouts it is a bundle folder.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("govlens").path), dir.pathComponents.count > 2 {
            dir.deleteLastPathComponent()
        }
        return dir
    }()
    static var govlens: URL { directory.appendingPathComponent("govlens") }
    static var spellingModel: URL { directory.appendingPathComponent("govlens-lm.bin") }
}
