/// UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF), the one copy of the rules.
///
/// `JSONParser` applies it inside strings; ingest's CSV and combined-log formats apply it to the raw bytes they copy
/// into JSON strings, since the parser is not involved there. ASCII is skipped eight bytes at a time.
package enum UTF8Validation {
    /// The offset of the first byte that is not part of a valid UTF-8 scalar, or nil when all bytes are valid.
    package static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let end = bytes.count
        var index = 0
        while index < end {
            while index + 8 <= end {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            guard index < end else { return nil }
            if base[index] < 0x80 {
                index += 1
                continue
            }
            guard let length = multibyteScalarLength(base, at: index, end: end) else { return index }
            index += length
        }
        return nil
    }

    /// The length (2–4) of the valid multi-byte scalar whose lead byte is at `index`, or nil if it is not one.
    @inline(__always)
    static func multibyteScalarLength(_ base: UnsafePointer<UInt8>, at index: Int, end: Int) -> Int? {
        let length: Int
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        switch base[index] {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondHigh = 0x9F
        case 0xF0:
            length = 4
            secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondHigh = 0x8F
        default: return nil
        }
        guard index + length <= end else { return nil }
        let second = base[index + 1]
        guard second >= secondLow && second <= secondHigh else { return nil }
        for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }
}
