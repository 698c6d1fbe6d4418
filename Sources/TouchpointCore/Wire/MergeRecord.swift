import TouchpointJSON

/// Profiles that resolve-identity found to be one customer: the absorbed profiles now live on as the survivor
/// (contract §5).
///
/// Wire shape, in this key order:
/// ```
/// {"kind":"merge","id":"m-<16 hex>","time":"2026-10-03T09:12:00.000Z","survivor":"p-…","absorbed":["p-…"],
///  "identifier":"email","event":"tickets:T-1002"}
/// ```
/// `time` is the event time of the event that linked the profiles, `event` its id, and `identifier` the type of
/// the identifier that brought the first absorbed profile in. resolve-identity writes a merge record immediately
/// before that event, so every stage downstream folds keyed state before it sees the event under the survivor's
/// id. Merges are an append-only log: there is no unmerge record.
package struct MergeRecord: Equatable, Sendable {
    package var id: String
    package var time: Timestamp
    package var survivor: String
    /// The absorbed profile ids, oldest profile first; never empty, never containing the survivor.
    package var absorbed: [String]
    package var identifier: String
    package var event: String

    package init(
        id: String, time: Timestamp, survivor: String, absorbed: [String], identifier: String, event: String
    ) {
        self.id = id
        self.time = time
        self.survivor = survivor
        self.absorbed = absorbed
        self.identifier = identifier
        self.event = event
    }

    /// A merge whose id is derived from what it merges and why, so a replay gives the same id.
    package init(time: Timestamp, survivor: String, absorbed: [String], identifier: String, event: String) {
        var hash = StableHash()
        hash.combine(survivor)
        for profile in absorbed { hash.combine(profile) }
        hash.combine(event)
        self.init(
            id: "m-" + hash.hex, time: time, survivor: survivor, absorbed: absorbed, identifier: identifier,
            event: event)
    }

    /// Reads a merge record from its wire form; the error names the first field that is missing or malformed.
    package init(_ value: JSONValue) throws(RecordError) {
        guard let object = value.objectValue else { throw RecordError(field: nil, problem: "not an object") }
        func requiredString(_ name: String) throws(RecordError) -> String { try object.requiredString(name) }
        id = try requiredString("id")
        guard let time = Timestamp(parsing: try requiredString("time")) else {
            throw RecordError(field: "time", problem: "not an RFC 3339 timestamp")
        }
        self.time = time
        survivor = try requiredString("survivor")
        guard let elements = object["absorbed"]?.arrayValue, !elements.isEmpty else {
            throw RecordError(field: "absorbed", problem: "missing or not a non-empty array")
        }
        var absorbed: [String] = []
        for element in elements {
            guard let profile = element.stringValue, !profile.isEmpty, profile != survivor else {
                throw RecordError(field: "absorbed", problem: "not an array of profile ids other than the survivor")
            }
            absorbed.append(profile)
        }
        self.absorbed = absorbed
        identifier = object["identifier"]?.stringValue ?? ""
        event = object["event"]?.stringValue ?? ""
    }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("kind", .string(RecordKind.merge))
        object.append("id", .string(id))
        object.append("time", .string(time.description))
        object.append("survivor", .string(survivor))
        object.append("absorbed", .array(absorbed.map(JSONValue.string)))
        object.append("identifier", .string(identifier))
        object.append("event", .string(event))
        return .object(object)
    }
}
