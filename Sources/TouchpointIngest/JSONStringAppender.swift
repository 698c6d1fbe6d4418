import TouchpointJSON

/// Appends raw field bytes as a JSON string, fast when nothing needs escaping (the usual CSV field or log token).
///
/// Eight bytes at a time are checked for a quote, a backslash or a control character; a field without any is
/// copied in one piece. Anything else goes through `JSONEscapes`, the one place that knows how to escape. The bytes
/// must already be valid UTF-8.
enum JSONStringAppender {
    @inline(__always)
    static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard needsEscaping(bytes) else {
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: bytes)
            output.append(UInt8(ascii: "\""))
            return
        }
        JSONEscapes.appendQuoted(bytes: bytes, to: &output)
    }

    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var index = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let hasQuote = (quotes &- ones) & ~quotes
            let hasBackslash = (backslashes &- ones) & ~backslashes
            let hasControl = (word &- ones &* 0x20) & ~word
            // A flagged byte may be a false positive after a true one; either way the slow path decides.
            if (hasQuote | hasBackslash | hasControl) & 0x8080_8080_8080_8080 != 0 { return true }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            index += 1
        }
        return false
    }
}
