import TouchpointCore
import TouchpointJSON

/// logfmt: one record per line of `key=value` pairs separated by spaces, as Heroku, Go's `log/slog` text handler,
/// Grafana Loki and many services write them.
///
/// Grammar: pairs separated by one or more spaces or tabs; a pair is `key=value`, `key="quoted value"`, `key=`
/// (an empty string) or a bare `key`, which means `true`. A key is one or more bytes other than space, tab, `=`, `"`
/// and control characters. An unquoted value runs to the next space or tab and is taken as written (an `=` or `"`
/// inside it is literal, so `url=/search?q=x` works). A quoted value ends at the next `"` not escaped by a
/// backslash and must be followed by a space, a tab or the line's end; inside it the JSON escapes `\"`, `\\`, `\/`,
/// `\b`, `\f`, `\n`, `\r`, `\t` and `\uXXXX` (surrogate pairs combined) are decoded.
///
/// `data` is an object with one member per key in order of first appearance; every value is a string (numbers and
/// durations as written, `12ms`; normalize decides what they mean) except a bare key's `true`. A repeated key keeps
/// its first position and takes its last value, as Go's logfmt decoder into a map and Loki's `| logfmt` do: loggers
/// that append context let the later, more specific value win.
///
/// Dead letters, reason `malformed_input`: a line with no `key=value` pair at all (free text, which a bare-key
/// reading would turn into a record of `true`s), a pair without a key (`=x`), a quote in a key, a quoted value not
/// closed, text right after a closing quote, an unknown escape (`\x`) or a lone surrogate; `invalid_utf8`: a line
/// that is not UTF-8. The detail names the byte (0-based) where the problem is.
///
/// Example: `level=info msg="order placed" order=O-555 total=129.90 cached` gives
/// `"data":{"level":"info","msg":"order placed","order":"O-555","total":"129.90","cached":true}`.
package struct LogfmtFormat: RecordFormat {
    package static let name = "logfmt"
    package static let summary = "key=value pairs per line (logfmt); data maps each key to its string, bare keys true"
    package static let extensions = ["logfmt"]

    /// The keys and values of the line being decoded, reused from line to line.
    private var keys: [Range<Int>] = []
    private var values: [Value] = []
    /// Unescaped quoted values of the line being decoded.
    private var unescaped: [UInt8] = []
    private var repeatedKeys = RepeatedKeys()

    private enum Value {
        case flag
        /// A range of the line.
        case raw(Range<Int>)
        /// A range of `unescaped`.
        case decoded(Range<Int>)
    }

    package init(options: FormatOptions) throws(UsageError) {
        _ = try options.values(for: Self.self)
        keys.reserveCapacity(32)
        values.reserveCapacity(32)
    }

    package mutating func decode(
        _ line: UnsafeBufferPointer<UInt8>, at position: LinePosition, into data: inout [UInt8]
    ) -> Decoded {
        if let invalidOffset = UTF8Validation.firstInvalidOffset(line) {
            return .invalid(.invalidUTF8, "invalid UTF-8 at byte \(invalidOffset)")
        }
        if let problem = split(line) { return .invalid(.malformedInput, problem) }
        guard values.contains(where: { if case .flag = $0 { false } else { true } }) else {
            return .invalid(.malformedInput, "no key=value pair")
        }
        repeatedKeys.resolve(keys, in: line)
        data.append(UInt8(ascii: "{"))
        var isFirst = true
        for index in keys.indices where repeatedKeys.first[index] == index {
            if !isFirst { data.append(UInt8(ascii: ",")) }
            isFirst = false
            JSONEscapes.appendQuoted(bytes: UnsafeBufferPointer(rebasing: line[keys[index]]), to: &data)
            data.append(UInt8(ascii: ":"))
            switch values[repeatedKeys.last[index]] {
            case .flag:
                data.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
            case .raw(let range):
                JSONEscapes.appendQuoted(bytes: UnsafeBufferPointer(rebasing: line[range]), to: &data)
            case .decoded(let range):
                unescaped.withUnsafeBufferPointer {
                    JSONEscapes.appendQuoted(bytes: UnsafeBufferPointer(rebasing: $0[range]), to: &data)
                }
            }
        }
        data.append(UInt8(ascii: "}"))
        return .record
    }

    // MARK: - Splitting

    /// Splits the line into `pairs`; a problem's description on bad syntax.
    private mutating func split(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        unescaped.removeAll(keepingCapacity: true)
        var index = 0
        let count = line.count
        while true {
            while index < count && LogfmtFormat.isSpace(line[index]) { index += 1 }
            guard index < count else { return nil }
            let keyStart = index
            while index < count, LogfmtFormat.isKeyByte(line[index]) { index += 1 }
            guard index > keyStart else {
                return line[index] == UInt8(ascii: "=")
                    ? "pair without a key at byte \(index)" : "unexpected byte at byte \(index) (keys have no quotes)"
            }
            let key = keyStart..<index
            guard index < count, line[index] == UInt8(ascii: "=") else {
                if index < count, !LogfmtFormat.isSpace(line[index]) {
                    return "unexpected byte at byte \(index) (keys have no quotes or control characters)"
                }
                keys.append(key)
                values.append(.flag)
                continue
            }
            index += 1
            if index < count && line[index] == UInt8(ascii: "\"") {
                let open = index
                guard let value = quotedValue(line, from: &index) else {
                    return index >= count
                        ? "quoted value opened at byte \(open) is not closed"
                        : "bad escape at byte \(index) in the value opened at byte \(open)"
                }
                guard index == count || LogfmtFormat.isSpace(line[index]) else {
                    return "text right after the closing quote at byte \(index - 1)"
                }
                keys.append(key)
                values.append(value)
            } else {
                let valueStart = index
                while index < count && !LogfmtFormat.isSpace(line[index]) { index += 1 }
                keys.append(key)
                values.append(.raw(valueStart..<index))
            }
        }
    }

    /// The value of a quoted field whose opening quote is at `index`; leaves `index` after the closing quote. Nil
    /// when it is not closed (`index` at the end) or an escape is bad (`index` at its backslash).
    private mutating func quotedValue(_ line: UnsafeBufferPointer<UInt8>, from index: inout Int) -> Value? {
        let start = index + 1
        guard let (probe, hasEscape) = line.closingQuote(from: start) else {
            index = line.count
            return nil
        }
        index = probe + 1
        guard hasEscape else { return .raw(start..<probe) }
        let decodedStart = unescaped.count
        var cursor = start
        while cursor < probe {
            let byte = line[cursor]
            guard byte == UInt8(ascii: "\\") else {
                unescaped.append(byte)
                cursor += 1
                continue
            }
            guard let length = appendEscape(line, at: cursor, end: probe) else {
                index = cursor
                return nil
            }
            cursor += length
        }
        return .decoded(decodedStart..<unescaped.count)
    }

    /// Decodes the escape at `index` (a backslash) into `unescaped`; its length in the line, or nil when bad.
    private mutating func appendEscape(_ line: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int? {
        guard index + 1 < end else { return nil }
        switch line[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(line[index + 1])
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"):
            guard let high = LogfmtFormat.hex4(line, at: index + 2, end: end) else { return nil }
            if high & 0xF800 != 0xD800 {
                appendUTF8(high)
                return 6
            }
            // A high surrogate must be followed by `\u` and a low one; together they are one scalar.
            guard high < 0xDC00, index + 7 < end, line[index + 6] == UInt8(ascii: "\\"),
                line[index + 7] == UInt8(ascii: "u"), let low = LogfmtFormat.hex4(line, at: index + 8, end: end),
                (0xDC00...0xDFFF).contains(low)
            else { return nil }
            appendUTF8(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            return 12
        default: return nil
        }
        return 2
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        guard let value = Unicode.Scalar(scalar) else { return }
        unescaped.append(contentsOf: UTF8.encode(value)!)
    }

    private static func hex4(_ line: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> UInt32? {
        guard index + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = line[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    @inline(__always)
    private static func isKeyByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != 0x7F && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "\"")
    }
}
