/// The traits of every profile that showed some, and the blocks that find them (BlockingKeys.swift).
///
/// Traits stay with the profile index that received them, also after that profile is merged into another: the
/// candidates of an event are compared index by index and grouped by surviving profile afterwards. So a merge
/// moves nothing here, and the blocks are a function of the stored traits alone: each block keeps the
/// `maxProfilesPerBlock` smallest (oldest) indices whose traits give its key, whatever order they came in. That
/// makes a restored index (rebuilt from the checkpointed traits) answer exactly as the live one did.
package struct TraitIndex: Sendable {
    /// Stored traits, one row per profile index that has shown some; rows are compared in place, never copied.
    private var rows: [StoredTraits] = []
    /// Profile index -> row.
    private var rowOfProfile: [Int32: Int32] = [:]
    private var blocks: [UInt64: [Int32]] = [:]
    /// Indices whose traits changed since the last checkpoint.
    var changed: Set<Int32> = []

    package init() {}

    /// Profile indices with traits, ascending.
    package var profileIndices: [Int32] { rowOfProfile.keys.filter { !rows[Int(rowOfProfile[$0]!)].isEmpty }.sorted() }

    /// The stored traits of a profile index (empty when it has none).
    package func traits(of index: Int32) -> StoredTraits {
        rowOfProfile[index].map { rows[Int($0)] } ?? StoredTraits()
    }

    /// Adds an event's traits to profile `index`; blocks gain the profile under the keys the traits now give.
    package mutating func record(_ event: PersonTraits, for index: Int, settings: MatchSettings) {
        let key = Int32(index)
        let row: Int
        if let existing = rowOfProfile[key] {
            row = Int(existing)
        } else {
            row = rows.count
            rows.append(StoredTraits())
            rowOfProfile[key] = Int32(row)
        }
        guard rows[row].absorb(event, limit: settings.maxValuesPerTrait) else { return }
        changed.insert(key)
        insertIntoBlocks(key, rows[row], settings)
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

    /// The event compared with each candidate (`candidates(for:settings:)`), those scoring at least the
    /// possible-match threshold. Not mutating, so each profile's row is compared in place, never copied.
    package func comparisons(with event: PersonTraits, settings: MatchSettings) -> [(
        index: Int32, comparison: TraitComparison
    )] {
        var result: [(index: Int32, comparison: TraitComparison)] = []
        for candidate in candidates(for: event, settings: settings) {
            guard let row = rowOfProfile[candidate] else { continue }
            let comparison = TraitComparison.of(event, rows[Int(row)], settings: settings)
            if comparison.score >= settings.possibleThreshold { result.append((candidate, comparison)) }
        }
        return result
    }

    /// Whether the traits of two profile indices contradict each other (`StoredTraits.contradicts`).
    package func contradict(_ lhs: Int32, _ rhs: Int32, settings: MatchSettings) -> Bool {
        guard let left = rowOfProfile[lhs], let right = rowOfProfile[rhs] else { return false }
        return rows[Int(left)].contradicts(rows[Int(right)], settings: settings)
    }

    /// Forgets the traits of these indices (erasure) and rebuilds the blocks without them.
    package mutating func remove(_ indices: [Int], settings: MatchSettings) {
        for index in indices {
            guard let row = rowOfProfile[Int32(index)], !rows[Int(row)].isEmpty else { continue }
            rows[Int(row)] = StoredTraits()
            changed.insert(Int32(index))
        }
        rebuildBlocks(settings)
    }

    /// Sets the traits of one index as a checkpoint recorded them (empty: none); call `rebuildBlocks` after.
    mutating func restore(_ stored: StoredTraits, for index: Int32) {
        if let row = rowOfProfile[index] {
            rows[Int(row)] = stored
        } else if !stored.isEmpty {
            rowOfProfile[index] = Int32(rows.count)
            rows.append(stored)
        }
    }

    mutating func rebuildBlocks(_ settings: MatchSettings) {
        blocks.removeAll(keepingCapacity: true)
        for index in profileIndices { insertIntoBlocks(index, rows[Int(rowOfProfile[index]!)], settings) }
    }

    private mutating func insertIntoBlocks(_ index: Int32, _ stored: StoredTraits, _ settings: MatchSettings) {
        for key in BlockingKeys.keys(of: stored, nicknames: settings.nicknames) {
            let limit = settings.maxProfilesPerBlock
            // Mutated in place (no copy of the block); sorted, so it holds the smallest indices whatever the order.
            Self.insert(index, into: &blocks[key, default: []], limit: limit)
        }
    }

    private static func insert(_ index: Int32, into members: inout [Int32], limit: Int) {
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle] < index { low = middle + 1 } else { high = middle }
        }
        guard low == members.count || members[low] != index, low < limit else { return }
        members.insert(index, at: low)
        if members.count > limit { members.removeLast() }
    }
}
