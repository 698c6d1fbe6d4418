/// A street line reduced to the key two spellings of one address share: `12 Kings Road` and `12 kings rd.` meet.
///
/// The line is folded (`MatchText.fold`: lowercase, accents, apostrophes, punctuation as spaces), then each word
/// that names a street type, a unit or a direction is written in its postal abbreviation, the short forms the
/// USPS (Publication 28, appendix C) and Royal Mail use: `street` `st`, `road` `rd`, `avenue` `ave`, `apartment`
/// and `flat` `apt` … A German `…straße`/`…strasse` ends in `str`, as it is abbreviated (`Hauptstr.`). The key is
/// for comparing and is not an address to print; the trait keeps the line as written.
package enum AddressKey {
    /// The key of a street line, or `.absent` when nothing is left (empty, `n/a`).
    package static func normalize(
        _ street: String, blocklist: IdentifierBlocklist = IdentifierRules.blocklist
    ) -> IdentifierRules.Normalized {
        let trimmed = IdentifierRules.trim(street)
        if blocklist.isBlockedWord(trimmed) { return .absent }
        let key = self.key(trimmed)
        return key.isEmpty ? .absent : .value(key)
    }

    /// The key, empty when the line has no letters or digits.
    package static func key(_ street: String) -> String {
        var key = ""
        for word in MatchText.words(street) {
            if !key.isEmpty { key += " " }
            if let short = abbreviations[word] {
                key += short
            } else if word.hasSuffix("strasse") {
                key += word.dropLast(4)
            } else {
                key += word
            }
        }
        return key
    }

    private static let abbreviations: [Substring: String] = [
        "street": "st", "road": "rd", "avenue": "ave", "av": "ave", "boulevard": "blvd",
        "drive": "dr", "lane": "ln", "court": "ct", "place": "pl", "square": "sq", "terrace": "ter", "terr": "ter",
        "crescent": "cres", "close": "cl", "gardens": "gdns", "grove": "gr", "parkway": "pkwy", "highway": "hwy",
        "circle": "cir", "mount": "mt", "saint": "st", "apartment": "apt", "flat": "apt", "suite": "ste",
        "floor": "fl", "building": "bldg", "north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne",
        "northwest": "nw", "southeast": "se", "southwest": "sw", "number": "no",
    ]
}
