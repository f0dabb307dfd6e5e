import Foundation
import GovLensStore

/// A file a unit attaches to its 整改说明, as it arrived.
public struct FeedbackFile: Sendable {
    public var name: String
    public var data: Data
    public init(name: String, data: Data) { self.name = name; self.data = data }
}

/// What a unit may attach to its feedback (`rectification.feedbackFiles` in the settings): how
/// many files, how large, which kinds. A file is accepted only when its bytes are what its name
/// says (a renamed program is not a PDF).
public struct FeedbackFilePolicy: Decodable, Sendable {
    public var maxFiles: Int
    public var maxMegabytes: Double
    /// Extensions, lower case, without the dot.
    public var types: [String]

    public init(maxFiles: Int = 5, maxMegabytes: Double = 10, types: [String] = ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "jpg", "jpeg", "png"]) {
        self.maxFiles = maxFiles; self.maxMegabytes = maxMegabytes; self.types = types
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FeedbackFilePolicy()
        maxFiles = try c.decodeIfPresent(Int.self, forKey: .maxFiles) ?? d.maxFiles
        maxMegabytes = try c.decodeIfPresent(Double.self, forKey: .maxMegabytes) ?? d.maxMegabytes
        types = try c.decodeIfPresent([String].self, forKey: .types)?.map { $0.lowercased() } ?? d.types
    }

    enum CodingKeys: String, CodingKey { case maxFiles, maxMegabytes, types }

    /// How each kind begins and how it is served back. Kinds not listed here cannot be allowed:
    /// the server would have no way to tell them from anything else.
    static let kinds: [String: (magic: [UInt8], contentType: String)] = [
        "pdf": ([0x25, 0x50, 0x44, 0x46], "application/pdf"),
        "docx": ([0x50, 0x4B, 0x03, 0x04], "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "xlsx": ([0x50, 0x4B, 0x03, 0x04], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "ofd": ([0x50, 0x4B, 0x03, 0x04], "application/ofd"),
        "zip": ([0x50, 0x4B, 0x03, 0x04], "application/zip"),
        "doc": ([0xD0, 0xCF, 0x11, 0xE0], "application/msword"),
        "xls": ([0xD0, 0xCF, 0x11, 0xE0], "application/vnd.ms-excel"),
        "jpg": ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        "jpeg": ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        "png": ([0x89, 0x50, 0x4E, 0x47], "image/png"),
    ]

    /// The files ready to store, or a refusal naming the first file that is not acceptable.
    func check(_ files: [FeedbackFile]) throws -> [UploadedFile] {
        guard files.count <= maxFiles else { throw Rectification.Refusal("附件最多 \(maxFiles) 个，本次提交了 \(files.count) 个", invalid: true) }
        return try files.map { f in
            let name = Self.safeName(f.name)
            let ext = (name as NSString).pathExtension.lowercased()
            let allowed = types.filter { Self.kinds[$0] != nil }
            guard allowed.contains(ext), let kind = Self.kinds[ext] else {
                throw Rectification.Refusal("附件“\(name)”的类型不允许（允许：\(allowed.joined(separator: "、"))）", invalid: true)
            }
            guard !f.data.isEmpty else { throw Rectification.Refusal("附件“\(name)”是空文件", invalid: true) }
            guard Double(f.data.count) <= maxMegabytes * 1_048_576 else {
                throw Rectification.Refusal("附件“\(name)”超过 \(Self.megabytes(maxMegabytes)) MB（\(Self.megabytes(Double(f.data.count) / 1_048_576)) MB）",
                                            invalid: true)
            }
            guard f.data.starts(with: kind.magic) else {
                throw Rectification.Refusal("附件“\(name)”的内容不是 \(ext.uppercased()) 文件（扩展名与内容不符）", invalid: true)
            }
            return UploadedFile(name: name, contentType: kind.contentType, data: f.data)
        }
    }

    /// The file's own name: no folders (browsers on Windows send them), no control characters,
    /// at most 100 characters.
    static func safeName(_ raw: String) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != "\"" }.map(Character.init))
        let name = clean.trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? "附件" : String(name.suffix(100))
    }

    static func megabytes(_ v: Double) -> String { String(format: v < 10 ? "%.1f" : "%.0f", v) }
}
