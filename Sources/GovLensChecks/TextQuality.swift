import Foundation
import GovLensCore
import GovLensHTML
import GovLensText

/// Measures the text checks against clean government pages, where every alarm is a false one.
/// (Sentence pairs are scored by `SpellEvaluation.score` with `TextInspector.typoCorrections`.)
public enum TextQuality {
    /// Every text.* and privacy.* alarm on a clean page, checked as a scan checks it (with the
    /// page's own date): all are false alarms unless a person confirms otherwise.
    public static func alarms(onPage html: Data, name: String, inspector: TextInspector) -> (characters: Int, findings: [Finding]) {
        let page = HTMLParser.parse(html).page
        return (page.text.unicodeScalars.count, inspector.inspect(page.text, page: name, date: page.publicationDate))
    }
}
