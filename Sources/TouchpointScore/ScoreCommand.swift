import TouchpointCore
import TouchpointJSON

/// `score`: flags, help and the stage, for the executable and for in-process tests.
package enum ScoreCommand {
    package static let spec = CommandSpec(
        name: Scorer.name,
        summary: "add per-event scores (sentiment, NPS/CSAT/CES classes, effort, experience) and customer state",
        usage: ["score [options] < events.ndjson > events.ndjson"],
        options: [
            .init("--half-life-days", value: "N", help: "half-life of the experience index in days (default: 30)")
        ] + StageOptions.commandOptions,
        details: """
            input kinds:  event, merge (owned); every other kind is forwarded unchanged
            output kinds: event (with "score" and, with a profile, "customer"), merge (unchanged)
            exit codes:   0 end of input, 1 runtime failure, 2 usage error
            example:      ingest sample/*.ndjson | normalize | resolve-identity | score | alert
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        StageCommand.run(arguments, io: io, spec: spec) { (parsed, _) throws(UsageError) in
            let days = try parsed.integer("--half-life-days", in: 1...36_500, default: 30)
            return Scorer(halfLife: .days(Int64(days)))
        }
    }
}
