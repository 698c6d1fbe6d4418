import TouchpointCore

/// What changed since the last checkpoint: the profiles a barrier writes again and those it removes (contract §4).
///
/// A checkpoint is then proportional to the customers the events since the last barrier touched, not to every
/// customer: a change frame holds the watermark, the profiles removed (absorbed by a merge, erased by a forget),
/// each changed profile's whole entry and the aggregate windows and baselines touched, and applying it removes first, then writes, so a profile removed and then
/// seen again in one interval comes back with its new state.
struct ScoreChanges {
    var changed: Set<String> = []
    var removed: Set<String> = []
    var isWatermarkChanged = false

    var isEmpty: Bool { changed.isEmpty && removed.isEmpty && !isWatermarkChanged }

    mutating func change(_ profile: String) { changed.insert(profile) }

    mutating func remove(_ profile: String) {
        changed.remove(profile)
        removed.insert(profile)
    }
}

extension Scorer {
    /// Without `--state`: the profiles changed and removed (every absorbed profile ever) and the windows touched
    /// are forgotten at each barrier instead of kept for a checkpoint that never comes.
    package mutating func discardChanges() {
        changes = ScoreChanges()
        aggregates.discardChanges()
    }

    /// Whether anything changed since the last checkpoint (or the last barrier, without `--state`).
    package var hasUncheckpointedChanges: Bool { !changes.isEmpty || aggregates.hasChanges }

    package mutating func writeSnapshot(into writer: inout StateWriter) {
        writer.write(watermark) { $0.write($1) }
        writer.write(customers.count)
        for profile in customers.keys.sorted() {
            writer.write(profile)
            customers[profile]!.write(into: &writer)
        }
        aggregates.writeSnapshot(into: &writer)
        changes = ScoreChanges()
    }

    package mutating func writeChanges(into writer: inout StateWriter) {
        guard !changes.isEmpty || aggregates.hasChanges else { return }
        writer.write(watermark) { $0.write($1) }
        writer.write(changes.removed.count)
        for profile in changes.removed.sorted() { writer.write(profile) }
        let changed = changes.changed.sorted().filter { customers[$0] != nil }
        writer.write(changed.count)
        for profile in changed {
            writer.write(profile)
            customers[profile]!.write(into: &writer)
        }
        aggregates.writeChanges(into: &writer)
        changes = ScoreChanges()
    }

    package mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        watermark = try Self.readWatermark(&reader)
        customers = [:]
        for _ in 0..<(try reader.count()) {
            let profile = try reader.readString()
            customers[profile] = try CustomerState(from: &reader)
        }
        try aggregates.restore(snapshot: &reader)
        changes = ScoreChanges()
    }

    package mutating func apply(changes reader: inout StateReader) throws(StateError) {
        watermark = try Self.readWatermark(&reader)
        for _ in 0..<(try reader.count()) { customers.removeValue(forKey: try reader.readString()) }
        for _ in 0..<(try reader.count()) {
            let profile = try reader.readString()
            customers[profile] = try CustomerState(from: &reader)
        }
        try aggregates.apply(changes: &reader)
        changes = ScoreChanges()
    }

    private static func readWatermark(_ reader: inout StateReader) throws(StateError) -> Timestamp? {
        try reader.readOptional { (reader: inout StateReader) throws(StateError) in try reader.readTimestamp() }
    }
}
