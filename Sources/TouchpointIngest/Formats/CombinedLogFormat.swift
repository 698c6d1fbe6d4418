import Glibc
import TouchpointCore
import TouchpointJSON

/// The Apache/NGINX combined log format, and the common log format (the same without referer and user agent).
///
/// Grammar (fields separated by one or more spaces):
/// `host ident user [time] "request" status bytes "referer" "user-agent" extra...`, where referer and user agent
/// are optional together (common log format) and any number of extra fields may follow. `data` is
/// `{"remote_host","ident","user","time","method","path","protocol","status","bytes","referer","user_agent"}`
/// in that order, then `"extra"` when there are extra fields: `time` is the text between the brackets as written
/// (normalize parses it); `method`, `path` and `protocol` split the request line (`"GET /x"` without a protocol
/// gives `protocol` null, a request of `-` gives all three null); `status` and `bytes` are numbers. A field written
/// as `-` is null, and so are referer and user agent in the common format. Inside quoted fields `\"` and `\\` are
/// unescaped; other backslash sequences (`\x16`, nginx's `\x22`) are kept as written.
///
/// Extra fields are what a custom nginx `log_format` or Apache `LogFormat` appends (`$request_time
/// $upstream_response_time "$http_x_forwarded_for"`): an array of strings, quotes removed and unescaped as above,
/// `-` kept as `"-"` (what a dash means is the log format's business). Referer and user agent are the two fields
/// after `bytes` only when both are quoted; otherwise the line is in the common format and every field after
/// `bytes` is extra (`... 200 512 0.003` gives `"extra":["0.003"]`). Without extra fields there is no `extra` member.
///
/// A line that does not match (a missing bracket or quote, a status that is not three digits, a request line of
/// more than three words, a quoted extra field not closed before a space or the end) is a dead letter with reason
/// `malformed_input`; a line that is not UTF-8 is `invalid_utf8`.
///
/// Example: `203.0.113.7 - C100234 [02/Oct/2026:14:33:10 +0000] "GET /cart HTTP/1.1" 200 5123 "-" "curl/8.5"` gives
/// `"data":{"remote_host":"203.0.113.7","ident":null,"user":"C100234","time":"02/Oct/2026:14:33:10 +0000",
/// "method":"GET","path":"/cart","protocol":"HTTP/1.1","status":200,"bytes":5123,"referer":null,
/// "user_agent":"curl/8.5"}`.
package struct CombinedLogFormat: RecordFormat {
    package static let name = "clf"
    package static let summary =
        "Apache/NGINX combined or common log format; data has one member per field, extra trailing fields in extra"
    package static let extensions = ["log"]

    /// Unescaped quoted-field contents, reused between lines.
    private let unescapeBuffer = UnescapeBuffer()
    /// The fields after the known ones (nginx `$request_time`, `"$http_x_forwarded_for"`), reused between lines.
    private var extraFields: [(range: Range<Int>, isQuoted: Bool)] = []

    package init(options: FormatOptions) throws(UsageError) { _ = try options.values(for: Self.self) }

    package mutating func decode(
        _ line: UnsafeBufferPointer<UInt8>, at position: LinePosition, into data: inout [UInt8]
    ) -> Decoded {
        unescapeBuffer.reset()
        if let invalidOffset = UTF8Validation.firstInvalidOffset(line) {
            return .invalid(.invalidUTF8, "invalid UTF-8 at byte \(invalidOffset)")
        }
        var cursor = LogCursor(line: line)
        guard let host = cursor.token(), let ident = cursor.token(), let user = cursor.token() else {
            return .invalid(.malformedInput, "expected host, ident and user")
        }
        guard let time = cursor.bracketed() else { return .invalid(.malformedInput, "expected [time]") }
        guard let request = cursor.quotedRange() else { return .invalid(.malformedInput, "expected \"request\"") }
        guard let status = cursor.token(), let bytes = cursor.token() else {
            return .invalid(.malformedInput, "expected status and bytes")
        }
        guard let statusNumber = CombinedLogFormat.statusDigits(status, in: line) else {
            return .invalid(.malformedInput, "status is not three digits or -")
        }
        guard let bytesNumber = CombinedLogFormat.countDigits(bytes, in: line) else {
            return .invalid(.malformedInput, "bytes is not a number or -")
        }
        var referer: Range<Int>?
        var userAgent: Range<Int>?
        var combined = cursor
        if let refererRange = combined.quotedRange(), let userAgentRange = combined.quotedRange() {
            referer = refererRange
            userAgent = userAgentRange
            cursor = combined
        }
        extraFields.removeAll(keepingCapacity: true)
        while !cursor.isAtEnd {
            if line[cursor.index] == UInt8(ascii: "\"") {
                guard let field = cursor.quotedRange() else {
                    return .invalid(
                        .malformedInput, "extra field \(extraFields.count + 1): quote not closed before a space")
                }
                extraFields.append((field, true))
            } else if let field = cursor.token() {
                extraFields.append((field, false))
            }
        }
        let unescapedRequest = unescaped(line, request)
        guard let requestParts = CombinedLogFormat.requestParts(unescapedRequest) else {
            return .invalid(.malformedInput, "request is not \"METHOD PATH [PROTOCOL]\"")
        }

        append("{\"remote_host\":", to: &data)
        appendField(line, host, to: &data)
        append(",\"ident\":", to: &data)
        appendField(line, ident, to: &data)
        append(",\"user\":", to: &data)
        appendField(line, user, to: &data)
        append(",\"time\":", to: &data)
        appendField(line, time, to: &data)
        append(",\"method\":", to: &data)
        appendField(unescapedRequest, requestParts.method, to: &data)
        append(",\"path\":", to: &data)
        appendField(unescapedRequest, requestParts.path, to: &data)
        append(",\"protocol\":", to: &data)
        appendField(unescapedRequest, requestParts.protocol, to: &data)
        append(",\"status\":", to: &data)
        appendNumber(line, statusNumber, to: &data)
        append(",\"bytes\":", to: &data)
        appendNumber(line, bytesNumber, to: &data)
        append(",\"referer\":", to: &data)
        appendField(referer.map { unescaped(line, $0) }, to: &data)
        append(",\"user_agent\":", to: &data)
        appendField(userAgent.map { unescaped(line, $0) }, to: &data)
        if !extraFields.isEmpty {
            append(",\"extra\":[", to: &data)
            for (index, field) in extraFields.enumerated() {
                if index > 0 { data.append(UInt8(ascii: ",")) }
                let bytes =
                    field.isQuoted ? unescaped(line, field.range) : UnsafeBufferPointer(rebasing: line[field.range])
                JSONEscapes.appendQuoted(bytes: bytes, to: &data)
            }
            data.append(UInt8(ascii: "]"))
        }
        data.append(UInt8(ascii: "}"))
        return .record
    }

    // MARK: - Field helpers

    @inline(__always)
    private func append(_ literal: StaticString, to data: inout [UInt8]) {
        data.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A field as a JSON string, or null when absent or `-`.
    private func appendField(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?, to data: inout [UInt8]) {
        guard let range, !(range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "-")) else {
            append("null", to: &data)
            return
        }
        JSONEscapes.appendQuoted(bytes: UnsafeBufferPointer(rebasing: bytes[range]), to: &data)
    }

    /// A whole unescaped field as a JSON string, or null when absent or `-`.
    private func appendField(_ bytes: UnsafeBufferPointer<UInt8>?, to data: inout [UInt8]) {
        guard let bytes else {
            append("null", to: &data)
            return
        }
        appendField(bytes, 0..<bytes.count, to: &data)
    }

    /// A number field's digits, or null when nil (the field was `-`).
    private func appendNumber(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?, to data: inout [UInt8]) {
        guard let range else {
            append("null", to: &data)
            return
        }
        data.append(contentsOf: UnsafeBufferPointer(rebasing: line[range]))
    }

    /// A quoted field's contents with `\"` turned into `"` and `\\` into `\`. Without a backslash (the usual case)
    /// these are the line's own bytes; otherwise they are copied into `unescapeBuffer`, whose storage lives until the
    /// next line (a class, so the returned pointer outlives this call).
    private func unescaped(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        let field = UnsafeBufferPointer(rebasing: line[range])
        guard let base = field.baseAddress, memchr(base, 0x5C, field.count) != nil else { return field }
        return unescapeBuffer.unescape(field)
    }

    /// The request line's words; nil ranges for a request of `-` or an empty one; nil when it has more than three
    /// words.
    private static func requestParts(_ request: UnsafeBufferPointer<UInt8>)
        -> (method: Range<Int>?, path: Range<Int>?, protocol: Range<Int>?)?
    {
        var words: (Range<Int>?, Range<Int>?, Range<Int>?) = (nil, nil, nil)
        var count = 0
        var index = 0
        while index < request.count {
            while index < request.count && request[index] == 0x20 { index += 1 }
            let start = index
            while index < request.count && request[index] != 0x20 { index += 1 }
            guard index > start else { break }
            switch count {
            case 0: words.0 = start..<index
            case 1: words.1 = start..<index
            case 2: words.2 = start..<index
            default: return nil
            }
            count += 1
        }
        if count == 1 {
            // A lone word is only acceptable as "-": Apache's request for a connection that sent none.
            guard let only = words.0, only.count == 1, request[only.lowerBound] == UInt8(ascii: "-") else { return nil }
            return (nil, nil, nil)
        }
        return words
    }

    /// The range of a three-digit status from 100 to 599; `.some(nil)` for `-` (null); nil when malformed.
    private static func statusDigits(_ range: Range<Int>, in line: UnsafeBufferPointer<UInt8>) -> Range<Int>?? {
        let field = UnsafeBufferPointer(rebasing: line[range])
        if field.count == 1 && field[0] == UInt8(ascii: "-") { return .some(nil) }
        guard field.count == 3, field.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }),
            (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(field[0])
        else { return nil }
        return range
    }

    /// The range of a byte count without leading zeros; `.some(nil)` for `-` (null); nil when malformed.
    private static func countDigits(_ range: Range<Int>, in line: UnsafeBufferPointer<UInt8>) -> Range<Int>?? {
        let field = UnsafeBufferPointer(rebasing: line[range])
        if field.count == 1 && field[0] == UInt8(ascii: "-") { return .some(nil) }
        guard !field.isEmpty, field.count <= 18, field.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        var start = range.lowerBound
        while start < range.upperBound - 1 && line[start] == UInt8(ascii: "0") { start += 1 }
        return start..<range.upperBound
    }
}

/// Storage for unescaped quoted fields, reused from line to line; a class so a pointer into it can be handed out
/// while the format itself stays immutable during decoding.
private final class UnescapeBuffer {
    private var storage: [UnsafeMutableBufferPointer<UInt8>] = []
    private var used = 0

    /// Starts a new line: earlier results may be overwritten.
    func reset() { used = 0 }

    func unescape(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if used == storage.count { storage.append(UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 0)) }
        if storage[used].count < field.count {
            storage[used].deallocate()
            storage[used] = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(field.count, 256))
        }
        let target = storage[used]
        used += 1
        var count = 0
        var index = 0
        while index < field.count {
            let byte = field[index]
            if byte == UInt8(ascii: "\\"), index + 1 < field.count,
                field[index + 1] == UInt8(ascii: "\"") || field[index + 1] == UInt8(ascii: "\\")
            {
                target[count] = field[index + 1]
                index += 2
            } else {
                target[count] = byte
                index += 1
            }
            count += 1
        }
        return UnsafeBufferPointer(start: target.baseAddress, count: count)
    }

    deinit {
        for buffer in storage { buffer.deallocate() }
    }
}

/// A forward scan over one log line: space-separated tokens, `[bracketed]` and `"quoted"` fields.
private struct LogCursor {
    let line: UnsafeBufferPointer<UInt8>
    var index = 0

    init(line: UnsafeBufferPointer<UInt8>) { self.line = line }

    var isAtEnd: Bool {
        mutating get {
            skipSpaces()
            return index == line.count
        }
    }

    mutating func skipSpaces() {
        while index < line.count && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
    }

    /// The next run of non-space bytes.
    mutating func token() -> Range<Int>? {
        skipSpaces()
        let start = index
        while index < line.count && line[index] != 0x20 && line[index] != 0x09 { index += 1 }
        return index > start ? start..<index : nil
    }

    /// The contents of the next `[…]`.
    mutating func bracketed() -> Range<Int>? {
        skipSpaces()
        guard index < line.count, line[index] == UInt8(ascii: "[") else { return nil }
        let start = index + 1
        guard let close = line[start...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
        index = close + 1
        return start..<close
    }

    /// The raw contents of the next `"…"`, where `\"` does not end it; the field must end at a space or the line's end.
    mutating func quotedRange() -> Range<Int>? {
        skipSpaces()
        guard index < line.count, line[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var probe = start
        while probe < line.count {
            let byte = line[probe]
            if byte == UInt8(ascii: "\\") {
                probe += 2
                continue
            }
            if byte == UInt8(ascii: "\"") {
                guard probe + 1 == line.count || line[probe + 1] == 0x20 || line[probe + 1] == 0x09 else { return nil }
                index = probe + 1
                return start..<probe
            }
            probe += 1
        }
        return nil
    }
}
