import TouchpointCore
import TouchpointJSON

/// `resolve-identity`: flags, help and the stage, for the executable and for in-process tests; `--check` validates
/// settings files.
package enum ResolveIdentityCommand {
    package static let spec = CommandSpec(
        name: IdentityResolver.name,
        summary: "attach a customer profile to every event and announce profile merges",
        usage: [
            "resolve-identity [options] < events.ndjson > events.ndjson",
            "resolve-identity --check FILE...",
        ],
        options: [
            .init(
                "--config", value: "FILE",
                help: "matching weights, thresholds and guard limits (JSON; keys override the built-in settings)"),
            .init("--check", help: "check the settings FILEs (as --config reads them) and exit"),
            .init(
                "--review", value: "FILE",
                help: "append review records to FILE (created 0600) instead of writing them in-stream"),
            .init(
                "--max-profiles-per-identifier", value: "N",
                help: "an identifier refused on more than N profiles is generic and ignored (default: 3)"),
        ] + StageOptions.commandOptions,
        details: """
            input kinds:  event, forget (owned); every other kind is forwarded unchanged
            output kinds: event (with "profile"), merge (written before the event that caused it),
                          review (after the event: a possible match or a refused merge; --review FILE: there
                          instead), forget (with "profiles")
            state:        with --state DIR, the identity graph is checkpointed at every barrier (only what changed)
                          in DIR/resolve-identity/ and restored from the pipeline's committed barrier on start
            exit codes:   0 end of input, 1 runtime failure (state not writable or damaged), 2 usage error
            example:      ingest --state st sample/*.ndjson | normalize | resolve-identity --state st \\
                            | touchpoint commit --state st >> events.ndjson
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        // Help, version and a bad flag are answered by the stage's own path, for every mode alike.
        if let parsed = try? spec.parse(arguments.dropFirst()), !parsed.isSet("--help"), !parsed.isSet("--version") {
            if parsed.isSet("--check") { return check(parsed.positionals, io: io) }
        }
        return StageCommand.run(arguments, io: io, spec: spec) { (parsed, io) throws(UsageError) in
            try makeResolver(parsed, io: io)
        }
    }

    /// The stage as the flags describe it.
    private static func makeResolver(_ parsed: ParsedArguments, io: StageIO) throws(UsageError) -> IdentityResolver {
        let settings: MatchSettings
        let configPath = parsed.value("--config").map { io.resolvedPath($0) }
        do throws(ConfigError) {
            settings = try MatchSettings.loading(userFile: configPath)
        } catch {
            throw error.usageError
        }
        var limits = settings.maxProfilesPerIdentifier
        if parsed.value("--max-profiles-per-identifier") != nil {
            let limit = try parsed.integer(
                "--max-profiles-per-identifier", in: 1...1_000_000,
                default: IdentityGuards.defaultMaxProfilesPerIdentifier)
            limits = Array(repeating: limit, count: limits.count)
        }
        return IdentityResolver(
            graph: IdentityGraph(
                guards: IdentityGuards(limits: limits, windows: settings.maxProfilesPerIdentifierWindow),
                settings: settings),
            reviewPath: parsed.value("--review").map { io.resolvedPath($0) })
    }

    /// `--check FILE...`: each settings file read over the built-in settings, as `--config` would read it.
    private static func check(_ paths: [String], io: StageIO) -> ExitStatus {
        ConfigCheck.run(paths, io: io, program: spec.name) { (file) throws(ConfigError) in
            _ = try MatchSettings(file.root, base: .builtin)
        }
    }
}
