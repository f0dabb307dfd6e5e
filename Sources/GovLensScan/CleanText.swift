import Foundation
import GovLensHTML

/// Text read as scans read it, for measuring false alarms on clean text.
public enum CleanText {
    /// One line per text block: HTML pages through the page parser (charset sniffing, libxml2),
    /// anything else as UTF-8. Nil when the file cannot be read.
    public static func lines(_ url: URL) -> [String]? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        let text = url.pathExtension.hasPrefix("htm") ? HTMLParser.parse(data).page.text : String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n").map(String.init)
    }
}
