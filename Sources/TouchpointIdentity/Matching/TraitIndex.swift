/// The traits of every profile that showed some, and the blocks that find them (BlockingKeys.swift).
///
/// Traits stay with the profile index that received them, also after that profile is merged into another: the
/// candidates of an event are compared index by index and grouped by surviving profile afterwards. So a merge
/// moves nothing here, and the blocks are a function of the stored traits alone: each block keeps the
/// `maxProfilesPerBlock` smallest (oldest) indices whose traits give its key, whatever order they came in. That
/// makes a restored index (rebuilt from the checkpointed traits) answer exactly as the live one did.
package struct TraitIndex: Sendable {
    package private(set) var traits: [Int32: StoredTraits] = [:]
    private var blocks: [UInt64: [Int32]] = [:]
    /// Indices whose traits changed since the last checkpoint.
    var changed: Set<Int32> = []

    package init() {}

    /// Adds an event's traits to profile `index`; blocks gain the profile under the keys the traits now give.
    package mutating func record(_ event: PersonTraits, for index: Int, settings: MatchSettings) {
        let key = Int32(index)
        var stored = traits[key] ?? StoredTraits()
        guard stored.absorb(event, limit: settings.maxValuesPerTrait) else { return }
        traits[key] = stored
        changed.insert(key)
        insertIntoBlocks(key, stored, settings)
    }

    /// The profile indices sharing a block with the event, oldest first, at most `maxCandidates`.
    package func candidates(for event: PersonTraits, settings: MatchSettings) -> [Int32] {
        var found: Set<Int32> = []
        for key in BlockingKeys.keys(of: StoredTraits(event), nicknames: settings.nicknames) {
            guard let members = blocks[key] else { continue }
            found.formUnion(members)
        }
        return Array(found.sorted().prefix(settings.maxCandidates))
    }

    /// Forgets the traits of these indices (erasure) and rebuilds the blocks without them.
    package mutating func remove(_ indices: [Int], settings: MatchSettings) {
        for index in indices where traits.removeValue(forKey: Int32(index)) != nil { changed.insert(Int32(index)) }
        rebuildBlocks(settings)
    }

    /// Sets the traits of one index as a checkpoint recorded them (empty: none); call `rebuildBlocks` after.
    mutating func restore(_ stored: StoredTraits, for index: Int32) {
        traits[index] = stored.isEmpty ? nil : stored
    }

    mutating func rebuildBlocks(_ settings: MatchSettings) {
        blocks.removeAll(keepingCapacity: true)
        for index in traits.keys.sorted() { insertIntoBlocks(index, traits[index]!, settings) }
    }

    private mutating func insertIntoBlocks(_ index: Int32, _ stored: StoredTraits, _ settings: MatchSettings) {
        for key in BlockingKeys.keys(of: stored, nicknames: settings.nicknames) {
            var members = blocks[key] ?? []
            // Sorted, so the block is the smallest indices whatever the insertion order.
            var low = 0
            var high = members.count
            while low < high {
                let middle = (low + high) / 2
                if members[middle] < index { low = middle + 1 } else { high = middle }
            }
            guard low == members.count || members[low] != index else { continue }
            guard low < settings.maxProfilesPerBlock else { continue }
            members.insert(index, at: low)
            if members.count > settings.maxProfilesPerBlock { members.removeLast() }
            blocks[key] = members
        }
    }
}
