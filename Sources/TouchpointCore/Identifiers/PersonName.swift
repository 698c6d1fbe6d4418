/// A person's name as exports give it, split into first and last for display, with a key identity can compare.
///
/// From separate fields (`first_name`, `last_name`) or from one full name:
/// - `Raman, Priya` is last name, comma, first name (the form CRMs and ticket systems export);
/// - one word alone is a first name (`Priya` from a chat), or a last name after an honorific (`Dr Raman`);
/// - otherwise the last word is the last name, together with any lowercase particles before it (`van`, `de`,
///   `von der` …), and everything before it is the first name: `Mary Ann O'Neil` is first `Mary Ann`, last
///   `O'Neil`; `Ludwig van Beethoven` is first `Ludwig`, last `van Beethoven`. Two-surname names (`María García
///   López`) come out as first `María García`; feeds from such regions should map the separate fields, which is
///   the only way to be right for every culture;
/// - honorifics before the name (`Dr.`, `Mrs`, `Prof.`, `Herr`, `Mme` …) are dropped, and generational or
///   professional suffixes after it (`Jr.`, `Sr.`, `III`, `PhD` …) are kept apart in `suffix`;
/// - spaces are trimmed and collapsed, and the case is kept as written: the trait is for display.
///
/// `matchKey` is for comparing (`MatchText.fold` of `first last`): `Zoë O’Neil`, `ZOE ONEIL` and `zoe o'neil` meet.
package struct PersonName: Sendable, Equatable {
    package var first: String
    package var last: String
    package var suffix: String

    /// From separate fields; either may be empty. A first-name field holding `Dr. Priya` loses the honorific.
    package init(first: String, last: String, suffix: String = "") {
        var firstWords = Self.words(first)
        while firstWords.count > 1, Self.isHonorific(firstWords[0]) { firstWords.removeFirst() }
        var lastWords = Self.words(last)
        var suffixWords = Self.words(suffix)
        while lastWords.count > 1, let word = lastWords.last, Self.isSuffix(word) {
            suffixWords.insert(lastWords.removeLast(), at: 0)
        }
        self.first = firstWords.joined(separator: " ")
        self.last = lastWords.joined(separator: " ")
        self.suffix = suffixWords.joined(separator: " ")
    }

    /// From one full name; nil when nothing is left once honorifics are removed.
    package init?(fullName: String) {
        let trimmed = IdentifierRules.trim(fullName)
        var suffixWords: [Substring] = []
        var parts = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { Self.words($0) }
        // `Priya Raman, Jr.` and `Raman, Priya, PhD`: trailing comma parts of suffixes only belong to the suffix.
        while parts.count > 1, let part = parts.last, part.allSatisfy(Self.isSuffix) {
            suffixWords.insert(contentsOf: parts.removeLast(), at: 0)
        }
        let firstWords: [Substring]
        let lastWords: [Substring]
        if parts.count >= 2 {
            lastWords = parts[0]
            firstWords = parts[1...].flatMap { $0 }
        } else {
            var words = parts.first ?? []
            var hadHonorific = false
            while words.count > 1, Self.isHonorific(words[0]) {
                words.removeFirst()
                hadHonorific = true
            }
            while words.count > 1, let word = words.last, Self.isSuffix(word) {
                suffixWords.insert(words.removeLast(), at: 0)
            }
            // One word is a first name (`Priya` in a chat), unless a title stood before it (`Dr Raman`).
            var split = words.count == 1 && !hadHonorific ? 1 : max(words.count - 1, 0)
            while split > 1, Self.isParticle(words[split - 1]) { split -= 1 }
            firstWords = Array(words[..<split])
            lastWords = Array(words[split...])
        }
        self.init(
            first: firstWords.joined(separator: " "), last: lastWords.joined(separator: " "),
            suffix: suffixWords.joined(separator: " "))
        if first.isEmpty && last.isEmpty { return nil }
    }

    /// `first last`, as written.
    package var displayName: String { first.isEmpty ? last : last.isEmpty ? first : first + " " + last }

    /// `first last` folded (`MatchText.fold`): lowercase ASCII, accents folded, apostrophes and hyphens ignored.
    package var matchKey: String { MatchText.fold(displayName) }

    // MARK: - Words

    /// Words split at ASCII white space and U+00A0, through the bytes (no grapheme breaking per record).
    private static func words<Text: StringProtocol>(_ text: Text) -> [Substring] {
        let whole = Substring(text)
        let bytes = whole.utf8
        var result: [Substring] = []
        var start: String.Index?
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            var width = 0
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                width = 1
            } else if byte == 0xC2, bytes.index(after: index) != bytes.endIndex,
                bytes[bytes.index(after: index)] == 0xA0
            {
                width = 2
            }
            if width > 0 {
                if let wordStart = start { result.append(whole[wordStart..<index]) }
                start = nil
                index = bytes.index(index, offsetBy: width)
            } else {
                if start == nil { start = index }
                index = bytes.index(after: index)
            }
        }
        if let wordStart = start { result.append(whole[wordStart...]) }
        return result
    }

    /// Lowercased ASCII with one trailing period dropped, for the word lists.
    private static func listKey(_ word: Substring) -> String {
        var key = word.lowercased()
        if key.utf8.last == UInt8(ascii: ".") { key.removeLast() }
        return key
    }

    private static let honorifics: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "revd",
        "fr", "herr", "frau", "mme", "mlle", "sr", "sra", "srta", "dña", "dott", "ing",
    ]
    private static let suffixes: Set<String> = [
        "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "dds", "cpa", "mba", "obe", "mbe", "cbe", "kc", "qc",
    ]
    /// Lowercase only: capitalised, `Van` and `De` are as often first names or the family name's first word.
    private static let particles: Set<Substring> = [
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le", "ter", "ten",
        "bin", "bint", "al", "el", "st.",
    ]

    private static func isHonorific(_ word: Substring) -> Bool { honorifics.contains(listKey(word)) }
    private static func isSuffix(_ word: Substring) -> Bool { suffixes.contains(listKey(word)) }
    private static func isParticle(_ word: Substring) -> Bool { particles.contains(word) }
}
