/// Timers on event time: each key may have one due time, and `fire(through:)` hands back every timer the watermark
/// has passed, earliest first (ties by key), so a stage's "unresolved after 48 h" or window end fires at the same
/// place in every replay, whatever the wall clock did (contract §3, §4).
///
/// A binary heap of (due, key) with lazy removal: rescheduling or cancelling a key leaves its old entry in the heap,
/// skipped when it surfaces because the key's current due time differs. Checkpointed as the live schedule only.
package struct EventTimers: Sendable {
    /// The live schedule; it also remembers which keys changed since the last checkpoint, for incremental state.
    private var due = TrackedDictionary<Timestamp>()
    private var heap: [(time: Timestamp, key: String)] = []

    package init() {}

    package var count: Int { due.count }

    /// Whether a change frame would hold anything.
    package var hasChanges: Bool { due.hasChanges }

    /// Forgets the schedule's changes since the last checkpoint (`CheckpointedState.discardChanges`).
    package mutating func discardChanges() { due.discardChanges() }

    package func dueTime(of key: String) -> Timestamp? { due[key] }

    /// Sets `key`'s timer to `time`, replacing an earlier one.
    package mutating func schedule(_ key: String, at time: Timestamp) {
        guard due[key] != time else { return }
        due[key] = time
        push((time, key))
        // Stale entries of rescheduled keys must not pile up: past twice the live count, rebuild from the schedule.
        if heap.count > 2 * due.count + 64 { rebuildHeap() }
    }

    package mutating func cancel(_ key: String) {
        due.removeValue(forKey: key)
    }

    /// Removes and returns every timer due at or before `watermark`, earliest first, ties by key.
    package mutating func fire(through watermark: Timestamp) -> [(key: String, time: Timestamp)] {
        var fired: [(key: String, time: Timestamp)] = []
        while let top = heap.first, top.time <= watermark {
            pop()
            guard due[top.key] == top.time else { continue }
            due[top.key] = nil
            fired.append((top.key, top.time))
        }
        return fired
    }

    private mutating func rebuildHeap() {
        heap = []
        for (key, time) in due.dictionary.sorted(by: { $0.key < $1.key }) { push((time, key)) }
    }

    // MARK: - Checkpoints

    /// Writes every live timer, sorted by key.
    package mutating func writeAll(into writer: inout StateWriter) {
        due.writeAll(into: &writer) { $0.write($1) }
    }

    /// Writes the keys changed since the last checkpoint with their due time, or none when cancelled or fired.
    package mutating func writeChanges(into writer: inout StateWriter) {
        due.writeChanges(into: &writer) { $0.write($1) }
    }

    package mutating func restoreAll(from reader: inout StateReader) throws(StateError) {
        try due.restoreAll(from: &reader) { (reader: inout StateReader) throws(StateError) in try reader.readTimestamp()
        }
        rebuildHeap()
    }

    package mutating func applyChanges(from reader: inout StateReader) throws(StateError) {
        try due.applyChanges(from: &reader) { (reader: inout StateReader) throws(StateError) in
            try reader.readTimestamp()
        }
        rebuildHeap()
    }

    // MARK: - Heap

    private static func precedes(_ lhs: (time: Timestamp, key: String), _ rhs: (time: Timestamp, key: String)) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.key < rhs.key
    }

    private mutating func push(_ entry: (time: Timestamp, key: String)) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func pop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && Self.precedes(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && Self.precedes(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
