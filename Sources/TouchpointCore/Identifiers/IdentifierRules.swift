/// Identifier normalization, in one place: what makes two spellings of one email, phone or handle the same key.
///
/// resolve-identity links records only through exact normalized values, so every rule here decides which records
/// can meet. Each function answers `.value` (normalized), `.absent` (empty or a placeholder that means "none") or
/// `.invalid` (something was written, but it cannot be an identifier of that kind; the mapping keeps the raw text
/// in `properties.invalid_fields`, so nothing is lost).
///
/// Placeholders and junk values (`IdentifierBlocklist`: `noemail@…`, `test@test.com`, `1234567890`, `0000000000`,
/// `anonymous`, …) are `.absent`: they would otherwise merge unrelated people into one profile.
package enum IdentifierRules {
    /// The values that mean "none": the built-in file.
    package static let blocklist = IdentifierBlocklist.builtin

    /// A normalized identifier, or why there is none.
    package enum Normalized: Equatable, Sendable {
        case value(String)
        case absent
        case invalid
    }

    /// Trimmed and lowercased; exactly one `@` with text on both sides and no spaces inside.
    package static func email(_ raw: String) -> Normalized {
        let trimmed = trim(raw)
        if isPlaceholder(trimmed) { return .absent }
        let email = trimmed.lowercased()
        if blocklist.isBlockedEmail(email) { return .absent }
        var atCount = 0
        var atOffset = 0
        var offset = 0
        for byte in email.utf8 {
            if byte == UInt8(ascii: "@") {
                atCount += 1
                atOffset = offset
            } else if byte == 0x20 || byte == 0x09 {
                return .invalid
            }
            offset += 1
        }
        guard atCount == 1, atOffset > 0, atOffset < offset - 1 else { return .invalid }
        return .value(email)
    }

    /// E.164: `+` and 8 to 15 digits.
    ///
    /// Separators (spaces, `-`, `.`, `/`, parentheses) are dropped, and so is an extension (`x12`, `ext. 12`: the
    /// first letter after a digit ends the number). A leading `+` or `00` means the country code is written. Without
    /// one, `defaultCountryCode` applies: for `1` (NANP) a 10-digit number gets `+1` and an 11-digit number starting
    /// with 1 gets `+`; for other codes one national trunk `0` is dropped and the code prefixed. Anything else (too
    /// few or too many digits, letters before the number) is invalid; all zeros is a placeholder.
    package static func phone(_ raw: String, defaultCountryCode: String = "1") -> Normalized {
        let trimmed = trim(raw)
        if isPlaceholder(trimmed) { return .absent }
        var digits = ""
        var hasPlus = false
        for scalar in trimmed.unicodeScalars {
            switch scalar {
            case "0"..."9":
                digits.unicodeScalars.append(scalar)
            case "+" where digits.isEmpty && !hasPlus:
                hasPlus = true
            case " ", "-", ".", "/", "(", ")", "\t", "\u{A0}":
                continue
            case _ where scalar.properties.isAlphabetic:
                // An extension ("x12", "ext. 12") ends the number; letters before any digit are not a number.
                if digits.isEmpty { return .invalid }
                return finishPhone(digits, hasPlus: hasPlus, defaultCountryCode: defaultCountryCode)
            default:
                return .invalid
            }
        }
        return finishPhone(digits, hasPlus: hasPlus, defaultCountryCode: defaultCountryCode)
    }

    private static func finishPhone(_ digits: String, hasPlus: Bool, defaultCountryCode: String) -> Normalized {
        if digits.isEmpty { return .invalid }
        if blocklist.isBlockedPhone(digits: digits) { return .absent }
        let international: String
        if hasPlus {
            international = digits
        } else if digits.hasPrefix("00") {
            international = String(digits.dropFirst(2))
        } else if defaultCountryCode == "1" {
            if digits.count == 10 {
                international = "1" + digits
            } else if digits.count == 11 && digits.hasPrefix("1") {
                international = digits
            } else {
                return .invalid
            }
        } else {
            international = defaultCountryCode + (digits.hasPrefix("0") ? String(digits.dropFirst()) : digits)
        }
        guard (8...15).contains(international.count), !international.hasPrefix("0") else { return .invalid }
        if international.hasPrefix("1") && international.count != 11 { return .invalid }
        return .value("+" + international)
    }

    /// `platform:handle`: platform lowercased, handle lowercased without a leading `@`, neither with spaces.
    package static func social(platform: String, handle: String) -> Normalized {
        var trimmedHandle = trim(handle)
        if trimmedHandle.hasPrefix("@") { trimmedHandle.removeFirst() }
        if isPlaceholder(trimmedHandle) { return .absent }
        let platformName = trim(platform).lowercased()
        let name = trimmedHandle.lowercased()
        guard !platformName.isEmpty, !platformName.contains(where: { $0 == " " || $0 == ":" }),
            !name.contains(where: { $0 == " " || $0 == "\t" || $0 == "@" })
        else { return .invalid }
        return .value(platformName + ":" + name)
    }

    /// Customer, loyalty, device, anonymous and order ids: trimmed, case kept (ids are exact), placeholders absent.
    package static func plain(_ raw: String) -> Normalized {
        let trimmed = trim(raw)
        if isPlaceholder(trimmed) { return .absent }
        let isLineBreak = { (byte: UInt8) in byte == 0x0A || byte == 0x0D }
        // Through the contiguous bytes when there are (always, for native strings): the generic view walks slowly.
        let hasLineBreak =
            trimmed.utf8.withContiguousStorageIfAvailable { $0.contains(where: isLineBreak) }
            ?? trimmed.utf8.contains(where: isLineBreak)
        guard !hasLineBreak else { return .invalid }
        return .value(trimmed)
    }

    /// Whether a trimmed value means "none".
    package static func isPlaceholder(_ trimmed: String) -> Bool { blocklist.isBlocked(trimmed) }

    /// Without leading and trailing white space: ASCII spaces, tabs, line breaks and the no-break space U+00A0.
    ///
    /// Works on UTF-8 bytes, not `Character`s (grapheme breaking showed up as the top cost of normalize), and returns
    /// the string itself when there is nothing to trim.
    package static func trim(_ text: String) -> String {
        let isUntouched = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            return !isSpaceByte(first) && first != 0xC2 && !isSpaceByte(last) && last != 0xA0
        }
        // The usual value has nothing to trim: two byte reads, no index walking.
        if isUntouched == true { return text }
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return "" }
        if !isSpaceByte(first) && first != 0xC2 && !isSpaceByte(last) && last != 0xA0 { return text }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end {
            if isSpaceByte(bytes[start]) {
                start = bytes.index(after: start)
            } else if bytes[start] == 0xC2, bytes.index(after: start) < end, bytes[bytes.index(after: start)] == 0xA0 {
                start = bytes.index(start, offsetBy: 2)
            } else {
                break
            }
        }
        while end > start {
            let previous = bytes.index(before: end)
            if isSpaceByte(bytes[previous]) {
                end = previous
            } else if bytes[previous] == 0xA0, previous > start, bytes[bytes.index(before: previous)] == 0xC2 {
                end = bytes.index(before: previous)
            } else {
                break
            }
        }
        return String(text[start..<end])
    }

    /// Whether the text is empty once trimmed, without building the trimmed string.
    package static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy(isSpaceByte) || trim(text).isEmpty
    }

    @inline(__always)
    private static func isSpaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
