import TouchpointCore
import TouchpointJSON
import TouchpointScore

/// What one in-process run of score produced.
struct StageRun {
    var status: ExitStatus
    var output: String
    var errors: String

    var records: [JSONValue] {
        output.split(separator: "\n").map { try! JSONParser.parseValue(String($0)) }
    }

    var events: [JSONValue] { records.filter { $0["kind"] == "event" } }
}

func score(_ lines: [JSONValue], arguments: [String] = []) -> StageRun {
    score(text: lines.map { JSONWriter.string($0) + "\n" }.joined(), arguments: arguments)
}

func score(text: String, arguments: [String] = []) -> StageRun {
    let memory = StageIO.memory(input: text)
    let status = ScoreCommand.run(["score", "--quiet"] + arguments, io: memory.io)
    return StageRun(status: status, output: memory.output.text, errors: memory.errors.text)
}

let dayZero = Timestamp(parsing: "2026-10-01T00:00:00Z")!

/// A canonical event `hours` after 2026-10-01T00:00:00Z, of `profile` when given.
func event(
    _ id: String, hours: Double = 0, type: String = "page_view", stage: String = "research",
    profile: String? = "p-a", text: String? = nil, metrics: JSONValue = [:]
) -> Event {
    var event = Event(
        id: id, time: dayZero + Duration(milliseconds: Int64(hours * 3_600_000)),
        source: SourceReference(name: "test"), channel: "web", type: type, stage: stage, text: text,
        metrics: metrics.objectValue ?? JSONObject())
    if let profile { event.profile = JSONObject([("id", .string(profile)), ("matched_on", []), ("is_new", false)]) }
    return event
}

func merge(survivor: String, absorbed: [String], hours: Double = 0) -> JSONValue {
    MergeRecord(
        time: dayZero + Duration(milliseconds: Int64(hours * 3_600_000)), survivor: survivor, absorbed: absorbed,
        identifier: "email", event: "x"
    ).jsonValue
}
