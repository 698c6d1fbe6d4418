import TouchpointCore
import TouchpointJSON

/// `alert`: flags, help, `--list-rules` and the stage, for the executable and for in-process tests.
package enum AlertCommand {
    package static let spec = CommandSpec(
        name: Alerter.name,
        summary: "raise alerts for owners when event-time rules fire (see docs/RULES.md)",
        usage: ["alert [options] < events.ndjson > records.ndjson", "alert --list-rules"],
        options: [
            .init("--list-rules", help: "print the built-in rules as Markdown (docs/RULES.md) and exit"),
            .init("--disable", value: "RULE", help: "do not evaluate RULE (repeatable)"),
        ] + StageOptions.commandOptions,
        details: """
            input kinds:  event, merge (owned, forwarded unchanged); every other kind is forwarded unchanged
            output kinds: alert (after the record that completed it)
            rules:        \(BuiltinRules.all.map(\.id).joined(separator: ", "))
            exit codes:   0 end of input, 1 runtime failure, 2 usage error (unknown rule)
            example:      ingest sample/*.ndjson | normalize | resolve-identity | score | alert
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        if let parsed = try? spec.parse(arguments.dropFirst()), parsed.isSet("--list-rules"),
            StageCommand.answerHelpOrVersion(parsed, spec: spec, io: io) == nil
        {
            var bytes = Array(RuleCatalog.markdown().utf8)
            let result = bytes.withUnsafeMutableBytes { buffer in
                Result { () throws(ByteStreamError) in try io.output.write(UnsafeRawBufferPointer(buffer)) }
            }
            switch result {
            case .success, .failure(.downstreamClosed): return .success
            case .failure(let error):
                Diagnostics(program: spec.name, sink: io.errors).error("stdout: \(error)")
                return .failure
            }
        }
        return StageCommand.run(arguments, io: io, spec: spec) { (parsed, _) throws(UsageError) in
            let disabled = parsed.values("--disable")
            for id in disabled where BuiltinRules.rule(id) == nil {
                throw UsageError(
                    "--disable: unknown rule \"\(id)\" (known: \(BuiltinRules.all.map(\.id).joined(separator: ", ")))")
            }
            return Alerter(rules: BuiltinRules.all.filter { !disabled.contains($0.id) })
        }
    }
}
