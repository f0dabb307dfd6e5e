import Foundation

/// System and decoding errors in one Chinese sentence, for messages that name a file: never
/// "The operation could not be completed" or "NSCocoaErrorDomain error 256".
public enum ErrorText {
    /// `error` as one Chinese phrase, for a message that already names the file.
    public static func chinese(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let ctx):
            return "缺少 \(path(ctx.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            return "\(path(ctx.codingPath)) 的值类型不对"
        case DecodingError.dataCorrupted(let ctx):
            if let underlying = ctx.underlyingError { return syntax(String(describing: underlying)) }
            return ctx.codingPath.isEmpty ? syntax(ctx.debugDescription) : "\(path(ctx.codingPath)) 的值不合法（\(ctx.debugDescription)）"
        case let e as CocoaError:
            switch e.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "文件不存在"
            case .fileReadNoPermission, .fileWriteNoPermission: return "没有读写权限"
            case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "文件不是 UTF-8 文本或已损坏"
            case .fileWriteOutOfSpace: return "磁盘空间不足"
            default: return "文件读写失败（错误码 \(e.code.rawValue)）"
            }
        case let e as POSIXError:
            return "系统错误（\(e.code.rawValue)）"
        default:
            let text = String(describing: error)
            return text.contains("NSCocoaErrorDomain") || text.contains("NSPOSIXErrorDomain") ? "文件读写失败" : text
        }
    }

    /// `items.第3项.max`.
    public static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "文件顶层" : keys.map { $0.intValue.map { "第\($0 + 1)项" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// A parser message with its line and column (`2:1: error: …`, `line 2, column 1`).
    static func syntax(_ text: String) -> String {
        let patterns = [#"(\d+):(\d+): error"#, #"line (\d+), column (\d+)"#]
        for p in patterns {
            if let r = text.range(of: p, options: .regularExpression) {
                let numbers = text[r].split { !$0.isNumber }.compactMap { Int($0) }
                if numbers.count >= 2 { return "第\(numbers[0])行第\(numbers[1])列附近有语法错误（YAML/JSON 格式不对）" }
            }
        }
        return "格式不对（不是有效的 YAML/JSON）"
    }
}
