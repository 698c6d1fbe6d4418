import TouchpointJSON

/// The stage contract, implemented once (contract §1, §4, §6, §7; STYLE C3).
///
/// Reads NDJSON lines; turns over-long lines, bad UTF-8, bad JSON and records without a `kind` into dead letters;
/// forwards kinds the stage does not own byte for byte and in order; at a barrier lets the stage write what must
/// precede it, checkpoints its state, forwards the barrier and (as the committer) commits it; at a watermark that
/// advances event time lets the stage close windows; flushes whenever the input has nothing ready; stops between
/// records when asked; and reports counts that reconcile.
///
/// End of input closes every window only when the input said it ended (a final watermark), or when it never
/// carried barriers or watermarks at all but did carry records (hand-written NDJSON): input from a pipeline that stops without a final
/// watermark was cut short upstream (a crash, a stop), and its open windows stay open in the checkpointed state.
package enum StageRunner {
    /// - Parameter reload: builds the stage again from its configuration files, for SIGHUP; nil when it has none.
    package static func run<S: Stage>(
        _ stage: inout S, io: StageIO, options: StageOptions, reload: (() throws(UsageError) -> S)? = nil
    ) -> ExitStatus {
        let context: StageContext
        var checkpoints: StageCheckpoints?
        do {
            context = try StageContext(name: S.name, io: io, options: options)
        } catch {
            Diagnostics(program: S.name, sink: io.errors).error(error.message)
            return .failure
        }
        if let statePath = options.statePath {
            do {
                let opened = try StageCheckpoints(
                    path: io.resolvedPath(statePath), stage: S.name,
                    committerOutput: options.isCommitter ? io.output : nil, deadLetters: context.deadLetterFile)
                for message in try opened.restore(&stage) { message.report(to: context.diagnostics) }
                if opened.committer?.replayFilter != nil { context.records.replayCheck = opened.committer }
                checkpoints = opened
            } catch {
                context.diagnostics.error(error.message)
                return .failure
            }
        }
        var loop = RunnerLoop(context: context, checkpoints: checkpoints, ownedKinds: stage.ownedKinds)
        var reloading: ((inout S) -> Void)?
        if let reload {
            reloading = { (stage: inout S) in
                let rebuilt: Result<S, UsageError> = Result { () throws(UsageError) in try reload() }
                switch rebuilt {
                case .failure(let error):
                    context.diagnostics.error("SIGHUP: \(error.message); going on with the configuration as it was")
                case .success(var fresh):
                    do {
                        try fresh.adopt(stateOf: &stage)
                        stage = fresh
                        context.diagnostics.note(
                            "SIGHUP: configuration read again at barrier \(context.lastBarrierID.map(String.init) ?? "-")"
                        )
                    } catch {
                        context.diagnostics.error(
                            "SIGHUP: the state does not carry over (\(error)); going on as it was")
                    }
                }
            }
        }
        return loop.run(
            &stage, source: io.input, isStopRequested: io.isStopRequested, options: options,
            reload: reloading.map { reloading in (io.takeReloadRequest, reloading) })
    }
}

/// The state of one run: the parser, what the control records said so far, and the checkpoints.
private struct RunnerLoop {
    let context: StageContext
    let checkpoints: StageCheckpoints?
    let ownedKinds: [String]
    var parser = JSONParser()
    /// The newest event time a watermark brought; watermarks that do not pass it are forwarded only.
    var watermark: Timestamp?
    var hasSeenControl = false
    var hasSeenFinalWatermark = false
    /// Whether the last barrier reported every source read to its end: the input ends where it should. Barriers
    /// that report no sources (not ingest's) say nothing either way.
    var isLastBarrierFinal = false
    var hasSeenSourceProgress = false
    /// Set when the last line handled was a barrier: the moment a reload may happen.
    var hasJustPassedBarrier = false
    /// What is added to this process's line numbers and offsets to number its input as the stream before a restart
    /// did (`resumeNumbering`); nothing, on a first start.
    var inputShift = (lines: 0, bytes: 0)
    var isInputNumbered = false

    init(context: StageContext, checkpoints: StageCheckpoints?, ownedKinds: [String]) {
        self.context = context
        self.checkpoints = checkpoints
        self.ownedKinds = ownedKinds
    }

    /// - Parameter reload: whether a reload was asked for, and how to do it; tried after each barrier.
    mutating func run<S: Stage, Source: ByteSource>(
        _ stage: inout S, source: Source, isStopRequested: () -> Bool, options: StageOptions,
        reload: (isRequested: () -> Bool, perform: (inout S) -> Void)? = nil
    ) -> ExitStatus {
        var reader = LineReader(source: source, maxLineBytes: options.maxLineBytes)
        defer { reader.close() }
        let context = self.context
        do {
            while !isStopRequested() {
                let line: LineReader<Source>.Line?
                do {
                    line = try reader.next(idle: { () throws(ByteStreamError) in try context.flush() })
                } catch .interrupted {
                    context.reportStatusIfRequested()
                    continue
                }
                guard let line else {
                    try finish(&stage)
                    return .success
                }
                // A pipeline's stages write whole lines; a cut one is the stage before dying mid-write. It is not bad
                // input: it comes again, whole, when the pipeline resumes from its committed barrier.
                if isTornFinalLine(reader.isUnterminatedFinalLine) { continue }
                try handle(line, stage: &stage)
                // At a barrier the state it covers is checkpointed under the old configuration: the new one takes
                // over from there, the same point in the stream on every replay.
                if hasJustPassedBarrier {
                    hasJustPassedBarrier = false
                    if let reload, reload.isRequested() { reload.perform(&stage) }
                }
            }
            try stage.stop(into: &context.records)
            try context.flush()
            context.reportCounts()
            return .success
        } catch let failure as StageFailure {
            try? context.flush()
            context.diagnostics.error(failure.message)
            return .failure
        } catch ByteStreamError.downstreamClosed {
            // Downstream left (`head`): a quiet end, but the counts still say what was done.
            context.reportCounts(isCutShort: true)
            return .success
        } catch {
            context.diagnostics.error("\(error)")
            return .failure
        }
    }

    private func isTornFinalLine(_ isUnterminated: Bool) -> Bool {
        guard isUnterminated && hasSeenControl else { return false }
        context.diagnostics.note("input ended in a partial line (the stage before stopped mid-write); not counted")
        return true
    }

    private mutating func finish<S: Stage>(_ stage: inout S) throws {
        if !hasSeenFinalWatermark {
            // An empty input is no end of anything: a stage upstream died before writing (a restarted chain
            // whose first stage was killed at once), and the windows restored from the checkpoint stay open.
            if !hasSeenControl && context.counters.input > 0 {
                try stage.advance(to: WatermarkRecord(time: watermark, isFinal: true), into: &context.records)
            } else if hasSeenSourceProgress && !isLastBarrierFinal {
                context.diagnostics.note(
                    "input ended without a final watermark (the pipeline upstream stopped early); "
                        + "open windows stay open")
            }
        }
        try stage.finish(into: &context.records)
        try context.flush()
        // Input without barriers (hand-written NDJSON) has one checkpoint: its end, committed as the end of an input.
        // A pipeline's input always opens with a barrier (ingest writes one first, and a resumed source its restored
        // one), so an input that ended before any record is a stage upstream dying, not an input to commit.
        if let checkpoints, !checkpoints.hasSeenAnyBarrier, !hasSeenControl, context.counters.input > 0 {
            let barrier = Barrier(id: checkpoints.nextBarrierID, positions: [])
            _ = try checkpoints.checkpoint(&stage, at: barrier)
            try checkpoints.commit(barrier.id, endOfInput: true)
        }
        context.reportCounts()
    }

    @inline(__always)
    private mutating func handle<S: Stage, Source: ByteSource>(_ line: LineReader<Source>.Line, stage: inout S)
        throws
    {
        let bytes: UnsafeBufferPointer<UInt8>
        let position: LinePosition
        switch line {
        case .tooLong(let prefix, let length, let linePosition):
            context.counters.input += 1
            let detail = "line of \(length) bytes is over the limit of \(context.maxLineBytes) bytes"
            try context.deadLetter(
                DeadLetter(
                    stage: S.name, reason: .lineTooLong, detail: detail, source: stdinReference(linePosition),
                    input: prefix, inputLength: length))
            return
        case .line(let lineBytes, let linePosition):
            bytes = lineBytes
            position = linePosition
        }
        if isBlank(bytes) {
            context.counters.blankLines += 1
            return
        }
        // Between records, so the figures reconcile as they stand.
        if context.counters.input & 0x3FF == 0 { context.reportStatusIfRequested() }
        context.counters.input += 1
        let document: JSONDocument
        do {
            document = try parser.parse(bytes)
        } catch {
            // Bytes that are not UTF-8 are the root cause wherever the parser tripped (`{\xFF}` fails as a missing
            // key quote); checking only on this error path keeps the hot path free of a second scan.
            let isUTF8 = error.reason != .invalidUTF8 && UTF8Validation.firstInvalidOffset(bytes) == nil
            let reason: DeadLetterReason = isUTF8 ? .invalidJSON : .invalidUTF8
            try reject(bytes, position, reason, error.description, stage: S.name)
            return
        }
        guard document.type(of: document.root) == .object else {
            try reject(bytes, position, .notAnObject, "a record must be a JSON object", stage: S.name)
            return
        }
        guard let kindNode = document["kind"], let kind = document.string(kindNode) else {
            try reject(bytes, position, .missingKind, "no \"kind\" string member", stage: S.name)
            return
        }
        if kind == RecordKind.barrier {
            try handleBarrier(bytes, document: document, position: position, stage: &stage)
            return
        }
        if kind == RecordKind.watermark {
            try handleWatermark(bytes, document: document, position: position, stage: &stage)
            return
        }
        guard ownedKinds.contains(kind) else {
            context.counters.forwarded += 1
            try context.records.emit(raw: bytes)
            return
        }
        let record = InputRecord(document: document, kind: kind, position: position)
        switch try stage.process(record, into: &context.records) {
        case .processed:
            context.counters.processed += 1
        case .filtered:
            context.counters.filtered += 1
        case .deadLetter(let reason, let detail):
            // A record that got this far came from somewhere upstream: say where, so the raw line can be found.
            var letter = DeadLetter(
                stage: S.name, reason: reason, detail: detail, source: stdinReference(position), input: Array(bytes))
            if let origin = document["source"], document.type(of: origin) == .object {
                letter.origin = SourceReference(document.value(origin).objectValue ?? JSONObject())
            }
            try context.deadLetter(letter)
        }
    }

    /// Lets the stage write what precedes the barrier, checkpoints, forwards, flushes, commits: in that order, so
    /// a barrier never leaves a stage before the state it covers is on disk (contract §4).
    private mutating func handleBarrier<S: Stage>(
        _ bytes: UnsafeBufferPointer<UInt8>, document: JSONDocument, position: LinePosition, stage: inout S
    ) throws {
        let barrier: Barrier
        do {
            barrier = try Barrier(document.value(document.root))
        } catch {
            try reject(bytes, position, .invalidRecord, error.description, stage: S.name)
            return
        }
        resumeNumbering(at: barrier, position: position)
        hasSeenControl = true
        if !barrier.sources.isEmpty {
            hasSeenSourceProgress = true
            isLastBarrierFinal = barrier.sources.allSatisfy { $0.status == .done }
        }
        context.lastBarrierID = barrier.id
        hasJustPassedBarrier = true
        try stage.barrier(barrier, into: &context.records)
        if let checkpoints {
            if let warning = try checkpoints.checkpoint(&stage, at: barrier, input: numbered(position)) {
                warning.report(to: context.diagnostics)
            }
        } else {
            stage.discardStateChanges()
        }
        context.counters.forwarded += 1
        // The committer's output already holds a barrier it committed; a resumed source only repeats it.
        if let committed = checkpoints?.committer?.committed?.barrier, barrier.id <= committed {
            context.counters.forwarded -= 1
            context.counters.replayed += 1
            return
        }
        try context.records.emit(raw: bytes)
        // A barrier is a commit point: whoever waits for it should not wait for our buffer to fill.
        try context.flush()
        try checkpoints?.commit(barrier.id)
    }

    private mutating func handleWatermark<S: Stage>(
        _ bytes: UnsafeBufferPointer<UInt8>, document: JSONDocument, position: LinePosition, stage: inout S
    ) throws {
        let watermark: WatermarkRecord
        do {
            watermark = try WatermarkRecord(document.value(document.root))
        } catch {
            try reject(bytes, position, .invalidRecord, error.description, stage: S.name)
            return
        }
        hasSeenControl = true
        if watermark.isFinal {
            context.watermark = watermark.time ?? context.watermark
            if !hasSeenFinalWatermark { try stage.advance(to: watermark, into: &context.records) }
            hasSeenFinalWatermark = true
        } else if let time = watermark.time, time > (self.watermark ?? .beginningOfTime) {
            self.watermark = time
            context.watermark = time
            try stage.advance(to: watermark, into: &context.records)
        }
        context.counters.forwarded += 1
        try context.records.emit(raw: bytes)
    }

    private func reject(
        _ bytes: UnsafeBufferPointer<UInt8>, _ position: LinePosition, _ reason: DeadLetterReason, _ detail: String,
        stage: String
    ) throws(ByteStreamError) {
        try context.deadLetter(
            DeadLetter(
                stage: stage, reason: reason, detail: detail, source: stdinReference(position), input: Array(bytes)))
    }

    /// A resumed input starts with the restored barrier, at line 1; before the restart that barrier was further on.
    /// Numbering the input on from where it was keeps a dead letter's `source` the same in a replay as in an
    /// undisturbed run, so the dead-letter file comes out byte for byte the same (`DeadLetterLedger`).
    private mutating func resumeNumbering(at barrier: Barrier, position: LinePosition) {
        guard !isInputNumbered else { return }
        isInputNumbered = true
        guard let checkpoints, barrier.id == checkpoints.restoredBarrier,
            let before = checkpoints.restoredInputPosition
        else { return }
        inputShift = (before.number - position.number, before.offset - position.offset)
    }

    private func numbered(_ position: LinePosition) -> LinePosition {
        LinePosition(number: position.number + inputShift.lines, offset: position.offset + inputShift.bytes)
    }

    private func stdinReference(_ position: LinePosition) -> SourceReference {
        let numbered = numbered(position)
        return SourceReference(name: "stdin", line: numbered.number, offset: numbered.offset)
    }

    @inline(__always)
    private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
