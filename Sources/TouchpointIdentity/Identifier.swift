import TouchpointCore
import TouchpointJSON

/// The identifier types resolve-identity matches on, in priority order (highest first).
///
/// Priority decides which profile an event keeps when its identifiers point at profiles that must not be merged
/// (IdentityGuards.swift): the profile of the highest-priority identifier wins. `order_id` is deliberately absent:
/// an order reference is evidence that links events, not a person's identifier (docs/stages/resolve-identity.md).
package enum IdentifierType: String, CaseIterable, Comparable, Sendable {
    case customerID = "customer_id"
    case loyaltyID = "loyalty_id"
    case email
    case social
    case phone
    case deviceID = "device_id"
    case anonymousID = "anonymous_id"

    /// 0 for the highest priority.
    package var rank: Int { IdentifierType.allCases.firstIndex(of: self)! }

    package static func < (lhs: IdentifierType, rhs: IdentifierType) -> Bool { lhs.rank < rhs.rank }
}

/// One normalized identifier of an event: a type and a value.
package struct Identifier: Hashable, Sendable {
    package let type: IdentifierType
    package let value: String

    package init(type: IdentifierType, value: String) {
        self.type = type
        self.value = value
    }

    /// An identifier from its key, `type:value`, normalized as `all(in:)` does; nil for an unknown type, an empty or
    /// a blocked value.
    package init?(key: String) {
        guard let colon = key.firstIndex(of: ":"),
            let type = IdentifierType(rawValue: String(key[..<colon]))
        else { return nil }
        var value = IdentifierRules.trim(String(key[key.index(after: colon)...]))
        if type == .email || type == .social { value = value.lowercased() }
        self.init(type: type, value: value)
        if IdentityGuards.isBlocked(self) { return nil }
    }

    /// `type:value`, the key of the identity graph and the seed of a new profile's id.
    package var key: String { type.rawValue + ":" + value }

    /// The identifiers in an event's `ids`, in priority order, normalized and without blocked values.
    ///
    /// normalize has already normalized them (docs/CONTRACT.md); this repeats the cheap, idempotent part (trim,
    /// lowercase emails and social handles) so hand-written input matches too. Integer values are accepted as their
    /// literal text (a customer id written as a number); other shapes are ignored.
    package static func all(in ids: JSONObject) -> [Identifier] {
        var identifiers: [Identifier] = []
        for type in IdentifierType.allCases {
            guard let member = ids[type.rawValue] else { continue }
            let raw: String
            switch member {
            case .string(let text): raw = text
            case .number(let number) where number.intValue != nil: raw = number.literal
            default: continue
            }
            var value = IdentifierRules.trim(raw)
            if type == .email || type == .social { value = value.lowercasedIfChanged ?? value }
            let identifier = Identifier(type: type, value: value)
            if !IdentityGuards.isBlocked(identifier) { identifiers.append(identifier) }
        }
        return identifiers
    }
}
