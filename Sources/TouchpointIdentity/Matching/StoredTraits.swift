/// The traits one profile has shown, kept compactly for matching: a few values per trait, the first ones seen.
///
/// First and last name are kept as pairs, so that a swapped order can be recognised. Values past
/// `MatchSettings.maxValuesPerTrait` are not kept: the first ones are the ones a profile was matched on, and a
/// fixed cap keeps a profile's blocking keys and its checkpoint row small.
package struct StoredTraits: Equatable, Sendable {
    package struct Name: Equatable, Sendable {
        package var first: String
        package var last: String
    }

    package var names: [Name] = []
    package var birthDates: [Int32] = []
    package var postcodes: [String] = []
    package var addresses: [String] = []
    package var phones: [String] = []
    package var emailLocals: [String] = []

    package init() {}

    package var isEmpty: Bool {
        names.isEmpty && birthDates.isEmpty && postcodes.isEmpty && addresses.isEmpty && phones.isEmpty
            && emailLocals.isEmpty
    }

    /// Keeps the event's values this profile does not have yet, up to `limit` per trait; whether anything changed.
    package mutating func absorb(_ traits: PersonTraits, limit: Int) -> Bool {
        var changed = false
        func add<Value: Equatable>(_ value: Value, to values: inout [Value], unless isEmpty: Bool) {
            guard !isEmpty, values.count < limit, !values.contains(value) else { return }
            values.append(value)
            changed = true
        }
        add(
            Name(first: traits.first, last: traits.last), to: &names,
            unless: traits.first.isEmpty && traits.last.isEmpty)
        add(traits.birthDate, to: &birthDates, unless: traits.birthDate == 0)
        add(traits.postcode, to: &postcodes, unless: traits.postcode.isEmpty)
        add(traits.address, to: &addresses, unless: traits.address.isEmpty)
        add(traits.phone, to: &phones, unless: traits.phone.isEmpty)
        add(traits.emailLocal, to: &emailLocals, unless: traits.emailLocal.isEmpty)
        return changed
    }

    /// One event's traits as a one-value store, to share the blocking-key code.
    init(_ traits: PersonTraits) {
        _ = absorb(traits, limit: 1)
    }
}
