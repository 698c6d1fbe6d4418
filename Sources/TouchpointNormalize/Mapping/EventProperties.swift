import TouchpointJSON

/// An event's `properties` while a record is mapped, in the order they are set.
///
/// A member taken from the record stays a node of its parsed line, key and value, and is copied as bytes when
/// the event is written. Most properties are the record's own strings (a web hit's path, agent and host), and a
/// `String` built for each, only to be escaped again, cost more than the rest of the mapping. The bytes are the
/// ones a `JSONObject` of the same members would give.
struct EventProperties {
    enum Key {
        case name(String)
        /// A key of the record's `data`, as its node on the tape.
        case member(JSONDocument.Node)
    }

    private var members: [(key: Key, value: Datum)] = []

    init() { members.reserveCapacity(16) }

    var isEmpty: Bool { members.isEmpty }

    /// Whether a member has the key `name`.
    func contains(_ name: String, in document: JSONDocument) -> Bool {
        var name = name
        return name.withUTF8 { index(of: $0, in: document) != nil }
    }

    /// Whether a member has the text of the key node `key`.
    func contains(member key: JSONDocument.Node, in document: JSONDocument) -> Bool {
        guard document.hasEscapes(key) else { return index(of: document.rawBytes(key), in: document) != nil }
        return contains(document.string(key) ?? "", in: document)
    }

    /// Appends without looking for an existing key; the caller has checked with `contains`.
    mutating func append(_ key: Key, _ value: Datum) { members.append((key: key, value: value)) }

    /// Replaces the last member named `name` in place, or appends one (as `JSONObject`'s subscript does).
    mutating func set(_ name: String, _ value: Datum, in document: JSONDocument) {
        var name = name
        if let index = name.withUTF8({ index(of: $0, in: document) }) {
            members[index].value = value
        } else {
            members.append((key: .name(name), value: value))
        }
    }

    private func index(of key: UnsafeBufferPointer<UInt8>, in document: JSONDocument) -> Int? {
        for index in members.indices.reversed() {
            switch members[index].key {
            case .name(var name):
                if name.withUTF8({ $0.elementsEqual(key) }) { return index }
            case .member(let node):
                if document.stringEquals(node, key) { return index }
            }
        }
        return nil
    }

    /// Appends `,"properties":{…}`, or nothing when there are none.
    func write(into output: inout [UInt8], document: JSONDocument) {
        guard !members.isEmpty else { return }
        JSONWriter.append(raw: #","properties":{"#, to: &output)
        members.withUnsafeBufferPointer { members in
            for index in members.indices {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                switch members[index].key {
                case .name(let name): JSONEscapes.appendQuoted(name, to: &output)
                case .member(let node): document.writeValue(node, into: &output)
                }
                output.append(UInt8(ascii: ":"))
                switch members[index].value {
                case .node(let node): document.writeValue(node, into: &output)
                case .value(let value): JSONWriter.write(value, into: &output)
                }
            }
        }
        output.append(UInt8(ascii: "}"))
    }
}
