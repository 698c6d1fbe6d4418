/// Escaping and unescaping of JSON string content; the one place that knows RFC 8259 §7.
package enum JSONEscapes {
    /// Decodes the escapes in validated string content (the parser has checked every escape and surrogate pair).
    static func unescape(_ content: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(content.count)
        var index = 0
        while index < content.count {
            let byte = content[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let escaped = content[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(content, at: index)
                index += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    let low = hex4(content, at: index + 2)
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                appendUTF8(scalar, to: &output)
            default: output.append(escaped)
            }
        }
        return output
    }

    private static func hex4(_ content: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (hexDigitValue(content[index + offset]) ?? 0) }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Appends `text` as a quoted JSON string. Only `"`, `\` and control characters are escaped; `/` and non-ASCII
    /// are written as they are (valid JSON, shorter, and what jq -c writes).
    @inline(__always)
    package static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendQuoted(bytes: $0, to: &output) }
        if done == nil {
            var text = text
            text.withUTF8 { appendQuoted(bytes: $0, to: &output) }
        }
    }

    /// Appends already-valid UTF-8 as a quoted JSON string, with the escaping rules of `appendQuoted(_:to:)`.
    package static func appendQuoted(bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        appendEscapedContent(bytes, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Appends bytes of unknown origin (a child's stderr) as a quoted JSON string: valid UTF-8 as
    /// `appendQuoted(bytes:to:)` writes it, and each byte that is not part of a valid UTF-8 scalar as U+FFFD, the
    /// replacement character, so the result is always valid JSON. Returns whether any byte was replaced (the caller
    /// keeps the original bytes elsewhere when they matter).
    @discardableResult
    package static func appendQuoted(
        replacingInvalidUTF8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]
    ) -> Bool {
        output.append(UInt8(ascii: "\""))
        var rest = bytes
        var hasReplaced = false
        while let invalid = UTF8Validation.firstInvalidOffset(rest) {
            appendEscapedContent(UnsafeBufferPointer(rebasing: rest[..<invalid]), to: &output)
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            hasReplaced = true
            rest = UnsafeBufferPointer(rebasing: rest[(invalid + 1)...])
        }
        appendEscapedContent(rest, to: &output)
        output.append(UInt8(ascii: "\""))
        return hasReplaced
    }

    /// The inside of a quoted string: valid UTF-8 with `"`, `\` and control characters escaped.
    ///
    /// Eight bytes at a time are checked for a quote, a backslash or a control character (SWAR), and each run
    /// without one is copied in one piece, so the usual field (an id, a name, a log token) costs one scan and one
    /// copy. The lowest flagged byte of a word is always a real match (a false flag can only follow a real one, the
    /// borrow runs upwards), so the scan stops exactly there, escapes that byte, and goes on after it.
    private static func appendEscapedContent(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index &+ 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let flags = specialByteFlags(word)
            guard flags != 0 else {
                index &+= 8
                continue
            }
            let position = index &+ flags.trailingZeroBitCount &>> 3
            appendRun(base, from: runStart, to: position, into: &output)
            appendEscaped(base[position], to: &output)
            index = position &+ 1
            runStart = index
        }
        while index < count {
            let byte = base[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                appendRun(base, from: runStart, to: index, into: &output)
                appendEscaped(byte, to: &output)
                runStart = index &+ 1
            }
            index &+= 1
        }
        appendRun(base, from: runStart, to: count, into: &output)
    }

    /// The high bit of each byte of `word` that is `"`, `\` or below 0x20 is set; a byte above the lowest flagged
    /// one may be flagged falsely.
    @inline(__always)
    static func specialByteFlags(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let hasQuote = (quotes &- ones) & ~quotes
        let hasBackslash = (backslashes &- ones) & ~backslashes
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl) & 0x8080_8080_8080_8080
    }

    @inline(__always)
    private static func appendRun(
        _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, into output: inout [UInt8]
    ) {
        guard start < end else { return }
        output.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end &- start))
    }

    /// The escape of one byte that must not appear raw in a JSON string: the short forms where JSON has them,
    /// `\u00XX` with lowercase hex otherwise.
    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            output.append(UInt8(ascii: "u"))
            output.append(UInt8(ascii: "0"))
            output.append(UInt8(ascii: "0"))
            output.append(lowercaseHexDigit(byte >> 4))
            output.append(lowercaseHexDigit(byte & 0xF))
        }
    }

    @inline(__always)
    private static func lowercaseHexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
