import TouchpointJSON

/// The output side of every stage, sources included: stdout records, dead letters, counters, diagnostics.
///
/// `StageRunner` uses it for NDJSON-in stages; ingest uses it directly around its own readers, so dead letters,
/// counts and flushing behave the same everywhere.
package final class StageContext {
    package let name: String
    package let diagnostics: Diagnostics
    package var records: RecordOutput
    package var counters = StageCounters()
    private let deadLetterBuffer: OutputBuffer
    private let isQuiet: Bool
    /// The line limit, for dead-letter details.
    package let maxLineBytes: Int

    package init(name: String, io: StageIO, options: StageOptions) throws(StageFailure) {
        self.name = name
        diagnostics = Diagnostics(program: name, sink: io.errors)
        records = RecordOutput(buffer: OutputBuffer(sink: io.output))
        if let path = options.deadLetterPath {
            let resolved = io.workingDirectory.map { path.hasPrefix("/") ? path : "\($0)/\(path)" } ?? path
            let descriptor = try DurableFile.openForAppending(resolved)
            deadLetterBuffer = OutputBuffer(sink: FileDescriptorSink(descriptor: descriptor))
        } else {
            deadLetterBuffer = OutputBuffer(sink: io.errors)
        }
        isQuiet = options.isQuiet
        maxLineBytes = options.maxLineBytes
    }

    /// Writes a dead letter and counts it.
    package func deadLetter(_ letter: DeadLetter) throws(ByteStreamError) {
        JSONWriter.write(letter.jsonValue, into: &deadLetterBuffer.bytes)
        deadLetterBuffer.bytes.append(0x0A)
        counters.deadLettered[letter.reason, default: 0] += 1
        try deadLetterBuffer.lineCompleted()
    }

    /// Pushes everything buffered to its destination: called when input is idle, at barriers and at exit.
    package func flush() throws(ByteStreamError) {
        counters.written = records.writtenCount
        try deadLetterBuffer.flush()
        try records.buffer.flush()
    }

    /// The closing line on stderr: `normalize: note: counts: in=… out=… …`.
    package func reportCounts() {
        counters.written = records.writtenCount
        if !isQuiet { diagnostics.note("counts: " + counters.summary) }
        if !counters.isReconciled { diagnostics.error("counts do not reconcile: \(counters.summary)") }
    }
}

/// Options every stage takes.
package struct StageOptions: Sendable {
    package var deadLetterPath: String?
    package var maxLineBytes = 1 << 20
    package var isQuiet = false

    package init() {}

    /// The flags behind these options, appended to every stage's `CommandSpec`.
    package static let commandOptions: [CommandSpec.Option] = [
        .init("--dead-letters", value: "FILE", help: "append unusable lines here as NDJSON (default: stderr)"),
        .init("--max-line-bytes", value: "N", help: "longer lines are dead letters (default: 1048576)"),
        .init("--quiet", help: "do not report counts on stderr at exit"),
    ]

    package init(_ arguments: ParsedArguments) throws(UsageError) {
        deadLetterPath = arguments.value("--dead-letters")
        maxLineBytes = try arguments.integer("--max-line-bytes", in: 16...(1 << 30), default: 1 << 20)
        isQuiet = arguments.isSet("--quiet")
    }
}
