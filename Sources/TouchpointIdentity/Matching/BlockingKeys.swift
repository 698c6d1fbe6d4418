/// The blocking keys of a set of traits: the buckets in which a profile waits to be compared, so that an event is
/// compared with the few profiles that share a bucket with it instead of with all of them.
///
/// Each key joins a phonetic name key with something else a person keeps: `soundex(name part) + birth year`,
/// `postcode + soundex(name part)`, `street line + soundex(name part)`, `birth date + postcode`, the phone's last
/// digits and the email's local part. Both name parts go into one namespace, so a swapped first and last name
/// meets its profile, and a first name is taken in its nickname table's formal form, so `Bill` meets `William`.
/// Keys are FNV-1a hashes of the parts' bytes (no strings are built per key): a collision only adds a candidate,
/// which the comparison then rejects.
enum BlockingKeys {
    static func keys(of traits: StoredTraits, nicknames: NicknameTable) -> [UInt64] {
        var nameKeys: [UInt64] = []
        for name in traits.names {
            if !name.first.isEmpty { nameKeys.append(PhoneticKey.soundexCode(nicknames.canonical(name.first))) }
            if !name.last.isEmpty { nameKeys.append(PhoneticKey.soundexCode(name.last)) }
        }
        if nameKeys.count > 1 {
            nameKeys.sort()
            nameKeys = nameKeys.enumerated().filter { $0.offset == 0 || nameKeys[$0.offset - 1] != $0.element }.map(
                \.element)
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(nameKeys.count * 3 + 4)
        for nameKey in nameKeys {
            for date in traits.birthDates { keys.append(Key("y").mixing(nameKey).mixing(UInt64(date / 10000)).value) }
            for postcode in traits.postcodes { keys.append(Key("z").mixing(postcode).mixing(nameKey).value) }
            for address in traits.addresses { keys.append(Key("a").mixing(address).mixing(nameKey).value) }
        }
        for date in traits.birthDates {
            for postcode in traits.postcodes { keys.append(Key("d").mixing(UInt64(date)).mixing(postcode).value) }
        }
        for phone in traits.phones { keys.append(Key("t").mixing(phone).value) }
        for local in traits.emailLocals { keys.append(Key("e").mixing(local).value) }
        return keys
    }

    /// FNV-1a over a namespace letter and then the parts, each followed by a separator byte.
    private struct Key {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325

        init(_ namespace: Unicode.Scalar) { mix(UInt8(ascii: namespace)) }

        func mixing(_ text: String) -> Key {
            var key = self
            for byte in text.utf8 { key.mix(byte) }
            key.mix(0xFF)
            return key
        }

        func mixing(_ number: UInt64) -> Key {
            var key = self
            var rest = number
            for _ in 0..<8 {
                key.mix(UInt8(truncatingIfNeeded: rest))
                rest >>= 8
            }
            key.mix(0xFF)
            return key
        }

        private mutating func mix(_ byte: UInt8) {
            value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
        }
    }
}
