import GovLensChecks
import GovLensCore
import GovLensCrawl
import GovLensDocuments
import GovLensText

/// The site's attachments (PDF, DOCX, XLSX, DOC, XLS) go through the same text checks as pages.
/// Findings name the attachment URL as `page` and the page that links it as `linkedFrom`. A file
/// whose text could not be read is recorded as not checked, with the reason.
public enum AttachmentStep {
    /// Extracts the attachment's text and runs the text checks on it, or records why it was not checked.
    /// Also returns the text (nil when not read), which the 年报 step looks at.
    public static func check(_ a: FetchedAttachment, extractor: DocumentExtractor, inspector: TextInspector) async
        -> (AttachmentRecord, [Finding], String?)
    {
        let name = a.url.split(separator: "?").first.map(String.init)
        guard let body = a.fetch.body else {
            let reason = a.fetch.failure == .tooLarge || (a.fetch.contentLength ?? 0) > a.limit
                ? DocumentError.tooLarge(bytes: a.fetch.contentLength ?? a.limit + 1, limit: a.limit)
                : DocumentError.malformed("下载失败：\(a.fetch.failureMessage ?? a.fetch.statusText)")
            return (notChecked(a, reason, format: nil), [], nil)
        }
        do {
            let extracted = try await extractor.extract(body, name: name, contentType: a.fetch.contentType)
            // The date of the page that links the file stands for the file's date.
            let findings = inspector.inspect(extracted.text, page: a.url, date: a.linkedFromDate, linkedFrom: a.linkedFrom)
            return (AttachmentRecord(url: a.url, linkedFrom: a.linkedFrom, format: extracted.kind.rawValue, checked: true,
                                     characters: extracted.text.unicodeScalars.count), findings, extracted.text)
        } catch {
            let format = DocumentExtractor.kind(of: body, name: name, contentType: a.fetch.contentType)
            return (notChecked(a, error, format: format), [], nil)
        }
    }

    static func notChecked(_ a: FetchedAttachment, _ e: DocumentError, format: DocumentKind?) -> AttachmentRecord {
        AttachmentRecord(url: a.url, linkedFrom: a.linkedFrom, format: format?.rawValue, checked: false, characters: 0,
                         problem: e.code, reason: e.description)
    }
}
