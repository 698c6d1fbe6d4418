import Glibc
import TouchpointCore
import TouchpointIngest
import TouchpointJSON
import TouchpointTesting

/// What one in-process `ingest` run produced.
struct IngestRun {
    let status: ExitStatus
    let output: [JSONValue]
    /// The output lines as written.
    let lines: [String]
    let errors: String

    /// Records only (barriers left out).
    var records: [JSONValue] { output.filter { $0["kind"] == "record" } }
    var barriers: [JSONValue] { output.filter { $0["kind"] == "barrier" } }
    /// Each record's data exactly as written (the text after `"data":`, without the envelope's closing brace).
    var data: [String] {
        lines.filter { $0.hasPrefix(#"{"kind":"record""#) }.map { line in
            guard let range = line.firstRange(of: #","data":"#) else { return "<none>" }
            return String(line[range.upperBound...].dropLast())
        }
    }
    /// Each record's `line@offset`.
    var positions: [String] { records.map { "\(text($0["source"]?["line"]))@\(text($0["source"]?["offset"]))" } }
    /// Dead letters from stderr, parsed.
    var deadLetters: [JSONValue] {
        errors.split(separator: "\n").filter { $0.hasPrefix("{") }.compactMap { try? JSONParser.parseValue(String($0)) }
    }
    /// Each dead letter as `reason line@offset`.
    var deadLetterSummaries: [String] {
        deadLetters.map {
            "\($0["reason"]?.stringValue ?? "?") \(text($0["source"]?["line"]))@\(text($0["source"]?["offset"]))"
        }
    }
    /// stderr lines that are not dead letters (diagnostics).
    var diagnostics: [String] { errors.split(separator: "\n").filter { !$0.hasPrefix("{") }.map(String.init) }
}

/// A value as minified JSON, or `-` when absent.
func text(_ value: JSONValue?) -> String { value.map(JSONWriter.string) ?? "-" }

/// Runs `ingest` in-process with `stdin` as standard input and a fixed received time unless the arguments give one.
func ingest(_ arguments: [String], stdin: String = "", chunkSize: Int = .max, workingDirectory: String? = nil)
    -> IngestRun
{
    var memory = StageIO.memory(input: stdin, chunkSize: chunkSize)
    memory.io.workingDirectory = workingDirectory
    var fullArguments = ["ingest"]
    if !arguments.contains("--received") { fullArguments += ["--received", "2026-11-01T00:00:00Z"] }
    fullArguments += arguments
    let status = IngestCommand.run(fullArguments, io: memory.io)
    let lines = memory.output.text.split(separator: "\n").map(String.init)
    let output = lines.map { line in (try? JSONParser.parseValue(line)) ?? .string("UNPARSEABLE: \(line)") }
    return IngestRun(status: status, output: output, lines: lines, errors: memory.errors.text)
}

/// Runs `ingest` in-process on `stdin` decoded by `format` as configured (options included), the way the plan
/// would run it once `--format-option` reaches it: a plan from the arguments, its one input's format replaced.
func ingest(stdin: String, format: any RecordFormat, chunkSize: Int = .max) throws -> IngestRun {
    let memory = StageIO.memory(input: stdin, chunkSize: chunkSize)
    let arguments = ["--received", "2026-11-01T00:00:00Z", "--barrier-every", "0"]
    var plan = try IngestPlan(IngestCommand.spec.parse(arguments[...]))
    plan.inputs[0].format = format
    let context = try StageContext(name: "ingest", io: memory.io, options: plan.options)
    var ingester = Ingester(plan: plan, context: context, io: memory.io)
    let status = ingester.run()
    let lines = memory.output.text.split(separator: "\n").map(String.init)
    let output = lines.map { line in (try? JSONParser.parseValue(line)) ?? .string("UNPARSEABLE: \(line)") }
    return IngestRun(status: status, output: output, lines: lines, errors: memory.errors.text)
}

/// Format options from `KEY=VALUE` texts.
func formatOptions(_ assignments: [String]) throws -> FormatOptions {
    var options = FormatOptions()
    for assignment in assignments { try options.add(assignment: assignment) }
    return options
}
