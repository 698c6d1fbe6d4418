import TouchpointCore
import TouchpointIdentity
import TouchpointJSON

/// What one in-process run of resolve-identity produced.
struct StageRun {
    var status: ExitStatus
    var output: String
    var errors: String

    var records: [JSONValue] {
        output.split(separator: "\n").map { try! JSONParser.parseValue(String($0)) }
    }

    /// The `profile` member of each event, in order (nil for events without one).
    var profiles: [JSONValue?] {
        records.filter { $0["kind"] == "event" }.map { $0["profile"] }
    }

    var merges: [JSONValue] { records.filter { $0["kind"] == "merge" } }
}

func resolve(_ lines: [JSONValue], arguments: [String] = []) -> StageRun {
    resolve(text: lines.map { JSONWriter.string($0) + "\n" }.joined(), arguments: arguments)
}

func resolve(text: String, arguments: [String] = []) -> StageRun {
    let memory = StageIO.memory(input: text)
    let status = ResolveIdentityCommand.run(["resolve-identity", "--quiet"] + arguments, io: memory.io)
    return StageRun(status: status, output: memory.output.text, errors: memory.errors.text)
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
