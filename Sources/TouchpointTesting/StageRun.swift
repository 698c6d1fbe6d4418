import TouchpointCore
import TouchpointJSON

/// One in-process run of a stage's command on memory input: its exit status, output and stderr.
package struct StageRun {
    package var status: ExitStatus
    package var output: String
    package var errors: String

    /// Runs `command` (a stage's `run(_:io:)`) as `name` with `--quiet` and `arguments` on `text`.
    package init(
        _ name: String, _ command: ([String], StageIO) -> ExitStatus, text: String, arguments: [String] = []
    ) {
        let memory = StageIO.memory(input: text)
        status = command([name, "--quiet"] + arguments, memory.io)
        output = memory.output.text
        errors = memory.errors.text
    }

    /// Runs `command` on `lines`, one JSON value per line.
    package init(
        _ name: String, _ command: ([String], StageIO) -> ExitStatus, lines: [JSONValue], arguments: [String] = []
    ) {
        self.init(name, command, text: lines.map { JSONWriter.string($0) + "\n" }.joined(), arguments: arguments)
    }

    /// Every output line parsed; a line that is not JSON is a test failure waiting to happen, so it traps.
    package var records: [JSONValue] {
        output.split(separator: "\n").map { try! JSONParser.parseValue(String($0)) }
    }

    package func records(ofKind kind: String) -> [JSONValue] {
        records.filter { $0["kind"]?.stringValue == kind }
    }
}
