/// A postcode in its country's one written form, so that `sw1a1aa`, `SW1A 1AA` and `SW1A  1AA` are one key.
///
/// The country is an ISO code, locale or alias as `CountryCode.parse` reads them (`GB`, `UK`, `en_GB`). Spaces,
/// `-` and `.` are dropped and letters uppercased, then the shape is checked and the country's separator put back:
/// - GB (with GG, JE, IM): outward code (`A9`, `A99`, `AA9`, `AA99`, `A9A`, `AA9A`), one space, inward code (`9AA`);
///   `GIR 0AA` too (Royal Mail's address guidance);
/// - US (with PR, VI, GU, AS, MP): the 5-digit ZIP is the key, and the `+4` of ZIP+4 is kept apart in `plusFour`:
///   one address is written with and without it across systems, and the key must not tell them apart. A 4-digit
///   value gets its leading 0 back (spreadsheets drop it from New England ZIPs: `2134` is `02134`);
/// - CA `A9A 9A9`; IE Eircode `A99 XXXX` (routing key, including `D6W`, then four letters or digits); NL `9999 AA`;
/// - AU 4 digits (a 3-digit value gets its leading 0 back: Northern Territory `0800`), DE, FR, ES, IT, MX and other
///   5-digit countries, SE `999 99`, PT `9999-999`, PL `99-999`, JP `999-9999`, BR `99999-999`, and the 4- and
///   6-digit countries of the table below.
/// Any other country, or none: uppercased with spaces collapsed, since its shape is not known here.
package struct Postcode: Sendable, Equatable {
    /// The postcode as the country writes it.
    package let code: String
    /// The ZIP+4 add-on, for US postcodes that had one.
    package let plusFour: String?

    /// A postcode, or why there is none; `plusFour` is dropped (see `parse`).
    package static func normalize(
        _ raw: String, country: String?, blocklist: IdentifierBlocklist = IdentifierRules.blocklist
    ) -> IdentifierRules.Normalized {
        switch parse(raw, country: country, blocklist: blocklist) {
        case .postcode(let postcode): .value(postcode.code)
        case .absent: .absent
        case .invalid: .invalid
        }
    }

    /// A postcode, or why there is none (as `IdentifierRules.Normalized`).
    package enum Parsed: Sendable, Equatable {
        case postcode(Postcode)
        case absent
        case invalid
    }

    package static func parse(
        _ raw: String, country: String?, blocklist: IdentifierBlocklist = IdentifierRules.blocklist
    ) -> Parsed {
        let trimmed = IdentifierRules.trim(raw)
        if blocklist.isBlockedWord(trimmed) { return .absent }
        let countryCode = country.flatMap(CountryCode.parse)
        guard let countryCode, let shape = shapes[countryCode] else {
            return .postcode(Postcode(code: MatchText.collapsedUppercase(trimmed), plusFour: nil))
        }
        var compact: [UInt8] = []
        for byte in trimmed.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"): compact.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): compact.append(byte - 0x20)
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), 0x09: continue
            default: return .invalid
            }
        }
        if compact.isEmpty { return .absent }
        let postcode: Postcode?
        switch shape {
        case "GB": postcode = british(compact)
        case "US": postcode = american(compact)
        case "IE": postcode = irish(compact)
        default:
            let isShortAustralian = countryCode == "AU" && compact.count == 3
            postcode = fit(isShortAustralian ? [UInt8(ascii: "0")] + compact : compact, shape)
        }
        return postcode.map { .postcode($0) } ?? .invalid
    }

    /// Shapes by country: `#` a digit, `@` a letter, anything else written as is; GB, US and IE are read by code.
    private static let shapes: [String: String] = {
        var table: [String: String] = [
            "GB": "GB", "GG": "GB", "JE": "GB", "IM": "GB", "US": "US", "PR": "US", "VI": "US", "GU": "US",
            "AS": "US", "MP": "US", "IE": "IE", "CA": "@#@ #@#", "NL": "#### @@", "SE": "### ##", "PT": "####-###",
            "PL": "##-###", "JP": "###-####", "BR": "#####-###", "CZ": "### ##", "GR": "### ##",
        ]
        for code in ["DE", "FR", "ES", "IT", "MX", "FI", "HR", "EE", "LT", "TR", "MY", "KR", "UA", "SA", "MA"] {
            table[code] = "#####"
        }
        for code in ["AU", "AT", "BE", "CH", "LI", "DK", "NO", "NZ", "ZA", "HU", "LU", "PH", "BG", "AR"] {
            table[code] = "####"
        }
        for code in ["IN", "SG", "CN", "RU", "KZ", "VN", "RO"] { table[code] = "######" }
        return table
    }()

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetter(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    private static func fit(_ compact: [UInt8], _ shape: String) -> Postcode? {
        var output: [UInt8] = []
        var index = 0
        for slot in shape.utf8 {
            switch slot {
            case UInt8(ascii: "#"), UInt8(ascii: "@"):
                guard index < compact.count else { return nil }
                let byte = compact[index]
                guard slot == UInt8(ascii: "#") ? isDigit(byte) : isLetter(byte) else { return nil }
                output.append(byte)
                index += 1
            default: output.append(slot)
            }
        }
        guard index == compact.count else { return nil }
        return Postcode(code: String(decoding: output, as: UTF8.self), plusFour: nil)
    }

    private static func british(_ compact: [UInt8]) -> Postcode? {
        guard (5...7).contains(compact.count) else { return nil }
        let outward = compact[..<(compact.count - 3)]
        let inward = compact[(compact.count - 3)...]
        let text = String(decoding: outward, as: UTF8.self) + " " + String(decoding: inward, as: UTF8.self)
        if text == "GIR 0AA" { return Postcode(code: text, plusFour: nil) }
        let inwardFits = isDigit(inward[inward.startIndex]) && inward.dropFirst().allSatisfy(isLetter)
        // The outward code's shapes: a letter or two, a digit, then a digit or a letter (A9, A99, AA9, AA99, A9A, AA9A).
        let shape = String(decoding: outward.map { isDigit($0) ? UInt8(ascii: "9") : UInt8(ascii: "A") }, as: UTF8.self)
        guard inwardFits, outwardShapes.contains(shape) else { return nil }
        return Postcode(code: text, plusFour: nil)
    }

    private static let outwardShapes: Set<String> = ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"]

    private static func american(_ compact: [UInt8]) -> Postcode? {
        guard compact.allSatisfy(isDigit) else { return nil }
        switch compact.count {
        case 4: return Postcode(code: "0" + String(decoding: compact, as: UTF8.self), plusFour: nil)
        case 5: return Postcode(code: String(decoding: compact, as: UTF8.self), plusFour: nil)
        case 9:
            return Postcode(
                code: String(decoding: compact[..<5], as: UTF8.self),
                plusFour: String(decoding: compact[5...], as: UTF8.self))
        default: return nil
        }
    }

    private static func irish(_ compact: [UInt8]) -> Postcode? {
        guard compact.count == 7 else { return nil }
        let routing = compact[..<3]
        let isDublin6W = routing.elementsEqual("D6W".utf8)
        guard isDublin6W || (isLetter(compact[0]) && isDigit(compact[1]) && isDigit(compact[2])) else { return nil }
        return Postcode(
            code: String(decoding: routing, as: UTF8.self) + " " + String(decoding: compact[3...], as: UTF8.self),
            plusFour: nil)
    }
}
