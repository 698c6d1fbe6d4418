import TouchpointJSON

/// `touchpoint commit --state DIR`: the end of a pipeline that records committed barriers and does nothing else.
///
/// A pass-through stage run as the committer (`--commit`): every record goes to stdout unchanged, and after each
/// barrier is written and flushed, `DIR/committed` says so. Put it last in a shell pipeline whose stages keep state
/// under the same DIR, with its output appended to a file (`>> out.ndjson`): a restarted pipeline then resumes from
/// the last committed barrier, and records written after it are recognised and not written twice.
package enum CommitCommand {
    package static let spec = CommandSpec(
        name: "touchpoint commit",
        summary: "end a pipeline: pass every record through and record each barrier as committed",
        usage: ["touchpoint commit --state DIR [options] < records.ndjson >> output.ndjson"],
        options: StageOptions.commandOptions.filter { $0.name != "--commit" },
        details: """
            Every stage of the pipeline that keeps state is given the same --state DIR; this command, last, writes
            DIR/committed after each barrier has reached its output. On a restart every stage restores the state of
            that barrier and ingest resumes from its positions. Append the output to a file (>>): records written
            after the last commit are recognised by id when they come again, so the file holds each record once.

            exit codes: 0 end of input, 1 the state directory or the output failed, 2 usage error
            example:    ingest --state st *.log | normalize --state st | resolve-identity --state st \\
                          | touchpoint commit --state st >> events.ndjson
            """)

    /// Runs the command; `arguments` start with the command's own name (`commit`).
    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        StageCommand.run(arguments + ["--commit"], io: io, spec: spec.allowingCommit) {
            (parsed, _) throws(UsageError) in
            guard parsed.isSet("--state") else { throw UsageError("--state DIR is required") }
            return PassThroughStage()
        }
    }
}

/// A stage that owns no kind: the runner forwards everything, and does its barrier work (checkpoint, commit).
struct PassThroughStage: Stage {
    static let name = "commit"
    var ownedKinds: [String] { [] }

    mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        try output.emit(raw: record.bytes)
        return .processed
    }
}

extension CommandSpec {
    /// The same command accepting `--commit`, which `CommitCommand` passes itself.
    fileprivate var allowingCommit: CommandSpec {
        CommandSpec(
            name: name, summary: summary, usage: usage,
            options: options.filter { $0.name != "--help" && $0.name != "--version" }
                + [.init("--commit", help: "record commits (always on)")],
            details: details)
    }
}
