/// Options every stage takes, parsed once for all of them.
package struct StageOptions: Sendable {
    package var deadLetterPath: String?
    /// Dead letters past this many bytes are counted but not written; nil for no cap.
    package var deadLetterMaxBytes: Int?
    package var maxLineBytes = 1 << 20
    package var isQuiet = false
    /// The pipeline's state directory (`--state DIR`): this stage keeps its checkpoints in `DIR/<stage>/`, and the
    /// committed barrier is `DIR/committed`.
    package var statePath: String?
    /// Whether this stage is the last of the pipeline and records committed barriers (`--commit`).
    package var isCommitter = false

    package init() {}

    /// The flags behind these options, appended to every stage's `CommandSpec`.
    package static let commandOptions: [CommandSpec.Option] = [
        .init(
            "--state", value: "DIR",
            help: "the pipeline's state directory: checkpoint at barriers, restore the committed barrier on start"),
        .init("--commit", help: "this is the pipeline's last stage: record each barrier it writes as committed"),
        .init(
            "--dead-letters", value: "FILE",
            help: "append unusable lines here as NDJSON (default: stderr); exactly-once with --state"),
        .init(
            "--dead-letters-max", value: "SIZE",
            help: "write at most SIZE bytes of dead letters (e.g. 100M); the rest are counted"),
        .init("--max-line-bytes", value: "N", help: "longer lines are dead letters (default: 1048576)"),
        .init("--quiet", help: "do not report counts on stderr at exit"),
    ]

    package init(_ arguments: ParsedArguments) throws(UsageError) {
        deadLetterPath = arguments.value("--dead-letters")
        deadLetterMaxBytes = try arguments.byteSize("--dead-letters-max")
        maxLineBytes = try arguments.integer("--max-line-bytes", in: 16...(1 << 30), default: 1 << 20)
        isQuiet = arguments.isSet("--quiet")
        statePath = arguments.value("--state")
        isCommitter = arguments.isSet("--commit")
        if isCommitter && statePath == nil { throw UsageError("--commit: needs --state DIR (where to record commits)") }
        if statePath?.isEmpty == true { throw UsageError("--state: empty path") }
    }
}
