/// The comparison of one event's traits with one profile's: a level per field, the Fellegi-Sunter score, and
/// whether a vetoing field disagreed.
///
/// Levels (MatchSettings weights each):
/// - names: `exact`; `nickname` (first names of one nickname group); `close` (Jaro-Winkler at least
///   `close_similarity`, or one surname a word of the other, as double-barrelled names are shortened); `disagree`.
///   An initial (`A` against `Anna`) counts neither way. First and last are also compared swapped, and the swapped
///   reading is taken when it scores higher;
/// - birth date: `exact`; `transposed` (day and month swapped, as `mm/dd` against `dd/mm` gives); `partial` (two of
///   year, month and day agree); `disagree`;
/// - street line: `exact`; `close` (Jaro-Winkler, and the same house number); `disagree`;
/// - postcode and phone digits: `exact` or `disagree`; email local part: `exact`, `close`, `disagree`.
/// A field missing on either side has no level and adds nothing. Where the profile holds several values, the best
/// level counts.
package struct TraitComparison: Equatable, Sendable {
    /// By field; nil where either side lacks the field.
    package var levels = Levels()
    package var score: Double
    package var isSwapped: Bool
    /// The first vetoing field that disagreed; a match is refused when set.
    package var veto: TraitField?

    /// The comparison of an event's traits with a profile's.
    ///
    /// A static function, not an initializer: an initializer would take the profile's traits as an owned copy,
    /// one retain per stored array and candidate, which cost more than the comparison itself.
    package static func of(_ event: PersonTraits, _ profile: StoredTraits, settings: MatchSettings) -> TraitComparison {
        var comparison = TraitComparison()
        comparison.compare(event, profile, settings)
        return comparison
    }

    private init() {
        score = 0
        isSwapped = false
        veto = nil
    }

    private mutating func compare(_ event: PersonTraits, _ profile: StoredTraits, _ settings: MatchSettings) {
        var bestNames: (first: MatchLevel?, last: MatchLevel?, weight: Double, swapped: Bool)?
        for name in profile.names {
            var straightDisagrees = false
            for swapped in [false, true] {
                // A crossed reading can only win where the straight one has a name that disagrees.
                if swapped && !straightDisagrees { break }
                let (eventFirst, eventLast) = swapped ? (event.last, event.first) : (event.first, event.last)
                let first = Self.firstName(eventFirst, name.first, settings)
                let last = Self.lastName(eventLast, name.last, settings)
                straightDisagrees = first == .disagree || last == .disagree
                let weight =
                    (first.map { settings.weight(.firstName, $0) } ?? 0)
                    + (last.map { settings.weight(.lastName, $0) } ?? 0)
                if bestNames == nil || weight > bestNames!.weight { bestNames = (first, last, weight, swapped) }
            }
        }
        if let bestNames {
            levels[.firstName] = bestNames.first
            levels[.lastName] = bestNames.last
            isSwapped = bestNames.swapped
        }
        setBest(.birthDate, event.birthDate, profile.birthDates, settings) { lhs, rhs in
            lhs == 0 ? nil : Self.date(lhs, rhs)
        }
        setBest(.postcode, event.postcode, profile.postcodes, settings) { lhs, rhs in
            lhs.isEmpty ? nil : lhs == rhs ? .exact : .disagree
        }
        setBest(.address, event.address, profile.addresses, settings) { lhs, rhs in
            lhs.isEmpty ? nil : Self.address(lhs, rhs, settings)
        }
        setBest(.phone, event.phone, profile.phones, settings) { lhs, rhs in
            lhs.isEmpty ? nil : lhs == rhs ? .exact : .disagree
        }
        setBest(.emailLocal, event.emailLocal, profile.emailLocals, settings) { lhs, rhs in
            lhs.isEmpty ? nil : lhs == rhs ? .exact : Self.close(lhs, rhs, settings) ? .close : .disagree
        }
        for field in TraitField.allCases {
            guard let level = levels[field] else { continue }
            score += settings.weight(field, level)
            if veto == nil && level == .disagree && settings.vetoes[field.rawValue] { veto = field }
        }
    }

    /// Fields that agreed at some level, in field order.
    package var agreeing: [(field: TraitField, level: MatchLevel)] {
        TraitField.allCases.compactMap { field in
            levels[field].flatMap { $0 == .disagree ? nil : (field, $0) }
        }
    }

    private mutating func setBest<Value>(
        _ field: TraitField, _ value: Value, _ stored: [Value], _ settings: MatchSettings,
        _ compare: (Value, Value) -> MatchLevel?
    ) {
        var best: MatchLevel?
        for candidate in stored {
            guard let level = compare(value, candidate) else { return }
            if best == nil || settings.weight(field, level) > settings.weight(field, best!) { best = level }
        }
        levels[field] = best
    }

    // MARK: - Fields

    static func firstName(_ lhs: String, _ rhs: String, _ settings: MatchSettings) -> MatchLevel? {
        if lhs.isEmpty || rhs.isEmpty { return nil }
        if lhs == rhs { return .exact }
        if isInitial(lhs, of: rhs) || isInitial(rhs, of: lhs) { return nil }
        if settings.nicknames.areEquivalent(lhs, rhs) { return .nickname }
        if hasSpace(lhs) || hasSpace(rhs), let left = lhs.split(separator: " ").first,
            let right = rhs.split(separator: " ").first
        {
            // `Mary Ann` against `Mary`: the first given name is the one used day to day.
            if left == right { return .close }
            if settings.nicknames.areEquivalent(String(left), String(right)) { return .nickname }
        }
        return close(lhs, rhs, settings) ? .close : .disagree
    }

    static func lastName(_ lhs: String, _ rhs: String, _ settings: MatchSettings) -> MatchLevel? {
        if lhs.isEmpty || rhs.isEmpty { return nil }
        if lhs == rhs { return .exact }
        if isInitial(lhs, of: rhs) || isInitial(rhs, of: lhs) { return nil }
        if close(lhs, rhs, settings) { return .close }
        guard hasSpace(lhs) || hasSpace(rhs) else { return .disagree }
        let left = lhs.split(separator: " ")
        let right = rhs.split(separator: " ")
        if (left.count > 1 || right.count > 1) && left.contains(where: right.contains) { return .close }
        return .disagree
    }

    static func date(_ lhs: Int32, _ rhs: Int32) -> MatchLevel {
        if lhs == rhs { return .exact }
        let (year, month, day) = (lhs / 10000, lhs / 100 % 100, lhs % 100)
        let (otherYear, otherMonth, otherDay) = (rhs / 10000, rhs / 100 % 100, rhs % 100)
        if year == otherYear && month == otherDay && day == otherMonth { return .transposed }
        let agreeing = (year == otherYear ? 1 : 0) + (month == otherMonth ? 1 : 0) + (day == otherDay ? 1 : 0)
        return agreeing >= 2 ? .partial : .disagree
    }

    static func address(_ lhs: String, _ rhs: String, _ settings: MatchSettings) -> MatchLevel {
        if lhs == rhs { return .exact }
        // Neighbours differ only in the number: `12 kings rd` and `14 kings rd` are two households.
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        if !lhs.utf8.prefix(while: isDigit).elementsEqual(rhs.utf8.prefix(while: isDigit)) { return .disagree }
        return close(lhs, rhs, settings) ? .close : .disagree
    }

    static func close(_ lhs: String, _ rhs: String, _ settings: MatchSettings) -> Bool {
        JaroWinkler.similarity(lhs, rhs) >= settings.closeSimilarity
    }

    private static func hasSpace(_ text: String) -> Bool { text.utf8.contains(0x20) }

    private static func isInitial(_ short: String, of long: String) -> Bool {
        short.utf8.count == 1 && long.utf8.first == short.utf8.first
    }
}

/// A level per trait field, 4 bits each in one word: no allocation per comparison.
package struct Levels: Equatable, Sendable {
    private var bits: UInt32 = 0

    package init() {}

    package subscript(field: TraitField) -> MatchLevel? {
        get {
            let code = Int(bits >> UInt32(field.rawValue * 4) & 0xF)
            return code == 0 ? nil : MatchLevel(rawValue: code - 1)
        }
        set {
            let shift = UInt32(field.rawValue * 4)
            bits = bits & ~(0xF << shift) | UInt32(newValue.map { $0.rawValue + 1 } ?? 0) << shift
        }
    }
}

extension StoredTraits {
    /// Whether two profiles' traits disagree on a vetoing field (every pair of their values), so that one event
    /// matching both must not merge them: a son without a birth date and his father with one may each match the
    /// father's next visit, but a son with a birth date of his own is kept apart.
    package func contradicts(_ other: StoredTraits, settings: MatchSettings) -> Bool {
        if settings.vetoes[TraitField.birthDate.rawValue], !birthDates.isEmpty, !other.birthDates.isEmpty,
            !birthDates.contains(where: { date in
                other.birthDates.contains { TraitComparison.date(date, $0) != .disagree }
            })
        {
            return true
        }
        let firstNames = names.map(\.first).filter { !$0.isEmpty }
        let otherFirstNames = other.names.map(\.first).filter { !$0.isEmpty }
        if settings.vetoes[TraitField.firstName.rawValue], !firstNames.isEmpty, !otherFirstNames.isEmpty,
            !firstNames.contains(where: { name in
                otherFirstNames.contains { TraitComparison.firstName(name, $0, settings) != .disagree }
            })
        {
            return true
        }
        return false
    }
}
