import Synchronization

/// Remembers what a pure function of a text gave, so that the texts a feed repeats (a shop's paths, a browser's
/// user agent, a ticket status) go through a pattern table, a regular expression or a list of bot names once,
/// not once per record.
///
/// Bounded: a text longer than `maxKeyBytes` is not kept, and the memo starts over when it holds `capacity`
/// texts. A result never depends on what is remembered, so the output is the same either way. Compiled mappings
/// are shared (the built-in catalog is one static value), hence the lock; one stage takes it uncontended.
final class TextMemo<Value: Sendable>: Sendable {
    static var maxKeyBytes: Int { 512 }
    private let capacity: Int
    private let entries = Mutex<[String: Value]>([:])

    init(capacity: Int = 4096) { self.capacity = capacity }

    func value(for text: String, _ compute: (String) -> Value) -> Value {
        guard text.utf8.count <= Self.maxKeyBytes else { return compute(text) }
        if let known = entries.withLock({ $0[text] }) { return known }
        let value = compute(text)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[text] = value
        }
        return value
    }
}
