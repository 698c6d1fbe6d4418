import TouchpointJSON

/// The `run(_:io:)` every NDJSON-in stage's executable calls: parse flags, answer `--help`/`--version`, build the
/// stage, run it, and map every outcome to an exit status (STYLE C6).
package enum StageCommand {
    package static func run<S: Stage>(
        _ arguments: [String], io: StageIO, spec: CommandSpec,
        makeStage: @escaping (ParsedArguments, StageIO) throws(UsageError) -> S
    ) -> ExitStatus {
        let diagnostics = Diagnostics(program: spec.name, sink: io.errors)
        do {
            let parsed = try spec.parse(arguments.dropFirst())
            if let early = answerHelpOrVersion(parsed, spec: spec, io: io) { return early }
            let options = try StageOptions(parsed)
            var stage = try makeStage(parsed, io)
            // SIGHUP builds the stage again from the same arguments: its rule and mapping files are read anew.
            return StageRunner.run(
                &stage, io: io, options: options, reload: { () throws(UsageError) in try makeStage(parsed, io) })
        } catch {
            diagnostics.error(error.message)
            return .usage
        }
    }

    /// Writes help or version to stdout when asked; nil when the command should run.
    package static func answerHelpOrVersion(_ parsed: ParsedArguments, spec: CommandSpec, io: StageIO) -> ExitStatus? {
        let text: String
        if parsed.isSet("--help") {
            text = spec.helpText
        } else if parsed.isSet("--version") {
            text = "\(spec.name) \(TouchpointVersion.current)\n"
        } else {
            return nil
        }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { try? io.output.write(UnsafeRawBufferPointer($0)) }
        return .success
    }
}
