import TouchpointCore

/// What the graph changed since its last checkpoint: the part a barrier writes (contract §4).
///
/// Profiles are only ever appended, and an existing profile changes only when a merge gives it a survivor, new
/// exclusive identifiers or new counts; identifiers are added, and removed only by erasure; guard entries change
/// one key at a time; a profile's traits grow a value at a time. So a change frame is the profiles appended, the
/// rows of profiles changed, the identifiers removed and added, the guard keys touched and the trait rows changed,
/// all proportional to what the events since the last barrier did, not to the size of the graph. Path compression
/// in `root(of:)` is not recorded: it changes no answer, and the restored forest is compressed again as it is used.
/// Blocks are not recorded either: they are a function of the traits (TraitIndex.swift) and rebuilt on restore.
///
/// `resolve-identity/3` appends two parts to a snapshot and to a frame: the merge history (by survivor id, only the
/// survivors whose history changed in a frame) and the times of the guard keys written. A `resolve-identity/2`
/// snapshot or frame ends before them; it is read as one without history, its refusals without a time.
struct IdentityChanges {
    /// Profiles below this index were in the last checkpoint; those from it on are new.
    var checkpointedProfileCount = 0
    var changedProfiles: Set<Int> = []
    var newOwners: [String] = []
    /// Checkpointed identifiers erased since; applied before `newOwners`, so one erased and linked again stays.
    var removedOwners: [String] = []
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
        let traitIndices = traits.profileIndices
        writer.write(traitIndices.count)
        for index in traitIndices { writeTraits(of: index, into: &writer) }
        merges.writeAll(into: &writer) { $0.write(merges: $1) }
        writeRefusalTimes(of: guardKeys, into: &writer)
        changes = IdentityChanges(checkpointedProfileCount: profiles.count)
        traits.changed.removeAll()
    }

    /// Forgets what changed since the last checkpoint (`CheckpointedState.discardChanges`): without `--state`
    /// the identifiers added since the start would otherwise be kept twice, once in the graph and once here.
    mutating func discardChanges() {
        changes = IdentityChanges(checkpointedProfileCount: profiles.count)
        traits.changed.removeAll()
        merges.discardChanges()
    }

    /// Writes what changed since the last checkpoint; nothing when nothing did.
    package mutating func writeChanges(into writer: inout StateWriter) {
        let newProfiles = changes.checkpointedProfileCount..<profiles.count
        guard
            !newProfiles.isEmpty || !changes.changedProfiles.isEmpty || !changes.newOwners.isEmpty
                || !changes.removedOwners.isEmpty || !changes.guardsChanged.isEmpty || !traits.changed.isEmpty
                || merges.hasChanges
        else { return }
        writer.write(changes.checkpointedProfileCount)
        writer.write(newProfiles.count)
        for index in newProfiles { Self.write(profiles[index], into: &writer) }
        writer.write(changes.changedProfiles.count)
        for index in changes.changedProfiles.sorted() {
            writer.write(index)
            Self.write(profiles[index], into: &writer)
        }
        writer.write(changes.removedOwners.count)
        for key in changes.removedOwners { writer.write(key) }
        writer.write(changes.newOwners.count)
        for key in changes.newOwners {
            writer.write(key)
            writer.write(owners[key]!)
        }
        let guardKeys = changes.guardsChanged.sorted()
        writer.write(guardKeys.count)
        for key in guardKeys { writeGuard(key, into: &writer) }
        writer.write(traits.changed.count)
        for index in traits.changed.sorted() { writeTraits(of: index, into: &writer) }
        merges.writeChanges(into: &writer) { $0.write(merges: $1) }
        writeRefusalTimes(of: guardKeys, into: &writer)
        changes = IdentityChanges(checkpointedProfileCount: profiles.count)
        traits.changed.removeAll()
    }

    package mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        var restored = IdentityGraph(guards: guards.emptied, settings: settings)
        let profileCount = try reader.readInt()
        for _ in 0..<max(0, profileCount) { restored.appendRestored(try Self.readProfile(&reader)) }
        let ownerCount = try reader.readInt()
        for _ in 0..<max(0, ownerCount) { try restored.restoreOwner(&reader) }
        let guardCount = try reader.readInt()
        for _ in 0..<max(0, guardCount) { try restored.restoreGuard(&reader) }
        let traitCount = try reader.readInt()
        for _ in 0..<max(0, traitCount) { try restored.restoreTraits(&reader) }
        if !reader.isAtEnd { try restored.restoreHistoryAndTimes(&reader, changesOnly: false) }
        try restored.checkParents()
        restored.traits.rebuildBlocks(settings)
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
        let removedCount = try reader.readInt()
        for _ in 0..<max(0, removedCount) { owners[try reader.readString()] = nil }
        let ownerCount = try reader.readInt()
        for _ in 0..<max(0, ownerCount) { try restoreOwner(&reader) }
        let guardCount = try reader.readInt()
        for _ in 0..<max(0, guardCount) { try restoreGuard(&reader) }
        let traitCount = try reader.readInt()
        for _ in 0..<max(0, traitCount) { try restoreTraits(&reader) }
        if !reader.isAtEnd { try restoreHistoryAndTimes(&reader, changesOnly: true) }
        try checkParents()
        // The blocks are rebuilt once, after the last frame (`finishApplyingChanges`): per frame, a restore
        // through hundreds of frames cost seconds.
        traits.changed.removeAll()
        changes = IdentityChanges(checkpointedProfileCount: profiles.count)
    }

    package mutating func finishApplyingChanges() { traits.rebuildBlocks(settings) }

    // MARK: - Rows

    private static func write(_ profile: Profile, into writer: inout StateWriter) {
        writer.write(profile.id)
        writer.write(profile.parent)
        writer.write(profile.exclusive.customerID)
        writer.write(profile.exclusive.loyaltyID)
        writer.write(profile.counts.bits)
    }

    private static func readProfile(_ reader: inout StateReader) throws(StateError) -> Profile {
        let id = try reader.readString()
        let parent = try reader.readInt()
        let customerID = try reader.readOptionalString()
        let loyaltyID = try reader.readOptionalString()
        let counts = IdentifierCounts(bits: try reader.readUInt64())
        return Profile(
            id: id, parent: parent, exclusive: ExclusiveIdentifiers(customerID: customerID, loyaltyID: loyaltyID),
            counts: counts)
    }

    /// A trait row: the profile index, then each trait's values (an erased profile's row has none).
    private func writeTraits(of index: Int32, into writer: inout StateWriter) {
        let stored = traits.traits(of: index)
        writer.write(Int(index))
        writer.write(stored.names.count)
        for name in stored.names {
            writer.write(name.first)
            writer.write(name.last)
        }
        writer.write(stored.birthDates.count)
        for date in stored.birthDates { writer.write(Int(date)) }
        for values in [stored.postcodes, stored.addresses, stored.phones, stored.emailLocals] {
            writer.write(values.count)
            for value in values { writer.write(value) }
        }
    }

    private mutating func restoreTraits(_ reader: inout StateReader) throws(StateError) {
        let index = try reader.readInt()
        guard profiles.indices.contains(index) else { throw StateError("a trait row names a missing profile") }
        var stored = StoredTraits()
        for _ in 0..<max(0, try reader.readInt()) {
            stored.names.append(StoredTraits.Name(first: try reader.readString(), last: try reader.readString()))
        }
        for _ in 0..<max(0, try reader.readInt()) {
            stored.birthDates.append(Int32(truncatingIfNeeded: try reader.readInt()))
        }
        var lists: [[String]] = []
        for _ in 0..<4 {
            var values: [String] = []
            for _ in 0..<max(0, try reader.readInt()) { values.append(try reader.readString()) }
            lists.append(values)
        }
        (stored.postcodes, stored.addresses, stored.phones, stored.emailLocals) = (
            lists[0], lists[1], lists[2], lists[3]
        )
        traits.restore(stored, for: Int32(index))
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
        for refusal in refused { writer.write(refusal.profile) }
    }

    /// The times of the refusals of those `keys` that have any, in the order of their refusals (`resolve-identity/3`).
    private func writeRefusalTimes(of keys: [String], into writer: inout StateWriter) {
        let timed = keys.compactMap { key in guards.refusals[key].map { (key, $0) } }
        writer.write(timed.count)
        for (key, refused) in timed {
            writer.write(key)
            writer.write(refused.count)
            for refusal in refused { writer.write(refusal.time) { $0.write($1) } }
        }
    }

    /// The parts `resolve-identity/3` appends: the merge history, then the refusal times.
    private mutating func restoreHistoryAndTimes(_ reader: inout StateReader, changesOnly: Bool) throws(StateError) {
        try merges.read(from: &reader, changesOnly: changesOnly) { (reader: inout StateReader) throws(StateError) in
            try reader.readMerges()
        }
        for _ in 0..<max(0, try reader.readInt()) {
            let key = try reader.readString()
            var times: [Timestamp?] = []
            for _ in 0..<max(0, try reader.readInt()) {
                times.append(
                    try reader.readOptional { (reader: inout StateReader) throws(StateError) in
                        try reader.readTimestamp()
                    })
            }
            try guards.restoreTimes(key: key, times: times)
        }
    }

    private mutating func restoreGuard(_ reader: inout StateReader) throws(StateError) {
        let key = try reader.readString()
        let isGeneric = try reader.readBool()
        let count = try reader.readInt()
        var refused: [IdentityGuards.Refusal] = []
        for _ in 0..<max(0, count) {
            refused.append(IdentityGuards.Refusal(profile: try reader.readString(), time: nil))
        }
        guards.restore(key: key, isGeneric: isGeneric, refusals: refused)
    }

    private func checkParents() throws(StateError) {
        for profile in profiles where !profiles.indices.contains(profile.parent) {
            throw StateError("profile \(profile.id) points at a missing survivor")
        }
    }
}

extension StateWriter {
    /// One survivor's merge history.
    mutating func write(merges: [MergeEntry]) {
        write(merges.count)
        for merge in merges {
            write(merge.time)
            write(merge.event)
            write(merge.absorbed.count)
            for profile in merge.absorbed { write(profile) }
            write(merge.identifier)
            write(merge.score) { $0.write($1) }
        }
    }
}

extension StateReader {
    mutating func readMerges() throws(StateError) -> [MergeEntry] {
        var merges: [MergeEntry] = []
        for _ in 0..<max(0, try readInt()) {
            let time = try readTimestamp()
            let event = try readString()
            var absorbed: [String] = []
            for _ in 0..<max(0, try readInt()) { absorbed.append(try readString()) }
            let identifier = try readString()
            let score = try readOptional { (reader: inout StateReader) throws(StateError) in try reader.readDouble() }
            merges.append(
                MergeEntry(time: time, event: event, absorbed: absorbed, identifier: identifier, score: score))
        }
        return merges
    }
}
