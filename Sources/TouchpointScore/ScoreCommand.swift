import TouchpointCore
import TouchpointJSON

/// `score`: flags, help and the stage, for the executable and for in-process tests.
package enum ScoreCommand {
    package static let spec = CommandSpec(
        name: Scorer.name,
        summary:
            "add per-event scores (sentiment, surveys, effort, expectations, experience), customer state, aggregates",
        usage: [
            "score [--config FILE] [options] < events.ndjson > events.ndjson",
            "score --check FILE...",
        ],
        options: [
            .init(
                "--config", value: "FILE",
                help: "settings read over the built-in ones (docs/stages/score.md, \"Configuration\")"),
            .init("--check", help: "check the settings FILEs, reporting every problem by its JSON path, and exit"),
            .init(
                "--half-life-days", value: "N",
                help: "half-life of the experience index in days (default: the settings' experience.half_life, 30d)"),
        ] + StageOptions.commandOptions,
        details: """
            input kinds:  event, merge, forget (owned); every other kind is forwarded unchanged
            output kinds: event (with "score" and, with a profile, "customer"), merge and forget (unchanged),
                          aggregate (per channel, touchpoint and store, when the watermark passes a window's end)
            exit codes:   0 end of input, 1 runtime failure, 2 usage or settings error
            example:      ingest sample/*.ndjson | normalize | resolve-identity | score --state st | alert
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        if let parsed = try? spec.parse(arguments.dropFirst()), parsed.isSet("--check") {
            return check(parsed.positionals, io: io, diagnostics: diagnostics)
        }
        return StageCommand.run(arguments, io: io, spec: spec) { (parsed, io) throws(UsageError) in
            guard parsed.positionals.isEmpty else {
                throw UsageError("\(parsed.positionals[0]): score reads stdin (files are for --check)")
            }
            var settings = ScoreSettings.builtin
            if let path = parsed.value("--config") {
                do throws(ConfigError) {
                    settings = try ScoreSettings(file: ConfigFile(contentsOf: io.resolvedPath(path), displayPath: path))
                } catch {
                    throw error.usageError
                }
            }
            if parsed.isSet("--half-life-days") {
                let days = try parsed.integer("--half-life-days", in: 1...36_500, default: 30)
                settings.halfLife = .days(Int64(days))
            }
            return Scorer(settings: settings)
        }
    }

    /// Every problem of every file on its own line; the last of a file is the one `ConfigCheck` reports.
    private static func check(_ paths: [String], io: StageIO, diagnostics: Diagnostics) -> ExitStatus {
        ConfigCheck.run(paths, io: io, program: spec.name) { (file) throws(ConfigError) in
            let problems = ScoreSettings.problems(in: file)
            guard let last = problems.last else { return }
            for problem in problems.dropLast() { diagnostics.error(problem.description) }
            throw last
        }
    }
}
