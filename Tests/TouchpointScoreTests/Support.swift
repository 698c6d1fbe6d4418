import TouchpointCore
import TouchpointJSON
import TouchpointScore
import TouchpointTesting

extension StageRun {
    var events: [JSONValue] { records(ofKind: "event") }
}

func score(_ lines: [JSONValue], arguments: [String] = []) -> StageRun {
    StageRun("score", ScoreCommand.run, lines: lines, arguments: arguments)
}

func score(text: String, arguments: [String] = []) -> StageRun {
    StageRun("score", ScoreCommand.run, text: text, arguments: arguments)
}

let dayZero = Timestamp(parsing: "2026-10-01T00:00:00Z")!

/// A canonical event `hours` after 2026-10-01T00:00:00Z, of `profile` when given.
func event(
    _ id: String, hours: Double = 0, type: String = "page_view", stage: String = "research",
    profile: String? = "p-a", text: String? = nil, metrics: JSONValue = [:], channel: String = "web",
    entity: String? = nil
) -> Event {
    var event = Event(
        id: id, time: dayZero + Duration(milliseconds: Int64(hours * 3_600_000)),
        source: SourceReference(name: "test"), channel: channel, type: type, stage: stage, text: text,
        metrics: metrics.objectValue ?? JSONObject())
    event.entity = entity
    if let profile { event.profile = JSONObject([("id", .string(profile)), ("matched_on", []), ("is_new", false)]) }
    return event
}

func merge(survivor: String, absorbed: [String], hours: Double = 0) -> JSONValue {
    MergeRecord(
        time: dayZero + Duration(milliseconds: Int64(hours * 3_600_000)), survivor: survivor, absorbed: absorbed,
        identifier: "email", event: "x"
    ).jsonValue
}

/// Runs the stage in-process on `lines` and returns it, to look at its state afterwards.
func scorer(_ lines: [JSONValue], settings: ScoreSettings = .builtin) -> Scorer {
    var stage = Scorer(settings: settings)
    let memory = StageIO.memory(input: lines.map { JSONWriter.string($0) + "\n" }.joined())
    var options = StageOptions()
    options.isQuiet = true
    _ = StageRunner.run(&stage, io: memory.io, options: options)
    return stage
}
