/// A JSON object that keeps its members in insertion order.
///
/// Order is the writer's order, so records come out byte-identical run after run (contract §3); a Swift
/// `Dictionary` would iterate in a different order in every process. Objects on the wire are small, so lookups
/// scan linearly. Duplicate keys from the wire are kept for a faithful round trip; lookups see the last one, as jq
/// and JavaScript do.
package struct JSONObject: Equatable, Sendable, Sequence {
    package private(set) var members: [(key: String, value: JSONValue)]

    package init() { members = [] }

    package init(_ members: [(key: String, value: JSONValue)]) { self.members = members }

    package var isEmpty: Bool { members.isEmpty }
    package var count: Int { members.count }
    package var keys: [String] { members.map(\.key) }

    /// Reading gives the last member with that key. Writing `nil` removes every member with that key; writing a
    /// value replaces the last member with that key in place, or appends a new member.
    package subscript(key: String) -> JSONValue? {
        get {
            // Through the buffer: indexing the array copied (retained and released) every member it compared.
            members.withUnsafeBufferPointer { members in
                var index = members.count
                while index > 0 {
                    index -= 1
                    if members[index].key == key { return members[index].value }
                }
                return nil
            }
        }
        set {
            guard let newValue else {
                members.removeAll { $0.key == key }
                return
            }
            if let index = members.lastIndex(where: { $0.key == key }) {
                members[index].value = newValue
            } else {
                members.append((key: key, value: newValue))
            }
        }
    }

    /// Appends without looking for an existing key; for building objects whose keys are known to be distinct.
    package mutating func append(_ key: String, _ value: JSONValue) {
        members.append((key: key, value: value))
    }

    /// Sets `key` only when `value` is present, so optional fields are left out instead of written as null.
    package mutating func setIfPresent(_ key: String, _ value: JSONValue?) {
        if let value { self[key] = value }
    }

    package func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> { members.makeIterator() }

    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
