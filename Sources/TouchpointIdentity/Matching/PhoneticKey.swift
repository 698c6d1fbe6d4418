/// American Soundex of a folded name: its first letter and three digits for the consonant sounds after it
/// (`robert` and `rupert` are R163, `smith` and `smyth` S530).
///
/// Used only to build blocking keys, so that a misspelt surname still meets its candidates; the comparison itself
/// is Jaro-Winkler. Non-letters (the space of `van beethoven`) are skipped; a name without an ASCII letter (another
/// script) is its own key, its first 12 bytes.
package enum PhoneticKey {
    package static func soundex(_ name: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4)
        var previousCode: UInt8 = 0
        for byte in name.utf8 {
            guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { continue }
            let code = codes[Int(byte - UInt8(ascii: "a"))]
            if output.isEmpty {
                output.append(byte - 0x20)
                previousCode = code
                continue
            }
            switch code {
            case UInt8(ascii: "0"): previousCode = code  // a vowel separates two equal codes
            case UInt8(ascii: "-"): continue  // h and w do not
            default:
                if code != previousCode { output.append(code) }
                previousCode = code
            }
            if output.count == 4 { break }
        }
        if output.isEmpty { return String(decoding: name.utf8.prefix(12), as: UTF8.self) }
        while output.count < 4 { output.append(UInt8(ascii: "0")) }
        return String(decoding: output, as: UTF8.self)
    }

    /// a…z: `0` vowels and y, `-` h and w, else the Soundex digit.
    private static let codes: [UInt8] = Array("0123012-02245501262301-202".utf8)
}
