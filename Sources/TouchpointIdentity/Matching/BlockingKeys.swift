import TouchpointCore

/// The blocking keys of a set of traits: the buckets in which a profile waits to be compared, so that an event is
/// compared with the few profiles that share a bucket with it instead of with all of them.
///
/// Each key joins a phonetic name key with something else a person keeps: `soundex(name part) + birth year`,
/// `postcode + soundex(name part)`, `street line + soundex(name part)`, `birth date + postcode`, the phone's last
/// digits and the email's local part. Both name parts go into one namespace, so a swapped first and last name
/// meets its profile, and a first name is taken in its nickname table's formal form, so `Bill` meets `William`.
/// Keys are FNV-1a hashes: a collision only adds a candidate, which the comparison then rejects.
enum BlockingKeys {
    static func keys(of traits: StoredTraits, nicknames: NicknameTable) -> [UInt64] {
        var nameKeys: [String] = []
        for name in traits.names {
            if !name.first.isEmpty { nameKeys.append(PhoneticKey.soundex(nicknames.canonical(name.first))) }
            if !name.last.isEmpty { nameKeys.append(PhoneticKey.soundex(name.last)) }
        }
        var keys: [UInt64] = []
        func add(_ parts: String...) {
            var hash = StableHash()
            for part in parts { hash.combine(part) }
            keys.append(hash.value)
        }
        for nameKey in Set(nameKeys).sorted() {
            for date in traits.birthDates { add("y", nameKey, String(date / 10000)) }
            for postcode in traits.postcodes { add("z", postcode, nameKey) }
            for address in traits.addresses { add("a", address, nameKey) }
        }
        for date in traits.birthDates {
            for postcode in traits.postcodes { add("d", String(date), postcode) }
        }
        for phone in traits.phones { add("t", phone) }
        for local in traits.emailLocals { add("e", local) }
        return keys
    }
}
