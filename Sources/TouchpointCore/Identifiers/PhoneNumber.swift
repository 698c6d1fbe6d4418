/// A phone number as E.164 (`+442079460991`), with the extension it was written with, read from the spellings
/// exports carry.
///
/// What is read, in bytes (no Foundation, no regexes):
/// - separators: spaces, `-`, `.`, `/`, parentheses, tabs, no-break and thin spaces, Unicode dashes;
/// - `+` or an international prefix (the region's, such as `011` from the NANP or `0011` from AU, and `00`
///   everywhere) followed by the calling code; the country is found by its calling code (calling codes are
///   prefix-free, so the first one that matches is the only one) and the number must fit its lengths;
/// - `(0)` right after the calling code (`+44 (0)20 7946 0991`), and a trunk prefix written after it without
///   parentheses (`+44 020 …`) when the number would not fit otherwise;
/// - a national number in the given region: one trunk prefix dropped where the region has one (`020 …` in GB,
///   `1-555-…` in the NANP, `8 812 …` in RU; Italy has none and keeps its 0), then the region's lengths; a number
///   written with the calling code but no `+` (`44 20 7946 0991`) is read too, last;
/// - an extension after `x`, `ext`, `ext.`, `extn`, `extension`, `#` or `,` (`x12`, `ext. 12`, `#12`); any other
///   word after the digits ends the number (`(home)`);
/// - `tel:` URIs (RFC 3966) with `;ext=` and `;phone-context=+44` (the context's country, for a local number).
///
/// Without a region only numbers written internationally can be read: a national number could belong to any
/// country. Calling codes the built-in file does not list are accepted with E.164's 8 to 15 digits.
package struct PhoneNumber: Sendable, Equatable {
    /// `+`, calling code, national significant number.
    package let e164: String
    /// Without `+`; empty when the built-in file does not list the number's calling code.
    package let callingCode: String
    /// The extension's digits, when one was written.
    package let extensionDigits: String?

    /// A number, or why there is none (as `IdentifierRules.Normalized`).
    package enum Parsed: Equatable, Sendable {
        case number(PhoneNumber)
        /// Empty, or a placeholder in `blocklist` (`Restricted`, `0000000000`, `1234567890`).
        case absent
        case invalid
    }

    /// Reads `raw` as a number of `region` when written nationally.
    package static func parse(
        _ raw: String, region: PhoneRegion?, blocklist: IdentifierBlocklist = IdentifierRules.blocklist
    ) -> Parsed {
        var trimmed = IdentifierRules.trim(raw)
        if blocklist.isBlockedWord(trimmed) { return .absent }
        return trimmed.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumDigits) { digits in
                guard let scan = Scan(bytes, into: digits) else { return .invalid }
                return resolve(
                    scan, digits: UnsafeBufferPointer(rebasing: digits[..<scan.count]), region: region,
                    blocklist: blocklist)
            }
        }
    }

    /// More digits than E.164's 15 plus a 4-digit international prefix cannot be one number.
    private static let maximumDigits = 24

    // MARK: - Scanning

    /// What the bytes say: the digits (in the caller's buffer), whether `+` came first, and where `(0)` stood.
    private struct Scan {
        var count = 0
        var hasPlus = false
        /// How many digits came before a `(0)`, or -1.
        var zeroGroupAt = -1
        var extensionDigits: String?
        /// The calling code of a `tel:` URI's `phone-context=+…`.
        var contextCallingCode: String?

        init?(_ bytes: UnsafeBufferPointer<UInt8>, into digits: UnsafeMutableBufferPointer<UInt8>) {
            let end = bytes.count
            var index = 0
            let isURI =
                end > 4 && bytes[0] | 0x20 == UInt8(ascii: "t") && bytes[1] | 0x20 == UInt8(ascii: "e")
                && bytes[2] | 0x20 == UInt8(ascii: "l") && bytes[3] == UInt8(ascii: ":")
            if isURI { index = 4 }
            scanning: while index < end {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    guard count < digits.count else { return nil }
                    digits[count] = byte
                    count += 1
                    index += 1
                case UInt8(ascii: "+"):
                    guard count == 0, !hasPlus else { return nil }
                    hasPlus = true
                    index += 1
                case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "\t"),
                    UInt8(ascii: ")"):
                    index += 1
                case UInt8(ascii: "("):
                    if count > 0, index + 2 < end, bytes[index + 1] == UInt8(ascii: "0"),
                        bytes[index + 2] == UInt8(ascii: ")")
                    {
                        zeroGroupAt = count
                        index += 3
                    } else {
                        index += 1
                    }
                case 0xC2 where index + 1 < end && bytes[index + 1] == 0xA0:
                    index += 2
                // U+2000-U+200A spaces, U+2010-U+2015 dashes, U+202F narrow no-break space: pasted from documents.
                case 0xE2
                where index + 2 < end && bytes[index + 1] == 0x80
                    && (bytes[index + 2] <= 0x8A || (0x90...0x95).contains(bytes[index + 2])
                        || bytes[index + 2] == 0xAF):
                    index += 3
                case UInt8(ascii: ";") where isURI:
                    readParameters(bytes, from: index + 1)
                    break scanning
                default:
                    guard count > 0 else { return nil }
                    extensionDigits = Self.extensionAfter(bytes, from: index)
                    break scanning
                }
            }
            guard count > 0 else { return nil }
        }

        /// The digits after an extension marker at `start`, or nil when the word there is not one.
        private static func extensionAfter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
            var index = start
            var word: UInt64 = 0
            var wordLength = 0
            while index < bytes.count, case let byte = bytes[index] | 0x20, byte >= 0x61 && byte <= 0x7A {
                if wordLength < 8 { word = word << 8 | UInt64(byte) }
                wordLength += 1
                index += 1
            }
            if wordLength == 0 {
                // A dialler's pause (`…0991,12`) has its digits right after the comma; `…0991, 020 …` is a list.
                let isPause =
                    bytes[index] == UInt8(ascii: ",") && index + 1 < bytes.count && bytes[index + 1] >= 0x30
                    && bytes[index + 1] <= 0x39
                guard bytes[index] == UInt8(ascii: "#") || isPause else { return nil }
            } else {
                // x, ext, extn, extension (its first eight letters are enough to tell it).
                let markers: [UInt64] = [0x78, 0x65_7874, 0x6578_746E, 0x6578_7465_6E73_696F]
                guard wordLength <= 9, markers.contains(word) else { return nil }
            }
            while index < bytes.count, !(bytes[index] >= 0x30 && bytes[index] <= 0x39) {
                switch bytes[index] {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "="),
                    UInt8(ascii: " "), UInt8(ascii: "-"):
                    index += 1
                default: return nil
                }
            }
            let digitsStart = index
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            guard index > digitsStart else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[digitsStart..<index]), as: UTF8.self)
        }

        /// RFC 3966 parameters: `ext=12`, `phone-context=+44`; others (`isub`, a domain context) say nothing here.
        private mutating func readParameters(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
            var index = start
            while index < bytes.count {
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
                let parameter = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                if parameter.hasPrefix("ext=") {
                    let value = parameter.utf8.dropFirst(4).filter { $0 >= 0x30 && $0 <= 0x39 }
                    if !value.isEmpty { extensionDigits = String(decoding: value, as: UTF8.self) }
                } else if parameter.hasPrefix("phone-context=+") {
                    let value = parameter.utf8.dropFirst(15).filter { $0 >= 0x30 && $0 <= 0x39 }
                    if !value.isEmpty { contextCallingCode = String(decoding: value, as: UTF8.self) }
                }
                index = end + 1
            }
        }
    }

    // MARK: - Resolving

    private typealias Digits = Slice<UnsafeBufferPointer<UInt8>>

    private static func resolve(
        _ scan: Scan, digits buffer: UnsafeBufferPointer<UInt8>, region: PhoneRegion?, blocklist: IdentifierBlocklist
    ) -> Parsed {
        let digits = buffer[...]
        let prefix = scan.hasPlus ? 0 : internationalPrefix(of: digits, region: region)
        let isInternational = scan.hasPlus || prefix != nil
        let written = String(decoding: digits, as: UTF8.self)
        if blocklist.isBlockedPhone(digits: written, lookingThroughCountryCode: isInternational) { return .absent }
        let found: (callingCode: String, nationalNumber: String)?
        if scan.hasPlus {
            found = international(digits, zeroGroupAt: scan.zeroGroupAt)
        } else if let context = scan.contextCallingCode {
            found = national(digits, PhoneRegion.forCallingCode(context) ?? PhoneRegion(unlistedCallingCode: context))
        } else if let prefix {
            found = international(digits.dropFirst(prefix), zeroGroupAt: scan.zeroGroupAt - prefix)
        } else if let region {
            found = national(digits, region)
        } else {
            found = nil
        }
        guard let found else { return .invalid }
        if blocklist.isBlockedPhone(callingCode: found.callingCode, nationalNumber: found.nationalNumber) {
            return .absent
        }
        let e164 = "+" + found.callingCode + found.nationalNumber
        return .number(PhoneNumber(e164: e164, callingCode: found.callingCode, extensionDigits: scan.extensionDigits))
    }

    /// The length of the international prefix `digits` start with: the region's own, or `00`.
    private static func internationalPrefix(of digits: Digits, region: PhoneRegion?) -> Int? {
        for prefix in region?.internationalPrefixes ?? [] where startsWith(digits, prefix) { return prefix.utf8.count }
        return startsWith(digits, "00") ? 2 : nil
    }

    /// Calling code and national number of digits written after `+` or an international prefix.
    private static func international(_ body: Digits, zeroGroupAt: Int) -> (String, String)? {
        for length in 1...3 where length < body.count {
            let callingCode = String(decoding: body.prefix(length), as: UTF8.self)
            guard let region = PhoneRegion.forCallingCode(callingCode) else { continue }
            var rest = body.dropFirst(length)
            if zeroGroupAt == length && rest.first == UInt8(ascii: "0") { rest = rest.dropFirst() }
            return fitAfterCallingCode(rest, region).map { (callingCode, String(decoding: $0, as: UTF8.self)) }
        }
        // A calling code the file does not describe: E.164's bounds, and a written `(0)` is still a trunk prefix.
        var number = String(decoding: body, as: UTF8.self)
        if (1...3).contains(zeroGroupAt), zeroGroupAt < body.count,
            body[body.startIndex + zeroGroupAt] == UInt8(ascii: "0")
        {
            number =
                String(decoding: body.prefix(zeroGroupAt), as: UTF8.self)
                + String(decoding: body.dropFirst(zeroGroupAt + 1), as: UTF8.self)
        }
        guard (8...15).contains(number.utf8.count), body.first != UInt8(ascii: "0") else { return nil }
        // The unknown code's length is unknown too; the whole number is what identity compares.
        return ("", number)
    }

    /// The national significant number of digits that followed the calling code, with what old or hurried
    /// spellings put in between (a trunk prefix, Mexico's mobile `1`).
    private static func fitAfterCallingCode(_ digits: Digits, _ region: PhoneRegion) -> Digits? {
        if region.isPossible(digits) { return digits }
        for prefix in region.legacyAfterCallingCode where startsWith(digits, prefix) {
            let rest = digits.dropFirst(prefix.utf8.count)
            if region.isPossible(rest) { return rest }
        }
        if !region.trunkPrefix.isEmpty && startsWith(digits, region.trunkPrefix) {
            let rest = digits.dropFirst(region.trunkPrefix.utf8.count)
            if region.isPossible(rest) { return rest }
        }
        return nil
    }

    /// A number written as it is dialled inside `region`.
    private static func national(_ digits: Digits, _ region: PhoneRegion) -> (String, String)? {
        nationalSignificant(digits, region).map { (region.callingCode, String(decoding: $0, as: UTF8.self)) }
    }

    private static func nationalSignificant(_ digits: Digits, _ region: PhoneRegion) -> Digits? {
        if !region.trunkPrefix.isEmpty && startsWith(digits, region.trunkPrefix) {
            let rest = digits.dropFirst(region.trunkPrefix.utf8.count)
            if region.isPossible(rest) { return rest }
            if region.carrierCodeDigits > 0 {
                let afterCarrier = rest.dropFirst(region.carrierCodeDigits)
                if region.isPossible(afterCarrier) { return afterCarrier }
            }
        }
        if region.isPossible(digits) { return digits }
        for prefix in region.legacyNationalPrefixes where startsWith(digits, prefix) {
            let rest = digits.dropFirst(prefix.utf8.count)
            if region.isPossible(rest) { return rest }
        }
        // The calling code without its `+` (`44 20 7946 0991`, `447700900123`): read last, as it is the guess.
        if startsWith(digits, region.callingCode),
            let rest = fitAfterCallingCode(digits.dropFirst(region.callingCode.utf8.count), region)
        {
            return rest
        }
        return nil
    }

    @inline(__always)
    private static func startsWith(_ digits: Digits, _ prefix: String) -> Bool {
        digits.starts(with: prefix.utf8)
    }
}
