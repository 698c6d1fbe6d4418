import TouchpointCore

/// What the graph changed since its last checkpoint: the part a barrier writes (contract §4).
///
/// Profiles are only ever appended, and an existing profile changes only when a merge gives it a survivor or
/// new exclusive identifiers; identifiers are only ever added; guard entries change one key at a time. So a change
/// frame is the profiles appended, the rows of profiles changed, the identifiers added and the guard keys touched,
/// all proportional to what the events since the last barrier did, not to the size of the graph. Path compression
/// in `root(of:)` is not recorded: it changes no answer, and the restored forest is compressed again as it is used.
struct IdentityChanges {
    /// Profiles below this index were in the last checkpoint; those from it on are new.
    var checkpointedProfileCount = 0
    var changedProfiles: Set<Int> = []
    var newOwners: [String] = []
    var guardsChanged: Set<String> = []

    mutating func profileChanged(_ index: Int) {
        if index < checkpointedProfileCount { changedProfiles.insert(index) }
    }
}

extension IdentityGraph {
    /// Writes the whole graph: profiles in creation order, identifiers, then guard state, each sorted by key.
    package mutating func writeSnapshot(into writer: inout StateWriter) {
        writer.write(profiles.count)
        for profile in profiles { Self.write(profile, into: &writer) }
        let keys = owners.keys.sorted()
        writer.write(keys.count)
        for key in keys {
            writer.write(key)
            writer.write(owners[key]!)
        }
        let guardKeys = Set(guards.refusals.keys).union(guards.generic).sorted()
        writer.write(guardKeys.count)
        for key in guardKeys { writeGuard(key, into: &writer) }
        changes = IdentityChanges(checkpointedProfileCount: profiles.count)
    }

    /// Writes what changed since the last checkpoint; nothing when nothing did.
    package mutating func writeChanges(into writer: inout StateWriter) {
        let newProfiles = changes.checkpointedProfileCount..<profiles.count
        guard
            !newProfiles.isEmpty || !changes.changedProfiles.isEmpty || !changes.newOwners.isEmpty
                || !changes.guardsChanged.isEmpty
        else { return }
        writer.write(changes.checkpointedProfileCount)
        writer.write(newProfiles.count)
        for index in newProfiles { Self.write(profiles[index], into: &writer) }
        writer.write(changes.changedProfiles.count)
        for index in changes.changedProfiles.sorted() {
            writer.write(index)
            Self.write(profiles[index], into: &writer)
        }
        writer.write(changes.newOwners.count)
        for key in changes.newOwners {
            writer.write(key)
            writer.write(owners[key]!)
        }
        writer.write(changes.guardsChanged.count)
        for key in changes.guardsChanged.sorted() { writeGuard(key, into: &writer) }
        changes = IdentityChanges(checkpointedProfileCount: profiles.count)
    }

    package mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        var restored = IdentityGraph(guards: IdentityGuards(maxProfilesPerIdentifier: guards.maxProfilesPerIdentifier))
        let profileCount = try reader.readInt()
        for _ in 0..<max(0, profileCount) { restored.appendRestored(try Self.readProfile(&reader)) }
        let ownerCount = try reader.readInt()
        for _ in 0..<max(0, ownerCount) { try restored.restoreOwner(&reader) }
        let guardCount = try reader.readInt()
        for _ in 0..<max(0, guardCount) { try restored.restoreGuard(&reader) }
        try restored.checkParents()
        restored.changes = IdentityChanges(checkpointedProfileCount: restored.profiles.count)
        self = restored
    }

    package mutating func apply(changes reader: inout StateReader) throws(StateError) {
        guard try reader.readInt() == profiles.count else {
            throw StateError("a change frame does not follow the state before it (profile counts differ)")
        }
        let newCount = try reader.readInt()
        for _ in 0..<max(0, newCount) { appendRestored(try Self.readProfile(&reader)) }
        let changedCount = try reader.readInt()
        for _ in 0..<max(0, changedCount) {
            let index = try reader.readInt()
            let profile = try Self.readProfile(&reader)
            guard profiles.indices.contains(index), profiles[index].id == profile.id else {
                throw StateError("a changed profile row names a profile that is not there")
            }
            profiles[index] = profile
        }
        let ownerCount = try reader.readInt()
        for _ in 0..<max(0, ownerCount) { try restoreOwner(&reader) }
        let guardCount = try reader.readInt()
        for _ in 0..<max(0, guardCount) { try restoreGuard(&reader) }
        try checkParents()
        changes = IdentityChanges(checkpointedProfileCount: profiles.count)
    }

    // MARK: - Rows

    private static func write(_ profile: Profile, into writer: inout StateWriter) {
        writer.write(profile.id)
        writer.write(profile.parent)
        writer.write(profile.exclusive.customerID)
        writer.write(profile.exclusive.loyaltyID)
    }

    private static func readProfile(_ reader: inout StateReader) throws(StateError) -> Profile {
        let id = try reader.readString()
        let parent = try reader.readInt()
        let customerID = try reader.readOptionalString()
        let loyaltyID = try reader.readOptionalString()
        return Profile(
            id: id, parent: parent, exclusive: ExclusiveIdentifiers(customerID: customerID, loyaltyID: loyaltyID))
    }

    private mutating func restoreOwner(_ reader: inout StateReader) throws(StateError) {
        let key = try reader.readString()
        let index = try reader.readInt()
        guard profiles.indices.contains(index) else { throw StateError("an identifier names a missing profile") }
        owners[key] = index
    }

    /// A guard entry: generic, or the profiles its refusals involved (empty when the key has neither any more).
    private func writeGuard(_ key: String, into writer: inout StateWriter) {
        writer.write(key)
        writer.write(guards.generic.contains(key))
        let refused = guards.refusals[key] ?? []
        writer.write(refused.count)
        for profile in refused { writer.write(profile) }
    }

    private mutating func restoreGuard(_ reader: inout StateReader) throws(StateError) {
        let key = try reader.readString()
        let isGeneric = try reader.readBool()
        let count = try reader.readInt()
        var refused: [String] = []
        for _ in 0..<max(0, count) { refused.append(try reader.readString()) }
        guards.restore(key: key, isGeneric: isGeneric, refusals: refused)
    }

    private func checkParents() throws(StateError) {
        for profile in profiles where !profiles.indices.contains(profile.parent) {
            throw StateError("profile \(profile.id) points at a missing survivor")
        }
    }
}
