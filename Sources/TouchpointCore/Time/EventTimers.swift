/// Timers on event time: each key may have one due time, and `fire(through:)` hands back every timer the watermark
/// has passed, earliest first (ties by key), so a stage's "unresolved after 48 h" or window end fires at the same
/// place in every replay, whatever the wall clock did (contract §3, §4).
///
/// A binary heap of (due, key) with lazy removal: rescheduling or cancelling a key leaves its old entry in the heap,
/// skipped when it surfaces because the key's current due time differs. Checkpointed as the live schedule only.
package struct EventTimers: Sendable {
    private var due: [String: Timestamp] = [:]
    private var heap: [(time: Timestamp, key: String)] = []
    /// Keys scheduled, changed or cancelled since the last checkpoint, for incremental state. Bounded for a stage
    /// that never checkpoints: past twice the live timers it is dropped, and the next frame holds every timer.
    private var changedKeys: Set<String> = []
    private var isAllChanged = false

    /// Whether a change frame would hold anything.
    package var hasChanges: Bool { isAllChanged || !changedKeys.isEmpty }

    package init() {}

    package var count: Int { due.count }

    package func dueTime(of key: String) -> Timestamp? { due[key] }

    /// Sets `key`'s timer to `time`, replacing an earlier one.
    package mutating func schedule(_ key: String, at time: Timestamp) {
        guard due[key] != time else { return }
        due[key] = time
        markChanged(key)
        push((time, key))
        // Stale entries of rescheduled keys must not pile up: past twice the live count, rebuild from the schedule.
        if heap.count > 2 * due.count + 64 {
            heap = []
            for (key, time) in due.sorted(by: { $0.key < $1.key }) { push((time, key)) }
        }
    }

    package mutating func cancel(_ key: String) {
        guard due.removeValue(forKey: key) != nil else { return }
        markChanged(key)
    }

    /// Removes and returns every timer due at or before `watermark`, earliest first, ties by key.
    package mutating func fire(through watermark: Timestamp) -> [(key: String, time: Timestamp)] {
        var fired: [(key: String, time: Timestamp)] = []
        while let top = heap.first, top.time <= watermark {
            pop()
            guard due[top.key] == top.time else { continue }
            due[top.key] = nil
            markChanged(top.key)
            fired.append((top.key, top.time))
        }
        return fired
    }

    private mutating func markChanged(_ key: String) {
        guard !isAllChanged else { return }
        changedKeys.insert(key)
        if changedKeys.count > 2 * due.count + 1024 {
            isAllChanged = true
            changedKeys = []
        }
    }

    private mutating func clearChanges() {
        changedKeys.removeAll()
        isAllChanged = false
    }

    // MARK: - Checkpoints

    /// Writes every live timer, sorted by key.
    package mutating func writeAll(into writer: inout StateWriter) {
        writer.write(sortedByKey: due) { $0.write($1) }
        clearChanges()
    }

    /// Writes the keys changed since the last checkpoint with their due time, or none when cancelled or fired; or,
    /// when more changed than was kept, every live timer.
    package mutating func writeChanges(into writer: inout StateWriter) {
        writer.write(isAllChanged)
        if isAllChanged { return writeAll(into: &writer) }
        let keys = changedKeys.sorted()
        writer.write(keys.count)
        for key in keys {
            writer.write(key)
            writer.write(due[key]) { $0.write($1) }
        }
        clearChanges()
    }

    package mutating func restoreAll(from reader: inout StateReader) throws(StateError) {
        self = EventTimers()
        for _ in 0..<max(0, try reader.readInt()) {
            let key = try reader.readString()
            schedule(key, at: try reader.readTimestamp())
        }
        clearChanges()
    }

    package mutating func applyChanges(from reader: inout StateReader) throws(StateError) {
        if try reader.readBool() { return try restoreAll(from: &reader) }
        for _ in 0..<max(0, try reader.readInt()) {
            let key = try reader.readString()
            if let time = try reader.readOptional({ (reader: inout StateReader) throws(StateError) in
                try reader.readTimestamp()
            }) {
                schedule(key, at: time)
            } else {
                cancel(key)
            }
        }
        clearChanges()
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
