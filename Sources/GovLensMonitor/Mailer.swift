import AsyncHTTPClient
import Foundation
import GovLensCore
import GovLensStore
import NIOCore

/// The mail server reminders go through.
public struct SMTPSettings: Decodable, Sendable {
    public var host: String
    public var port: Int?
    /// The sender address (From and envelope).
    public var from: String
    public var username: String?
    public var password: String?
    /// Require TLS (STARTTLS on 25/587, implicit on 465).
    public var tls: Bool?

    public init(host: String, port: Int? = nil, from: String, username: String? = nil, password: String? = nil, tls: Bool? = nil) {
        self.host = host; self.port = port; self.from = from; self.username = username; self.password = password; self.tls = tls
    }
}

/// Sends mail through the configured SMTP server with curl, which speaks SMTP, STARTTLS and
/// AUTH; the message is plain UTF-8 text, base64-encoded, with an RFC 2047 subject.
struct Mailer: Sendable {
    let settings: SMTPSettings

    func send(to: String, subject: String, body: String) async throws {
        let recipients = to.split(whereSeparator: { ";；,，".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        let port = settings.port ?? 25
        let scheme = port == 465 ? "smtps" : "smtp"
        var args = ["-sS", "--max-time", "60", "--url", "\(scheme)://\(settings.host):\(port)", "--mail-from", settings.from]
        for r in recipients { args += ["--mail-rcpt", r] }
        if settings.tls == true, scheme == "smtp" { args.append("--ssl-reqd") }
        // The password goes through a private config file, not the command line (which `ps` shows).
        var config: URL?
        if let u = settings.username {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("govlens-smtp-\(UUID().uuidString)")
            let quoted = "\(u):\(settings.password ?? "")".replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            FileManager.default.createFile(atPath: file.path, contents: Data("user = \"\(quoted)\"\n".utf8), attributes: [.posixPermissions: 0o600])
            args += ["--config", file.path]
            config = file
        }
        defer { if let config { try? FileManager.default.removeItem(at: config) } }
        args += ["--upload-file", "-"]
        let message = Self.message(from: settings.from, to: recipients, subject: subject, body: body)
        try await Self.curl(args, input: Data(message.utf8))
    }

    static func message(from: String, to: [String], subject: String, body: String) -> String {
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let text = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return ["From: \(from)", "To: \(to.joined(separator: ", "))", "Subject: \(encodedSubject)", "Date: \(date.string(from: Date()))",
                "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "", text, ""]
            .joined(separator: "\r\n")
    }

    static func curl(_ args: [String], input: Data) async throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = args
        let stdin = Pipe(), stderr = Pipe()
        p.standardInput = stdin
        p.standardError = stderr
        p.standardOutput = FileHandle.nullDevice
        do { try p.run() } catch { throw StoreError("无法运行 curl 发送邮件（apt-get install curl）") }
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { p.waitUntilExit(); c.resume() }
        }
        guard p.terminationStatus == 0 else {
            let why = String(decoding: err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw StoreError("邮件发送失败：\(why.isEmpty ? "curl 退出码 \(p.terminationStatus)" : why)")
        }
    }
}

/// Posts a reminder to the office chat robot's webhook.
struct Webhook: Sendable {
    let url: String

    func post(title: String, body: String) async throws {
        struct Text: Encodable { var content: String }
        struct Message: Encodable { var msgtype = "text"; var text: Text }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(Message(text: Text(content: "【\(title)】\n\(body)")))))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        let answer = try await response.body.collect(upTo: 1 << 16)
        guard (200..<300).contains(response.status.code) else { throw StoreError("webhook 返回 \(response.status.code)") }
        // The robots answer 200 with {"errcode": N, "errmsg": …} when they refuse a message.
        struct Answer: Decodable { var errcode: Int?; var errmsg: String? }
        if let a = try? JSONDecoder().decode(Answer.self, from: Data(buffer: answer)), let code = a.errcode, code != 0 {
            throw StoreError("webhook 拒收：\(a.errmsg ?? "错误码 \(code)")")
        }
    }
}
