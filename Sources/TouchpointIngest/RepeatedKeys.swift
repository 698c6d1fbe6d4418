/// Which keys of a record repeat, in time linear in their number: the one place logfmt's repeated keys and syslog's
/// repeated structured-data names are told apart, whatever a hostile line holds.
///
/// `resolve` takes the keys in order (as byte ranges of one buffer) and fills, for each index, the index of that
/// key's first occurrence (`first`), the index of its next occurrence or -1 (`next`), and at each first occurrence
/// the index of its last (`last`). Storage is reused between calls, so a record costs no allocation once warm.
struct RepeatedKeys {
    private(set) var first: [Int] = []
    private(set) var next: [Int] = []
    private(set) var last: [Int] = []
    /// Open-addressing table of indices + 1 by key hash; 0 is an empty slot. Cleared slot by slot after each call.
    private var table: [Int] = []
    private var usedSlots: [Int] = []

    /// Whether the last `resolve` found any key twice.
    private(set) var hasRepeats = false

    mutating func resolve(_ keys: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) {
        let count = keys.count
        first.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        last.removeAll(keepingCapacity: true)
        hasRepeats = false
        var size = 16
        while size < count * 2 { size <<= 1 }
        if table.count < size { table = [Int](repeating: 0, count: size) }
        let mask = size - 1
        for index in 0..<count {
            let key = UnsafeBufferPointer(rebasing: bytes[keys[index]])
            var slot = RepeatedKeys.hash(key) & mask
            first.append(index)
            next.append(-1)
            last.append(index)
            while true {
                let entry = table[slot]
                if entry == 0 {
                    table[slot] = index + 1
                    usedSlots.append(slot)
                    break
                }
                let earlier = entry - 1
                if key.elementsEqual(UnsafeBufferPointer(rebasing: bytes[keys[earlier]])) {
                    first[index] = earlier
                    next[last[earlier]] = index
                    last[earlier] = index
                    hasRepeats = true
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        for slot in usedSlots { table[slot] = 0 }
        usedSlots.removeAll(keepingCapacity: true)
    }

    /// FNV-1a over the key's bytes, folded so the low bits (the table index) depend on all of them.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
