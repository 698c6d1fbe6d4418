import TouchpointCore
import TouchpointJSON

/// `resolve-identity`: flags, help and the stage, for the executable and for in-process tests; `--lookup` reads
/// the committed graph instead of running the stage, and `--check` validates settings files.
package enum ResolveIdentityCommand {
    package static let spec = CommandSpec(
        name: IdentityResolver.name,
        summary: "attach a customer profile to every event and announce profile merges",
        usage: [
            "resolve-identity [options] < events.ndjson > events.ndjson",
            "resolve-identity --lookup TYPE:VALUE --state DIR",
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
            .init(
                "--lookup", value: "TYPE:VALUE",
                help: "print the profile of the identifier in the committed --state (read only) as JSON, and exit"),
        ] + StageOptions.commandOptions,
        details: """
            input kinds:  event, forget (owned); every other kind is forwarded unchanged
            output kinds: event (with "profile"), merge (written before the event that caused it),
                          review (after the event: a possible match or a refused merge; --review FILE: there
                          instead), forget (with "profiles")
            state:        with --state DIR, the identity graph is checkpointed at every barrier (only what changed)
                          in DIR/resolve-identity/ and restored from the pipeline's committed barrier on start
            lookup:       --lookup email:anna@example.com --state DIR prints the customer view (identifiers, traits,
                          absorbed ids, merges, refusals) of the committed graph, changing nothing in DIR (a running
                          stage is not disturbed); the value is normalized as normalize does (email lowercased,
                          phone in E.164)
            exit codes:   0 end of input (lookup: found), 1 runtime failure (state not writable or damaged; lookup:
                          unknown identifier or nothing committed), 2 usage error
            example:      ingest --state st sample/*.ndjson | normalize | resolve-identity --state st \\
                            | touchpoint commit --state st >> events.ndjson
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        // Help, version and a bad flag are answered by the stage's own path, for every mode alike.
        if let parsed = try? spec.parse(arguments.dropFirst()), !parsed.isSet("--help"), !parsed.isSet("--version") {
            if parsed.isSet("--lookup") { return lookup(parsed, io: io) }
            if parsed.isSet("--check") { return check(parsed.positionals, io: io) }
        }
        return StageCommand.run(arguments, io: io, spec: spec) { (parsed, io) throws(UsageError) in
            try makeResolver(parsed, io: io)
        }
    }

    /// The stage as the flags describe it (also the empty graph a lookup restores into).
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

    /// `--lookup TYPE:VALUE --state DIR`: one JSON object, the customer view of the committed graph
    /// (`IdentityGraph.customerView`), read through the checkpoint store without a lock and without changing
    /// anything (`CheckpointStore.readCommitted`). Exit 1 when the identifier is unknown or nothing is committed.
    private static func lookup(_ parsed: ParsedArguments, io: StageIO) -> ExitStatus {
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        let candidates: [Identifier]
        let statePath: String
        var resolver: IdentityResolver
        do throws(UsageError) {
            candidates = try Identifier.lookupCandidates(parsed.value("--lookup") ?? "")
            guard let path = try StageOptions(parsed).statePath else {
                throw UsageError("--lookup: needs --state DIR (the state directory the stage checkpoints in)")
            }
            statePath = path
            for flag in ["--commit", "--review"] where parsed.isSet(flag) {
                throw UsageError("\(flag): does not go with --lookup, which only reads the state")
            }
            resolver = try makeResolver(parsed, io: io)
        } catch {
            diagnostics.error(error.message)
            return .usage
        }
        let restored: CheckpointStore.Restored?
        do throws(StageFailure) {
            restored = try CheckpointStore.readCommitted(
                &resolver, stateDirectory: io.resolvedPath(statePath), stage: IdentityResolver.name)
        } catch {
            diagnostics.error("state: \(error.message)")
            return .failure
        }
        guard let restored else {
            diagnostics.error("\(statePath): no such state directory")
            return .failure
        }
        guard case .restored(let barrier, _, _) = restored else {
            diagnostics.error(
                "\(statePath): no committed identity graph (the pipeline's last stage records commits: --commit, "
                    + "or touchpoint commit)")
            return .failure
        }
        var graph = resolver.graph
        for candidate in candidates {
            guard var view = graph.customerView(of: candidate) else { continue }
            view.append("barrier", .int(barrier))
            var bytes: [UInt8] = []
            JSONWriter.write(.object(view), into: &bytes)
            bytes.append(0x0A)
            let written: Result<Void, ByteStreamError> = bytes.withUnsafeBytes { buffer in
                Result { () throws(ByteStreamError) in try io.output.write(buffer) }
            }
            // Downstream closed (`| head -c 0`) is a quiet end, as for every stage.
            if case .failure(let error) = written, error != .downstreamClosed {
                diagnostics.error("stdout: \(error)")
                return .failure
            }
            return .success
        }
        diagnostics.error("\(candidates[0].key): not known in \(statePath) (committed barrier \(barrier))")
        return .failure
    }

    /// `--check FILE...`: each settings file read over the built-in settings, as `--config` would read it.
    private static func check(_ paths: [String], io: StageIO) -> ExitStatus {
        ConfigCheck.run(paths, io: io, program: spec.name) { (file) throws(ConfigError) in
            _ = try MatchSettings(file.root, base: .builtin)
        }
    }
}
