import TouchpointCore
import TouchpointJSON

/// `resolve-identity`: flags, help and the stage, for the executable and for in-process tests.
package enum ResolveIdentityCommand {
    package static let spec = CommandSpec(
        name: IdentityResolver.name,
        summary: "attach a customer profile to every event and announce profile merges",
        usage: ["resolve-identity [options] < events.ndjson > events.ndjson"],
        options: [
            .init(
                "--max-profiles-per-identifier", value: "N",
                help: "an identifier refused on more than N profiles is generic and ignored (default: 3)"),
            .init("--state", value: "FILE", help: "restore the identity graph from FILE; snapshot it at barriers"),
        ] + StageOptions.commandOptions,
        details: """
            input kinds:  event (owned); every other kind is forwarded unchanged
            output kinds: event (with "profile"), merge (written before the event that caused it)
            exit codes:   0 end of input, 1 runtime failure (state not writable), 2 usage error or bad state file
            example:      ingest sample/*.ndjson | normalize | resolve-identity --state identity.json | score
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        StageCommand.run(arguments, io: io, spec: spec) { (parsed, io) throws(UsageError) in
            let limit = try parsed.integer(
                "--max-profiles-per-identifier", in: 1...1_000_000,
                default: IdentityGuards.defaultMaxProfilesPerIdentifier)
            guard let path = parsed.value("--state") else {
                return IdentityResolver(graph: IdentityGraph(guards: IdentityGuards(maxProfilesPerIdentifier: limit)))
            }
            let resolved = io.workingDirectory.map { path.hasPrefix("/") ? path : "\($0)/\(path)" } ?? path
            return IdentityResolver(graph: try loadGraph(resolved, limit: limit), statePath: resolved)
        }
    }

    private static func loadGraph(_ path: String, limit: Int) throws(UsageError) -> IdentityGraph {
        let bytes: [UInt8]?
        do {
            bytes = try DurableFile.read(path)
        } catch {
            throw UsageError("--state: \(error.message)")
        }
        guard let bytes, !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) else {
            return IdentityGraph(guards: IdentityGuards(maxProfilesPerIdentifier: limit))
        }
        do {
            let value = try JSONParser.parseValue(bytes)
            return try IdentityGraph(snapshot: value, maxProfilesPerIdentifier: limit)
        } catch let error as RecordError {
            throw UsageError("--state: \(path): \(error.description)")
        } catch {
            throw UsageError("--state: \(path): not JSON: \(error)")
        }
    }
}
