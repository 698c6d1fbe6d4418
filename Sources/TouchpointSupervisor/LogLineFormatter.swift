import Glibc
import TouchpointCore
import TouchpointJSON

/// Writes one line of touchpoint's log, a stage's or its own, in the `LogFormat` chosen.
///
/// A Touchpoint program writes `<program>: <severity>: <message>` (STYLE C6). The line is not given its program's
/// name twice: `normalize: note: counts: …` of stage `normalize` is logged as `normalize: note: counts: …`, and the
/// same line of the fourth stage of a pipeline that names score twice as `score#4: note: …`. Anything else a
/// process writes (another program's `name: error: …`, a runtime's crash report) keeps all its text after the
/// label. The severity word, first or after such a name, gives the level (`error`, `warning`; anything else is
/// `info`) for the journal's priority and JSON's `level`; JSON's `message` is the text after the stage's own
/// `<program>: <severity>: `.
///
/// Text and journal lines carry the stage's bytes as they are. JSON escapes them: control characters as `\u00XX`,
/// bytes that are not UTF-8 as U+FFFD, with the exact bytes in `message_base64` beside (as dead letters keep
/// `input_base64`), so any line a stage writes becomes one valid JSON object and nothing is lost.
package struct LogLineFormatter: Sendable {
    package let format: LogFormat

    package init(format: LogFormat) { self.format = format }

    /// Where lines come from, with everything the formatter needs about it prepared once.
    package struct Origin: Sendable {
        /// The label in the log (`normalize`, `score#4`, `touchpoint`).
        let label: [UInt8]
        /// The label as a quoted JSON string.
        let quotedLabel: [UInt8]
        /// `normalize: `: how the process's own diagnostics begin.
        let programPrefix: [UInt8]
        let pid: Int32

        package init(label: String, program: String, pid: Int32) {
            self.label = Array(label.utf8)
            var quoted: [UInt8] = []
            JSONEscapes.appendQuoted(label, to: &quoted)
            quotedLabel = quoted
            programPrefix = Array("\(program): ".utf8)
            self.pid = pid
        }
    }

    /// A line's severity, as the log names it.
    enum Level: String {
        case error, warning, info

        /// syslog(3)'s priority: LOG_ERR, LOG_WARNING, LOG_INFO.
        var priority: UInt8 {
            switch self {
            case .error: 3
            case .warning: 4
            case .info: 6
            }
        }
    }

    private static let severityWords: [(word: [UInt8], level: Level)] = [
        (Array("error: ".utf8), .error), (Array("warning: ".utf8), .warning), (Array("note: ".utf8), .info),
    ]

    /// The level of a line that starts with a severity word, and the word's length with its `: `.
    private static func severity(at text: Slice<UnsafeBufferPointer<UInt8>>) -> (level: Level, length: Int)? {
        severityWords.first { text.starts(with: $0.word) }.map { ($0.level, $0.word.count) }
    }

    /// Where a leading `name: ` ends (the index of its colon), for a name of at most 64 bytes without blanks.
    private static func programNameEnd(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        for index in text.indices.prefix(65) {
            switch text[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): return nil
            case UInt8(ascii: ":"):
                let next = index + 1
                return index > text.startIndex && next < text.endIndex && text[next] == UInt8(ascii: " ") ? index : nil
            default: continue
            }
        }
        return nil
    }

    /// Appends `line` (without its newline) from `origin`, read at `time`, with a newline.
    package func append(
        _ line: UnsafeRawBufferPointer, from origin: Origin, at time: Timestamp, to output: inout [UInt8]
    ) {
        let bytes = line.bindMemory(to: UInt8.self)
        var rest = bytes[...]
        if rest.starts(with: origin.programPrefix) { rest = rest.dropFirst(origin.programPrefix.count) }
        var level = Level.info
        var message = rest
        if let severity = Self.severity(at: rest) {
            level = severity.level
            message = rest.dropFirst(severity.length)
        } else if let colon = Self.programNameEnd(rest), let severity = Self.severity(at: rest[(colon + 2)...]) {
            // Another program's diagnostic (a tool the stage ran, a program named otherwise than its file): the
            // level is its severity, and the message keeps the name.
            level = severity.level
        }
        switch format {
        case .text:
            time.appendRFC3339(to: &output)
            output.append(UInt8(ascii: " "))
            appendLabeled(UnsafeBufferPointer(rebasing: rest), origin: origin, to: &output)
        case .journal:
            output.append(UInt8(ascii: "<"))
            output.append(UInt8(ascii: "0") + level.priority)
            output.append(UInt8(ascii: ">"))
            appendLabeled(UnsafeBufferPointer(rebasing: rest), origin: origin, to: &output)
        case .json:
            appendJSON(UnsafeBufferPointer(rebasing: message), level: level, origin: origin, time: time, to: &output)
        }
        output.append(0x0A)
    }

    private func appendLabeled(_ text: UnsafeBufferPointer<UInt8>, origin: Origin, to output: inout [UInt8]) {
        output.append(contentsOf: origin.label)
        output.append(UInt8(ascii: ":"))
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: text)
    }

    /// `{"time":"…","stage":"…","pid":N,"level":"…","message":"…"}`, plus `"message_base64"` when the message is
    /// not UTF-8.
    private func appendJSON(
        _ message: UnsafeBufferPointer<UInt8>, level: Level, origin: Origin, time: Timestamp, to output: inout [UInt8]
    ) {
        JSONWriter.append(raw: #"{"time":""#, to: &output)
        time.appendRFC3339(to: &output)
        JSONWriter.append(raw: #"","stage":"#, to: &output)
        output.append(contentsOf: origin.quotedLabel)
        JSONWriter.append(raw: #","pid":"#, to: &output)
        JSONWriter.write(Int(origin.pid), into: &output)
        JSONWriter.append(raw: #","level":""#, to: &output)
        output.append(contentsOf: level.rawValue.utf8)
        JSONWriter.append(raw: #"","message":"#, to: &output)
        if JSONEscapes.appendQuoted(replacingInvalidUTF8: message, to: &output) {
            JSONWriter.append(raw: #","message_base64":""#, to: &output)
            output.append(contentsOf: Base64.encode(message).utf8)
            output.append(UInt8(ascii: "\""))
        }
        output.append(UInt8(ascii: "}"))
    }
}
