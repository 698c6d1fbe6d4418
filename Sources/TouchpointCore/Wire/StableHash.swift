/// FNV-1a, 64 bit: a hash that is the same in every process and on every machine, unlike Swift's `Hasher`, which
/// is seeded per process. Event ids, profile ids and alert ids are derived from it, so replays give the same ids.
package struct StableHash {
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package init() {}

    package mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        // A separator keeps ("ab","c") and ("a","bc") apart.
        value ^= 0xFF
        value &*= 0x0000_0100_0000_01b3
    }

    package mutating func combine(_ number: Int) { combine(String(number)) }

    /// Mixes raw bytes in, with the same separator as a string: `combine(bytes:)` of a string's UTF-8 equals
    /// `combine(_:)` of the string.
    package mutating func combine(bytes: UnsafeBufferPointer<UInt8>) {
        var state = value
        for byte in bytes {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01b3
        }
        state ^= 0xFF
        state &*= 0x0000_0100_0000_01b3
        value = state
    }

    /// Sixteen lowercase hex digits.
    package var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The hex digest of the given parts, in order.
    package static func hex(_ parts: String...) -> String { hex(parts) }

    /// The hex digest of the given parts, in order.
    package static func hex(_ parts: [String]) -> String {
        var hash = StableHash()
        for part in parts { hash.combine(part) }
        return hash.hex
    }
}
