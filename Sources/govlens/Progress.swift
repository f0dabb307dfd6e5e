import Foundation
import GovLensScan

/// A live status line on a terminal; periodic plain lines in logs and CI.
final class ProgressPrinter: @unchecked Sendable {
    let tty = isatty(STDERR_FILENO) != 0
    let lock = NSLock()
    var lastPlain = Date.distantPast
    let quiet: Bool

    init(quiet: Bool) { self.quiet = quiet }

    func update(_ p: ScanProgress) {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        let rate = p.elapsed > 0 ? Double(p.pages) / p.elapsed : 0
        let line = String(format: "[%@] 页面 %d  队列 %d  进行中 %d  请求 %d  错误 %d  %.1f 页/秒  %.0f 秒",
                          p.phase == "crawl" ? "抓取" : "复查", p.pages, p.queued, p.inFlight, p.requests, p.errors,
                          rate, p.elapsed)
        if tty {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
        } else if Date().timeIntervalSince(lastPlain) >= 5 {
            lastPlain = Date()
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    func finish() {
        guard !quiet, tty else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

func printErr(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// Runs `handler` on the first SIGINT (Ctrl-C) or SIGTERM and exits with 130 on the second.
final class Interrupt: @unchecked Sendable {
    private static let signals = [SIGINT, SIGTERM]
    private let sources: [DispatchSourceSignal]
    private let lock = NSLock()
    private var count = 0

    init(_ handler: @escaping @Sendable () -> Void) {
        sources = Self.signals.map { signal($0, SIG_IGN); return DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for source in sources {
            source.setEventHandler { [unowned self] in
                lock.lock(); count += 1; let n = count; lock.unlock()
                if n == 1 { handler() } else { exit(130) }
            }
            source.resume()
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        for s in Self.signals { signal(s, SIG_DFL) }
    }
}
