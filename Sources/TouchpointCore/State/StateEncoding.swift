/// The compact binary form state is checkpointed in: variable-length integers, length-prefixed bytes and strings,
/// doubles as their bits.
///
/// State is written at every barrier, so its encoding is on the hot path of a checkpoint: no JSON, no Foundation,
/// no allocation per value beyond the growing buffer. It is not a wire format: only the stage that wrote it reads
/// it back, and `StatefulStage.stateFormat` names its layout so a store written by another layout is refused.
package struct StateWriter {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func write(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Zigzag, so small negative numbers stay small.
    package mutating func write(_ value: Int64) { write(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    package mutating func write(_ value: Int) { write(Int64(value)) }

    package mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    package mutating func write(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    package mutating func write(_ value: String) {
        var copy = value
        copy.withUTF8 { write(bytes: $0) }
    }

    package mutating func write(bytes value: UnsafeBufferPointer<UInt8>) {
        write(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    package mutating func write(_ value: Timestamp) { write(value.milliseconds) }

    /// An optional as a presence flag and the value.
    package mutating func write<Value>(_ value: Value?, _ writeValue: (inout StateWriter, Value) -> Void) {
        write(value != nil)
        if let value { writeValue(&self, value) }
    }

    package mutating func write(_ value: String?) { write(value) { $0.write($1) } }

    /// A dictionary as its count and its entries sorted by key, so the same state always writes the same bytes.
    package mutating func write<Value>(
        sortedByKey dictionary: [String: Value], _ writeValue: (inout StateWriter, Value) -> Void
    ) {
        write(dictionary.count)
        for key in dictionary.keys.sorted() {
            write(key)
            writeValue(&self, dictionary[key]!)
        }
    }

    package mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}

/// Reads what `StateWriter` wrote, in the same order; every read checks bounds and throws on damage.
package struct StateReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0

    package init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    package var isAtEnd: Bool { offset >= bytes.count }

    package mutating func readUInt64() throws(StateError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw StateError("truncated or malformed integer") }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    package mutating func readInt64() throws(StateError) -> Int64 {
        let raw = try readUInt64()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    package mutating func readInt() throws(StateError) -> Int { Int(try readInt64()) }

    package mutating func readBool() throws(StateError) -> Bool {
        guard offset < bytes.count else { throw StateError("truncated boolean") }
        offset += 1
        return bytes[offset - 1] != 0
    }

    package mutating func readDouble() throws(StateError) -> Double {
        guard offset + 8 <= bytes.count else { throw StateError("truncated number") }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Double(bitPattern: bits)
    }

    package mutating func readBytes() throws(StateError) -> UnsafeBufferPointer<UInt8> {
        let count = Int(try readUInt64())
        guard count >= 0, count <= bytes.count - offset else { throw StateError("truncated bytes") }
        defer { offset += count }
        return UnsafeBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    package mutating func readString() throws(StateError) -> String {
        let raw = try readBytes()
        guard let text = String(validating: raw, as: UTF8.self) else { throw StateError("a string is not UTF-8") }
        return text
    }

    package mutating func readTimestamp() throws(StateError) -> Timestamp { Timestamp(milliseconds: try readInt64()) }

    package mutating func readOptional<Value>(_ readValue: (inout StateReader) throws(StateError) -> Value)
        throws(StateError) -> Value?
    {
        try readBool() ? try readValue(&self) : nil
    }

    package mutating func readOptionalString() throws(StateError) -> String? {
        try readOptional { (reader: inout StateReader) throws(StateError) in try reader.readString() }
    }
}

/// Checkpointed state that cannot be read back: damaged, or written in another layout.
package struct StateError: Error, CustomStringConvertible {
    package let message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
