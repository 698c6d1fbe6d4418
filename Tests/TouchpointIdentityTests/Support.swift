import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

extension StageRun {
    /// The `profile` member of each event, in order (nil for events without one).
    var profiles: [JSONValue?] { records(ofKind: "event").map { $0["profile"] } }

    var merges: [JSONValue] { records(ofKind: "merge") }
}

func resolve(_ lines: [JSONValue], arguments: [String] = []) -> StageRun {
    StageRun("resolve-identity", ResolveIdentityCommand.run, lines: lines, arguments: arguments)
}

func resolve(text: String, arguments: [String] = []) -> StageRun {
    StageRun("resolve-identity", ResolveIdentityCommand.run, text: text, arguments: arguments)
}

/// A canonical event with the given identifiers, one second after 2026-10-01T00:00:00Z per `second`.
func event(_ id: String, second: Int64 = 0, ids: [String: String], type: String = "page_view") -> JSONValue {
    var object = JSONObject()
    for key in ids.keys.sorted() { object.append(key, .string(ids[key]!)) }
    let start = Timestamp(parsing: "2026-10-01T00:00:00Z")!
    return Event(
        id: id, time: start + .seconds(second), source: SourceReference(name: "test"), channel: "web", type: type,
        stage: "research", ids: object
    ).jsonValue
}

func profileID(_ key: String) -> String { "p-" + StableHash.hex(key) }

/// A canonical event with identifiers and person traits (members written in the order given).
func person(
    _ id: String, second: Int64 = 0, ids: [(String, String)] = [], traits: [(String, String)],
    channel: String = "store"
) -> JSONValue {
    let start = Timestamp(parsing: "2026-10-01T00:00:00Z")!
    return Event(
        id: id, time: start + .seconds(second), source: SourceReference(name: "test"), channel: channel,
        type: "purchase", stage: "purchase", ids: JSONObject(ids.map { ($0.0, .string($0.1)) }),
        traits: JSONObject(traits.map { ($0.0, .string($0.1)) })
    ).jsonValue
}

extension StageRun {
    var reviews: [JSONValue] { records(ofKind: "review") }

    /// The profile id of each event, in order (nil for events without a profile).
    var profileIDs: [String?] { profiles.map { $0?["id"]?.stringValue } }
}

/// An event as it was before resolve-identity: `profile` removed, for running output through the stage again.
func withoutProfile(_ event: JSONValue) -> JSONValue {
    var object = event.objectValue!
    object["profile"] = nil
    return .object(object)
}
