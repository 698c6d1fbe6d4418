import TouchpointJSON

/// A request to erase a person, flowing through every stage (contract §5, "Erasure").
///
/// Wire shape, in this key order:
/// `{"kind":"forget","id":"erase-2026-0042","identifier":"email:anna@example.com","time":"2026-11-02T10:00:00.000Z",
/// "profiles":["p-…","p-…"]}`. The request names the person by any one identifier (`type:value`, normalized as
/// events carry it) and has an id of its own, so a replayed request is recognised. resolve-identity owns it: it
/// removes the person's identifiers, traits and links from its state and forwards the record with `profiles` set to
/// every profile id the person had (the survivor and each absorbed id); score and alert then drop the state they
/// keep under those ids. A request whose identifier is unknown is forwarded with `profiles` empty. Outputs already
/// delivered (alerts sent to a team) are not recalled; the record in the output says that erasure happened.
package struct ForgetRecord: Equatable, Sendable {
    package static let fieldNames = ["kind", "id", "identifier", "time", "profiles"]

    package var id: String
    package var identifier: String
    package var time: Timestamp?
    package var profiles: [String]

    package init(id: String, identifier: String, time: Timestamp? = nil, profiles: [String] = []) {
        self.id = id
        self.identifier = identifier
        self.time = time
        self.profiles = profiles
    }

    package init(_ value: JSONValue) throws(RecordError) {
        guard let id = value["id"]?.stringValue, !id.isEmpty else {
            throw RecordError(field: "id", problem: "missing or not a string")
        }
        guard let identifier = value["identifier"]?.stringValue, identifier.contains(":") else {
            throw RecordError(field: "identifier", problem: "missing or not \"type:value\"")
        }
        self.id = id
        self.identifier = identifier
        if let text = value["time"]?.stringValue {
            guard let time = Timestamp(parsing: text) else {
                throw RecordError(field: "time", problem: "not an RFC 3339 timestamp")
            }
            self.time = time
        }
        profiles = (value["profiles"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("kind", .string(RecordKind.forget))
        object.append("id", .string(id))
        object.append("identifier", .string(identifier))
        if let time { object.append("time", .string(time.description)) }
        object.append("profiles", .array(profiles.map(JSONValue.string)))
        return .object(object)
    }
}
