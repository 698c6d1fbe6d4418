import TouchpointCore
import TouchpointJSON

/// `touchpoint report` and `touchpoint paths`: the pipeline's output as a page for people, and as path records.
package enum ReportCommand {
    package static let reportSpec = CommandSpec(
        name: "touchpoint report",
        summary: "write the scored and alerted NDJSON of a pipeline as one self-contained HTML page",
        usage: ["touchpoint report [FILE|-] --output report.html [--customer PROFILE_ID]"],
        options: [
            .init("--output", value: "FILE", help: "write the page to FILE (replaced whole, mode 0600); required"),
            .init("--customer", value: "PROFILE_ID", help: "add that customer's timeline (the single customer view)"),
            .init(
                "--max-profiles", value: "N",
                help: "follow at most N profiles in the funnel and churn-risk crossings (default 200000)"),
        ],
        details: """
            Reads the output of the pipeline or of touchpoint run/demo (FILE, or stdin for - or none) in one pass
            with bounded memory. The page has inline CSS and SVG, no script and no network, and the same input
            gives the same bytes: the period it shows is that of the events' own times (docs/stages/report.md).

            example: touchpoint demo --output demo.ndjson && touchpoint report demo.ndjson --output report.html
            """)

    package static let pathsSpec = CommandSpec(
        name: "touchpoint paths",
        summary: "write the favourable and unfavourable paths per segment as NDJSON path records",
        usage: ["touchpoint paths [FILE|-] [--max-profiles N]"],
        options: [
            .init("--max-profiles", value: "N", help: "follow at most N profiles' churn-risk state (default 200000)")
        ],
        details: """
            One {"kind":"path"} record per segment and path (docs/CONTRACT.md), by segment, then count (most
            first), then path.

            example: touchpoint paths demo.ndjson | jq 'select(.favourable_rate < 0.3)'
            """)

    /// `arguments` start with the command's own name (`report` or `paths`).
    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        let isReport = arguments.first == "report"
        let spec = isReport ? reportSpec : pathsSpec
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        do {
            let parsed = try spec.parse(arguments.dropFirst())
            if let early = StageCommand.answerHelpOrVersion(parsed, spec: spec, io: io) { return early }
            guard parsed.positionals.count <= 1 else { throw UsageError("one input FILE (or -) at most") }
            var limits = ReportLimits()
            limits.profiles = try parsed.integer("--max-profiles", in: 1...100_000_000, default: limits.profiles)
            var model = ReportModel(limits: limits, customer: isReport ? parsed.value("--customer") : nil)
            if isReport {
                guard let output = parsed.value("--output") else { throw UsageError("--output FILE is required") }
                try ReportInput.read(parsed.positionals.first, io: io, into: &model)
                try ReportFile.replace(io.resolvedPath(output), with: ReportPage(model: model).render())
                diagnostics.note("wrote \(output): \(model.events) events, \(model.alerts.total) alerts")
            } else {
                try ReportInput.read(parsed.positionals.first, io: io, into: &model)
                var bytes: [UInt8] = []
                PathRecord.write(model.paths, into: &bytes)
                do {
                    try bytes.withUnsafeBytes { try io.output.write($0) }
                } catch ByteStreamError.downstreamClosed {
                    return .success
                } catch {
                    throw StageFailure("stdout: \(error)")
                }
            }
            if model.unreadableLines > 0 { diagnostics.warning("\(model.unreadableLines) lines were not records") }
            return .success
        } catch let error as UsageError {
            diagnostics.error(error.message)
            return .usage
        } catch let failure as StageFailure {
            diagnostics.error(failure.message)
            return .failure
        } catch {
            diagnostics.error("\(error)")
            return .failure
        }
    }
}

/// A report built line by line from output read elsewhere (the demo reads it as it streams from the last stage).
package struct ReportBuilder {
    private var model = ReportModel(limits: ReportLimits(), customer: nil)
    private var parser = JSONParser()

    package init() {}

    package mutating func add(line: UnsafeRawBufferPointer) {
        model.add(line: line.assumingMemoryBound(to: UInt8.self), parser: &parser)
    }

    /// Writes the page to `path` (replaced whole, 0600).
    package func write(to path: String) throws(StageFailure) {
        try ReportFile.replace(path, with: ReportPage(model: model).render())
    }
}
