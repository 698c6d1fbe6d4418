/// The ways a person's name is written by different systems and people.
///
/// Identity resolution downstream does not link on names, but profiles show them, so each channel gets the noise it
/// has in real life: tills print `Smith, Anna` or capitals, people sign tickets with a nickname, posts show
/// `Anna S.`, typists drop accents or letters.
package enum NameStyle: Int, CaseIterable, Sendable {
    case canonical
    case nickname
    case typo
    case swapped
    case lastCommaFirst
    case uppercase
    case initialFirst
    case firstOnly
    case lastInitial
    case withoutAccents
    /// A slip in the surname, the first name as given.
    case surnameTypo

    /// Weights per style for till exports, helpdesk requesters, social authors and app profiles (`surnameTypo` came
    /// later and has no weight there, so those channels draw as they always did).
    package static let tillWeights = [30, 10, 8, 8, 20, 12, 6, 0, 0, 6]
    package static let requesterWeights = [50, 15, 5, 5, 0, 3, 5, 10, 0, 7]
    package static let authorWeights = [35, 20, 5, 0, 0, 5, 0, 15, 15, 5]
    package static let profileWeights = [75, 15, 0, 0, 0, 0, 0, 0, 0, 10]
    /// Weights for a name a customer gives to be known by (a till receipt or delivery, a caller verifying who
    /// they are): written down by someone else, so nicknames, slips, crossed order and capitals are common.
    package static let givenWeights = [38, 14, 7, 6, 12, 8, 2, 0, 0, 5, 6]
}

extension Array where Element == UInt8 {
    /// Appends `person`'s name in `style`; `random` picks the typo.
    package mutating func appendName(_ person: Person, style: NameStyle, random: inout RandomSource) {
        let first = NameCatalog.firstNames[Int(person.firstName)]
        let last = NameCatalog.lastNames[Int(person.lastName)]
        switch style {
        case .canonical:
            appendFullName(first.display, last.display)
        case .nickname:
            appendFullName(first.nickname ?? first.display, last.display)
        case .typo:
            var mangled = first.display
            Self.applyTypo(to: &mangled, random: &random)
            appendFullName(mangled, last.display)
        case .swapped:
            appendFullName(last.display, first.display)
        case .lastCommaFirst:
            append(contentsOf: last.display)
            append(", ")
            append(contentsOf: first.display)
        case .uppercase:
            appendUppercased(first.display)
            append(UInt8(ascii: " "))
            appendUppercased(last.display)
        case .initialFirst:
            append(first.ascii[0] &- 32)
            append(". ")
            append(contentsOf: last.display)
        case .firstOnly:
            append(contentsOf: first.nickname ?? first.display)
        case .lastInitial:
            append(contentsOf: first.display)
            append(UInt8(ascii: " "))
            append(last.ascii[0] &- 32)
            append(UInt8(ascii: "."))
        case .withoutAccents:
            appendCapitalisedParts(first.ascii)
            append(UInt8(ascii: " "))
            appendCapitalisedParts(last.ascii)
        case .surnameTypo:
            var mangled = last.display
            Self.applyTypo(to: &mangled, random: &random)
            appendFullName(first.display, mangled)
        }
    }

    private mutating func appendFullName(_ first: [UInt8], _ last: [UInt8]) {
        append(contentsOf: first)
        append(UInt8(ascii: " "))
        append(contentsOf: last)
    }

    /// Swaps, drops or doubles one lower-case ASCII letter after the first (a typing slip; accents untouched).
    private static func applyTypo(to name: inout [UInt8], random: inout RandomSource) {
        let positions = name.indices.filter { $0 > 0 && name[$0] >= UInt8(ascii: "a") && name[$0] <= UInt8(ascii: "z") }
        guard positions.count >= 2 else { return }
        let position = random.pick(positions)
        switch random.below(3) {
        case 0 where position + 1 < name.count && name[position + 1] < 0x80: name.swapAt(position, position + 1)
        case 1: name.remove(at: position)
        default: name.insert(name[position], at: position)
        }
    }
}

/// The ways an email address is typed into forms and tills: mostly as is, sometimes capitalised, in capitals, or
/// with stray spaces. Normalizing (trim + lower-case) always recovers the canonical address.
extension Array where Element == UInt8 {
    /// Appends `email` with typing noise chosen by `random` (`clean` turns the noise off).
    package mutating func appendEmail(_ email: [UInt8], random: inout RandomSource, clean: Bool = false) {
        guard !clean else {
            append(contentsOf: email)
            return
        }
        switch random.weighted([72, 10, 5, 8, 5]) {
        case 1: appendCapitalisedParts(email)
        case 2: appendUppercased(email)
        case 3:
            append(UInt8(ascii: " "))
            append(contentsOf: email)
            append(UInt8(ascii: " "))
        case 4:
            appendCapitalisedParts(email)
            append(UInt8(ascii: " "))
        default: append(contentsOf: email)
        }
    }
}
