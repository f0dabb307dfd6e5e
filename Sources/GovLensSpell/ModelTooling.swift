import Foundation

/// Where the spelling model lives: `$GOVLENS_LM`, else `govlens-lm.bin` beside the executable
/// (the release install puts it there; debug and release builds write it there too).
public enum ModelLocation {
    public static var defaultURL: URL {
        if let env = ProcessInfo.processInfo.environment["GOVLENS_LM"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return executableDirectory.appendingPathComponent("govlens-lm.bin")
    }

    /// The running executable's folder, symlinks resolved (an installed `bin/govlens` link finds its files).
    public static var executableDirectory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }
}

/// A corpus problem, in Chinese.
public struct CorpusError: Error, CustomStringConvertible {
    public var description: String
    /// Wraps a ready-made Chinese message.
    public init(_ description: String) { self.description = description }
}

/// Corpus files: plain or gzip-compressed text, one paragraph per line; `*.words.*` files hold
/// `word<TAB>frequency` lines learned as weighted words.
public enum Corpus {
    /// `Corpus/` of the source tree the executable was built from (…/.build/debug/govlens → …/Corpus).
    public static var repositoryFolder: URL {
        var dir = ModelLocation.executableDirectory
        for _ in 0..<5 {
            let c = dir.appendingPathComponent("Corpus")
            if FileManager.default.fileExists(atPath: c.path) { return c }
            dir.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "Corpus")
    }

    /// The `.txt` and `.txt.gz` files of each path (a file, or a folder read in name order).
    public static func files(_ paths: [String]) throws(CorpusError) -> [URL] {
        var out: [URL] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else { throw CorpusError("找不到语料：\(p)") }
            if isDir.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: p)) ?? [])
                    .filter { ($0.hasSuffix(".txt") || $0.hasSuffix(".txt.gz")) && $0 != "SOURCE.txt" }.sorted()
                out += names.map { URL(fileURLWithPath: p).appendingPathComponent($0) }
            } else {
                out.append(URL(fileURLWithPath: p))
            }
        }
        guard !out.isEmpty else { throw CorpusError("没有语料文件（.txt 或 .txt.gz）：\(paths.joined(separator: "、"))") }
        return out
    }

    /// Whether `model` exists and is newer than every source.
    public static func isFresh(_ model: URL, than sources: [URL]) -> Bool {
        func date(_ u: URL) -> Date? { try? FileManager.default.attributesOfItem(atPath: u.path)[.modificationDate] as? Date }
        guard let built = date(model) else { return false }
        return sources.allSatisfy { (date($0) ?? .distantFuture) < built }
    }

    /// A corpus file's text (gzip through `gzip -dc`).
    public static func read(_ url: URL) throws(CorpusError) -> String {
        guard url.pathExtension == "gz" else {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw CorpusError("语料 \(url.path) 无法读取或不是 UTF-8 文本") }
            return text
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { throw CorpusError("无法运行 gzip 解压语料 \(url.path)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CorpusError("无法解压语料 \(url.path)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Trains the model on `sources` and writes it to `output`; `log` hears one line per file.
    public static func build(_ sources: [URL], to output: URL, order: Int = 5, minCount: UInt32 = 2,
                             log: (String) -> Void = { _ in }) throws -> (kept: Int, bytes: Int, seconds: Double)
    {
        let start = Date()
        var builder = NGramModelBuilder(order: order, minCount: minCount)
        for file in sources {
            let text = try read(file)
            if file.lastPathComponent.contains(".words.") {
                // `word<TAB>frequency`: weighted by the frequency's order of magnitude.
                for line in text.split(separator: "\n") {
                    let cols = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
                    guard let word = cols.first else { continue }
                    let freq = cols.count > 1 ? max(1, Double(cols[1]) ?? 1) : 1
                    builder.add(word: word, weight: 1 + UInt32(log2(freq)))
                }
            } else {
                for line in text.split(separator: "\n") { builder.add(line: line) }
            }
            log("已读入 \(file.lastPathComponent)：累计 \(builder.characters) 字，\(builder.distinctNGrams) 个不同 n 元组")
        }
        let kept = try builder.write(to: output)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        return (kept, bytes, Date().timeIntervalSince(start))
    }
}

extension SpellEvaluation {
    /// Sentences where the checker's offsets differ from the gold ones, for `lm eval --verbose`.
    public static func mismatches(_ pairs: [Pair], checker: SpellChecker) -> [String] {
        pairs.compactMap { p in
            let found = checker.check(p.wrong)
            let gold = zip(p.wrong.unicodeScalars, p.right.unicodeScalars).enumerated().filter { $0.element.0 != $0.element.1 }
            guard Set(found.map(\.offset)) != Set(gold.map(\.offset)) else { return nil }
            let g = gold.map { "\($0.offset):\($0.element.0)→\($0.element.1)" }
            let got = found.map { "\($0.offset):\($0.wrong)→\($0.suggestion)(\(String(format: "%.1f", $0.gain)))" }
            return "gold \(g) got \(got) | \(p.wrong)"
        }
    }

    /// Sentences per second of `checker` over the wrong sides of `pairs`.
    public static func speed(_ pairs: [Pair], checker: SpellChecker) -> Double {
        let start = Date()
        for p in pairs { _ = checker.check(p.wrong) }
        return Double(pairs.count) / max(1e-9, Date().timeIntervalSince(start))
    }
}
