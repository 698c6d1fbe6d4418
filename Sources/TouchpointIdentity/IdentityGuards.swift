import TouchpointCore

/// The over-merge guards of identity resolution, all in one place (docs/stages/resolve-identity.md, "Guards").
///
/// Over-merging (one "person" holding thousands of identifiers) is the dominant failure of deterministic
/// identity resolution, so every rule that stops a match or a merge lives here:
///
/// 1. **Blocked values** never match anything: the values of `IdentifierBlocklist` (placeholders such as `null`,
///    `anonymous`, `-1`, `n/a`, `test`; one character repeated, `0000000000`; sequential digits, `1234567890`;
///    placeholder emails such as `noemail@…`), emails without `@`, and social handles without a handle.
/// 2. **One per profile**: a profile holds at most one `customer_id` and at most one `loyalty_id`. Two profiles
///    whose values differ are never merged, and an identifier that would give a profile a second value is not
///    linked to it.
/// 3. **Priority** (`IdentifierType` order: customer_id > loyalty_id > email > social > phone > device_id >
///    anonymous_id): the event's identifiers are taken highest first, so when rule 2 refuses, the event stays with
///    the profile of its highest-priority identifier and the lower-priority identifier is the one reported in
///    `profile.conflicts` and left unlinked (the shared-iPad case).
/// 4. **Generic identifiers**: an identifier value that took part in refusals involving more than
///    `limits[type]` distinct profiles (`guards.max_profiles_per_identifier` in the settings, default 3 for every
///    type) is a store's phone or a family tablet, not a person; from then on it is ignored for matching. With a
///    window for its type (`guards.max_profiles_per_identifier_window`, default none), only profiles refused within
///    that span of event time count: a value that meets a new profile now and then stays usable.
/// 5. **Per-type caps** (`guards.max_identifiers_per_profile`, IdentityGraph.resolve): a profile holding its cap of
///    a type (5 emails by default) links no more of them.
package struct IdentityGuards: Sendable {
    package static let defaultMaxProfilesPerIdentifier = 3

    /// One profile an identifier's refusals involved, and the event time of the latest of them.
    package struct Refusal: Equatable, Sendable {
        package var profile: String
        /// Nil when read from a state written before times were kept (`resolve-identity/2`): the next refusal of
        /// the identifier takes it as its own time, so such a profile counts for one more window.
        package var time: Timestamp?

        package init(profile: String, time: Timestamp?) {
            self.profile = profile
            self.time = time
        }
    }

    /// By `IdentifierType.rank`: the distinct profiles an identifier's refusals may involve before it is generic.
    package let limits: [Int]
    /// By `IdentifierType.rank`: the span of event time within which refused profiles count; nil: no window (every
    /// refusal counts, however far apart).
    package let windows: [Duration?]
    /// Identifier key -> the distinct profiles seen in refusals it caused (within its type's window), in the order
    /// first seen; at most its type's limit entries each, because one more makes the identifier generic and its
    /// list is dropped. So guard state is bounded by the limit times the identifiers of the graph.
    package private(set) var refusals: [String: [Refusal]] = [:]
    /// Identifier keys judged generic; never matched again.
    package private(set) var generic: Set<String> = []

    package init(maxProfilesPerIdentifier: Int = IdentityGuards.defaultMaxProfilesPerIdentifier) {
        self.init(limits: Array(repeating: maxProfilesPerIdentifier, count: IdentifierType.allCases.count))
    }

    package init(limits: [Int], windows: [Duration?] = Array(repeating: nil, count: IdentifierType.allCases.count)) {
        self.limits = limits
        self.windows = windows
    }

    /// The same limits and windows, without guard state (a restore starts from it).
    var emptied: IdentityGuards { IdentityGuards(limits: limits, windows: windows) }

    /// Sets one key's guard state as a checkpoint recorded it.
    mutating func restore(key: String, isGeneric: Bool, refusals refused: [Refusal]) {
        if isGeneric { generic.insert(key) } else { generic.remove(key) }
        refusals[key] = refused.isEmpty ? nil : refused
    }

    /// Sets the times of one key's refusals, in their order, as a checkpoint recorded them.
    mutating func restoreTimes(key: String, times: [Timestamp?]) throws(StateError) {
        guard var refused = refusals[key], refused.count == times.count else {
            throw StateError("refusal times for \(key) do not match its refusals")
        }
        for index in refused.indices { refused[index].time = times[index] }
        refusals[key] = refused
    }

    // MARK: - Rule 1: blocked values

    /// Whether the value is a placeholder that must never link two events: the one blocklist normalize also uses
    /// (`IdentifierBlocklist`), applied again because events may come from elsewhere than normalize.
    package static func isBlocked(_ identifier: Identifier) -> Bool {
        let blocklist = IdentifierRules.blocklist
        if blocklist.isBlocked(identifier.value) { return true }
        switch identifier.type {
        // On bytes: `@` and ASCII digits are single bytes, and a `Character` search broke graphemes for each event.
        case .email:
            let bytes = identifier.value.utf8
            guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at != bytes.startIndex,
                bytes.index(after: at) != bytes.endIndex
            else { return true }
            return blocklist.isBlockedEmail(identifier.value)
        case .phone:
            return blocklist.isBlockedPhone(digits: digits(of: identifier.value))
        case .social:
            guard let colon = identifier.value.firstIndex(of: ":") else { return false }
            return blocklist.isBlocked(String(identifier.value[identifier.value.index(after: colon)...]))
        default:
            return false
        }
    }

    /// The digits of a phone as written: ASCII ones read on bytes, any other script's through `Character`.
    private static func digits(of value: String) -> String {
        guard value.utf8.allSatisfy({ $0 < 0x80 }) else { return String(value.filter(\.isNumber)) }
        return String(decoding: value.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)
    }

    // MARK: - Rule 4: generic identifiers

    /// Whether matching must ignore this identifier.
    package func isGeneric(_ identifier: Identifier) -> Bool {
        !generic.isEmpty && generic.contains(identifier.key)
    }

    /// Notes that `identifier` could not link `profiles` (rule 2 refused) in an event at `time`; past the limit it
    /// becomes generic. Whether this refusal involved a profile not seen in the identifier's refusals before (within
    /// the window): only such a refusal goes to review, so a family email seen on every order raises one review per
    /// profile, not one per order.
    ///
    /// With a window, it ends at the latest refusal of the value (event time, so a replay decides the same): a
    /// profile last refused longer than the window before it no longer counts, and is dropped.
    @discardableResult
    package mutating func recordRefusal(of identifier: Identifier, between profiles: [String], at time: Timestamp)
        -> Bool
    {
        let key = identifier.key
        guard !generic.contains(key) else { return false }
        var seen = refusals[key] ?? []
        var isNewProfile = false
        for index in seen.indices where seen[index].time == nil { seen[index].time = time }
        for profile in profiles {
            if let index = seen.firstIndex(where: { $0.profile == profile }) {
                seen[index].time = max(seen[index].time ?? time, time)
            } else {
                seen.append(Refusal(profile: profile, time: time))
                isNewProfile = true
            }
        }
        if let window = windows[identifier.type.rank] {
            let latest = seen.compactMap(\.time).max() ?? time
            seen.removeAll { latest - ($0.time ?? latest) > window }
        }
        if seen.count > limits[identifier.type.rank] {
            refusals[key] = nil
            generic.insert(key)
        } else {
            refusals[key] = seen.isEmpty ? nil : seen
        }
        return isNewProfile
    }
}

// MARK: - Rule 2: one per profile

/// The identifiers a profile may hold at most one of (rule 2), as a profile has them or as a merge would give them.
package struct ExclusiveIdentifiers: Equatable, Sendable {
    package var customerID: String?
    package var loyaltyID: String?

    package init(customerID: String? = nil, loyaltyID: String? = nil) {
        self.customerID = customerID
        self.loyaltyID = loyaltyID
    }

    /// Whether a profile with `other` can join one with these without holding two values of one type.
    package func isCompatible(with other: ExclusiveIdentifiers) -> Bool {
        Self.agree(customerID, other.customerID) && Self.agree(loyaltyID, other.loyaltyID)
    }

    /// Whether `identifier` can be linked without giving a second value of its type.
    package func accepts(_ identifier: Identifier) -> Bool {
        switch identifier.type {
        case .customerID: Self.agree(customerID, identifier.value)
        case .loyaltyID: Self.agree(loyaltyID, identifier.value)
        default: true
        }
    }

    /// Takes over the values `other` has; call only after `isCompatible(with:)`.
    package mutating func absorb(_ other: ExclusiveIdentifiers) {
        customerID = customerID ?? other.customerID
        loyaltyID = loyaltyID ?? other.loyaltyID
    }

    /// Takes over the identifier's value if its type is exclusive; call only after `accepts(_:)`.
    package mutating func absorb(_ identifier: Identifier) {
        switch identifier.type {
        case .customerID: customerID = customerID ?? identifier.value
        case .loyaltyID: loyaltyID = loyaltyID ?? identifier.value
        default: break
        }
    }

    private static func agree(_ lhs: String?, _ rhs: String?) -> Bool {
        guard let lhs, let rhs else { return true }
        return lhs == rhs
    }
}
