import TouchpointCore

/// The identity graph: profiles, the identifiers linked to them, and which profiles were merged into which.
///
/// Profiles live in an array in creation order, so "the oldest profile" is the smallest index and a merge's
/// survivor needs no clock. Merged profiles form a union-find forest: an absorbed profile points at its survivor,
/// and identifiers keep pointing at the profile they were first linked to, so absorbed ids keep redirecting (path
/// compression keeps lookups near O(1)). Exact matching only; probabilistic matching is a later issue and would
/// add candidates before `resolve(_:)`, not change it.
package struct IdentityGraph: Sendable {
    /// One profile as the graph stores it.
    package struct Profile: Equatable, Sendable {
        /// `p-` + 16 hex digits, stable across replays.
        package var id: String
        /// Index of the profile this one was merged into; its own index while it is a root.
        package var parent: Int
        package var exclusive: ExclusiveIdentifiers
    }

    package internal(set) var profiles: [Profile] = []
    /// Identifier key -> index of the profile it was linked to (resolve with `root(of:)`).
    package internal(set) var owners: [String: Int] = [:]
    package internal(set) var guards: IdentityGuards
    private var profileIDs: Set<String> = []
    /// What changed since the last checkpoint (IdentityGraph+Checkpoint.swift).
    var changes = IdentityChanges()

    package init(guards: IdentityGuards = IdentityGuards()) {
        self.guards = guards
    }

    /// The current id of the profile an identifier belongs to, following merges; nil if it is unknown.
    package mutating func profileID(of identifier: Identifier) -> String? {
        owners[identifier.key].map { profiles[root(of: $0)].id }
    }

    /// The root (surviving) profile of `index`, compressing the path on the way.
    package mutating func root(of index: Int) -> Int {
        var root = index
        while profiles[root].parent != root { root = profiles[root].parent }
        var cursor = index
        while profiles[cursor].parent != root {
            let next = profiles[cursor].parent
            profiles[cursor].parent = root
            cursor = next
        }
        return root
    }

    // MARK: - Resolution

    /// Resolves one event's identifiers (priority order, blocked values already removed): finds or creates its
    /// profile, merges the profiles its identifiers prove to be one person, links its new identifiers, and applies
    /// the guards. Nil when no identifier is usable (all generic, or none given).
    package mutating func resolve(_ identifiers: [Identifier]) -> Resolution? {
        let usable = identifiers.filter { !guards.isGeneric($0) }
        guard !usable.isEmpty else { return nil }
        var group: [Int] = []
        var exclusive = ExclusiveIdentifiers()
        var matched: Set<IdentifierType> = []
        var conflicts: Set<IdentifierType> = []
        var unlinked: [Identifier] = []
        var refused: [(identifier: Identifier, profile: Int)] = []
        var mergeIdentifier: IdentifierType?
        for identifier in usable {
            if let owner = owners[identifier.key] {
                let profile = root(of: owner)
                if group.contains(profile) {
                    matched.insert(identifier.type)
                } else if exclusive.isCompatible(with: profiles[profile].exclusive) {
                    if !group.isEmpty && mergeIdentifier == nil { mergeIdentifier = identifier.type }
                    group.append(profile)
                    exclusive.absorb(profiles[profile].exclusive)
                    matched.insert(identifier.type)
                } else {
                    conflicts.insert(identifier.type)
                    refused.append((identifier, profile))
                }
            } else if exclusive.accepts(identifier) {
                exclusive.absorb(identifier)
                unlinked.append(identifier)
            } else {
                conflicts.insert(identifier.type)
            }
        }
        let isNew = group.isEmpty
        // The first usable identifier is always accepted, so a new profile always has one to be named after.
        let survivor = isNew ? createProfile(named: unlinked[0]) : group.min()!
        let absorbed = group.filter { $0 != survivor }.sorted()
        for index in absorbed {
            profiles[index].parent = survivor
            changes.profileChanged(index)
        }
        if profiles[survivor].exclusive != exclusive {
            profiles[survivor].exclusive = exclusive
            changes.profileChanged(survivor)
        }
        for identifier in unlinked {
            owners[identifier.key] = survivor
            changes.newOwners.append(identifier.key)
        }
        for refusal in refused {
            guards.recordRefusal(
                of: refusal.identifier, between: [profiles[refusal.profile].id, profiles[survivor].id])
            changes.guardsChanged.insert(refusal.identifier.key)
        }
        return Resolution(
            profileID: profiles[survivor].id, isNew: isNew,
            matchedOn: matched.map(\.rawValue).sorted(), conflicts: conflicts.map(\.rawValue).sorted(),
            absorbed: absorbed.map { profiles[$0].id }, mergeIdentifier: mergeIdentifier?.rawValue)
    }

    /// Appends a profile read back from a checkpoint.
    mutating func appendRestored(_ profile: Profile) {
        profiles.append(profile)
        profileIDs.insert(profile.id)
    }

    /// Appends a profile named after the identifier that created it: `p-` + StableHash(`type:value`). Should that
    /// id be taken (an identifier that was refused elsewhere first), the profile count is mixed in: still
    /// deterministic, never a collision.
    private mutating func createProfile(named identifier: Identifier) -> Int {
        var id = "p-" + StableHash.hex(identifier.key)
        if profileIDs.contains(id) { id = "p-" + StableHash.hex(identifier.key, String(profiles.count)) }
        profileIDs.insert(id)
        profiles.append(Profile(id: id, parent: profiles.count, exclusive: ExclusiveIdentifiers()))
        return profiles.count - 1
    }
}

/// What resolving one event decided.
package struct Resolution: Equatable, Sendable {
    /// The surviving profile the event belongs to.
    package var profileID: String
    /// Whether the profile was created by this event.
    package var isNew: Bool
    /// Identifier types that matched an existing profile, sorted.
    package var matchedOn: [String]
    /// Identifier types left unlinked because a guard refused them, sorted.
    package var conflicts: [String]
    /// Profiles merged into `profileID` by this event, oldest first; empty when nothing merged.
    package var absorbed: [String]
    /// The identifier type that brought the first absorbed profile in.
    package var mergeIdentifier: String?
}
