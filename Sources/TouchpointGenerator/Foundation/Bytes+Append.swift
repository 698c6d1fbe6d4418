/// Byte-level formatting for the hot path: numbers, JSON strings and CSV fields appended straight into an output
/// buffer, with no `String` allocation per record.
extension Array where Element == UInt8 {
    /// Appends a literal's UTF-8 bytes.
    @inline(__always)
    package mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends a decimal integer without padding.
    package mutating func appendDecimal(_ value: Int) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            appendDecimal(UInt64(-value), width: 1)
        } else {
            appendDecimal(UInt64(value), width: 1)
        }
    }

    /// Appends a non-negative decimal integer, zero-padded to at least `width` digits.
    package mutating func appendDecimal(_ value: Int, width: Int) {
        appendDecimal(UInt64(Swift.max(0, value)), width: width)
    }

    /// Appends a decimal integer, zero-padded to at least `width` digits.
    package mutating func appendDecimal(_ value: UInt64, width: Int) {
        var digitCount = 1
        var remaining = value
        while remaining >= 10 {
            remaining /= 10
            digitCount += 1
        }
        let total = Swift.max(digitCount, width)
        let first = count
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: total))
        var position = first + total - 1
        remaining = value
        repeat {
            self[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            position -= 1
        } while remaining > 0
    }

    /// Appends exactly two digits (`07`), for clock fields.
    @inline(__always)
    package mutating func appendTwoDigits(_ value: Int) {
        append(UInt8(ascii: "0") + UInt8(value / 10))
        append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Appends an amount in cents as `129.90` or `-49.90`.
    package mutating func appendCents(_ cents: Int) {
        if cents < 0 { append(UInt8(ascii: "-")) }
        let magnitude = cents < 0 ? -cents : cents
        appendDecimal(magnitude / 100)
        append(UInt8(ascii: "."))
        appendTwoDigits(magnitude % 100)
    }

    /// Appends `digits` hexadecimal digits of `value` (the low ones), lower or upper case.
    package mutating func appendHex(_ value: UInt64, digits: Int, uppercase: Bool = false) {
        let alphabet: StaticString = uppercase ? "0123456789ABCDEF" : "0123456789abcdef"
        alphabet.withUTF8Buffer { table in
            var shift = (digits - 1) * 4
            while shift >= 0 {
                append(table[Int((value >> UInt64(shift)) & 0xF)])
                shift -= 4
            }
        }
    }

    /// Appends `text` as a JSON string literal, quotes included (RFC 8259 §7: `"` `\` and control characters are
    /// escaped; other UTF-8 passes through unchanged).
    package mutating func appendJSONString(_ text: [UInt8]) {
        append(UInt8(ascii: "\""))
        appendJSONStringContent(text)
        append(UInt8(ascii: "\""))
    }

    /// Appends the escaped content of a JSON string, without the quotes.
    package mutating func appendJSONStringContent(_ text: [UInt8]) {
        var needsEscape = false
        for byte in text where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            needsEscape = true
            break
        }
        guard needsEscape else {
            append(contentsOf: text)
            return
        }
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                append("\\u00")
                appendHex(UInt64(byte), digits: 2)
            default: append(byte)
            }
        }
    }

    /// Appends `text` as one CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote, a
    /// line break, or a leading or trailing space (so readers that trim unquoted fields keep the noise intact).
    package mutating func appendCSVField(_ text: [UInt8]) {
        var needsQuotes = false
        if let first = text.first, let last = text.last, first == 0x20 || last == 0x20 { needsQuotes = true }
        if !needsQuotes {
            for byte in text
            where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
        }
        if needsQuotes { appendQuotedCSVField(text) } else { append(contentsOf: text) }
    }

    /// Appends `text` as a quoted CSV field whether or not it needs quoting.
    package mutating func appendQuotedCSVField(_ text: [UInt8]) {
        append(UInt8(ascii: "\""))
        for byte in text {
            if byte == UInt8(ascii: "\"") { append(UInt8(ascii: "\"")) }
            append(byte)
        }
        append(UInt8(ascii: "\""))
    }

    /// Appends `text` with ASCII letters upper-cased (names and emails typed with caps lock on).
    package mutating func appendUppercased(_ text: [UInt8]) {
        for byte in text {
            append(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte)
        }
    }

    /// Appends `text` with the first ASCII letter of each dot-, underscore- or space-separated part capitalised.
    package mutating func appendCapitalisedParts(_ text: [UInt8]) {
        var atPartStart = true
        for byte in text {
            if atPartStart && byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                append(byte - 32)
            } else {
                append(byte)
            }
            atPartStart =
                byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: " ")
                || byte == UInt8(ascii: "@")
        }
    }
}

extension String {
    /// The string's UTF-8 bytes, for catalogs that are written once and appended many times.
    package var bytes: [UInt8] { Array(utf8) }
}
