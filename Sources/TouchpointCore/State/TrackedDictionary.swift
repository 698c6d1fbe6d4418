/// A dictionary by string key that remembers which keys were set or removed since the last checkpoint, so that a
/// change frame holds those keys only (`CheckpointedState.isIncremental`): a barrier then costs what the records
/// since the previous one touched, not the size of the state.
///
/// Every mutation goes through it, so nothing can change a value without the next frame knowing. A key set and
/// removed again within one interval is written as removed; applying a frame removes it, which is what it is.
///
/// A stage without `--state` never checkpoints, so the touched keys are bounded: past twice the live entries, the
/// set is dropped and the next frame holds every entry instead (a frame then costs a snapshot, once).
package struct TrackedDictionary<Value> {
    private var storage: [String: Value] = [:]
    private var touched: Set<String> = []
    /// Whether more changed than `touched` keeps: the next frame replaces the whole dictionary.
    private var isAllTouched = false

    package init() {}

    package var count: Int { storage.count }
    package var isEmpty: Bool { storage.isEmpty }
    package var keys: Dictionary<String, Value>.Keys { storage.keys }
    package var values: Dictionary<String, Value>.Values { storage.values }
    /// Whether a change frame would hold anything.
    package var hasChanges: Bool { isAllTouched || !touched.isEmpty }
    /// The untracked contents, to read.
    package var dictionary: [String: Value] { storage }

    package subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            storage[key] = newValue
            touch(key)
        }
    }

    package subscript(key: String, default defaultValue: @autoclosure () -> Value) -> Value {
        get { storage[key] ?? defaultValue() }
        set {
            storage[key] = newValue
            touch(key)
        }
    }

    @discardableResult
    package mutating func updateValue(_ value: Value, forKey key: String) -> Value? {
        touch(key)
        return storage.updateValue(value, forKey: key)
    }

    @discardableResult
    package mutating func removeValue(forKey key: String) -> Value? {
        guard let value = storage.removeValue(forKey: key) else { return nil }
        touch(key)
        return value
    }

    /// Removes every entry `shouldRemove` picks.
    package mutating func removeAll(where shouldRemove: (String, Value) -> Bool) {
        let doomed = storage.compactMap { shouldRemove($0.key, $0.value) ? $0.key : nil }
        for key in doomed { removeValue(forKey: key) }
    }

    /// What `revise` did to one value.
    package enum Revision {
        case kept
        case changed
        case removed
    }

    /// Lets `transform` edit every value in place; only the keys it reports changed or removed are tracked.
    package mutating func revise(_ transform: (inout Value) -> Revision) {
        for key in Array(storage.keys) {
            var value = storage.removeValue(forKey: key)!
            switch transform(&value) {
            case .kept:
                storage[key] = value
            case .changed:
                storage[key] = value
                touch(key)
            case .removed:
                touch(key)
            }
        }
    }

    private mutating func touch(_ key: String) {
        guard !isAllTouched else { return }
        touched.insert(key)
        if touched.count > 2 * storage.count + 1024 {
            isAllTouched = true
            touched = []
        }
    }

    // MARK: - Checkpoints

    /// Writes every entry, sorted by key (the layout of `StateWriter.write(sortedByKey:)`); changes count from here.
    package mutating func writeAll(into writer: inout StateWriter, _ writeValue: (inout StateWriter, Value) -> Void) {
        writer.write(sortedByKey: storage, writeValue)
        clearTouched()
    }

    /// Writes the keys touched since the last checkpoint, sorted, each with its value or none when removed; or,
    /// when more changed than was kept, every entry.
    package mutating func writeChanges(
        into writer: inout StateWriter, _ writeValue: (inout StateWriter, Value) -> Void
    ) {
        writer.write(isAllTouched)
        if isAllTouched { return writeAll(into: &writer, writeValue) }
        let keys = touched.sorted()
        writer.write(keys.count)
        for key in keys {
            writer.write(key)
            if let value = storage[key] {
                writer.write(true)
                writeValue(&writer, value)
            } else {
                writer.write(false)
            }
        }
        clearTouched()
    }

    /// Forgets the keys touched since the last checkpoint (`CheckpointedState.discardChanges`).
    package mutating func discardChanges() { clearTouched() }

    private mutating func clearTouched() {
        touched.removeAll(keepingCapacity: true)
        isAllTouched = false
    }

    /// `writeChanges` or `writeAll`: for a state that writes its snapshot and its frames by one function.
    package mutating func write(
        into writer: inout StateWriter, changesOnly: Bool, _ writeValue: (inout StateWriter, Value) -> Void
    ) {
        if changesOnly { writeChanges(into: &writer, writeValue) } else { writeAll(into: &writer, writeValue) }
    }

    /// `applyChanges` or `restoreAll`, the reading side of `write(into:changesOnly:)`.
    package mutating func read(
        from reader: inout StateReader, changesOnly: Bool,
        _ readValue: (inout StateReader) throws(StateError) -> Value, keeping keep: (Value) -> Bool = { _ in true }
    ) throws(StateError) {
        if changesOnly {
            try applyChanges(from: &reader, readValue, keeping: keep)
        } else {
            try restoreAll(from: &reader, readValue, keeping: keep)
        }
    }

    /// Replaces the contents with what `writeAll` wrote; `keep` may drop an entry as it is read.
    package mutating func restoreAll(
        from reader: inout StateReader, _ readValue: (inout StateReader) throws(StateError) -> Value,
        keeping keep: (Value) -> Bool = { _ in true }
    ) throws(StateError) {
        storage = [:]
        clearTouched()
        for _ in 0..<max(0, try reader.readInt()) {
            let key = try reader.readString()
            let value = try readValue(&reader)
            if keep(value) { storage[key] = value }
        }
    }

    /// Applies what `writeChanges` wrote.
    package mutating func applyChanges(
        from reader: inout StateReader, _ readValue: (inout StateReader) throws(StateError) -> Value,
        keeping keep: (Value) -> Bool = { _ in true }
    ) throws(StateError) {
        if try reader.readBool() { return try restoreAll(from: &reader, readValue, keeping: keep) }
        for _ in 0..<max(0, try reader.readInt()) {
            let key = try reader.readString()
            if try reader.readBool() {
                let value = try readValue(&reader)
                storage[key] = keep(value) ? value : nil
            } else {
                storage[key] = nil
            }
        }
        clearTouched()
    }
}

extension TrackedDictionary: Sendable where Value: Sendable {}
