/// Identifier normalization, in one place: what makes two spellings of one email, phone or handle the same key.
///
/// resolve-identity links records only through exact normalized values, so every rule here decides which records
/// can meet. Each function answers `.value` (normalized), `.absent` (empty or a placeholder that means "none") or
/// `.invalid` (something was written, but it cannot be an identifier of that kind; the mapping keeps the raw text
/// in `properties.invalid_fields`, so nothing is lost).
///
/// Placeholders (compared after trimming, case-insensitively): `placeholders` below, for every kind. Emails also drop
/// a handful of obvious test addresses (`testEmails`). The lists are short on purpose: every entry is a value that
/// would otherwise merge unrelated people into one profile.
package enum Identifiers {
    /// Values that mean "no value" in exports and forms.
    package static let placeholders: Set<String> = [
        "", "-", "--", "null", "nil", "none", "n/a", "na", "unknown", "anonymous", "undefined", "0000000000",
    ]

    /// Addresses typed into forms to get past them; never a customer's.
    package static let testEmails: Set<String> = [
        "test@example.com", "test@test.com", "user@example.com", "email@example.com", "noreply@example.com",
        "no-reply@example.com",
    ]

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
        if testEmails.contains(email) { return .absent }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            !email.contains(where: { $0 == " " || $0 == "\t" })
        else { return .invalid }
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
        for character in trimmed {
            if let ascii = character.asciiValue, ascii >= UInt8(ascii: "0"), ascii <= UInt8(ascii: "9") {
                digits.append(character)
            } else if character == "+" && digits.isEmpty && !hasPlus {
                hasPlus = true
            } else if character.isLetter {
                if digits.isEmpty { return .invalid }
                break
            } else if !" -./()\t".contains(character) {
                return .invalid
            }
        }
        if digits.isEmpty { return .invalid }
        if digits.allSatisfy({ $0 == "0" }) { return .absent }
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
        guard !trimmed.contains(where: { $0.isNewline }) else { return .invalid }
        return .value(trimmed)
    }

    /// Whether a trimmed value means "none".
    package static func isPlaceholder(_ trimmed: String) -> Bool {
        trimmed.isEmpty || (trimmed.utf8.count <= 10 && placeholders.contains(trimmed.lowercased()))
    }

    /// Without leading and trailing white space (spaces, tabs, line breaks, no-break spaces; no Foundation).
    package static func trim(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }
}
