/// The spelling-insensitive form of human-written text that identity compares: names and street lines.
///
/// ASCII letters are lowercased; the Latin letters of U+00C0-U+017F (Latin-1 Supplement and Latin Extended-A: é, ñ,
/// ø, ł, ß, æ …) are folded to ASCII through a byte table, since exports spell `Zoë` and `Zoe` both ways;
/// apostrophes (`'`, `’`, `ʼ`) are dropped, so `O'Neil` meets `ONeil`; any other ASCII punctuation is a space, so
/// `Raman-Shah` meets `Raman Shah`; runs of spaces become one and none is left at either end. Other scripts are kept
/// as written and lowercased by the standard library, the one slow path, taken only when such a letter appears.
package enum MatchText {
    /// `text` folded as above.
    package static func fold(_ text: String) -> String {
        var text = text
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var needsUnicodeLowercasing = false
        var pendingSpace = false
        @inline(__always) func append(_ byte: UInt8) {
            if pendingSpace && !output.isEmpty { output.append(UInt8(ascii: " ")) }
            pendingSpace = false
            output.append(byte)
        }
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    append(byte)
                    index += 1
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    append(byte | 0x20)
                    index += 1
                case UInt8(ascii: "'"), UInt8(ascii: "`"):
                    index += 1
                case 0x00..<0x80:
                    pendingSpace = true
                    index += 1
                case 0xC3...0xC5 where index + 1 < bytes.count:
                    let codePoint = Int(byte & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
                    let folded = latinTable[codePoint - 0xC0]
                    switch folded {
                    case UInt8(ascii: " "): pendingSpace = true
                    case UInt8(ascii: "*"): for letter in expansion(of: codePoint).utf8 { append(letter) }
                    default: append(folded)
                    }
                    index += 2
                case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA0:
                    pendingSpace = true
                    index += 2
                case 0xCA where index + 1 < bytes.count && bytes[index + 1] == 0xBC:
                    index += 2
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80:
                    // U+2018/U+2019 quotes are apostrophes; U+2000-U+2015 spaces and dashes separate words.
                    if bytes[index + 2] == 0x98 || bytes[index + 2] == 0x99 {
                    } else if bytes[index + 2] <= 0x95 || bytes[index + 2] == 0xAF {
                        pendingSpace = true
                    } else {
                        for offset in 0..<3 { append(bytes[index + offset]) }
                    }
                    index += 3
                default:
                    if byte >= 0xC0 { needsUnicodeLowercasing = true }
                    append(byte)
                    index += 1
                }
            }
        }
        let folded = String(decoding: output, as: UTF8.self)
        return needsUnicodeLowercasing ? folded.lowercased() : folded
    }

    /// ASCII letters uppercased and runs of white space made one space, the rest as written: for values whose shape
    /// is not known (a postcode of a country without a rule).
    package static func collapsedUppercase(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = true
                continue
            }
            if pendingSpace && !output.isEmpty { output.append(UInt8(ascii: " ")) }
            pendingSpace = false
            output.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Folded `text` split into words.
    package static func words(_ text: String) -> [Substring] {
        fold(text).split(separator: " ")
    }

    /// U+00C0-U+017F to one lowercase ASCII letter; `*` for the letters that fold to two, ` ` for × and ÷.
    private static let latinTable: [UInt8] = Array(
        ("aaaaaa*ceeeeiiiidnooooo ouuuuy**aaaaaa*ceeeeiiiidnooooo ouuuuy*y"
            + "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkklllllll"
            + "lllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs").utf8)

    private static func expansion(of codePoint: Int) -> String {
        switch codePoint {
        case 0xC6, 0xE6: "ae"
        case 0xDE, 0xFE: "th"
        case 0xDF: "ss"
        case 0x132, 0x133: "ij"
        case 0x152, 0x153: "oe"
        default: ""
        }
    }
}
