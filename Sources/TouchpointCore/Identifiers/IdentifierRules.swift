/// Identifier normalization, in one place: what makes two spellings of one email, phone or handle the same key.
///
/// resolve-identity links records only through exact normalized values, so every rule here decides which records
/// can meet. Each function answers `.value` (normalized), `.absent` (empty or a placeholder that means "none") or
/// `.invalid` (something was written, but it cannot be an identifier of that kind; the mapping keeps the raw text
/// in `properties.invalid_fields`, so nothing is lost).
///
/// Placeholders and junk values (`IdentifierBlocklist`: `noemail@…`, `test@test.com`, `1234567890`, `0000000000`,
/// `anonymous`, …) are `.absent`: they would otherwise merge unrelated people into one profile. Every rule takes a
/// `blocklist:` (the built-in one by default), so a stage passes the list `IdentifierBlocklist.loading(userFile:)`
/// built from a deployment's file.
///
/// The other identifier kinds live beside these, one file each: `PhoneNumber` and `PhoneRegion` (phones per
/// region), `EmailRules` (provider aliases), `PersonName`, `Postcode`, `AddressKey`, and `MatchText` (the folding
/// names and street lines share).
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
    ///
    /// `rules` can also fold a provider's documented aliases (`EmailRules`); they are off by default.
    package static func email(
        _ raw: String, rules: EmailRules = EmailRules(), blocklist: IdentifierBlocklist = IdentifierRules.blocklist
    ) -> Normalized {
        let trimmed = trim(raw)
        if blocklist.isBlocked(trimmed) { return .absent }
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
        guard rules.providerRules else { return .value(email) }
        let folded = rules.canonical(email, at: atOffset)
        if folded.utf8.first == UInt8(ascii: "@") { return .invalid }
        return blocklist.isBlockedEmail(folded) ? .absent : .value(folded)
    }

    /// E.164 (`+442079460991`), reading a national number in `region`'s plan (`PhoneNumber.parse`); the extension
    /// is dropped, since the number is what identifies.
    ///
    /// The region comes per source or per record (a store's country, a call site's, an address country or a
    /// locale through `PhoneRegion.named`). Without one, only numbers written with `+` or `00` can be read.
    package static func phone(
        _ raw: String, region: PhoneRegion?, blocklist: IdentifierBlocklist = IdentifierRules.blocklist
    ) -> Normalized {
        switch PhoneNumber.parse(raw, region: region, blocklist: blocklist) {
        case .number(let number): return .value(number.e164)
        case .absent: return .absent
        case .invalid: return .invalid
        }
    }

    /// E.164 with one calling code for every national number: the older rule, kept for the current mappings.
    ///
    /// The code picks the region the built-in file lists first for it (`1` is the NANP, `44` GB); a code it does
    /// not list drops one trunk `0` and allows E.164's 8 to 15 digits. Prefer `phone(_:region:)`.
    package static func phone(
        _ raw: String, defaultCountryCode: String = "1", blocklist: IdentifierBlocklist = IdentifierRules.blocklist
    ) -> Normalized {
        let isCallingCode =
            (1...3).contains(defaultCountryCode.utf8.count)
            && defaultCountryCode.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        let region =
            isCallingCode
            ? PhoneRegion.forCallingCode(defaultCountryCode) ?? PhoneRegion(unlistedCallingCode: defaultCountryCode)
            : nil
        return phone(raw, region: region, blocklist: blocklist)
    }

    /// `platform:handle`: platform lowercased, handle lowercased without a leading `@`, neither with spaces.
    package static func social(
        platform: String, handle: String, blocklist: IdentifierBlocklist = IdentifierRules.blocklist
    ) -> Normalized {
        var trimmedHandle = trim(handle)
        if trimmedHandle.hasPrefix("@") { trimmedHandle.removeFirst() }
        if blocklist.isBlocked(trimmedHandle) { return .absent }
        let platformName = trim(platform).lowercased()
        let name = trimmedHandle.lowercased()
        guard !platformName.isEmpty, !platformName.contains(where: { $0 == " " || $0 == ":" }),
            !name.contains(where: { $0 == " " || $0 == "\t" || $0 == "@" })
        else { return .invalid }
        return .value(platformName + ":" + name)
    }

    /// Customer, loyalty, device, anonymous and order ids: trimmed, case kept (ids are exact), placeholders absent.
    package static func plain(_ raw: String, blocklist: IdentifierBlocklist = IdentifierRules.blocklist) -> Normalized {
        let trimmed = trim(raw)
        if blocklist.isBlocked(trimmed) { return .absent }
        let isLineBreak = { (byte: UInt8) in byte == 0x0A || byte == 0x0D }
        // Through the contiguous bytes when there are (always, for native strings): the generic view walks slowly.
        let hasLineBreak =
            trimmed.utf8.withContiguousStorageIfAvailable { $0.contains(where: isLineBreak) }
            ?? trimmed.utf8.contains(where: isLineBreak)
        guard !hasLineBreak else { return .invalid }
        return .value(trimmed)
    }

    /// A loyalty or membership card number: spaces, `-` and `.` dropped, ASCII letters uppercased (cards are printed
    /// in groups, `LC 1234-5678`, and typed in any case); anything but letters and digits left is invalid.
    package static func loyalty(_ raw: String, blocklist: IdentifierBlocklist = IdentifierRules.blocklist) -> Normalized
    {
        let trimmed = trim(raw)
        if blocklist.isBlocked(trimmed) { return .absent }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(trimmed.utf8.count)
        for byte in trimmed.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - 0x20)
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), 0x09: continue
            default: return .invalid
            }
        }
        let card = String(decoding: bytes, as: UTF8.self)
        if card.isEmpty || blocklist.isBlocked(card) || blocklist.isBlockedPhone(digits: card) { return .absent }
        return .value(card)
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

    /// `isBlank` on UTF-8 bytes: only white space and no-break spaces.
    package static func isBlank(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isSpaceByte(byte) {
                index += 1
            } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                index += 2
            } else {
                return false
            }
        }
        return true
    }

    @inline(__always)
    private static func isSpaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
