import Glibc

/// A parsed JSON value as a tape over the bytes it came from: read fields without building a tree.
///
/// Valid only while the bytes it was parsed from are. Stages use it to find a record's `kind`, to read a few
/// fields, and to materialize (`value(_:)`) only what they change.
package struct JSONDocument {
    package let bytes: UnsafeBufferPointer<UInt8>
    /// Kept alive by the document; the parser allocates a new one rather than overwrite a tape still in use.
    private let storage: JSONTape
    @usableFromInline let tape: UnsafeMutablePointer<JSONTapeEntry>
    /// The number of tape entries.
    let count: Int
    /// The deepest container nesting in the document.
    let depth: Int

    init(bytes: UnsafeBufferPointer<UInt8>, tape: JSONTape, count: Int, depth: Int) {
        self.bytes = bytes
        self.storage = tape
        self.tape = tape.entries
        self.count = count
        self.depth = depth
    }

    /// A position on the tape; meaningful only with the document that made it.
    package struct Node: Hashable, Sendable {
        @usableFromInline let index: Int

        /// `==` without the trip through `Equatable`'s witness that a caller in another module takes.
        @inlinable package func isSame(as other: Node) -> Bool { index == other.index }
    }

    package enum ValueType: Sendable {
        case null, bool, number, string, array, object
    }

    package var root: Node { Node(index: 0) }

    @inlinable
    package func type(of node: Node) -> ValueType {
        switch tape[node.index].tag {
        case .null: .null
        case .falseLiteral, .trueLiteral: .bool
        case .number: .number
        case .string, .escapedString: .string
        case .array: .array
        case .object: .object
        }
    }

    /// The member `key` of an object node; the last one if the key repeats. Nil if absent or not an object.
    package func member(_ key: String, of node: Node) -> Node? {
        let entry = tape[node.index]
        guard entry.tag == .object else { return nil }
        var keyCopy = key
        return keyCopy.withUTF8 { keyBytes -> Node? in
            if node.index == 0, let indexed = storage.rootIndex.member(keyBytes, tape: tape, bytes: bytes) {
                return indexed
            }
            var found: Node?
            var cursor = node.index + 1
            for _ in 0..<entry.count {
                let valueIndex = cursor + 1
                if keyMatches(tape[cursor], keyBytes) { found = Node(index: valueIndex) }
                cursor = nextIndex(after: valueIndex)
            }
            return found
        }
    }

    /// Member lookup on the root object.
    package subscript(key: String) -> Node? { member(key, of: root) }

    /// The members of an object node in order, or an empty list for any other node.
    package func members(of node: Node) -> [(key: String, value: Node)] {
        let entry = tape[node.index]
        guard entry.tag == .object else { return [] }
        var result: [(key: String, value: Node)] = []
        result.reserveCapacity(Int(entry.count))
        var cursor = node.index + 1
        for _ in 0..<entry.count {
            result.append((key: decodedString(tape[cursor]), value: Node(index: cursor + 1)))
            cursor = nextIndex(after: cursor + 1)
        }
        return result
    }

    /// Where a node starts in the input: the byte offset of its first character (a string's opening quote), for
    /// messages that point at a line and column of a configuration file.
    package func offset(of node: Node) -> Int {
        let entry = tape[node.index]
        switch entry.tag {
        case .string, .escapedString: return Int(entry.start) - 1
        default: return Int(entry.start)
        }
    }

    /// The byte offsets of an object node's keys (their opening quotes), in member order.
    package func keyOffsets(of node: Node) -> [Int] {
        let entry = tape[node.index]
        guard entry.tag == .object else { return [] }
        var offsets: [Int] = []
        var cursor = node.index + 1
        for _ in 0..<entry.count {
            offsets.append(Int(tape[cursor].start) - 1)
            cursor = nextIndex(after: cursor + 1)
        }
        return offsets
    }

    /// Calls `body` with each member of an object node in order, its key as a node (`string(_:)` and `rawBytes(_:)`
    /// read it), without building a `String` per key. Nothing for any other node.
    @inline(__always)
    package func forEachMember(of node: Node, _ body: (_ key: Node, _ value: Node) -> Void) {
        let entry = tape[node.index]
        guard entry.tag == .object else { return }
        var cursor = node.index + 1
        for _ in 0..<entry.count {
            body(Node(index: cursor), Node(index: cursor + 1))
            cursor = nextIndex(after: cursor + 1)
        }
    }

    /// Whether a string node (or key) holds escapes, so its raw bytes are not its text.
    @inlinable
    package func hasEscapes(_ node: Node) -> Bool { tape[node.index].tag == .escapedString }

    /// Whether a string node's text equals `text`, compared on bytes.
    package func stringEquals(_ node: Node, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let entry = tape[node.index]
        guard entry.tag == .string || entry.tag == .escapedString else { return false }
        return keyMatches(entry, text)
    }

    /// Writes the node as `JSONWriter.write(value(node), into:)` would, without materializing it when it is a
    /// scalar: a string without escapes, a number or a literal is copied from the input (the parser has checked
    /// them, and the writer escapes only what such a string cannot hold).
    package func writeValue(_ node: Node, into output: inout [UInt8]) {
        let entry = tape[node.index]
        switch entry.tag {
        case .string:
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: raw(entry))
            output.append(UInt8(ascii: "\""))
        case .escapedString:
            JSONEscapes.unescape(raw(entry)).withUnsafeBufferPointer {
                JSONEscapes.appendQuoted(bytes: $0, to: &output)
            }
        case .null, .falseLiteral, .trueLiteral, .number:
            output.append(contentsOf: raw(entry))
        case .array, .object:
            JSONWriter.write(value(node), into: &output)
        }
    }

    /// How many members an object node has, or elements an array node; 0 for any other node.
    @inlinable
    package func childCount(of node: Node) -> Int {
        let entry = tape[node.index]
        return entry.tag == .object || entry.tag == .array ? Int(entry.count) : 0
    }

    /// The elements of an array node in order, or an empty list for any other node.
    package func elements(of node: Node) -> [Node] {
        let entry = tape[node.index]
        guard entry.tag == .array else { return [] }
        var result: [Node] = []
        result.reserveCapacity(Int(entry.count))
        var cursor = node.index + 1
        for _ in 0..<entry.count {
            result.append(Node(index: cursor))
            cursor = nextIndex(after: cursor)
        }
        return result
    }

    /// The decoded string, or nil if the node is not a string.
    package func string(_ node: Node) -> String? {
        let entry = tape[node.index]
        guard entry.tag == .string || entry.tag == .escapedString else { return nil }
        return decodedString(entry)
    }

    /// Whether the node is a string equal to `text`, compared on bytes without building a `String`.
    package func stringEquals(_ node: Node, _ text: StaticString) -> Bool {
        let entry = tape[node.index]
        guard entry.tag == .string else {
            return entry.tag == .escapedString && decodedString(entry) == text.description
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
        return raw.elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The number, or nil if the node is not a number.
    package func number(_ node: Node) -> JSONNumber? {
        let entry = tape[node.index]
        guard entry.tag == .number else { return nil }
        return JSONNumber(validatedLiteral: String(decoding: raw(entry), as: UTF8.self))
    }

    /// The exact bytes of a node as they appear in the input (for strings, without the quotes).
    @inlinable
    package func rawBytes(_ node: Node) -> UnsafeBufferPointer<UInt8> {
        let entry = tape[node.index]
        switch entry.tag {
        case .array, .object:
            return UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.close)])
        default:
            return raw(entry)
        }
    }

    /// Materializes the node and everything below it.
    package func value(_ node: Node) -> JSONValue {
        let entry = tape[node.index]
        switch entry.tag {
        case .null: return .null
        case .falseLiteral: return .bool(false)
        case .trueLiteral: return .bool(true)
        case .number: return .number(JSONNumber(validatedLiteral: String(decoding: raw(entry), as: UTF8.self)))
        case .string, .escapedString: return .string(decodedString(entry))
        case .array: return .array(elements(of: node).map(value))
        case .object:
            var object = JSONObject()
            var cursor = node.index + 1
            for _ in 0..<entry.count {
                object.append(decodedString(tape[cursor]), value(Node(index: cursor + 1)))
                cursor = nextIndex(after: cursor + 1)
            }
            return .object(object)
        }
    }

    /// Writes the node minified: strings and numbers byte for byte as they came, whitespace dropped.
    package func write(_ node: Node, into output: inout [UInt8]) {
        // Minified output is never longer than the input: copy the input in (one memcpy that also reserves the
        // room), then overwrite it from the front through a raw pointer, and trim.
        let start = output.count
        output.append(contentsOf: bytes)
        let written = withExtendedLifetime(storage) {
            output.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress! + start
                return emit(node, to: base)
            }
        }
        output.removeLast(bytes.count - written)
    }

    /// One open container while writing: where it ends on the tape, its closing byte, and how many entries of it
    /// have been written (an object's keys and values both count, so odd means "a value comes next").
    private struct OpenContainer {
        var end: Int
        var closer: UInt8
        var isObject: Bool
        var written: Int
    }

    /// Writes the node's entries in tape order with the cursor in a register: separators follow from the open
    /// container, closers from its end index. Returns the number of bytes written.
    private func emit(_ node: Node, to base: UnsafeMutablePointer<UInt8>) -> Int {
        withUnsafeTemporaryAllocation(of: OpenContainer.self, capacity: depth + 1) { stack in
            var cursor = base
            var open = 0
            var index = node.index
            let end = nextIndex(after: node.index)
            while true {
                while open > 0 && stack[open - 1].end == index {
                    open -= 1
                    cursor.pointee = stack[open].closer
                    cursor += 1
                }
                guard index < end else { break }
                if open > 0 {
                    let written = stack[open - 1].written
                    if written > 0 {
                        let isValue = stack[open - 1].isObject && written & 1 == 1
                        cursor.pointee = isValue ? UInt8(ascii: ":") : UInt8(ascii: ",")
                        cursor += 1
                    }
                    stack[open - 1].written = written + 1
                }
                let entry = tape[index]
                switch entry.tag {
                case .null, .falseLiteral, .trueLiteral, .number:
                    cursor = copyRaw(entry, to: cursor)
                case .string, .escapedString:
                    cursor.pointee = UInt8(ascii: "\"")
                    cursor = copyRaw(entry, to: cursor + 1)
                    cursor.pointee = UInt8(ascii: "\"")
                    cursor += 1
                case .array, .object:
                    let isObject = entry.tag == .object
                    cursor.pointee = isObject ? UInt8(ascii: "{") : UInt8(ascii: "[")
                    cursor += 1
                    stack[open] = OpenContainer(
                        end: Int(entry.end), closer: isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"),
                        isObject: isObject, written: 0)
                    open += 1
                }
                index += 1
            }
            return base.distance(to: cursor)
        }
    }

    /// Copies a token's bytes. Short tokens (most keys and values) move as two overlapping words instead of a call
    /// into memmove; every load and store stays inside the token.
    @inline(__always)
    private func copyRaw(_ entry: JSONTapeEntry, to cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>
    {
        let length = Int(entry.end &- entry.start)
        let source = UnsafeRawPointer(bytes.baseAddress! + Int(entry.start))
        let target = UnsafeMutableRawPointer(cursor)
        switch length {
        case 8...16:
            target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
            (target + length - 8).storeBytes(of: (source + length - 8).loadUnaligned(as: UInt64.self), as: UInt64.self)
        case 4..<8:
            target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
            (target + length - 4).storeBytes(of: (source + length - 4).loadUnaligned(as: UInt32.self), as: UInt32.self)
        case 0..<4:
            for offset in 0..<length { cursor[offset] = source.load(fromByteOffset: offset, as: UInt8.self) }
        default:
            cursor.update(from: bytes.baseAddress! + Int(entry.start), count: length)
        }
        return cursor + length
    }

    // MARK: - Tape helpers

    @inlinable @inline(__always)
    func raw(_ entry: JSONTapeEntry) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
    }

    @inline(__always)
    private func nextIndex(after index: Int) -> Int {
        let entry = tape[index]
        return entry.tag == .array || entry.tag == .object ? Int(entry.end) : index + 1
    }

    @inline(__always)
    private func keyMatches(_ entry: JSONTapeEntry, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        if entry.tag == .escapedString {
            var decoded = decodedString(entry)
            return decoded.withUTF8 { $0.elementsEqual(key) }
        }
        let length = Int(entry.end - entry.start)
        guard length == key.count else { return false }
        return memcmp(bytes.baseAddress! + Int(entry.start), key.baseAddress!, length) == 0
    }

    private func decodedString(_ entry: JSONTapeEntry) -> String {
        let content = raw(entry)
        guard entry.tag == .escapedString else { return String(decoding: content, as: UTF8.self) }
        return String(decoding: JSONEscapes.unescape(content), as: UTF8.self)
    }
}
