/// Which spellings of an email address reach the same mailbox, beyond case: off unless a deployment asks.
///
/// Off by default because folding is a guess about someone else's mail server: `anna+shop@` and `anna@` are one
/// mailbox only where the provider says so, and a wrong fold merges two people. With `providerRules` on, for the
/// providers that document it:
/// - Gmail (`gmail.com`, `googlemail.com`): dots in the local part are ignored and `+tag` is dropped; both domains are
///   one (Google's Gmail Help, "Dots don't matter in Gmail addresses" and "Create task-specific email addresses";
///   googlemail.com is the name Gmail used in Germany and the UK).
/// - `+tag` is dropped, dots kept, for providers that document plus (sub-)addressing: Fastmail ("Plus addressing
///   and subdomain addressing"), Microsoft Outlook.com (`outlook.com`, `hotmail.com`, `live.com`, `msn.com`; "plus
///   addressing" in Outlook.com and Exchange Online), Apple iCloud Mail (`icloud.com`, `me.com`, `mac.com`) and
///   Proton Mail (`proton.me`, `protonmail.com`, `protonmail.ch`, `pm.me`; "addresses with a + sign").
/// Country variants (`hotmail.co.uk`, `outlook.fr`) are Microsoft's too but are left alone: the list stays the one
/// that the providers' own pages name. Yahoo's `-` disposable addresses are separate mailboxes and are not folded.
package struct EmailRules: Sendable, Equatable {
    /// Whether the provider rules above apply.
    package var providerRules: Bool

    package init(providerRules: Bool = false) { self.providerRules = providerRules }

    /// Domains whose local part ignores dots and `+tag`, and the one domain they fold to.
    static let dotlessDomains: [String: String] = ["gmail.com": "gmail.com", "googlemail.com": "gmail.com"]
    /// Domains that document `+tag` sub-addressing.
    static let plusDomains: Set<String> = [
        "fastmail.com", "fastmail.fm", "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com",
        "mac.com", "proton.me", "protonmail.com", "protonmail.ch", "pm.me",
    ]

    /// The canonical spelling of a lowercased, valid `email` whose `@` is at byte `at`.
    func canonical(_ email: String, at: Int) -> String {
        let utf8 = email.utf8
        let atIndex = utf8.index(utf8.startIndex, offsetBy: at)
        let domain = String(email[utf8.index(after: atIndex)...])
        let dropsDots: Bool
        let foldedDomain: String
        if let target = Self.dotlessDomains[domain] {
            dropsDots = true
            foldedDomain = target
        } else if Self.plusDomains.contains(domain) {
            dropsDots = false
            foldedDomain = domain
        } else {
            return email
        }
        var local: [UInt8] = []
        for byte in utf8[..<atIndex] {
            if byte == UInt8(ascii: "+") { break }
            if dropsDots && byte == UInt8(ascii: ".") { continue }
            local.append(byte)
        }
        return String(decoding: local, as: UTF8.self) + "@" + foldedDomain
    }
}
