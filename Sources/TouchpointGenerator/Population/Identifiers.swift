/// How the population's identifiers look on the wire: ids, phone numbers, device and anonymous ids, addresses.
///
/// Numeric identifiers are derived through bijections (a multiplicative permutation, the splitmix64 finalizer), so
/// distinct people can never share an identifier by accident; sharing happens only where the model says so.
package enum Identifiers {
    /// `P00007`: the ground-truth person id (index + 1).
    package static func appendPerson(_ index: Int32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "P"))
        bytes.appendDecimal(Int(index) + 1, width: 5)
    }

    /// `H0003`: the ground-truth household id (index + 1).
    package static func appendHousehold(_ index: Int32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "H"))
        bytes.appendDecimal(Int(index) + 1, width: 4)
    }

    /// `C100234`: the shop account id.
    package static func appendCustomer(_ number: Int32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "C"))
        bytes.appendDecimal(Int(number))
    }

    /// `L-0004521`: the loyalty card id.
    package static func appendLoyalty(_ number: Int32, to bytes: inout [UInt8]) {
        bytes.append("L-")
        bytes.appendDecimal(Int(number), width: 7)
    }

    /// `O-10004562`: an order id.
    package static func appendOrder(_ number: Int32, to bytes: inout [UInt8]) {
        bytes.append("O-")
        bytes.appendDecimal(Int(number), width: 8)
    }

    /// A UUID-shaped id from a 64-bit key. All 64 bits of `mix(key)` appear in the text and `mix` is a bijection, so
    /// distinct keys always give distinct ids.
    package static func appendUUID(_ key: UInt64, uppercase: Bool, to bytes: inout [UInt8]) {
        let high = RandomSource.mix(key)
        let low = RandomSource.mix(key ^ 0xA5A5_5A5A_C3C3_3C3C)
        bytes.appendHex(high >> 32, digits: 8, uppercase: uppercase)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendHex(high >> 16, digits: 4, uppercase: uppercase)
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(ascii: "4"))
        bytes.appendHex(high >> 4, digits: 3, uppercase: uppercase)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendHex(0x8 | (low >> 62), digits: 1, uppercase: uppercase)
        bytes.appendHex(low >> 48, digits: 3, uppercase: uppercase)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendHex((high & 0xF) << 44 | (low & 0xFFF_FFFF_FFFF), digits: 12, uppercase: uppercase)
    }

    /// Keys for device, anonymous and message ids; the kind keeps the families apart.
    package enum KeyKind: UInt64 {
        case phoneDevice = 1
        case tabletDevice = 2
        case phoneInstall = 3
        case tabletInstall = 4
        case emailContact = 5
        case message = 6
        case emailSend = 7
    }

    /// A key unique per (seed, kind, index).
    package static func key(seed: UInt64, kind: KeyKind, index: UInt64) -> UInt64 {
        RandomSource.mix(RandomSource.mix(seed ^ 0x6964_656E_7469_7479) ^ (kind.rawValue << 58) ^ index)
    }

    /// A public IP address from the documentation ranges (RFC 5737), so no real host is ever named.
    package static func appendNetworkAddress(_ index: Int32, to bytes: inout [UInt8]) {
        let prefixes: [StaticString] = ["192.0.2.", "198.51.100.", "203.0.113."]
        let slot = Int(index) % (3 * 254)
        bytes.append(prefixes[slot / 254])
        bytes.appendDecimal(slot % 254 + 1)
    }

    /// `Lindenallee 12` (Europe) or `12 Maple Street` (United States).
    package static func appendStreet(_ address: Address, to bytes: inout [UInt8]) {
        let city = PlaceCatalog.cities[Int(address.city)]
        let street = city.streets[Int(address.street) % city.streets.count]
        if city.region == .europe {
            bytes.append(contentsOf: street)
            bytes.append(UInt8(ascii: " "))
            bytes.appendDecimal(Int(address.houseNumber))
        } else {
            bytes.appendDecimal(Int(address.houseNumber))
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: street)
        }
    }

    /// The postal code of an address, zero-padded to the city's width.
    package static func appendPostalCode(_ address: Address, to bytes: inout [UInt8]) {
        let city = PlaceCatalog.cities[Int(address.city)]
        bytes.appendDecimal(city.postalBase + Int(address.postalOffset), width: city.postalDigits)
    }
}

/// The phone numbers of the population: all fictional North American numbers in area code 555 with an exchange
/// starting with 0, which the numbering plan never assigns.
///
/// Populations up to about 7,000 people use only `+1 555 010 xxxx` (the `555-01xx` range of the brief); larger ones
/// continue with exchanges 011…099 and then area codes 556, 557…, still with an exchange starting with 0.
package struct PhoneNumbers: Sendable {
    private let capacity: Int
    private let offset: Int

    /// A numbering for `needed` distinct numbers.
    package init(needed: Int, seed: UInt64) {
        let blocks = max(1, (needed + 9_999) / 10_000)
        capacity = blocks * 10_000
        offset = Int(RandomSource.mix(seed ^ 0x70_686F_6E65) % UInt64(capacity))
    }

    /// The 10 national digits of number `index` (e.g. `5550102345`); distinct indices give distinct numbers
    /// because 7919 is coprime with the capacity (a multiple of 10,000).
    package func nationalDigits(_ index: Int32) -> (area: Int, exchange: Int, line: Int) {
        precondition(index >= 0, "no phone number")
        let permuted = (Int(index) * 7_919 + offset) % capacity
        let block = permuted / 10_000
        return (555 + block / 90, 10 + block % 90, permuted % 10_000)
    }

    /// The E.164 form, `+15550102345`.
    package func appendE164(_ index: Int32, to bytes: inout [UInt8]) {
        let digits = nationalDigits(index)
        bytes.append("+1")
        bytes.appendDecimal(digits.area, width: 3)
        bytes.appendDecimal(digits.exchange, width: 3)
        bytes.appendDecimal(digits.line, width: 4)
    }

    /// The number as people and systems type it: `(555) 010-2345`, `555.010.2345`, `+1 555 010 2345`,
    /// `5550102345`, `555-010-2345`, `+15550102345` or `1-555-010-2345` (`style` modulo 7).
    package func appendFormatted(_ index: Int32, style: Int, to bytes: inout [UInt8]) {
        let digits = nationalDigits(index)
        switch style % 7 {
        case 0:
            bytes.append(UInt8(ascii: "("))
            bytes.appendDecimal(digits.area, width: 3)
            bytes.append(") ")
            bytes.appendDecimal(digits.exchange, width: 3)
            bytes.append(UInt8(ascii: "-"))
            bytes.appendDecimal(digits.line, width: 4)
        case 1: appendSeparated(digits, prefix: "", separator: UInt8(ascii: "."), to: &bytes)
        case 2: appendSeparated(digits, prefix: "+1 ", separator: UInt8(ascii: " "), to: &bytes)
        case 3:
            bytes.appendDecimal(digits.area, width: 3)
            bytes.appendDecimal(digits.exchange, width: 3)
            bytes.appendDecimal(digits.line, width: 4)
        case 4: appendSeparated(digits, prefix: "", separator: UInt8(ascii: "-"), to: &bytes)
        case 5: appendE164(index, to: &bytes)
        default: appendSeparated(digits, prefix: "1-", separator: UInt8(ascii: "-"), to: &bytes)
        }
    }

    private func appendSeparated(
        _ digits: (area: Int, exchange: Int, line: Int), prefix: StaticString, separator: UInt8, to bytes: inout [UInt8]
    ) {
        bytes.append(prefix)
        bytes.appendDecimal(digits.area, width: 3)
        bytes.append(separator)
        bytes.appendDecimal(digits.exchange, width: 3)
        bytes.append(separator)
        bytes.appendDecimal(digits.line, width: 4)
    }
}
