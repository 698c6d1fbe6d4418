/// A validating JSON parser that records what it finds on a tape instead of building a tree.
///
/// The tape (one 16-byte entry per value, key and container, in document order, containers carrying a skip
/// index) is kept between calls, so a stage parsing a million records allocates nothing per record. This is what
/// lets a stage check every line, find its `kind`, and forward it unchanged at hundreds of MB/s; only the records a
/// stage owns are materialized into `JSONValue`. The parser validates all of RFC 8259 including UTF-8 inside
/// strings and `\u` surrogate pairing, and reports the byte position of the first error.
package struct JSONParser {
    /// The deepest nesting of arrays and objects accepted; deeper input is an error, never a stack overflow.
    package var maxDepth: Int
    private var tape = JSONTape(capacity: 1024)

    package init(maxDepth: Int = 128) {
        self.maxDepth = maxDepth
    }

    /// Parses exactly one JSON value (surrounding whitespace allowed). The document refers to `bytes` and is valid
    /// only while they are.
    package mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONDocument {
        guard bytes.count < Int(UInt32.max) else { throw JSONError(.tooLarge, at: 0) }
        // Every entry starts at a distinct input byte, so count + 1 entries always suffice and the scanner never
        // checks capacity. A document still holding the old tape keeps it: copy-on-write, by hand.
        if !isKnownUniquelyReferenced(&tape) || tape.capacity < bytes.count + 1 {
            tape = JSONTape(capacity: max(bytes.count + 1, tape.capacity))
        }
        tape.rootIndex.reset()
        var scanner = JSONScanner(bytes: bytes, tape: tape.entries, maxDepth: maxDepth)
        try scanner.parseDocument()
        return JSONDocument(bytes: bytes, tape: tape, count: scanner.tapeCount, depth: scanner.deepest)
    }

    /// Parses a whole value from owned bytes into a `JSONValue`; for configuration files and tests, not hot paths.
    package static func parseValue(_ bytes: [UInt8], maxDepth: Int = 128) throws(JSONError) -> JSONValue {
        var parser = JSONParser(maxDepth: maxDepth)
        let result: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONError) -> JSONValue in
                let document = try parser.parse(buffer)
                return document.value(document.root)
            }
        }
        return try result.get()
    }

    /// Parses a whole value from a string; see `parseValue(_:)` for bytes.
    package static func parseValue(_ text: String, maxDepth: Int = 128) throws(JSONError) -> JSONValue {
        try parseValue(Array(text.utf8), maxDepth: maxDepth)
    }
}

/// The parser's tape storage, reused from record to record.
final class JSONTape {
    let entries: UnsafeMutablePointer<JSONTapeEntry>
    let capacity: Int
    /// The root object's members by key, once a stage reads several (JSONMemberIndex).
    let rootIndex = JSONMemberIndex()

    init(capacity: Int) {
        self.capacity = capacity
        entries = .allocate(capacity: capacity)
    }

    deinit { entries.deallocate() }
}

/// One entry of the parser's tape.
///
/// Strings and numbers: `start..<end` are the byte range of the content (between the quotes for strings).
/// Arrays and objects: `start` is the offset of the bracket, `end` the tape index just past the container's last
/// entry (so a reader can skip it in O(1)), `count` the number of elements or members, and `close` the offset
/// just past the closing bracket (so its bytes are known without a scan). An object's members are stored as key
/// entry, value entries, key entry, value entries, …
/// `@usableFromInline` so that the document's small readers can be inlined into the stages (a call into this
/// module per field read showed in normalize's profile).
@usableFromInline
struct JSONTapeEntry {
    @usableFromInline
    enum Tag: UInt8 {
        case null, falseLiteral, trueLiteral, number, string, escapedString, array, object
    }
    @usableFromInline var tag: Tag
    @usableFromInline var start: UInt32
    @usableFromInline var end: UInt32
    @usableFromInline var count: UInt32
    @usableFromInline var close: UInt32 = 0
}

/// The recursive-descent scan over one input, kept separate from `JSONParser` so the hot loop works on a raw
/// pointer with no array bounds checks.
private struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    let maxDepth: Int
    let tape: UnsafeMutablePointer<JSONTapeEntry>
    var tapeCount = 0
    var index = 0
    /// The deepest container nesting seen, so a writer can size its stack exactly.
    var deepest = 0

    init(bytes: UnsafeBufferPointer<UInt8>, tape: UnsafeMutablePointer<JSONTapeEntry>, maxDepth: Int) {
        // An empty buffer may have a nil base address; a dummy pointer is never dereferenced because end is 0.
        self.base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.end = bytes.count
        self.tape = tape
        self.maxDepth = maxDepth
    }

    @inline(__always)
    mutating func append(_ tag: JSONTapeEntry.Tag, _ start: Int, _ end: Int) {
        tape[tapeCount] = JSONTapeEntry(
            tag: tag, start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: end), count: 0)
        tapeCount += 1
    }

    mutating func parseDocument() throws(JSONError) {
        skipWhitespace()
        try parseValue(depth: 0)
        skipWhitespace()
        if index < end { throw JSONError(.trailingData, at: index) }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            let byte = base[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    mutating func parseValue(depth: Int) throws(JSONError) {
        guard index < end else { throw JSONError(.unexpectedEnd, at: index) }
        switch base[index] {
        case UInt8(ascii: "\""):
            try parseString()
        case UInt8(ascii: "{"):
            try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            try parseArray(depth: depth + 1)
        case UInt8(ascii: "t"):
            try expectLiteral("true", tag: .trueLiteral)
        case UInt8(ascii: "f"):
            try expectLiteral("false", tag: .falseLiteral)
        case UInt8(ascii: "n"):
            try expectLiteral("null", tag: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let length = JSONNumber.scanLength(UnsafeBufferPointer(start: base, count: end), from: index)
            guard length > 0 else { throw JSONError(.invalidNumber, at: index) }
            append(.number, index, index + length)
            index += length
        case 0x80...0xFF:
            throw JSONError(.invalidUTF8, at: index)
        default:
            throw JSONError(.unexpectedByte, at: index)
        }
    }

    mutating func expectLiteral(_ literal: StaticString, tag: JSONTapeEntry.Tag) throws(JSONError) {
        let length = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for offset in 0..<length {
            guard index + offset < end else { throw JSONError(.unexpectedEnd, at: end) }
            guard base[index + offset] == expected[offset] else { throw JSONError(.unexpectedByte, at: index + offset) }
        }
        append(tag, index, index + length)
        index += length
    }

    mutating func parseArray(depth: Int) throws(JSONError) {
        guard depth <= maxDepth else { throw JSONError(.tooDeep, at: index) }
        if depth > deepest { deepest = depth }
        let entryIndex = tapeCount
        append(.array, index, 0)
        index += 1
        skipWhitespace()
        var count: UInt32 = 0
        if index < end && base[index] == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                try parseValue(depth: depth)
                count += 1
                skipWhitespace()
                guard index < end else { throw JSONError(.unexpectedEnd, at: index) }
                let byte = base[index]
                index += 1
                if byte == UInt8(ascii: ",") {
                    skipWhitespace()
                    continue
                }
                if byte == UInt8(ascii: "]") { break }
                throw JSONError(.unexpectedByte, at: index - 1)
            }
        }
        tape[entryIndex].end = UInt32(truncatingIfNeeded: tapeCount)
        tape[entryIndex].count = count
        tape[entryIndex].close = UInt32(truncatingIfNeeded: index)
    }

    mutating func parseObject(depth: Int) throws(JSONError) {
        guard depth <= maxDepth else { throw JSONError(.tooDeep, at: index) }
        if depth > deepest { deepest = depth }
        let entryIndex = tapeCount
        append(.object, index, 0)
        index += 1
        skipWhitespace()
        var count: UInt32 = 0
        if index < end && base[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                guard index < end else { throw JSONError(.unexpectedEnd, at: index) }
                guard base[index] == UInt8(ascii: "\"") else { throw JSONError(.unexpectedByte, at: index) }
                try parseString()
                skipWhitespace()
                guard index < end else { throw JSONError(.unexpectedEnd, at: index) }
                guard base[index] == UInt8(ascii: ":") else { throw JSONError(.unexpectedByte, at: index) }
                index += 1
                skipWhitespace()
                try parseValue(depth: depth)
                count += 1
                skipWhitespace()
                guard index < end else { throw JSONError(.unexpectedEnd, at: index) }
                let byte = base[index]
                index += 1
                if byte == UInt8(ascii: ",") {
                    skipWhitespace()
                    continue
                }
                if byte == UInt8(ascii: "}") { break }
                throw JSONError(.unexpectedByte, at: index - 1)
            }
        }
        tape[entryIndex].end = UInt32(truncatingIfNeeded: tapeCount)
        tape[entryIndex].count = count
        tape[entryIndex].close = UInt32(truncatingIfNeeded: index)
    }

    /// Scans a string starting at its opening quote. Plain ASCII is skipped eight bytes at a time (SWAR); escapes
    /// and multi-byte UTF-8 are validated byte by byte.
    mutating func parseString() throws(JSONError) {
        let contentStart = index &+ 1
        // A local cursor stays in a register; `index` is written back once per string (and before any call that
        // reads it).
        var cursor = contentStart
        var hasEscapes = false
        while true {
            while cursor &+ 8 <= end {
                let word = UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)
                let special = JSONScanner.specialByteMask(word)
                if special == 0 {
                    cursor &+= 8
                } else {
                    // The lowest flagged byte is exact (the borrow tricks only misfire above a true match).
                    cursor &+= special.trailingZeroBitCount &>> 3
                    break
                }
            }
            guard cursor < end else { throw JSONError(.unexpectedEnd, at: cursor) }
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                index = cursor
                try scanEscape()
                cursor = index
            } else if byte < 0x20 {
                throw JSONError(.controlCharacterInString, at: cursor)
            } else if byte < 0x80 {
                cursor &+= 1
            } else {
                guard let length = UTF8Validation.multibyteScalarLength(base, at: cursor, end: end) else {
                    throw JSONError(.invalidUTF8, at: cursor)
                }
                cursor &+= length
            }
        }
        append(hasEscapes ? .escapedString : .string, contentStart, cursor)
        index = cursor &+ 1
    }

    /// The high bit of every byte that is a quote, a backslash, a control character or non-ASCII; 0 for a run of
    /// eight plain bytes.
    @inline(__always)
    static func specialByteMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let hasQuote = (quotes &- ones) & ~quotes
        let hasBackslash = (backslashes &- ones) & ~backslashes
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl | word) & highs
    }

    mutating func scanEscape() throws(JSONError) {
        let escapeStart = index
        index += 1
        guard index < end else { throw JSONError(.unexpectedEnd, at: index) }
        switch base[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 1
        case UInt8(ascii: "u"):
            index += 1
            let unit = try scanHex4(escapeStart: escapeStart)
            if unit >= 0xDC00 && unit <= 0xDFFF { throw JSONError(.invalidUnicodeEscape, at: escapeStart) }
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard index + 1 < end, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                    throw JSONError(.invalidUnicodeEscape, at: escapeStart)
                }
                index += 2
                let low = try scanHex4(escapeStart: escapeStart)
                guard low >= 0xDC00 && low <= 0xDFFF else { throw JSONError(.invalidUnicodeEscape, at: escapeStart) }
            }
        default:
            throw JSONError(.invalidEscape, at: escapeStart)
        }
    }

    mutating func scanHex4(escapeStart: Int) throws(JSONError) -> UInt32 {
        guard index + 4 <= end else { throw JSONError(.unexpectedEnd, at: end) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = hexDigitValue(base[index]) else {
                throw JSONError(.invalidUnicodeEscape, at: escapeStart)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

}

@inline(__always)
func hexDigitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
}
