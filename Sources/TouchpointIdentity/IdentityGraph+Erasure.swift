import TouchpointCore

extension IdentityGraph {
    /// Erases the person an identifier belongs to (contract §5, "Erasure"): every identifier linked to any of their
    /// profiles, their traits, their exclusive ids and counts, their merge history, and guard entries keyed by their
    /// identifiers.
    /// Returns every profile id they had, survivor first then absorbed ones in creation order; empty when the
    /// identifier is unknown.
    ///
    /// The profile rows stay, emptied, so indices and the merge forest stay valid and an absorbed id still leads to
    /// its survivor; nothing of the person is left in them. A person who comes back later starts a new profile (its
    /// id differs from the erased one: `createProfile` mixes in the profile count when a name was taken). Erasure is
    /// rare, so it scans the graph (O(profiles + identifiers)) rather than keeping a reverse index for it.
    package mutating func forget(_ key: String) -> [String] {
        guard let owner = owners[key] else { return [] }
        let survivor = root(of: owner)
        var members: [Int] = []
        for index in profiles.indices where root(of: index) == survivor { members.append(index) }
        let memberSet = Set(members)
        var erasedKeys: [String] = []
        for (ownedKey, index) in owners where memberSet.contains(index) { erasedKeys.append(ownedKey) }
        erasedKeys.sort()
        let erased = Set(erasedKeys)
        // An identifier linked since the last checkpoint is simply not written; one already written is removed.
        changes.newOwners.removeAll { erased.contains($0) }
        for erasedKey in erasedKeys {
            owners[erasedKey] = nil
            changes.removedOwners.append(erasedKey)
            if guards.generic.contains(erasedKey) || guards.refusals[erasedKey] != nil {
                guards.restore(key: erasedKey, isGeneric: false, refusals: [])
                changes.guardsChanged.insert(erasedKey)
            }
        }
        for index in members {
            merges.removeValue(forKey: profiles[index].id)
            profiles[index].exclusive = ExclusiveIdentifiers()
            profiles[index].counts = IdentifierCounts()
            changes.profileChanged(index)
        }
        traits.remove(members, settings: settings)
        return members.map { profiles[$0].id }
    }
}
