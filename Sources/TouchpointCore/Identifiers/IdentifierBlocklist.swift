/// Identifier values that mean "none" or belong to nobody, in one place for normalize and resolve-identity.
///
/// The built-in list is a file (`Builtin/identifiers/blocklist.json`): `any` values (for every identifier type),
/// email local parts, whole emails, email domains and phone numbers, compared after trimming and case-insensitively,
/// plus two patterns: a value of six or more characters that is one character repeated once separators are dropped
/// (`0000000000`, `+1 111 111 1111`, the all-zero UUID), and eight or more digits counting up or down by one
/// (`1234567890`, `9876543210`). Every entry is a value that would otherwise merge strangers into one profile. A
/// deployment adds its own values with a file of the same shape (`merging(_:)`).
package struct IdentifierBlocklist: Sendable {
    package private(set) var values: Set<String> = []
    package private(set) var emailLocalParts: Set<String> = []
    package private(set) var emails: Set<String> = []
    package private(set) var emailDomains: Set<String> = []
    /// Phones as their digits only.
    package private(set) var phoneDigits: Set<String> = []

    package init() {}

    /// The list shipped with Touchpoint.
    package static let builtin: IdentifierBlocklist = {
        guard let file = BuiltinFiles.all.first(where: { $0.path == "identifiers/blocklist.json" }) else {
            fatalError("the built-in identifier blocklist is missing from Builtin/identifiers")
        }
        do {
            return try IdentifierBlocklist(ConfigFile(text: file.text, path: "builtin:" + file.path).root)
        } catch {
            fatalError("the built-in identifier blocklist is invalid: \(error)")
        }
    }()

    /// The built-in list, with a deployment's own file (same shape as the built-in one) added when `path` is given.
    ///
    /// The file is read through `ConfigFile`, so a problem names it with line, column and JSON path
    /// (`blocklist.json:3:12: $.phones[1]: expected a string, found a number`).
    package static func loading(userFile path: String?) throws(ConfigError) -> IdentifierBlocklist {
        guard let path else { return builtin }
        return builtin.merging(try IdentifierBlocklist(ConfigFile(contentsOf: path).root))
    }

    /// Reads a blocklist file; unknown keys and wrong types are errors naming the path.
    package init(_ value: ConfigValue) throws(ConfigError) {
        try value.checkKeys([
            "description", "any", "email_local_parts", "emails", "email_domains", "phones", "patterns",
        ])
        func strings(_ key: String) throws(ConfigError) -> Set<String> {
            var result: Set<String> = []
            for element in try value.optional(key)?.array() ?? [] {
                result.insert(IdentifierRules.trim(try element.string()).lowercased())
            }
            return result
        }
        values = try strings("any")
        emailLocalParts = try strings("email_local_parts")
        emails = try strings("emails")
        emailDomains = try strings("email_domains")
        phoneDigits = Set(try strings("phones").map { String($0.filter(\.isNumber)) })
    }

    /// This list with `other`'s values added.
    package func merging(_ other: IdentifierBlocklist) -> IdentifierBlocklist {
        var merged = self
        merged.values.formUnion(other.values)
        merged.emailLocalParts.formUnion(other.emailLocalParts)
        merged.emails.formUnion(other.emails)
        merged.emailDomains.formUnion(other.emailDomains)
        merged.phoneDigits.formUnion(other.phoneDigits)
        return merged
    }

    /// Whether a trimmed value means "none" for any identifier type.
    package func isBlocked(_ trimmed: String) -> Bool {
        if trimmed.isEmpty { return true }
        if trimmed.utf8.count <= 32 && values.contains(trimmed.lowercasedIfChanged ?? trimmed) { return true }
        return Self.isRepeatedCharacter(trimmed) || Self.isSequentialDigits(trimmed)
    }

    /// Whether a trimmed value is a listed word (`Restricted`, `n/a`) or empty, leaving the digit patterns to the
    /// caller: a phone's patterns must be read on its digits, where `612 34 56 78` is a number and not a count.
    package func isBlockedWord(_ trimmed: String) -> Bool {
        trimmed.isEmpty || (trimmed.utf8.count <= 32 && values.contains(trimmed.lowercasedIfChanged ?? trimmed))
    }

    /// Whether a trimmed, lowercased email is a placeholder: listed, or its local part or domain is.
    package func isBlockedEmail(_ email: String) -> Bool {
        if isBlocked(email) || emails.contains(email) { return true }
        guard let at = email.utf8.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = String(email[..<at])
        let domain = String(email[email.index(after: at)...])
        return emailLocalParts.contains(local) || emailDomains.contains(domain) || Self.isRepeatedCharacter(local)
    }

    /// Whether a phone's digits (any spelling) are a placeholder.
    ///
    /// `lookingThroughCountryCode` lets a counting run start at the second digit (`+1 123 456 7890`); for a number
    /// written nationally it would refuse real numbers such as Spain's `612 345 678`.
    package func isBlockedPhone(digits: String, lookingThroughCountryCode: Bool = true) -> Bool {
        phoneDigits.contains(digits) || Self.isRepeatedCharacter(digits)
            || Self.isSequentialDigits(digits, lookingThroughCountryCode: lookingThroughCountryCode)
    }

    /// Whether a number read as calling code and national significant number is a placeholder: listed in either
    /// spelling (a user's file may list `+44 20 7946 0000` or `2079460000`), one digit repeated, or counting.
    package func isBlockedPhone(callingCode: String, nationalNumber: String) -> Bool {
        phoneDigits.contains(nationalNumber) || phoneDigits.contains(callingCode + nationalNumber)
            || Self.isRepeatedCharacter(nationalNumber)
            || Self.isSequentialDigits(nationalNumber, lookingThroughCountryCode: false)
    }

    // MARK: - Patterns

    /// Six or more characters, one repeated, once `+`, `-`, `.`, spaces and parentheses are dropped.
    static func isRepeatedCharacter(_ value: String) -> Bool {
        var first: UInt8?
        var count = 0
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: " "), UInt8(ascii: "("),
                UInt8(ascii: ")"):
                continue
            default:
                if first == nil { first = byte } else if byte != first { return false }
                count += 1
            }
        }
        return count >= 6
    }

    /// Eight or more digits, each one more (or one less) than the one before, after a `+` and separators.
    static func isSequentialDigits(_ value: String, lookingThroughCountryCode: Bool = true) -> Bool {
        // One pass, no digit array: each pair of neighbours either keeps or breaks the runs counting up and down
        // from the first digit, and (with a country code looked through) from the second.
        var count = 0
        var previous: UInt8 = 0
        var fromFirst = (up: true, down: true)
        var fromSecond = (up: true, down: true)
        for byte in value.utf8 {
            guard byte >= 0x30 && byte <= 0x39 else {
                if byte != UInt8(ascii: "+") && byte != UInt8(ascii: "-") && byte != UInt8(ascii: " ") { return false }
                continue
            }
            let digit = byte - 0x30
            if count >= 1 {
                let isUp = (previous + 1) % 10 == digit
                let isDown = (digit + 1) % 10 == previous
                fromFirst = (fromFirst.up && isUp, fromFirst.down && isDown)
                if count >= 2 { fromSecond = (fromSecond.up && isUp, fromSecond.down && isDown) }
            }
            previous = digit
            count += 1
        }
        guard count >= 8 else { return false }
        if fromFirst.up || fromFirst.down { return true }
        return lookingThroughCountryCode && count >= 9 && (fromSecond.up || fromSecond.down)
    }
}
