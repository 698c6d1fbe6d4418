/// UTF-8 validation for formats that copy raw bytes into JSON strings (CSV fields, log lines).
///
/// JSON output must be valid UTF-8, and the parser that validates NDJSON is not involved for CSV and CLF. ASCII is
/// checked eight bytes at a time; multi-byte scalars follow RFC 3629 (no overlongs, no surrogates, nothing past
/// U+10FFFF), the same rules `JSONParser` applies inside strings.
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
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var secondLow: UInt8 = 0x80
            var secondHigh: UInt8 = 0xBF
            switch lead {
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
            default: return index
            }
            guard index + length <= end else { return index }
            let second = base[index + 1]
            guard second >= secondLow && second <= secondHigh else { return index }
            for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }
}
