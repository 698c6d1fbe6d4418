/// American Soundex of a folded name: its first letter and three digits for the consonant sounds after it
/// (`robert` and `rupert` are R163, `smith` and `smyth` S530).
///
/// Used only to build blocking keys, so that a misspelt surname still meets its candidates; the comparison itself
/// is Jaro-Winkler. Non-letters (the space of `van beethoven`) are skipped; a name without an ASCII letter (another
/// script) is its own key, its first 12 bytes.
package enum PhoneticKey {
    package static func soundex(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else {
            return String(decoding: name.utf8.prefix(12), as: UTF8.self)
        }
        let code = soundexCode(name)
        let bytes = (0..<4).reversed().map { UInt8(truncatingIfNeeded: code >> UInt64($0 * 8)) }
        return String(decoding: [bytes[0] - 0x20] + bytes.dropFirst(), as: UTF8.self)
    }

    /// The Soundex key packed in a word (its bytes), for blocking keys that are hashed, not printed; a name
    /// without an ASCII letter packs the FNV-1a hash of its bytes instead.
    package static func soundexCode(_ name: String) -> UInt64 {
        var code: UInt64 = 0
        var count = 0
        var previousCode: UInt8 = 0
        for byte in name.utf8 {
            guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { continue }
            let digit = codes[Int(byte - UInt8(ascii: "a"))]
            if count == 0 {
                code = UInt64(byte)
                count = 1
                previousCode = digit
                continue
            }
            switch digit {
            case UInt8(ascii: "0"): previousCode = digit
            case UInt8(ascii: "-"): continue
            default:
                if digit != previousCode {
                    code = code << 8 | UInt64(digit)
                    count += 1
                }
                previousCode = digit
            }
            if count == 4 { break }
        }
        if count == 0 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
        while count < 4 {
            code = code << 8 | UInt64(UInt8(ascii: "0"))
            count += 1
        }
        return code
    }

    /// a…z: `0` vowels and y, `-` h and w, else the Soundex digit.
    private static let codes: [UInt8] = Array("0123012-02245501262301-202".utf8)
}
