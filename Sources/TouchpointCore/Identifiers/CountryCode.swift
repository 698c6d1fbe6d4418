/// A country as an ISO 3166-1 alpha-2 code, read from the spellings exports use for "where is this customer".
///
/// Accepts an alpha-2 code in any case (`gb`), a locale (`en_GB`, `en-GB`, `zh-Hant-TW`, `en_GB.UTF-8`), and the
/// aliases and alpha-3 codes the built-in phone-region file lists for its regions (`UK`, `GBR`). Country names are
/// not accepted: their spellings (and languages) are open-ended, and a wrong guess would put a number in the wrong
/// country silently. Works on UTF-8 bytes; no Foundation.
package enum CountryCode {
    /// The alpha-2 code (uppercase), or nil when the text is not a code or locale.
    package static func parse(_ text: String) -> String? {
        var subtags: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in IdentifierRules.trim(text).utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): current.append(byte - 0x20)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
            case UInt8(ascii: "_"), UInt8(ascii: "-"):
                subtags.append(current)
                current = []
            // A POSIX locale's codeset and modifier (`en_GB.UTF-8`, `de_DE@euro`) say nothing about the country.
            case UInt8(ascii: "."), UInt8(ascii: "@"):
                subtags.append(current)
                return region(in: subtags)
            default: return nil
            }
        }
        subtags.append(current)
        return region(in: subtags)
    }

    private static func region(in subtags: [[UInt8]]) -> String? {
        guard let first = subtags.first, !first.isEmpty else { return nil }
        if subtags.count == 1 {
            let code = String(decoding: first, as: UTF8.self)
            if first.count == 2 && isLetters(first) { return PhoneRegionCatalog.shared.aliases[code] ?? code }
            return PhoneRegionCatalog.shared.aliases[code]
        }
        // BCP 47 and POSIX: the region is the first two-letter subtag after the language (a script is four letters).
        for subtag in subtags.dropFirst() where subtag.count == 2 && isLetters(subtag) {
            let code = String(decoding: subtag, as: UTF8.self)
            return PhoneRegionCatalog.shared.aliases[code] ?? code
        }
        return nil
    }

    private static func isLetters(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}
