import TouchpointCore

/// The identity graph: profiles, the identifiers linked to them, and which profiles were merged into which.
///
/// Profiles live in an array in creation order, so "the oldest profile" is the smallest index and a merge's
/// survivor needs no clock. Merged profiles form a union-find forest: an absorbed profile points at its survivor,
/// and identifiers keep pointing at the profile they were first linked to, so absorbed ids keep redirecting (path
/// compression keeps lookups near O(1)). Probabilistic matching on person traits (IdentityGraph+Matching.swift)
/// finds a profile for an event none of whose identifiers is known, and hands it to `resolve(_:joining:)` as the
/// profile to join; for an event whose identifiers are known, it may find a second profile of the same person,
/// which then joins the first the same way.
package struct IdentityGraph: Sendable {
    /// One profile as the graph stores it.
    package struct Profile: Equatable, Sendable {
        /// `p-` + 16 hex digits, stable across replays.
        package var id: String
        /// Index of the profile this one was merged into; its own index while it is a root.
        package var parent: Int
        package var exclusive: ExclusiveIdentifiers
        /// How many identifiers of each type are linked to it (merged profiles summed), for the per-type caps.
        package var counts = IdentifierCounts()
    }

    package internal(set) var profiles: [Profile] = []
    /// Identifier key -> index of the profile it was linked to (resolve with `root(of:)`).
    package internal(set) var owners: [String: Int] = [:]
    package internal(set) var guards: IdentityGuards
    /// Person traits by profile, and the blocks that find them.
    package internal(set) var traits = TraitIndex()
    /// Survivor profile id -> the merges it survived, in the order they happened (for `--lookup`). Bounded by the
    /// profiles: each is absorbed once.
    package internal(set) var merges = TrackedDictionary<[MergeEntry]>()
    package let settings: MatchSettings
    private var profileIDs: Set<String> = []
    /// What changed since the last checkpoint (IdentityGraph+Checkpoint.swift).
    var changes = IdentityChanges()

    package init(guards: IdentityGuards = IdentityGuards(), settings: MatchSettings = .builtin) {
        self.guards = guards
        self.settings = settings
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
    /// the guards. `seeds` are profiles the event joins although none of its identifiers is known, or besides the
    /// profiles its identifiers find (trait matches; several merge, as the merge's `identifier` says: `traits`;
    /// `seedsMatchedOnTraits` says so also for one seed that the identifiers' profiles join). `time` is the
    /// event's, for rule 4's window. Nil when no identifier is usable (all generic, or none given) and there is no
    /// seed.
    package mutating func resolve(
        _ identifiers: [Identifier], joining seeds: [Int] = [], seedsMatchedOnTraits: Bool = false,
        at time: Timestamp
    ) -> Resolution? {
        let usable = identifiers.filter { !guards.isGeneric($0) }
        guard !usable.isEmpty || !seeds.isEmpty else { return nil }
        var group = seeds
        var exclusive = ExclusiveIdentifiers()
        for seed in seeds { exclusive.absorb(profiles[seed].exclusive) }
        var matched: Set<IdentifierType> = []
        var conflicts: Set<IdentifierType> = []
        var unlinked: [Identifier] = []
        var refused: [(identifier: Identifier, profile: Int)] = []
        var mergeIdentifier: String? = seeds.count > 1 || (seedsMatchedOnTraits && !seeds.isEmpty) ? "traits" : nil
        for identifier in usable {
            if let owner = owners[identifier.key] {
                let profile = root(of: owner)
                if group.contains(profile) {
                    matched.insert(identifier.type)
                } else if exclusive.isCompatible(with: profiles[profile].exclusive) {
                    if !group.isEmpty && mergeIdentifier == nil { mergeIdentifier = identifier.type.rawValue }
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
        let survivor = isNew ? createProfile(named: unlinked[0].key) : group.min()!
        let absorbed = group.filter { $0 != survivor }.sorted()
        var counts = profiles[survivor].counts
        for index in absorbed {
            profiles[index].parent = survivor
            counts.add(profiles[index].counts)
            changes.profileChanged(index)
        }
        for identifier in unlinked {
            // Per-type caps (at most N emails per profile): one more is left unlinked and reported as a conflict.
            guard counts[identifier.type] < settings.maxIdentifiersPerProfile[identifier.type.rank] else {
                conflicts.insert(identifier.type)
                continue
            }
            counts.increment(identifier.type)
            owners[identifier.key] = survivor
            changes.newOwners.append(identifier.key)
        }
        if profiles[survivor].exclusive != exclusive || profiles[survivor].counts != counts {
            profiles[survivor].exclusive = exclusive
            profiles[survivor].counts = counts
            changes.profileChanged(survivor)
        }
        var reviewed: [(type: String, profile: String)] = []
        for refusal in refused {
            let isNew = guards.recordRefusal(
                of: refusal.identifier, between: [profiles[refusal.profile].id, profiles[survivor].id], at: time)
            changes.guardsChanged.insert(refusal.identifier.key)
            if isNew { reviewed.append((refusal.identifier.type.rawValue, profiles[refusal.profile].id)) }
        }
        return Resolution(
            profileID: profiles[survivor].id, profileIndex: survivor, isNew: isNew,
            matchedOn: matched.map(\.rawValue).sorted(), conflicts: conflicts.map(\.rawValue).sorted(),
            absorbed: absorbed.map { profiles[$0].id }, mergeIdentifier: mergeIdentifier,
            refusals: reviewed)
    }

    /// A new profile for an event known only by its traits, named after the event: `p-` + StableHash(`event:` id).
    package mutating func createTraitProfile(event: String) -> Resolution {
        let index = createProfile(named: "event:" + event)
        return Resolution(
            profileID: profiles[index].id, profileIndex: index, isNew: true, matchedOn: [], conflicts: [],
            absorbed: [], mergeIdentifier: nil, refusals: [])
    }

    /// Appends a profile read back from a checkpoint.
    mutating func appendRestored(_ profile: Profile) {
        profiles.append(profile)
        profileIDs.insert(profile.id)
    }

    /// Appends a profile named after the identifier that created it: `p-` + StableHash(`type:value`). Should that
    /// id be taken (an identifier that was refused elsewhere first, or erased), the profile count is mixed in:
    /// still deterministic, never a collision.
    private mutating func createProfile(named key: String) -> Int {
        var id = "p-" + StableHash.hex(key)
        if profileIDs.contains(id) { id = "p-" + StableHash.hex(key, String(profiles.count)) }
        profileIDs.insert(id)
        profiles.append(Profile(id: id, parent: profiles.count, exclusive: ExclusiveIdentifiers()))
        return profiles.count - 1
    }
}

/// One merge as the graph keeps it for `--lookup`, under its survivor's id: what its `merge` record said
/// (`MergeRecord`), and for a merge of trait matches the lowest score among the profiles the event joined.
package struct MergeEntry: Equatable, Sendable {
    package var time: Timestamp
    package var event: String
    /// Oldest first.
    package var absorbed: [String]
    package var identifier: String
    package var score: Double?

    package init(time: Timestamp, event: String, absorbed: [String], identifier: String, score: Double?) {
        self.time = time
        self.event = event
        self.absorbed = absorbed
        self.identifier = identifier
        self.score = score
    }
}

/// What resolving one event decided.
package struct Resolution: Sendable {
    /// The surviving profile the event belongs to.
    package var profileID: String
    package var profileIndex: Int
    /// Whether the profile was created by this event.
    package var isNew: Bool
    /// Identifier types that matched an existing profile, sorted.
    package var matchedOn: [String]
    /// Identifier types left unlinked because a guard refused them, sorted.
    package var conflicts: [String]
    /// Profiles merged into `profileID` by this event, oldest first; empty when nothing merged.
    package var absorbed: [String]
    /// The identifier type that brought the first absorbed profile in, or `traits` for a merge of trait matches.
    package var mergeIdentifier: String?
    /// Identifiers a guard kept from joining another profile for the first time: their type and that profile (for
    /// review records).
    package var refusals: [(type: String, profile: String)]
}

/// Identifiers linked to a profile per type, 9 bits each in one word (a count stops at 511, far above any cap).
package struct IdentifierCounts: Equatable, Sendable {
    package var bits: UInt64 = 0

    package init(bits: UInt64 = 0) { self.bits = bits }

    package subscript(type: IdentifierType) -> Int { Int(bits >> UInt64(type.rank * 9) & 0x1FF) }

    package mutating func increment(_ type: IdentifierType) { set(type, self[type] + 1) }

    package mutating func add(_ other: IdentifierCounts) {
        for type in IdentifierType.allCases { set(type, self[type] + other[type]) }
    }

    private mutating func set(_ type: IdentifierType, _ count: Int) {
        let shift = UInt64(type.rank * 9)
        bits = bits & ~(0x1FF << shift) | UInt64(min(count, 0x1FF)) << shift
    }
}
