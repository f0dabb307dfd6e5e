import Foundation

/// Runs a Debian text-extraction tool (pdftotext, catdoc, xls2csv) on a temporary copy of the
/// input, with a time limit: a PDF that makes pdftotext hang costs `timeout` seconds, not the scan.
enum ExternalTool {
    struct Output { var status: Int32; var stdout: Data; var stderr: String }

    /// Larger outputs than this are not read: a tiny compressed file must not fill the memory.
    static let maxOutputBytes = 200 << 20

    static func pdfText(_ data: Data, timeout: Double) async throws(DocumentError) -> String {
        let out = try await execute("pdftotext", ["-enc", "UTF-8", "-eol", "unix"], input: data, suffix: ".pdf",
                                    trailing: ["-"], timeout: timeout)
        if out.status != 0 {
            let message = out.stderr.lowercased()
            if message.contains("password") || message.contains("encrypt") || out.status == 3 { throw .encrypted }
            throw .malformed(firstLine(out.stderr) ?? "pdftotext 退出码 \(out.status)")
        }
        return String(decoding: out.stdout, as: UTF8.self)
    }

    static func run(_ tool: String, _ arguments: [String], input: Data, timeout: Double) async throws(DocumentError) -> String {
        let out = try await execute(tool, arguments, input: input, suffix: "", trailing: [], timeout: timeout)
        guard out.status == 0 else { throw .malformed(firstLine(out.stderr) ?? "\(tool) 退出码 \(out.status)") }
        return String(decoding: out.stdout, as: UTF8.self)
    }

    static func firstLine(_ s: String) -> String? {
        s.split(separator: "\n").first.map { String($0.prefix(200)) }
    }

    static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func execute(_ tool: String, _ arguments: [String], input: Data, suffix: String, trailing: [String],
                        timeout: Double) async throws(DocumentError) -> Output
    {
        guard let executable = locate(tool) else { throw .toolMissing(tool) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let inFile = dir.appendingPathComponent("input\(suffix)")
        let outFile = dir.appendingPathComponent("stdout"), errFile = dir.appendingPathComponent("stderr")
        let stdout: FileHandle, stderr: FileHandle
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try input.write(to: inFile)
            FileManager.default.createFile(atPath: outFile.path, contents: nil)
            FileManager.default.createFile(atPath: errFile.path, contents: nil)
            stdout = try FileHandle(forWritingTo: outFile)
            stderr = try FileHandle(forWritingTo: errFile)
        } catch {
            throw .malformed("无法写临时文件：\(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + [inFile.path] + trailing
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        let timedOut = TimeoutFlag()
        let status: Int32? = await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                guard process.isRunning else { return }
                timedOut.set()
                kill(process.processIdentifier, SIGKILL)
            }
        }
        try? stdout.close(); try? stderr.close()
        guard let status else { throw .toolMissing(tool) }
        if timedOut.value { throw .timeout(seconds: timeout) }
        let size = (try? FileManager.default.attributesOfItem(atPath: outFile.path)[.size] as? Int) ?? 0
        guard size <= maxOutputBytes else { throw .archiveTooLarge(limit: maxOutputBytes) }
        let out = (try? Data(contentsOf: outFile)) ?? Data()
        let err = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        return Output(status: status, stdout: out, stderr: err)
    }
}

final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    func set() { lock.lock(); fired = true; lock.unlock() }
    var value: Bool { lock.lock(); defer { lock.unlock() }; return fired }
}

