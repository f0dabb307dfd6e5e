import Foundation
import GovLensDocuments
import GovLensScoring
import Mustache

/// The 通报's text as a Mustache template the office can edit (`Templates/notice.mustache` is the
/// shipped one): each rendered line starts with a paragraph mark (【正文】, 【一级标题】 …) that
/// says how it is set; the data (`NoticeData`) gives the numbers and names. A template that names
/// a placeholder the data does not have is refused with the line, never rendered with a hole.
public struct NoticeTemplate: Sendable {
    /// The marks a line may start with.
    static let marks = ["【发文字号】", "【标题】", "【顶格】", "【正文】", "【一级标题】", "【二级标题】", "【右对齐】", "【居中】", "【分页】"]

    /// The block a marked line becomes.
    static func block(_ mark: String, _ text: String) -> DOCXDocument.Block {
        switch mark {
        case "【标题】": .title(text)
        case "【顶格】": .plain(text)
        case "【正文】": .paragraph(text)
        case "【一级标题】": .heading1(text)
        case "【二级标题】": .heading2(text)
        case "【右对齐】": .right(text)
        case "【分页】": .pageBreak
        default: .centered(text)
        }
    }

    let template: MustacheTemplate
    /// Where it was read, for messages.
    public let file: String

    /// The shipped template's text.
    public static var shippedText: String {
        let url = Bundle.module.url(forResource: "notice", withExtension: "mustache", subdirectory: "Templates")!
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// The shipped template.
    public static let shipped: NoticeTemplate = try! NoticeTemplate(text: shippedText, file: "notice.mustache")

    /// Reads a template file; errors name the file and line.
    public static func load(_ path: String) throws -> NoticeTemplate {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ScoringError("无法读取通报模板 \(path)：文件不存在、没有读取权限或不是 UTF-8 文本")
        }
        return try NoticeTemplate(text: text, file: path)
    }

    /// A template from its text: every placeholder must be one `NoticeData` gives, and every line
    /// that prints text must start with a paragraph mark.
    public init(text: String, file: String) throws {
        self.file = file
        let tag = try! NSRegularExpression(pattern: #"\{\{\s*([#^/&{]?)\s*([^}!%\s]+)\s*\}?\}\}"#)
        var inComment = false
        for (n, line) in text.components(separatedBy: "\n").enumerated() {
            // Comments may span lines: skip until they close.
            if inComment { inComment = !line.contains("}}"); continue }
            if line.contains("{{!") { inComment = !line.contains("}}"); continue }
            let ns = line as NSString
            for m in tag.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
                let name = ns.substring(with: m.range(at: 2))
                guard name == "." || NoticeData.names.contains(name) else {
                    throw ScoringError("通报模板 \(file) 第\(n + 1)行：未知的占位符“\(name)”（可用的占位符见 docs/NOTICE-TEMPLATE.md）")
                }
            }
            let text = tag.stringByReplacingMatches(in: line, range: NSRange(location: 0, length: ns.length), withTemplate: "")
                .trimmingCharacters(in: .whitespaces)
            if !text.isEmpty, !Self.marks.contains(where: text.hasPrefix) {
                throw ScoringError("通报模板 \(file) 第\(n + 1)行：文字前缺少段落标记（如【正文】、【一级标题】），无法确定版式")
            }
        }
        do { template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text) } catch {
            throw ScoringError("通报模板 \(file) 格式错误（\(error)）：请检查 {{#…}} 与 {{/…}} 是否成对")
        }
    }

    /// The notice's blocks for `data`: one block per rendered line that starts with a mark.
    public func blocks(_ data: [String: Any]) -> [DOCXDocument.Block] {
        template.render(data).components(separatedBy: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard let mark = Self.marks.first(where: text.hasPrefix) else { return nil }
            return Self.block(mark, String(text.dropFirst(mark.count)))
        }
    }
}
