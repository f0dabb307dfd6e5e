import Foundation
import GovLensHTML
import GovLensText

/// The formats whose text govlens checks.
public enum DocumentKind: String, Sendable, Codable {
    case pdf, docx, xlsx, doc, xls, html, text
}

/// Why a document's text could not be checked. The document is then reported as "not checked",
/// never as clean.
public enum DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLarge(bytes: Int, limit: Int)
    case encrypted
    case imageOnly
    case unsupported(String)
    case malformed(String)
    case archiveTooLarge(limit: Int)
    case timeout(seconds: Double)
    case toolMissing(String)
    case empty

    /// Chinese, for the report and the editor.
    public var description: String {
        switch self {
        case let .tooLarge(bytes, limit): "未检查：文件 \(bytes / 1_048_576) MB，超过 \(limit / 1_048_576) MB 上限"
        case .encrypted: "未检查：文件已加密"
        case .imageOnly: "未检查：文件没有文字层（可能是扫描图片），需人工或 OCR 检查"
        case let .unsupported(what): what.isEmpty ? "未检查：无法识别的文件格式（支持 UTF-8/GBK 文本、HTML、DOCX、XLSX、PDF、DOC、XLS）"
            : "未检查：不支持的格式（\(what)）"
        case .empty: "未检查：文件是空的，没有可检查的文字"
        case let .malformed(what): "未检查：文件已损坏或格式错误（\(what)）"
        case let .archiveTooLarge(limit): "未检查：解压后超过 \(limit / 1_048_576) MB（疑似压缩炸弹）"
        case let .timeout(seconds): "未检查：提取文字超过 \(Int(seconds)) 秒未完成"
        case let .toolMissing(tool): "未检查：缺少工具 \(tool)（请运行 scripts/install-deps）"
        }
    }

    /// A short machine-readable class for JSON and the store.
    public var code: String {
        switch self {
        case .tooLarge: "too-large"
        case .encrypted: "encrypted"
        case .imageOnly: "image-only"
        case .unsupported: "unsupported"
        case .malformed: "malformed"
        case .archiveTooLarge: "zip-bomb"
        case .timeout: "timeout"
        case .toolMissing: "tool-missing"
        case .empty: "empty"
        }
    }
}

/// The plain text of a document and the format it was read as.
public struct ExtractedText: Sendable {
    public var kind: DocumentKind
    public var text: String
    /// Invalid byte sequences replaced while decoding a text file (the rest was still read).
    public var decodeErrors = 0
}

/// Turns the bytes of an attachment or a file into plain text. External tools (pdftotext, catdoc,
/// xls2csv) run with a time limit on a temporary file; ZIP-based formats are read with limits on
/// the uncompressed size.
public struct DocumentExtractor: Sendable {
    public var maxBytes = 20 << 20
    public var maxUncompressedBytes = 100 << 20
    public var timeout = 30.0

    /// Default limits: 20 MB input, 100 MB uncompressed for ZIP formats, 30 s per external tool.
    public init() {}

    /// The format, from the bytes first (magic numbers), then the file name, then the content type.
    public static func kind(of data: Data, name: String?, contentType: String?) -> DocumentKind? {
        let head = [UInt8](data.prefix(8))
        let ext = name.map { URL(fileURLWithPath: $0).pathExtension.lowercased() } ?? ""
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if ext == "xlsx" || contentType?.contains("spreadsheet") == true { return .xlsx }
            if ext == "docx" || contentType?.contains("wordprocessing") == true { return .docx }
            return OOXMLReader.guessKind(data)
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return ext == "xls" || ext == "et" || contentType?.contains("excel") == true ? .xls : .doc
        }
        switch ext {
        case "pdf": return .pdf
        case "docx": return .docx
        case "xlsx": return .xlsx
        case "doc", "wps": return .doc
        case "xls", "et": return .xls
        case "html", "htm", "shtml", "xhtml": return .html
        case "txt", "text", "csv", "tsv", "md": return .text
        default: break
        }
        if let ct = contentType?.lowercased() {
            if ct.contains("html") { return .html }
            if ct.hasPrefix("text/") { return .text }
        }
        if ext.isEmpty, !head.contains(0) {
            let start = String(decoding: data.prefix(512), as: UTF8.self).lowercased()
            return start.contains("<html") || start.contains("<!doctype html") ? .html : .text
        }
        return nil
    }

    /// Detects the format and returns the document's text; throws `DocumentError` when it cannot be
    /// checked (too large, encrypted, image-only, unsupported, malformed, tool missing or too slow).
    public func extract(_ data: Data, name: String?, contentType: String? = nil) async throws(DocumentError) -> ExtractedText {
        guard data.count <= maxBytes else { throw .tooLarge(bytes: data.count, limit: maxBytes) }
        guard let kind = DocumentExtractor.kind(of: data, name: name, contentType: contentType) else {
            throw .unsupported(name.map { URL(fileURLWithPath: $0).pathExtension } ?? contentType ?? "未知")
        }
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        if kind == .doc || kind == .xls, !data.prefix(8).elementsEqual(ole) {
            throw .malformed("不是有效的 \(kind.rawValue.uppercased()) 文件（缺少 OLE 文件头）")
        }
        let text: String
        var decodeErrors = 0
        switch kind {
        case .pdf: text = try await ExternalTool.pdfText(data, timeout: timeout)
        case .docx:
            var reader = try OOXMLReader(data, maxUncompressed: maxUncompressedBytes)
            text = try reader.documentText()
        case .xlsx:
            var reader = try OOXMLReader(data, maxUncompressed: maxUncompressedBytes)
            text = try reader.workbookText()
        case .doc: text = try await ExternalTool.run("catdoc", ["-w", "-d", "utf-8"], input: data, timeout: timeout)
        case .xls: text = try await ExternalTool.run("xls2csv", ["-d", "utf-8", "-q", "0"], input: data, timeout: timeout)
        case .html: text = HTMLParser.parse(data, contentType: contentType).page.text
        case .text:
            guard !data.prefix(4096).contains(0) else { throw .malformed("二进制内容，不是文本") }
            let decoded = Charset.decode(data, contentType: contentType)
            text = decoded.text
            decodeErrors = decoded.decision.decodeErrors
        }
        if (kind == .pdf || kind == .doc) && text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0 == "\u{0C}" }) {
            throw .imageOnly
        }
        return ExtractedText(kind: kind, text: text, decodeErrors: decodeErrors)
    }
}
