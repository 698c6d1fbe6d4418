import TouchpointCore
import TouchpointJSON

/// Syslog lines: RFC 3164 (BSD syslog, and the files rsyslog and syslog-ng write) and RFC 5424.
///
/// RFC 3164 grammar: `[<PRI>]TIMESTAMP HOST TAG[PID]: MESSAGE`, where the PRI is absent in files (rsyslog's
/// `RSYSLOG_TraditionalFileFormat` and journald forwarding write `Dec  2 10:24:23 vm sshd[12570]: Accepted …`) and
/// TIMESTAMP is either `Mmm dd hh:mm:ss` (day padded with a space, optional fraction of a second) or RFC 3339, as
/// rsyslog writes by default on Debian (`2026-12-02T10:24:23.744628+00:00 vm sshd[12570]: …`). The tag is the
/// word after the host when it ends in `:` (`kernel:`, `CRON[12572]:`, `postfix/smtpd[9]:`); `[PID]` is optional.
/// One space after the colon is dropped, the rest of the line is the message as written (rsyslog's `#011` for a
/// tab stays `#011`). A line whose word after the host is not a tag (`Dec  2 10:24:23 vm shop escaped sd`) has
/// `app` null and that word starts the message.
///
/// RFC 3164 timestamps have no year and no zone: `timestamp` keeps the text as written and no year is added here.
/// Choosing one is normalize's job (its year rule), where the record's `received` time and the source's settings
/// are known.
///
/// RFC 5424 grammar: `<PRI>VERSION TIMESTAMP HOST APP PROCID MSGID STRUCTURED-DATA [MESSAGE]`, fields separated by
/// one space, each header field `-` (NILVALUE) for null. STRUCTURED-DATA is `-` or elements
/// `[SD-ID name="value" …]`; inside a value `\"`, `\\` and `\]` stand for `"`, `\` and `]` (any other backslash is
/// kept, as the RFC says). A UTF-8 byte order mark at the start of MESSAGE is dropped; a message that is absent is
/// null, an empty one `""`.
///
/// `data` always has the same members, in this order: `rfc` (3164 or 5424), `facility` and `severity` (the PRI's
/// numbers, `PRI / 8` and `PRI % 8`, null without a PRI: 0 kern, 1 user, 3 daemon, 4 auth, 9 cron, 10 authpriv,
/// 16–23 local0–local7; severity 0 emerg … 3 err, 4 warning, 5 notice, 6 info, 7 debug), `timestamp` as written,
/// `host`, `app`, `procid`, `msgid` (strings or null), `structured_data` (null, or an object with one object per
/// SD-ID mapping each name to its value; a name repeated inside one element maps to an array of its values in
/// order) and `message`. RFC 3164 lines have `msgid` and `structured_data` null.
///
/// Option: `rfc=3164|5424|auto` (default `auto`: a line is RFC 5424 when a version number and a space follow its
/// PRI, RFC 3164 otherwise). With `rfc=5424`, a line without a PRI is a dead letter.
///
/// Dead letters, reason `malformed_input`: a PRI that is not `<0>`–`<191>`; no timestamp where one must be; a
/// missing header field; structured data that is not well formed (an element not closed, a value without quotes),
/// or an SD-ID given twice. `invalid_utf8`: a line that is not UTF-8 (RFC 5424 allows other bytes in the message;
/// JSON cannot carry them).
///
/// Example: `<38>Dec  2 10:24:52 vm sshd[13420]: Accepted publickey for anna` gives
/// `"data":{"rfc":3164,"facility":4,"severity":6,"timestamp":"Dec  2 10:24:52","host":"vm","app":"sshd",
/// "procid":"13420","msgid":null,"structured_data":null,"message":"Accepted publickey for anna"}`, and
/// `<131>1 2026-12-02T10:24:52.196358+00:00 vm checkout 13422 ORDER [order@32473 id="O-555"] payment failed` gives
/// `"data":{"rfc":5424,"facility":16,"severity":3,"timestamp":"2026-12-02T10:24:52.196358+00:00","host":"vm",
/// "app":"checkout","procid":"13422","msgid":"ORDER","structured_data":{"order@32473":{"id":"O-555"}},
/// "message":"payment failed"}`.
package struct SyslogFormat: RecordFormat {
    package static let name = "syslog"
    package static let summary =
        "syslog, RFC 3164 (BSD, rsyslog files) or RFC 5424; data has the header, structured data and message"
    package static let extensions = ["syslog"]
    package static let options = [
        FormatOption(
            "rfc", value: "3164|5424|auto", help: "the lines' protocol (default auto: 5424 when <PRI> has a version)")
    ]
    package static let detectionVariants = [
        FormatVariant(label: "syslog (RFC 3164)", options: [FormatOptionAssignment(name: "rfc", value: "3164")]),
        FormatVariant(label: "syslog (RFC 5424)", options: [FormatOptionAssignment(name: "rfc", value: "5424")]),
    ]

    private enum ProtocolChoice {
        case rfc3164
        case rfc5424
        case automatic
    }

    private let protocolChoice: ProtocolChoice
    /// Structured data of the line being decoded: elements, their parameters, and unescaped values.
    private var elementIDs: [Range<Int>] = []
    private var elementParameterEnds: [Int] = []
    private var parameterNames: [Range<Int>] = []
    private var parameterValues: [(range: Range<Int>, isDecoded: Bool)] = []
    private var decoded: [UInt8] = []
    private var repeatedKeys = RepeatedKeys()
    private var parameterNamesOfElement: [Range<Int>] = []

    package init(options: FormatOptions) throws(UsageError) {
        let values = try options.values(for: Self.self)
        switch try values.choice("rfc", among: ["3164", "5424", "auto"], default: "auto") {
        case "3164": protocolChoice = .rfc3164
        case "5424": protocolChoice = .rfc5424
        default: protocolChoice = .automatic
        }
    }

    package mutating func decode(
        _ line: UnsafeBufferPointer<UInt8>, at position: LinePosition, into data: inout [UInt8]
    ) -> Decoded {
        if let invalidOffset = UTF8Validation.firstInvalidOffset(line) {
            return .invalid(.invalidUTF8, "invalid UTF-8 at byte \(invalidOffset)")
        }
        var cursor = 0
        let priority: Int?
        switch SyslogFormat.priority(line, at: &cursor) {
        case .absent: priority = nil
        case .value(let value): priority = value
        case .malformed: return .invalid(.malformedInput, "PRI is not <0> to <191>")
        }
        let isVersioned = priority != nil && SyslogFormat.hasVersion(line, at: cursor)
        switch protocolChoice {
        case .rfc5424:
            guard priority != nil else { return .invalid(.malformedInput, "expected <PRI> (RFC 5424)") }
            guard isVersioned else { return .invalid(.malformedInput, "expected a version after <PRI> (RFC 5424)") }
            return decode5424(line, from: cursor, priority: priority, into: &data)
        case .rfc3164:
            return decode3164(line, from: cursor, priority: priority, into: &data)
        case .automatic:
            return isVersioned
                ? decode5424(line, from: cursor, priority: priority, into: &data)
                : decode3164(line, from: cursor, priority: priority, into: &data)
        }
    }

    // MARK: - RFC 3164

    private func decode3164(
        _ line: UnsafeBufferPointer<UInt8>, from start: Int, priority: Int?, into data: inout [UInt8]
    ) -> Decoded {
        var cursor = start
        guard let timestamp = SyslogFormat.timestamp3164(line, at: &cursor) else {
            return .invalid(.malformedInput, "expected a timestamp (Mmm dd hh:mm:ss or RFC 3339) at byte \(start)")
        }
        var host: Range<Int>?
        var app: Range<Int>?
        var procid: Range<Int>?
        skipSpace(line, &cursor)
        var word = SyslogFormat.word(line, at: cursor)
        if !word.isEmpty, line[word.upperBound - 1] != UInt8(ascii: ":") {
            host = word
            cursor = word.upperBound
            skipSpace(line, &cursor)
            word = SyslogFormat.word(line, at: cursor)
        }
        if let tag = SyslogFormat.tag(line, word) {
            app = tag.app
            procid = tag.procid
            cursor = word.upperBound
            if cursor < line.count && line[cursor] == 0x20 { cursor += 1 }
        }
        writeHeader(3164, priority: priority, timestamp: timestamp, line, to: &data)
        appendString(line, host, to: &data)
        append(",\"app\":", to: &data)
        appendString(line, app, to: &data)
        append(",\"procid\":", to: &data)
        appendString(line, procid, to: &data)
        append(",\"msgid\":null,\"structured_data\":null,\"message\":", to: &data)
        JSONEscapes.appendQuoted(bytes: UnsafeBufferPointer(rebasing: line[cursor...]), to: &data)
        data.append(UInt8(ascii: "}"))
        return .record
    }

    /// `Mmm dd hh:mm:ss[.fraction]` or an RFC 3339 date-time; leaves `cursor` after it.
    private static func timestamp3164(_ line: UnsafeBufferPointer<UInt8>, at cursor: inout Int) -> Range<Int>? {
        let start = cursor
        if start < line.count, isDigit(line[start]) {
            let word = word(line, at: start)
            guard isRFC3339(line, word) else { return nil }
            cursor = word.upperBound
            return word
        }
        // "Dec  2 10:24:23": 15 bytes.
        guard start + 15 <= line.count, isMonth(line, at: start), line[start + 3] == 0x20,
            line[start + 4] == 0x20 || isDigit(line[start + 4]), isDigit(line[start + 5]), line[start + 6] == 0x20,
            isClock(line, at: start + 7)
        else { return nil }
        var end = start + 15
        if end < line.count && line[end] == UInt8(ascii: ".") {
            end += 1
            while end < line.count && isDigit(line[end]) { end += 1 }
        }
        guard end == line.count || line[end] == 0x20 else { return nil }
        cursor = end
        return start..<end
    }

    /// A tag word: `app:` or `app[procid]:`, with no space, bracket or colon inside `app`.
    private static func tag(_ line: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> (
        app: Range<Int>, procid: Range<Int>?
    )? {
        guard word.count >= 2, line[word.upperBound - 1] == UInt8(ascii: ":") else { return nil }
        var index = word.lowerBound
        while index < word.upperBound - 1,
            ![UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ":")].contains(line[index])
        {
            index += 1
        }
        guard index > word.lowerBound else { return nil }
        let app = word.lowerBound..<index
        if index == word.upperBound - 1 { return (app, nil) }
        // `[procid]` then the colon.
        guard line[index] == UInt8(ascii: "["), word.upperBound - 2 > index,
            line[word.upperBound - 2] == UInt8(ascii: "]")
        else { return nil }
        let procid = index + 1..<word.upperBound - 2
        guard !procid.isEmpty, !line[procid].contains(UInt8(ascii: "]")), !line[procid].contains(UInt8(ascii: "["))
        else { return nil }
        return (app, procid)
    }

    // MARK: - RFC 5424

    private mutating func decode5424(
        _ line: UnsafeBufferPointer<UInt8>, from start: Int, priority: Int?, into data: inout [UInt8]
    ) -> Decoded {
        var cursor = start
        // The version (checked by hasVersion), then the five header fields, each followed by one space.
        cursor = SyslogFormat.word(line, at: cursor).upperBound + 1
        var fields: [Range<Int>?] = []
        for name in ["timestamp", "host", "app", "procid", "msgid"] {
            let word = SyslogFormat.word(line, at: cursor)
            guard !word.isEmpty, word.upperBound < line.count, line[word.upperBound] == 0x20 else {
                return .invalid(.malformedInput, "expected \(name) and a space at byte \(cursor) (RFC 5424)")
            }
            cursor = word.upperBound + 1
            fields.append(SyslogFormat.isNil(line, word) ? nil : word)
        }
        if let timestamp = fields[0], !SyslogFormat.isRFC3339(line, timestamp) {
            return .invalid(.malformedInput, "timestamp is not RFC 3339 or - (RFC 5424)")
        }
        if let problem = parseStructuredData(line, at: &cursor) { return .invalid(.malformedInput, problem) }
        var message: Range<Int>?
        if cursor < line.count {
            guard line[cursor] == 0x20 else {
                return .invalid(.malformedInput, "expected a space before the message at byte \(cursor)")
            }
            var messageStart = cursor + 1
            if messageStart + 3 <= line.count, line[messageStart] == 0xEF, line[messageStart + 1] == 0xBB,
                line[messageStart + 2] == 0xBF
            {
                messageStart += 3
            }
            message = messageStart..<line.count
        }
        writeHeader(5424, priority: priority, timestamp: fields[0], line, to: &data)
        appendString(line, fields[1], to: &data)
        append(",\"app\":", to: &data)
        appendString(line, fields[2], to: &data)
        append(",\"procid\":", to: &data)
        appendString(line, fields[3], to: &data)
        append(",\"msgid\":", to: &data)
        appendString(line, fields[4], to: &data)
        append(",\"structured_data\":", to: &data)
        writeStructuredData(line, to: &data)
        append(",\"message\":", to: &data)
        if let message {
            JSONEscapes.appendQuoted(bytes: UnsafeBufferPointer(rebasing: line[message]), to: &data)
        } else {
            append("null", to: &data)
        }
        data.append(UInt8(ascii: "}"))
        return .record
    }

    /// Reads `-` or SD elements into the element and parameter arrays; a problem's description when malformed.
    private mutating func parseStructuredData(_ line: UnsafeBufferPointer<UInt8>, at cursor: inout Int) -> String? {
        elementIDs.removeAll(keepingCapacity: true)
        elementParameterEnds.removeAll(keepingCapacity: true)
        parameterNames.removeAll(keepingCapacity: true)
        parameterValues.removeAll(keepingCapacity: true)
        decoded.removeAll(keepingCapacity: true)
        guard cursor < line.count else { return "expected structured data or - at the end of the line" }
        if line[cursor] == UInt8(ascii: "-") {
            cursor += 1
            return nil
        }
        guard line[cursor] == UInt8(ascii: "[") else { return "expected structured data or - at byte \(cursor)" }
        while cursor < line.count && line[cursor] == UInt8(ascii: "[") {
            cursor += 1
            let id = SyslogFormat.name(line, at: cursor)
            guard !id.isEmpty else { return "expected an SD-ID at byte \(cursor)" }
            cursor = id.upperBound
            elementIDs.append(id)
            while cursor < line.count && line[cursor] == 0x20 {
                cursor += 1
                let name = SyslogFormat.name(line, at: cursor)
                guard !name.isEmpty, name.upperBound + 1 < line.count, line[name.upperBound] == UInt8(ascii: "="),
                    line[name.upperBound + 1] == UInt8(ascii: "\"")
                else { return "expected name=\"value\" at byte \(cursor)" }
                cursor = name.upperBound + 2
                guard let value = parameterValue(line, at: &cursor) else {
                    return "value opened at byte \(name.upperBound + 1) is not closed"
                }
                parameterNames.append(name)
                parameterValues.append(value)
            }
            guard cursor < line.count, line[cursor] == UInt8(ascii: "]") else {
                return "expected ] to close the element at byte \(cursor)"
            }
            cursor += 1
            elementParameterEnds.append(parameterNames.count)
        }
        repeatedKeys.resolve(elementIDs, in: line)
        if repeatedKeys.hasRepeats {
            let id = elementIDs[repeatedKeys.first.indices.first { repeatedKeys.first[$0] != $0 }!]
            return "SD-ID \(String(decoding: line[id], as: UTF8.self)) given twice"
        }
        return nil
    }

    /// A PARAM-VALUE after its opening quote, up to the closing quote (`cursor` left after it); `\"`, `\\` and `\]`
    /// are unescaped into `decoded` when present.
    private mutating func parameterValue(_ line: UnsafeBufferPointer<UInt8>, at cursor: inout Int) -> (
        range: Range<Int>, isDecoded: Bool
    )? {
        let start = cursor
        guard let (index, hasEscape) = line.closingQuote(from: start) else { return nil }
        cursor = index + 1
        guard hasEscape else { return (start..<index, false) }
        let decodedStart = decoded.count
        var probe = start
        while probe < index {
            let byte = line[probe]
            if byte == UInt8(ascii: "\\"), probe + 1 < index,
                [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "]")].contains(line[probe + 1])
            {
                decoded.append(line[probe + 1])
                probe += 2
            } else {
                decoded.append(byte)
                probe += 1
            }
        }
        return (decodedStart..<decoded.count, true)
    }

    /// `null`, or `{"SD-ID":{"name":"value",…},…}`; a name repeated inside one element maps to an array.
    private mutating func writeStructuredData(_ line: UnsafeBufferPointer<UInt8>, to data: inout [UInt8]) {
        guard !elementIDs.isEmpty else {
            append("null", to: &data)
            return
        }
        data.append(UInt8(ascii: "{"))
        var parameterStart = 0
        for (element, id) in elementIDs.enumerated() {
            if element > 0 { data.append(UInt8(ascii: ",")) }
            JSONEscapes.appendQuoted(bytes: UnsafeBufferPointer(rebasing: line[id]), to: &data)
            append(":{", to: &data)
            let parameterEnd = elementParameterEnds[element]
            parameterNamesOfElement.removeAll(keepingCapacity: true)
            parameterNamesOfElement.append(contentsOf: parameterNames[parameterStart..<parameterEnd])
            repeatedKeys.resolve(parameterNamesOfElement, in: line)
            var isFirst = true
            for offset in parameterNamesOfElement.indices where repeatedKeys.first[offset] == offset {
                if !isFirst { data.append(UInt8(ascii: ",")) }
                isFirst = false
                JSONEscapes.appendQuoted(
                    bytes: UnsafeBufferPointer(rebasing: line[parameterNamesOfElement[offset]]), to: &data)
                data.append(UInt8(ascii: ":"))
                guard repeatedKeys.next[offset] >= 0 else {
                    appendValue(line, parameterValues[parameterStart + offset], to: &data)
                    continue
                }
                data.append(UInt8(ascii: "["))
                var occurrence = offset
                while occurrence >= 0 {
                    if occurrence != offset { data.append(UInt8(ascii: ",")) }
                    appendValue(line, parameterValues[parameterStart + occurrence], to: &data)
                    occurrence = repeatedKeys.next[occurrence]
                }
                data.append(UInt8(ascii: "]"))
            }
            data.append(UInt8(ascii: "}"))
            parameterStart = parameterEnd
        }
        data.append(UInt8(ascii: "}"))
    }

    private func appendValue(
        _ line: UnsafeBufferPointer<UInt8>, _ value: (range: Range<Int>, isDecoded: Bool), to data: inout [UInt8]
    ) {
        if value.isDecoded {
            decoded.withUnsafeBufferPointer {
                JSONEscapes.appendQuoted(bytes: UnsafeBufferPointer(rebasing: $0[value.range]), to: &data)
            }
        } else {
            JSONEscapes.appendQuoted(bytes: UnsafeBufferPointer(rebasing: line[value.range]), to: &data)
        }
    }

    // MARK: - Shared pieces

    private enum Priority {
        case absent
        case value(Int)
        case malformed
    }

    /// `<PRI>` at the start of the line: one to three digits, 0 to 191.
    private static func priority(_ line: UnsafeBufferPointer<UInt8>, at cursor: inout Int) -> Priority {
        guard !line.isEmpty, line[0] == UInt8(ascii: "<") else { return .absent }
        var index = 1
        var value = 0
        while index < line.count && index <= 4 && isDigit(line[index]) {
            value = value * 10 + Int(line[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index > 1, index <= 4, index < line.count, line[index] == UInt8(ascii: ">"), value <= 191 else {
            return .malformed
        }
        cursor = index + 1
        return .value(value)
    }

    /// Whether a version (one or two digits, not starting with 0) and a space follow the PRI: RFC 5424.
    private static func hasVersion(_ line: UnsafeBufferPointer<UInt8>, at cursor: Int) -> Bool {
        let word = word(line, at: cursor)
        guard (1...2).contains(word.count), word.upperBound < line.count, line[cursor] != UInt8(ascii: "0") else {
            return false
        }
        return line[word].allSatisfy(isDigit)
    }

    /// Writes `{"rfc":…,"facility":…,"severity":…,"timestamp":…,"host":` (the host's value comes next).
    private func writeHeader(
        _ rfc: Int, priority: Int?, timestamp: Range<Int>?, _ line: UnsafeBufferPointer<UInt8>,
        to data: inout [UInt8]
    ) {
        append("{\"rfc\":", to: &data)
        RecordEnvelope.appendDecimal(rfc, to: &data)
        append(",\"facility\":", to: &data)
        if let priority { RecordEnvelope.appendDecimal(priority >> 3, to: &data) } else { append("null", to: &data) }
        append(",\"severity\":", to: &data)
        if let priority { RecordEnvelope.appendDecimal(priority & 7, to: &data) } else { append("null", to: &data) }
        append(",\"timestamp\":", to: &data)
        appendString(line, timestamp, to: &data)
        append(",\"host\":", to: &data)
    }

    @inline(__always)
    private func append(_ literal: StaticString, to data: inout [UInt8]) {
        data.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A range of the line as a JSON string, or null.
    private func appendString(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?, to data: inout [UInt8]) {
        guard let range else {
            append("null", to: &data)
            return
        }
        JSONEscapes.appendQuoted(bytes: UnsafeBufferPointer(rebasing: line[range]), to: &data)
    }

    private func skipSpace(_ line: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) {
        while cursor < line.count && line[cursor] == 0x20 { cursor += 1 }
    }

    /// The run of bytes from `start` up to the next space or the end.
    private static func word(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> Range<Int> {
        var end = start
        while end < line.count && line[end] != 0x20 { end += 1 }
        return start..<end
    }

    /// An SD-ID or PARAM-NAME: printable ASCII other than `=`, space, `]` and `"`.
    private static func name(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> Range<Int> {
        var end = start
        while end < line.count, (0x21...0x7E).contains(line[end]),
            ![UInt8(ascii: "="), UInt8(ascii: "]"), UInt8(ascii: "\"")].contains(line[end])
        {
            end += 1
        }
        return start..<end
    }

    private static func isNil(_ line: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        word.count == 1 && line[word.lowerBound] == UInt8(ascii: "-")
    }

    /// `YYYY-MM-DDThh:mm:ss` at the start of `word` (fraction and zone after it are taken as written).
    private static func isRFC3339(_ line: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        let start = word.lowerBound
        guard word.count >= 19 else { return false }
        for offset in [0, 1, 2, 3, 5, 6, 8, 9] where !isDigit(line[start + offset]) { return false }
        return line[start + 4] == UInt8(ascii: "-") && line[start + 7] == UInt8(ascii: "-")
            && (line[start + 10] == UInt8(ascii: "T") || line[start + 10] == UInt8(ascii: "t"))
            && isClock(line, at: start + 11)
    }

    /// `hh:mm:ss`.
    private static func isClock(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + 8 <= line.count else { return false }
        return isDigit(line[start]) && isDigit(line[start + 1]) && line[start + 2] == UInt8(ascii: ":")
            && isDigit(line[start + 3]) && isDigit(line[start + 4]) && line[start + 5] == UInt8(ascii: ":")
            && isDigit(line[start + 6]) && isDigit(line[start + 7])
    }

    /// An English month abbreviation, as syslog writes it (`Jan` … `Dec`).
    private static func isMonth(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let value = UInt32(line[start]) << 16 | UInt32(line[start + 1]) << 8 | UInt32(line[start + 2])
        return months.contains(value)
    }

    private static let months: [UInt32] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .map { name in name.utf8.reduce(0) { $0 << 8 | UInt32($1) } }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
