import TouchpointJSON

/// An in-band checkpoint marker (contract §4).
///
/// Wire shape, in this key order:
/// ```
/// {"kind":"barrier","id":7,"positions":[{"source":"pos","file":"pos.csv","device":2049,"inode":131,
///  "fingerprint":"…","fingerprint_bytes":1024,"offset":4096}],"sources":[{"name":"pos","status":"done"}]}
/// ```
/// `id` increases by one from barrier to barrier, across restarts too: a resumed source continues from the
/// committed id. `positions` are where every record before the barrier came from (`SourcePosition`). `sources`
/// says how far each named source is (`SourceStatus`); normalize reads it to tell when a source can no longer hold
/// back event time (contract §4, "Watermarks"). A stateful stage makes its state durable as of the barrier before
/// forwarding it; once the barrier leaves the last stage it is committed, and sources resume from its positions.
package struct Barrier: Equatable, Sendable {
    package static let fieldNames = ["kind", "id", "positions", "sources"]

    package var id: Int
    package var positions: [SourcePosition]
    package var sources: [SourceProgress]

    package init(id: Int, positions: [SourcePosition], sources: [SourceProgress] = []) {
        self.id = id
        self.positions = positions
        self.sources = sources
    }

    package init(_ value: JSONValue) throws(RecordError) {
        guard let id = value["id"]?.intValue, id >= 0 else {
            throw RecordError(field: "id", problem: "missing or not a non-negative integer")
        }
        self.id = id
        var positions: [SourcePosition] = []
        for element in value["positions"]?.arrayValue ?? [] { positions.append(try SourcePosition(element)) }
        self.positions = positions
        var sources: [SourceProgress] = []
        for element in value["sources"]?.arrayValue ?? [] { sources.append(try SourceProgress(element)) }
        self.sources = sources
    }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("kind", .string(RecordKind.barrier))
        object.append("id", .int(id))
        object.append("positions", .array(positions.map(\.jsonValue)))
        if !sources.isEmpty { object.append("sources", .array(sources.map(\.jsonValue))) }
        return .object(object)
    }
}

/// How far one named source of a barrier is: `{"name":"pos","status":"done"}`.
package struct SourceProgress: Equatable, Sendable {
    package var name: String
    package var status: SourceStatus

    package init(name: String, status: SourceStatus) {
        self.name = name
        self.status = status
    }

    init(_ value: JSONValue) throws(RecordError) {
        guard let name = value["name"]?.stringValue else {
            throw RecordError(field: "sources.name", problem: "missing or not a string")
        }
        guard let status = value["status"]?.stringValue.flatMap(SourceStatus.init(rawValue:)) else {
            throw RecordError(field: "sources.status", problem: "not one of pending, reading, idle, done")
        }
        self.name = name
        self.status = status
    }

    var jsonValue: JSONValue { ["name": .string(name), "status": .string(status.rawValue)] }
}

/// Where a source is in its life, as the barrier that reports it was written.
package enum SourceStatus: String, Sendable {
    /// Named, not yet read: it may still deliver records of any time, so event time cannot pass it.
    case pending
    /// Being read.
    case reading
    /// Followed, with nothing new for a while: it does not hold back event time until it delivers again.
    case idle
    /// Read to its end and not followed: it will deliver nothing more.
    case done
}
