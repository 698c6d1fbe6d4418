import TouchpointCore
import TouchpointJSON

/// `alert`: flags, help, `--list-rules`, `--check` and the stage, for the executable and for in-process tests.
package enum AlertCommand {
    package static let spec = CommandSpec(
        name: Alerter.name,
        summary: "raise alerts for owners when event-time rules fire (see docs/RULES.md)",
        usage: [
            "alert [--rules FILE]... [--disable RULE]... [--dry-run] [--redact] [options] [--exec CMD ARG...]",
            "alert --check RULES...", "alert --list-rules",
        ],
        options: [
            .init(
                "--rules", value: "FILE",
                help: "rules beside the built-ins: add, replace, adjust or remove (repeatable)"),
            .init("--disable", value: "RULE", help: "do not evaluate RULE (repeatable)"),
            .init("--dry-run", help: "evaluate and report on stderr what would fire; write no alerts"),
            .init("--redact", help: "mask e-mails, phones, handles, names and identifiers in alerts"),
            .init("--check", help: "check the rules FILEs (with the built-ins) and exit"),
            .init("--list-rules", help: "print the built-in rules as Markdown (docs/RULES.md) and exit"),
        ] + StageOptions.commandOptions + ExecSettings.options,
        details: """
            input kinds:  event, aggregate, merge, forget (owned, forwarded unchanged); every other kind is
                          forwarded unchanged
            output kinds: alert (after the record, or the watermark, that decided it)
            rules:        \(RuleSet.builtin.rules.map(\.id).joined(separator: ", "))
            delivery:     --exec runs CMD once per alert, the alert's JSON line on stdin and its id in
                          TOUCHPOINT_ALERT_ID; exit 0 is delivered, else it is retried, then spooled (kept
                          in the --state DIR) and delivered later in order (docs/stages/alert.md)
            exit codes:   0 end of input, 1 runtime failure (also: alerts --exec could not deliver, without
                          --state), 2 usage error (unknown rule, invalid rules file, --exec CMD not found)
            example:      ingest sample/*.ndjson | normalize | resolve-identity | score | alert
                          alert --state st --commit --exec ./notify-team --channel cx < scored.ndjson
            """)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        let parsed: ParsedArguments
        do {
            parsed = try spec.parse(arguments.dropFirst())
        } catch {
            diagnostics.error(error.message)
            return .usage
        }
        if StageCommand.answerHelpOrVersion(parsed, spec: spec, io: io) == nil {
            if parsed.isSet("--check") {
                return ConfigCheck.run(parsed.positionals, io: io, program: spec.name) { (file) throws(ConfigError) in
                    _ = try RuleSet(userFiles: [file])
                }
            }
            if parsed.isSet("--list-rules") { return write(RuleCatalog.markdown(), to: io, diagnostics: diagnostics) }
        }
        return StageCommand.run(arguments, io: io, spec: spec) { (parsed, io) throws(UsageError) in
            guard parsed.positionals.isEmpty else {
                throw UsageError("\(parsed.positionals[0]): alert reads stdin (rules files go after --rules)")
            }
            let ruleSet: RuleSet
            do throws(ConfigError) {
                var files: [ConfigFile] = []
                for path in parsed.values("--rules") {
                    files.append(try ConfigFile(contentsOf: io.resolvedPath(path), displayPath: path))
                }
                ruleSet = try RuleSet(userFiles: files)
            } catch {
                throw error.usageError
            }
            if !parsed.isSet("--quiet") { for note in ruleSet.notes { diagnostics.note(note) } }
            let disabled = parsed.values("--disable")
            for id in disabled where ruleSet.rule(id) == nil {
                throw UsageError(
                    "--disable: unknown rule \"\(id)\" (known: \(ruleSet.rules.map(\.id).joined(separator: ", ")))")
            }
            let execSettings = try ExecSettings(parsed, io: io)
            var alerter = Alerter(rules: ruleSet.rules.filter { !disabled.contains($0.id) })
            alerter.isDryRun = parsed.isSet("--dry-run")
            alerter.isRedacting = parsed.isSet("--redact")
            alerter.diagnostics = parsed.isSet("--quiet") && !alerter.isDryRun ? nil : diagnostics
            alerter.warnings = diagnostics
            if let execSettings, !alerter.isDryRun {
                alerter.delivery = ExecDelivery(
                    settings: execSettings, io: io, diagnostics: diagnostics, isQuiet: parsed.isSet("--quiet"))
            }
            return alerter
        }
    }

    private static func write(_ text: String, to io: StageIO, diagnostics: Diagnostics) -> ExitStatus {
        var bytes = Array(text.utf8)
        let result = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(ByteStreamError) in try io.output.write(UnsafeRawBufferPointer(buffer)) }
        }
        switch result {
        case .success, .failure(.downstreamClosed): return .success
        case .failure(let error):
            diagnostics.error("stdout: \(error)")
            return .failure
        }
    }
}
