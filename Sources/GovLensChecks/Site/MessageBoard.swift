import Foundation
import GovLensCore
import GovLensHTML
import GovLensText

/// One 留言 as its detail page (or its row in the board's list, or its JSON record) shows it. Kept
/// small: a board of thousands of messages is held as thousands of these, never as pages.
public struct BoardMessage: Sendable, Hashable {
    public var url: String
    public var subject: String
    public var asked: SimpleDate?
    public var replied: SimpleDate?
    public var replier: String?
    /// The printed state (已回复, 办理中 …), if any.
    public var state: String?
    /// Whether a reply is shown (a reply date, text, or an answered state).
    public var answered: Bool
    /// The reply's first characters, for the evidence of an empty reply (nil: no reply text).
    public var replyExcerpt: String?
    /// Characters of the reply once template phrases, punctuation and the question's words are out.
    public var substantiveCharacters: Int?

    /// Calendar days from asking to the reply.
    public var replyDays: Int? {
        guard let asked, let replied else { return nil }
        return replied.dayNumber - asked.dayNumber
    }
}

/// Reads 留言 from pages: a detail page prints labelled fields (`留言时间：2023-01-05`, or a table
/// whose cell `回复时间` is followed by the date's cell). Labels are data (`interaction.yaml`).
public struct MessageReader: Sendable {
    public let rules: InteractionRules.Boards

    public init(rules: InteractionRules.Boards) { self.rules = rules }

    /// The message a page shows, or nil when it prints no 留言时间 together with a reply or state field.
    public func message(url: String, title: String?, text: String) -> BoardMessage? {
        // Every crawled page comes here: a byte search rules out the pages that are no message.
        guard rules.labels.asked.contains(where: { UTF8Search.contains(text, $0) }) else { return nil }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return message(url: url, title: title, fields: Self.fields(lines, labels: rules.labels))
    }

    /// The message of one record of a board's JSON endpoint (`{"title": …, "createTime": …, "replyTime": …}`).
    public func message(record: [String: Any], url: String) -> BoardMessage? {
        var lower: [String: Any] = [:]
        for (k, v) in record { lower[k.lowercased()] = v }
        func value(_ keys: [String]) -> String? {
            for k in keys {
                switch lower[k.lowercased()] {
                case let s as String where !s.isEmpty: return s
                case let n as NSNumber: return n.stringValue
                default: continue
                }
            }
            return nil
        }
        let k = rules.jsonKeys
        var fields: [String: String] = [:]
        for (key, names) in [("subject", k.subject), ("asked", k.asked), ("replied", k.replied), ("replier", k.replier),
                             ("reply", k.reply), ("state", k.state)] {
            fields[key] = value(names)
        }
        // Times given as milliseconds since 1970 (Java CMSs).
        for key in ["asked", "replied"] {
            if let v = fields[key], let ms = Double(v), ms > 1e11 {
                fields[key] = SimpleDate(dayNumber: Int((ms / 1000 + 8 * 3600) / 86400)).description
            }
        }
        let target = value(rules.jsonURLKeys) ?? url
        return message(url: target, title: nil, fields: fields)
    }

    func message(url: String, title: String?, fields: [String: String]) -> BoardMessage? {
        guard let askedText = fields["asked"], let asked = ChineseDate.parse(askedText),
              fields["replied"] != nil || fields["reply"] != nil || fields["state"] != nil || fields["replier"] != nil else { return nil }
        var subject = fields["subject"] ?? title ?? ""
        subject = String(subject.prefix(60))
        let replied = fields["replied"].flatMap(ChineseDate.parse)
        let reply = fields["reply"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let state = fields["state"].map { String($0.prefix(12)) }
        // A state code (`1`) says nothing a reader can check: then the reply's date or text decides.
        let stateAnswered = state.flatMap { s in
            s.unicodeScalars.contains { $0.value >= 0x4E00 } ? rules.answeredStates.contains(where: s.contains) : nil
        }
        let answered = stateAnswered ?? (replied != nil || reply != nil)
        // What a citizen wrote may carry a telephone or ID number: it is masked before it can reach
        // any finding, report or page.
        return BoardMessage(url: url, subject: Masking.longDigitRuns(subject), asked: asked, replied: answered ? replied : nil,
                            replier: fields["replier"].map { String($0.prefix(30)) }, state: state, answered: answered,
                            replyExcerpt: reply.map { String(Masking.longDigitRuns($0).prefix(60)) },
                            substantiveCharacters: reply.map { substantive($0, question: subject) })
    }

    /// Characters of `reply` that are neither template phrases, punctuation, nor the question repeated.
    public func substantive(_ reply: String, question: String) -> Int {
        var text = reply
        for p in rules.emptyReplyPhrases { text = text.replacingOccurrences(of: p, with: "") }
        if question.count >= 4 { text = text.replacingOccurrences(of: question, with: "") }
        return text.unicodeScalars.count { $0.properties.isAlphabetic || ($0.value >= 0x30 && $0.value <= 0x39) }
    }

    /// Label → value: the text after the label on its line, else the next line (a table's next cell).
    /// The longest label wins on a line (`回复时间` before `时间`-like shorter ones); the reply runs on
    /// over following lines until the next label.
    static func fields(_ lines: [String], labels: InteractionRules.Boards.Labels) -> [String: String] {
        let sets: [(String, [String])] = [("subject", labels.subject), ("asked", labels.asked), ("replied", labels.replied),
                                          ("replier", labels.replier), ("reply", labels.reply), ("state", labels.state)]
        let all = labels.all
        var out: [String: String] = [:]
        for (i, line) in lines.enumerated() {
            var best: (key: String, label: String, at: String.Index)?
            for (key, names) in sets where out[key] == nil {
                for name in names {
                    guard let r = line.range(of: name), best.map({ name.count > $0.label.count }) ?? true else { continue }
                    // A label starts its line or its cell, not the middle of a sentence.
                    guard line.distance(from: line.startIndex, to: r.lowerBound) <= 2 else { continue }
                    best = (key, name, r.upperBound)
                }
            }
            guard let best else { continue }
            var value = String(line[best.at...]).trimmingCharacters(in: CharacterSet(charactersIn: "：:　 \t"))
            var next = i + 1
            if value.isEmpty, next < lines.count, !all.contains(where: { lines[next].hasPrefix($0) }) {
                value = lines[next]; next += 1
            }
            if best.key == "reply" {
                while next < lines.count, value.count < 400, !all.contains(where: { lines[next].hasPrefix($0) }) {
                    value += lines[next]; next += 1
                }
            }
            out[best.key] = value
        }
        return out
    }
}
