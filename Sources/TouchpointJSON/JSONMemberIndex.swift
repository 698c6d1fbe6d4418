import Glibc

/// The root object's members by key, built when a record's root is looked up a third time.
///
/// Stages read many members of each record's root (alert's rule fields, score's event fields), and a lookup by
/// scan costs one comparison per member. A stage forwarding a record reads only `kind`, so the index is built
/// lazily, never for a record read once or twice. Open addressing over tape indices, with the last of repeated
/// keys kept, as a scan finds it; a root with an escaped key, or with few or very many members, is left to the
/// scan. (Indexing nested objects as well was measured and cost more than it saved: normalize and score switch
/// between several small objects.)
final class JSONMemberIndex {
    private static let slotCount = 128
    /// Below this a scan is as fast as hashing the key.
    private static let minMembers = 8
    private static let maxMembers = 64
    private let slots = UnsafeMutablePointer<Int32>.allocate(capacity: JSONMemberIndex.slotCount)
    private var lookups = 0
    private var state = State.unbuilt

    private enum State { case unbuilt, built, unusable }

    deinit { slots.deallocate() }

    /// Forgets the previous document: the tape is about to be reused.
    func reset() {
        lookups = 0
        state = .unbuilt
    }

    /// `.some(node)` or `.some(nil)` (absent) when the index answers; nil when the caller must scan.
    func member(
        _ key: UnsafeBufferPointer<UInt8>, tape: UnsafeMutablePointer<JSONTapeEntry>, bytes: UnsafeBufferPointer<UInt8>
    ) -> JSONDocument.Node?? {
        switch state {
        case .unusable: return nil
        case .unbuilt:
            lookups += 1
            guard lookups >= 3 else { return nil }
            guard build(tape: tape, bytes: bytes) else {
                state = .unusable
                return nil
            }
            state = .built
        case .built: break
        }
        let mask = Self.slotCount - 1
        var slot = Int(Self.hash(key)) & mask
        while true {
            let keyIndex = slots[slot]
            if keyIndex < 0 { return .some(nil) }
            if Self.same(tape[Int(keyIndex)], key, bytes) { return .some(JSONDocument.Node(index: Int(keyIndex) + 1)) }
            slot = (slot + 1) & mask
        }
    }

    private func build(tape: UnsafeMutablePointer<JSONTapeEntry>, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let container = tape[0]
        guard container.tag == .object, container.count >= UInt32(Self.minMembers),
            container.count <= UInt32(Self.maxMembers)
        else { return false }
        slots.initialize(repeating: -1, count: Self.slotCount)
        let mask = Self.slotCount - 1
        var cursor = 1
        for _ in 0..<container.count {
            let entry = tape[cursor]
            guard entry.tag == .string else { return false }
            let key = UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
            var slot = Int(Self.hash(key)) & mask
            while slots[slot] >= 0, !Self.same(tape[Int(slots[slot])], key, bytes) { slot = (slot + 1) & mask }
            slots[slot] = Int32(cursor)
            let value = tape[cursor + 1]
            cursor = value.tag == .array || value.tag == .object ? Int(value.end) : cursor + 2
        }
        return true
    }

    /// FNV-1a: keys are short, and this is a few instructions a byte.
    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in key { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash ^ (hash >> 15)
    }

    @inline(__always)
    private static func same(
        _ entry: JSONTapeEntry, _ key: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let length = Int(entry.end - entry.start)
        guard length == key.count else { return false }
        guard length > 0 else { return true }
        return memcmp(bytes.baseAddress! + Int(entry.start), key.baseAddress!, length) == 0
    }
}
