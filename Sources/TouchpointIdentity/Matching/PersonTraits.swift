import TouchpointCore
import TouchpointJSON

/// The person traits of one event in the form matching compares: folded names, a birth date, keys for the postcode
/// and the street line, the phone's last digits and the email's local part.
///
/// Read from `traits` as normalize's mappings write it (docs/CONTRACT.md: `name` or `first_name`/`last_name`,
/// `birthday`, `address` as a street line or an object with `street`/`postal_code`/`country`, `postal_code`,
/// `country`) and from `ids.phone` and `ids.email`. Every value is optional; placeholders (`unknown`, `n/a`,
/// `Guest`) are left out, so a missing value counts neither for nor against a match.
package struct PersonTraits: Equatable, Sendable {
    /// `MatchText.fold`ed; empty when unknown.
    package var first = ""
    package var last = ""
    /// `yyyymmdd`; 0 when unknown.
    package var birthDate: Int32 = 0
    /// `Postcode` in its country's form.
    package var postcode = ""
    /// `AddressKey` of the street line.
    package var address = ""
    /// The last 7 digits of the phone, which survive a missing or different country prefix.
    package var phone = ""
    /// The email's local part without dots and `+tag`, lowercased.
    package var emailLocal = ""

    package init() {}

    /// Whether the event carries anything of the person beyond identifiers.
    package var hasPersonTraits: Bool {
        !first.isEmpty || !last.isEmpty || birthDate != 0 || !postcode.isEmpty || !address.isEmpty
    }

    /// Whether the traits are enough to found a profile on their own: a surname and a birth date, postcode or
    /// address. A name alone (a chat author) is too common to be anyone in particular.
    package var canFoundProfile: Bool {
        !last.isEmpty && (birthDate != 0 || !postcode.isEmpty || !address.isEmpty)
    }

    /// The traits of an event line; nil when it has no person traits.
    package init?(document: JSONDocument, ids: JSONObject) {
        if let node = document["traits"], document.type(of: node) == .object {
            readTraits(document, node)
        }
        guard hasPersonTraits else { return nil }
        if case .string(let phone)? = ids["phone"] {
            let digits = phone.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }
            if digits.count >= 7 { self.phone = String(decoding: digits.suffix(7), as: UTF8.self) }
        }
        if case .string(let email)? = ids["email"] { emailLocal = Self.localPart(of: email) }
    }

    private mutating func readTraits(_ document: JSONDocument, _ traits: JSONDocument.Node) {
        func text(_ key: String, of node: JSONDocument.Node = traits) -> String? {
            guard let member = document.member(key, of: node), let value = document.string(member) else { return nil }
            let trimmed = IdentifierRules.trim(value)
            return IdentifierRules.blocklist.isBlockedWord(trimmed) ? nil : trimmed
        }
        let name: PersonName?
        if text("first_name") != nil || text("last_name") != nil {
            name = PersonName(first: text("first_name") ?? "", last: text("last_name") ?? "")
        } else {
            name = text("name").flatMap(PersonName.init(fullName:))
        }
        if let name {
            first = MatchText.fold(name.first)
            last = MatchText.fold(name.last)
        }
        if let birthday = text("birthday") ?? text("birth_date") { birthDate = Self.date(birthday) }
        var country = text("country")
        var postal = text("postal_code")
        if let address = document.member("address", of: traits) {
            if document.type(of: address) == .object {
                country = country ?? text("country", of: address)
                postal = postal ?? text("postal_code", of: address) ?? text("postalCode", of: address)
                if let street = text("street", of: address) ?? text("line1", of: address) {
                    self.address = AddressKey.key(street)
                }
            } else if let street = text("address") {
                self.address = AddressKey.key(street)
            }
        }
        if let postal, case .value(let code) = Postcode.normalize(postal, country: country) { postcode = code }
    }

    /// `yyyy-mm-dd` (or the date of an RFC 3339 time), `yyyymmdd`, `dd.mm.yyyy`, and `mm/dd/yyyy` unless the first
    /// part cannot be a month (`dd/mm/yyyy`); 0 for anything else. Which of day and month came first in a slashed
    /// date is often wrong at the source; the comparison's `transposed` level absorbs it.
    package static func date(_ text: String) -> Int32 {
        let bytes = Array(text.utf8)
        var parts: [Int32] = []
        var current: Int32 = 0
        var digits = 0
        var separator: UInt8 = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                current = current * 10 + Int32(byte - 0x30)
                digits += 1
                guard digits <= 8 else { return 0 }
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") {
                guard digits > 0, parts.count < 2 else { return 0 }
                separator = byte
                parts.append(current)
                current = 0
                digits = 0
            } else if byte == UInt8(ascii: "T") || byte == UInt8(ascii: " ") {
                break
            } else {
                return 0
            }
        }
        parts.append(current)
        var year: Int32
        var month: Int32
        var day: Int32
        switch (parts.count, separator) {
        case (1, _) where digits == 8: (year, month, day) = (current / 10000, current / 100 % 100, current % 100)
        case (3, UInt8(ascii: "-")): (year, month, day) = (parts[0], parts[1], parts[2])
        case (3, UInt8(ascii: ".")): (day, month, year) = (parts[0], parts[1], parts[2])
        case (3, UInt8(ascii: "/")):
            (month, day, year) = (parts[0], parts[1], parts[2])
            if month > 12 { swap(&month, &day) }
        default: return 0
        }
        guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return 0 }
        return year * 10000 + month * 100 + day
    }

    /// `Anna.Smith+shop@x.com` -> `annasmith`; empty for a local part the blocklist names or shorter than 3.
    static func localPart(of email: String) -> String {
        guard let at = email.utf8.firstIndex(of: UInt8(ascii: "@")) else { return "" }
        var local: [UInt8] = []
        for byte in email.utf8[..<at] {
            if byte == UInt8(ascii: "+") { break }
            if byte == UInt8(ascii: ".") { continue }
            local.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        let text = String(decoding: local, as: UTF8.self)
        return local.count < 3 || IdentifierRules.blocklist.emailLocalParts.contains(text) ? "" : text
    }
}
