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
    /// The `--dead-letters FILE`, when it is a regular file: what a checkpoint measures (`DeadLetterLedger`).
    package let deadLetterFile: DeadLetterFile?
    private let deadLetterMaxBytes: Int?
    /// Dead letters counted but not written, past the cap.
    package private(set) var deadLetterOverflow = 0
    private let isQuiet: Bool
    /// The line limit, for dead-letter details.
    package let maxLineBytes: Int
    /// The last barrier the stage passed on, and the event time its input's watermark reached: what its status says.
    package var lastBarrierID: Int?
    package var watermark: Timestamp?
    private let takeStatusRequest: () -> Bool

    package init(name: String, io: StageIO, options: StageOptions) throws(StageFailure) {
        self.name = name
        diagnostics = Diagnostics(program: name, sink: io.errors)
        records = RecordOutput(buffer: OutputBuffer(sink: io.output))
        if let path = options.deadLetterPath {
            let descriptor = try DurableFile.openForAppending(io.resolvedPath(path))
            deadLetterBuffer = OutputBuffer(sink: FileDescriptorSink(descriptor: descriptor))
            deadLetterFile =
                DeadLetterFile.isRegularFile(descriptor)
                ? DeadLetterFile(path: path, descriptor: descriptor, buffer: deadLetterBuffer) : nil
        } else {
            deadLetterBuffer = OutputBuffer(sink: io.errors)
            deadLetterFile = nil
        }
        deadLetterMaxBytes = options.deadLetterMaxBytes
        isQuiet = options.isQuiet
        maxLineBytes = options.maxLineBytes
        takeStatusRequest = io.takeStatusRequest
    }

    /// Writes `normalize: status: in=… out=… … barrier=12 watermark=…` when one was asked for (SIGUSR1, which
    /// `touchpoint run --status-dir` sends every second). Checked between records every 1024 of them, when the
    /// input is idle and when a read is interrupted, so a busy stage and an idle one both answer within moments, and
    /// a stage nobody asks costs one flag load per 1024 records.
    package func reportStatusIfRequested() {
        guard takeStatusRequest() else { return }
        counters.written = records.writtenCount
        counters.replayedOutput = records.replayedCount
        var text = counters.summary
        if let lastBarrierID { text += " barrier=\(lastBarrierID)" }
        if let watermark { text += " watermark=\(watermark)" }
        diagnostics.status(text)
    }

    /// Writes a dead letter and counts it; past the `--dead-letters-max` cap it is only counted.
    package func deadLetter(_ letter: DeadLetter) throws(ByteStreamError) {
        counters.deadLettered[letter.reason, default: 0] += 1
        let start = deadLetterBuffer.bytes.count
        JSONWriter.write(letter.jsonValue, into: &deadLetterBuffer.bytes)
        deadLetterBuffer.bytes.append(0x0A)
        if let cap = deadLetterMaxBytes, deadLetterBuffer.flushedByteCount + deadLetterBuffer.bytes.count > cap {
            deadLetterBuffer.bytes.removeSubrange(start...)
            deadLetterOverflow += 1
            return
        }
        try deadLetterBuffer.lineCompleted()
    }

    /// Pushes everything buffered to its destination: called when input is idle, at barriers and at exit.
    package func flush() throws(ByteStreamError) {
        counters.written = records.writtenCount
        counters.replayedOutput = records.replayedCount
        try deadLetterBuffer.flush()
        try records.buffer.flush()
        reportStatusIfRequested()
    }

    /// The closing line on stderr: `normalize: note: counts: in=… out=… …`.
    /// - Parameter isCutShort: the output closed mid-record, so the record in hand is neither out nor dead-lettered
    ///   and the counts cannot reconcile; that is not an error.
    package func reportCounts(isCutShort: Bool = false) {
        counters.written = records.writtenCount
        counters.replayedOutput = records.replayedCount
        if deadLetterOverflow > 0 {
            diagnostics.warning(
                "dead letters: \(deadLetterOverflow) not written, over the --dead-letters-max cap (they are counted)")
        }
        if !isQuiet { diagnostics.note("counts: " + counters.summary) }
        if !counters.isReconciled && !isCutShort {
            diagnostics.error("counts do not reconcile: \(counters.summary)")
        }
    }
}
