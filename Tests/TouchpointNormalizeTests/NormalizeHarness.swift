import TouchpointCore
import TouchpointJSON
import TouchpointNormalize

/// What one in-process `normalize` run produced.
struct NormalizeRun {
    let status: ExitStatus
    /// stdout lines as written.
    let lines: [String]
    let errors: String

    var events: [JSONValue] { lines.compactMap { try? JSONParser.parseValue($0) }.filter { $0["kind"] == "event" } }
    var deadLetters: [JSONValue] {
        errors.split(separator: "\n").filter { $0.hasPrefix("{") }.compactMap { try? JSONParser.parseValue(String($0)) }
    }
    /// Each dead letter as `reason: detail`.
    var deadLetterSummaries: [String] {
        deadLetters.map { "\($0["reason"]?.stringValue ?? "?"): \($0["detail"]?.stringValue ?? "")" }
    }
    var diagnostics: [String] { errors.split(separator: "\n").filter { !$0.hasPrefix("{") }.map(String.init) }
}

func normalize(_ arguments: [String], input: String) -> NormalizeRun {
    let memory = StageIO.memory(input: input)
    let status = NormalizeCommand.run(["normalize"] + arguments, io: memory.io)
    return NormalizeRun(
        status: status, lines: memory.output.text.split(separator: "\n").map(String.init), errors: memory.errors.text)
}

/// A `record` line for `source` with the given data (JSON text).
func recordLine(source: String = "pos", line: Int = 2, data: String) -> String {
    #"{"kind":"record","source":{"name":"\#(source)","format":"csv","file":"\#(source).csv","line":\#(line),"offset":10},"received":"2026-11-01T00:00:00.000Z","data":\#(data)}"#
}

/// The single event normalize makes of `data` from `source`, or nil (see the run for dead letters).
func event(source: String, data: String, arguments: [String] = []) -> JSONValue? {
    normalize(arguments, input: recordLine(source: source, data: data) + "\n").events.first
}
