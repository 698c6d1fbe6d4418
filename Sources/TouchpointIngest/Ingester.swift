import Glibc
import TouchpointCore
import TouchpointJSON

/// The ingest source: reads each input in turn and writes records, dead letters and barriers.
///
/// It is not an NDJSON-in stage, so it does not use `StageRunner`, but it keeps the same contract through
/// `StageContext`: records only on stdout, every unusable record a counted dead letter with its original bytes,
/// output flushed whenever the input has nothing ready, a stop between records on SIGTERM/SIGINT, a quiet exit 0
/// when downstream closes, and counts that reconcile (`in` = records + dead letters; blank lines apart).
///
/// An input that cannot be opened or read is reported (`ingest: error: <path>: <problem>`) and skipped; the other
/// inputs are still read and the run exits 1 at the end, as `cat` and `grep` do: one missing rotated file should not
/// hold back the rest, and the exit status still says something went wrong.
///
/// With `--state DIR`, every barrier is checkpointed before it is written, and a restart resumes each input from
/// its position in the barrier the pipeline last committed; the first record written is then that barrier again,
/// which tells the stages downstream (restored to the same barrier) that the stream continues from there.
package struct Ingester {
    let plan: IngestPlan
    let context: StageContext
    let io: StageIO
    /// Every input opened so far, in order: what a barrier's positions list.
    var inputs: [Input] = []
    private var nextBarrierID = 1
    /// When the last barrier was written (monotonic milliseconds): a follower spaces its barriers.
    var lastBarrierTime: Int64 = 0
    /// Files a followed pattern matched: inputs beyond the plan's.
    var addedInputs: [InputSpecification] = []
    var recordsSinceBarrier = 0
    /// The last barrier written; an end-of-file barrier that would repeat it is left out.
    var lastBarrier: Barrier?
    /// The record line being built; reused so a record costs no allocation.
    var line: [UInt8] = []
    private var checkpoints: (store: CheckpointStore, root: StateDirectory, deadLetters: DeadLetterLedger?)?
    private var checkpoint = IngestCheckpoint()
    /// The positions of the restored barrier, matched against each input as it is opened, and its sources.
    var resumePositions: [SourcePosition] = []
    var restoredSources: [SourceProgress] = []
    /// The `--listen` sockets and their connections, once bound.
    var listenerSet: ListenerSet?

    /// The progress line of a batch run at a terminal (`ProgressLine`).
    let progress: ProgressLine?

    package init(plan: IngestPlan, context: StageContext, io: StageIO, progress: ProgressLine? = nil) {
        self.plan = plan
        self.progress = progress
        self.context = context
        self.io = io
        line.reserveCapacity(4096)
    }

    /// How reading one input ended.
    enum InputOutcome {
        case endOfInput
        case stopped
        case readFailed(Int32)
        /// The bytes cannot be decoded as a whole (a corrupt or truncated gzip file); what came before was read.
        case invalidData(String)
        /// A followed file has nothing more for now (`FollowedFileSource`); reading resumes where it stopped.
        case wouldBlock
    }

    package mutating func run() -> ExitStatus {
        if plan.isFollowing { return follow() }
        var hasFailed = false
        defer { closeListeners() }
        do {
            try openListeners()
            try restore()
            // The stream opens with a barrier: downstream then knows from the first line that it is a checkpointed
            // pipeline's, so an end of input before any other barrier reads as the cut-off it is, never as the end
            // of hand-written input (a resumed run opens with the restored barrier instead).
            if lastBarrier == nil { try emitBarrier() }
            for pattern in plan.unmatchedPatterns {
                context.diagnostics.error("\(pattern): no file matches the pattern")
                hasFailed = true
            }
            for (index, specification) in plan.inputs.enumerated() {
                var input: Input
                if specification.path == nil {
                    input = Input.standardInput(specification, source: io.input)
                } else {
                    switch Input.open(specification, workingDirectory: io.workingDirectory) {
                    case .success(let opened): input = opened
                    case .failure(let error):
                        context.diagnostics.error(error.description)
                        hasFailed = true
                        openedUpTo = index + 1
                        continue
                    }
                }
                openedUpTo = index + 1
                defer { input.close() }
                // Compressed or not is told by the first bytes, not the name: rotated logs are gzipped by default.
                let name = specification.path ?? "-"
                var source =
                    input.descriptor.map { InputSource(GzipSource(FileDescriptorSource(descriptor: $0), name: name)) }
                    ?? InputSource(GzipSource(InputSource(io.input), name: name))
                var format = specification.format
                try resume(&input, format: &format, source: &source)
                inputs.append(input)
                var reading = Reading(
                    index: inputs.count - 1, specification: specification, format: format, source: source,
                    start: input.start, plan: plan, isFollowed: false)
                defer { reading.close() }
                progress?.update(path: name, offset: 0, force: true)
                let outcome = try read(&reading)
                if let descriptor = input.descriptor {
                    progress?.finish(fileBytes: Int64(lseek(descriptor, 0, SEEK_CUR)))
                }
                switch outcome {
                case .endOfInput:
                    inputs[inputs.count - 1].isDone = true
                case .readFailed(let code):
                    context.diagnostics.error(InputError(path: specification.path ?? "-", errno: code).description)
                    inputs[inputs.count - 1].isDone = true
                    hasFailed = true
                case .invalidData(let problem):
                    context.diagnostics.error(problem)
                    inputs[inputs.count - 1].isDone = true
                    hasFailed = true
                case .stopped, .wouldBlock:
                    try drainListeners()
                    try emitBarrier()
                    try context.flush()
                    context.reportCounts()
                    return hasFailed ? .failure : .success
                }
                try emitBarrier()
            }
            // With --listen, the files were the start: the sockets are served until SIGTERM/SIGINT.
            try listenUntilStopped()
            try context.flush()
            context.reportCounts()
            return hasFailed ? .failure : .success
        } catch IngestFailure.output(.downstreamClosed), ByteStreamError.downstreamClosed {
            context.reportCounts(isCutShort: true)
            return .success
        } catch {
            context.diagnostics.error("\(error)")
            return .failure
        }
    }

    /// How many of the plan's inputs have been opened (or failed to open): the rest are still pending.
    var openedUpTo = 0

    // MARK: - Checkpoints

    /// Opens the state directory and restores the committed barrier; writes it again as the first record.
    mutating func restore() throws {
        guard let statePath = plan.options.statePath else { return }
        do {
            let root = try StateDirectory(path: io.resolvedPath(statePath))
            let store = try CheckpointStore(root: root, stage: IngestCommand.spec.name)
            let deadLetters = context.deadLetterFile.map { DeadLetterLedger(folder: store.folder, file: $0) }
            checkpoints = (store, root, deadLetters)
            let committed = try CommitMarker.read(from: root)
            // Before the first dead letter: those after the committed barrier are in the file once already.
            for message in try deadLetters?.restore(committed: committed?.barrier) ?? [] {
                message.report(to: context.diagnostics)
            }
            switch try store.restore(&checkpoint, committed: committed?.barrier) {
            case .restored(let barrier, _, _):
                if let restored = checkpoint.barrier {
                    resumePositions = restored.positions
                    restoredSources = restored.sources
                    nextBarrierID = restored.id + 1
                    lastBarrier = restored
                    context.diagnostics.note("state: resuming from barrier \(barrier)")
                    try context.records.emit(restored.jsonValue)
                    try context.flush()
                }
            case .fresh(let discarded):
                if discarded {
                    context.diagnostics.warning(
                        "state: \(root.path) holds positions that were never committed; reading from the start "
                            + "(the pipeline's last stage records commits: --commit, or touchpoint commit)")
                }
                nextBarrierID = (committed?.barrier ?? 0) + 1
            }
        }
    }

    /// Moves a just-opened input to its position in the restored barrier, if it is the same file. A format that
    /// reads a header first (CSV) is given the file's opening lines before the seek.
    mutating func resume(_ input: inout Input, format: inout any RecordFormat, source: inout InputSource)
        throws
    {
        guard let index = resumePositions.firstIndex(where: { input.isSameFile(as: $0) }) else { return }
        let position = resumePositions.remove(at: index)
        guard position.offset > 0 else { return }
        if !input.isCompressed {
            if format.isAwaitingHeader, input.descriptor != nil { try readHeader(into: &format, from: source) }
            if input.seek(to: position) { return }
        }
        // stdin that is not a file (a pipe) cannot seek, and offsets in a gzip file count inflated bytes: what is read
        // again is skipped up to the offset (a header on the way is decoded, so CSV keeps its column names).
        input.skipThrough = position.offset
        context.diagnostics.note(
            "\(input.specification.path ?? "stdin"): resuming at byte \(position.offset) by reading up to it "
                + "(it cannot seek)")
    }

    /// Feeds a format the first lines of a file until it has its header; the caller then seeks past them.
    func readHeader(into format: inout any RecordFormat, from source: InputSource) throws {
        var reader = LineReader(source: source, maxLineBytes: plan.options.maxLineBytes)
        defer { reader.close() }
        var scratch: [UInt8] = []
        var isFirst = true
        while format.isAwaitingHeader, let line = try reader.next() {
            guard case .line(var bytes, let position) = line else { continue }
            if isFirst { bytes = Ingester.droppingByteOrderMark(bytes) }
            isFirst = false
            if !format.isInsideRecord && Ingester.isBlank(bytes) { continue }
            scratch.removeAll(keepingCapacity: true)
            _ = format.decode(bytes, at: position, into: &scratch)
        }
    }

    /// Every named source and how far it is: read to its end, being read, or not opened yet.
    var sourceProgress: [SourceProgress] {
        var names: [String] = []
        for specification in plan.inputs + addedInputs where !names.contains(specification.sourceName) {
            names.append(specification.sourceName)
        }
        let listened = listenerSet?.sourceProgress(excluding: names) ?? []
        return names.map { name in
            let opened = inputs.filter { $0.specification.sourceName == name }
            let pendingCount = plan.inputs[openedUpTo...].filter { $0.sourceName == name }.count
            // A source with files this run has not reopened yet stands where the restored barrier left it: with
            // two files of one source, the first reopened at its end must not make the source read as pending
            // again, or a resumed run writes barriers the undisturbed run never did.
            if resumePositions.contains(where: { $0.source == name }),
                let restored = restoredSources.first(where: { $0.name == name })
            {
                return restored
            }
            let status: SourceStatus
            if plan.isFollowing, opened.isEmpty, pendingCount > 0 {
                status = .pending
            } else if plan.isFollowing {
                // A followed source never ends: between rotations, or before its file appears, it is quiet.
                status = opened.contains { !$0.isDone && !$0.isIdle } ? .reading : .idle
            } else if pendingCount > 0 {
                status = opened.contains { !$0.isDone } ? .reading : .pending
            } else {
                status = opened.allSatisfy(\.isDone) ? .done : .reading
            }
            return SourceProgress(name: name, status: status)
        } + listened
    }

    // MARK: - Reading one input

    /// Reads one input to its end (or a stop request, or a read error), writing what it decodes.
    ///
    /// Deliberately not generic: a function generic over the format, called with an opened existential, runs
    /// unspecialized (generic metadata lookups on every line cost a fifth of the CLF time). With a concrete line
    /// reader, the only dynamic call per line is `decode`.
    ///
    /// A followed file's reading stops with `.wouldBlock` at the end of what was written so far; everything it needs
    /// to go on (the line reader with a partial line in its buffer, a record spanning lines) is in `reading`, so the
    /// follower can read other files meanwhile and call this again.
    mutating func read(_ reading: inout Reading) throws(IngestFailure) -> InputOutcome {
        // The hot loop works on locals (specialized, no aliasing through `reading`); they go back on every exit.
        let index = reading.index
        let specification = inputs[index].specification
        var format = reading.format
        var envelope = reading.envelope
        var reader = reading.reader
        var recordStart = reading.recordStart
        var pendingLines = reading.pendingLines
        var isFirstLine = reading.isFirstLine
        formatFit = reading.formatFit
        defer {
            reading.format = format
            reading.envelope = envelope
            reading.reader = reader
            reading.recordStart = recordStart
            reading.pendingLines = pendingLines
            reading.isFirstLine = isFirstLine
            reading.formatFit = formatFit
        }
        let context = self.context
        let now = io.now
        let isFollowed = reading.isFollowed
        while true {
            if io.isStopRequested() { return .stopped }
            let next: LineReader<InputSource>.Line?
            do {
                next = try reader.next(idle: { () throws(ByteStreamError) in try context.flush() })
            } catch .interrupted {
                context.reportStatusIfRequested()
                if isFollowed { return .wouldBlock }
                continue
            } catch .failed(let operation, let code) where operation == "read" {
                try finishRecord(
                    &format, envelope: &envelope, start: recordStart, pendingLines: &pendingLines,
                    through: reader.consumedOffset, lines: reader.consumedLineCount, index: index)
                return .readFailed(code)
            } catch .invalidData(let problem) {
                try finishRecord(
                    &format, envelope: &envelope, start: recordStart, pendingLines: &pendingLines,
                    through: reader.consumedOffset, lines: reader.consumedLineCount, index: index)
                reportFormatFit(of: specification, format: format)
                return .invalidData(problem)
            } catch {
                throw .output(error)
            }
            guard let next else { break }
            if let progress, reader.consumedLineCount & 0xFFF == 0, let descriptor = inputs[index].descriptor {
                progress.update(path: specification.path ?? "-", offset: Int64(lseek(descriptor, 0, SEEK_CUR)))
            }
            switch next {
            case .tooLong(let prefix, let length, let position):
                isFirstLine = false
                if format.isInsideRecord {
                    try finishRecord(
                        &format, envelope: &envelope, start: recordStart, pendingLines: &pendingLines,
                        through: position.offset, lines: position.number - 1, index: index)
                }
                let detail = "line of \(length) bytes is over the limit of \(plan.options.maxLineBytes) bytes"
                inputs[index].commit(offset: reader.consumedOffset, lines: reader.consumedLineCount)
                try deadLetter(
                    .lineTooLong, detail, at: specification.reference(at: position), input: prefix,
                    inputLength: length)
            case .line(var bytes, let position) where reader.consumedOffset <= inputs[index].skipThrough:
                // Read again to reach a resume position that cannot be sought: committed before, not written again.
                if position.offset == 0 { bytes = Ingester.droppingByteOrderMark(bytes) }
                isFirstLine = false
                if format.isAwaitingHeader && !Ingester.isBlank(bytes) {
                    var scratch: [UInt8] = []
                    _ = format.decode(bytes, at: position, into: &scratch)
                }
                inputs[index].commit(offset: reader.consumedOffset, lines: reader.consumedLineCount)
            case .line(var bytes, let position):
                if isFirstLine {
                    isFirstLine = false
                    if position.offset == 0 { bytes = Ingester.droppingByteOrderMark(bytes) }
                }
                if !format.isInsideRecord {
                    if Ingester.isBlank(bytes) {
                        context.counters.blankLines += 1
                        inputs[index].commit(offset: reader.consumedOffset, lines: reader.consumedLineCount)
                        continue
                    }
                    recordStart = position
                }
                if !format.isInsideRecord { formatFit.sample.add(bytes) }
                envelope.begin(&line, at: recordStart, now: now)
                let dataStart = line.count
                let decoded = format.decode(bytes, at: position, into: &line)
                if decoded != .incomplete {
                    // Before anything is written: a barrier written with this record must already count it.
                    inputs[index].commit(offset: reader.consumedOffset, lines: reader.consumedLineCount)
                }
                switch decoded {
                case .record:
                    envelope.end(&line)
                    formatFit.decoded += 1
                    try emitRecord()
                case .records(let ends):
                    formatFit.decoded += 1
                    try emitRecords(endingAt: ends, dataStart: dataStart, envelope: envelope)
                case .incomplete:
                    if pendingLines.count < plan.options.maxLineBytes {
                        pendingLines.append(contentsOf: bytes)
                        pendingLines.append(0x0A)
                    }
                    continue
                case .skip:
                    break
                case .invalid(let reason, let detail):
                    pendingLines.append(contentsOf: bytes)
                    formatFit.failed += 1
                    try deadLetter(reason, detail, at: specification.reference(at: recordStart), input: pendingLines)
                }
                pendingLines.removeAll(keepingCapacity: true)
            }
        }
        try finishRecord(
            &format, envelope: &envelope, start: recordStart, pendingLines: &pendingLines,
            through: reader.consumedOffset, lines: reader.consumedLineCount, index: index)
        reportFormatFit(of: specification, format: format)
        return .endOfInput
    }

    /// How the current input's lines fared with its format, for the warning when most of them failed.
    private var formatFit = FormatFit()

    struct FormatFit {
        var decoded = 0
        var failed = 0
        var sample = FormatSample()
    }

    /// Warns when most of an input's lines failed its format, naming the format they look like: a syslog file
    /// named `.log` read as an access log must not end in a quiet exit 0 with every line dead-lettered.
    mutating func reportFormatFit(of specification: InputSpecification, format: any RecordFormat) {
        defer { formatFit = FormatFit() }
        let total = formatFit.decoded + formatFit.failed
        guard formatFit.failed > 0, formatFit.failed * 2 > total else { return }
        let file = specification.path ?? "stdin"
        let formatName = type(of: format).name
        if let guess = FormatDetection.suggestion(
            for: formatFit.sample, failing: formatName, options: specification.formatOptions)
        {
            let hint =
                guess.options.isEmpty
                ? "--format \(guess.formatName)"
                : "--format \(guess.formatName) "
                    + guess.options.map { "--format-option \($0.name)=\($0.value)" }.joined(separator: " ")
            context.diagnostics.warning(
                guess.warning(file: file, failedLines: formatFit.failed, ofLines: total, formatName: formatName)
                    + " (try \(hint))")
        } else {
            context.diagnostics.warning(
                "\(file): \(formatFit.failed) of \(total) lines failed format \(formatName); "
                    + "no registered format reads them")
        }
    }

    /// Asks the format for what is left of a record spanning lines (at end of input, before an over-long line, or
    /// after a read error) and writes it; the input counts as consumed `through` that offset from then on.
    private mutating func finishRecord(
        _ format: inout any RecordFormat, envelope: inout RecordEnvelope, start: LinePosition,
        pendingLines: inout [UInt8], through offset: Int, lines lineCount: Int, index: Int
    ) throws(IngestFailure) {
        inputs[index].committedOffset = offset
        inputs[index].committedLine = lineCount
        envelope.begin(&line, at: start, now: io.now)
        defer { pendingLines.removeAll(keepingCapacity: true) }
        switch format.finish(into: &line) {
        case .record:
            envelope.end(&line)
            try emitRecord()
        case .invalid(let reason, let detail):
            if pendingLines.last == 0x0A { pendingLines.removeLast() }
            let reference = inputs[index].specification.reference(at: start)
            try deadLetter(reason, detail, at: reference, input: pendingLines)
        case .records(let ends):
            try emitRecords(endingAt: ends, dataStart: line.count - (ends.last ?? 0), envelope: envelope)
        case .incomplete, .skip, nil:
            break
        }
    }

    // MARK: - Output

    /// The records of one line, each in its own envelope (the line's position), with a barrier only after the last:
    /// a barrier between them would commit a position past records not yet written.
    mutating func emitRecords(endingAt ends: [Int], dataStart: Int, envelope: RecordEnvelope)
        throws(IngestFailure)
    {
        let data = Array(line[dataStart...])
        var start = 0
        for (index, end) in ends.enumerated() {
            line.removeSubrange(dataStart...)
            line.append(contentsOf: data[start..<end])
            start = end
            envelope.end(&line)
            try emitRecord(mayEmitBarrier: index == ends.count - 1)
        }
    }

    mutating func emitRecord(mayEmitBarrier: Bool = true) throws(IngestFailure) {
        if context.counters.input & 0x3FF == 0 { context.reportStatusIfRequested() }
        context.counters.input += 1
        context.counters.processed += 1
        let result: Result<Void, ByteStreamError> = line.withUnsafeBufferPointer { bytes in
            Result { () throws(ByteStreamError) in try context.records.emit(raw: bytes) }
        }
        do {
            try result.get()
        } catch {
            throw .output(error)
        }
        if mayEmitBarrier { try countTowardsBarrier() } else { recordsSinceBarrier += 1 }
    }

    mutating func deadLetter(
        _ reason: DeadLetterReason, _ detail: String, at reference: SourceReference, input: [UInt8],
        inputLength: Int? = nil
    ) throws(IngestFailure) {
        context.counters.input += 1
        do {
            try context.deadLetter(
                DeadLetter(
                    stage: "ingest", reason: reason, detail: detail, source: reference, input: input,
                    inputLength: inputLength))
        } catch {
            throw .output(error)
        }
        try countTowardsBarrier()
    }

    private mutating func countTowardsBarrier() throws(IngestFailure) {
        guard plan.barrierEvery > 0 else { return }
        recordsSinceBarrier += 1
        if recordsSinceBarrier >= plan.barrierEvery { try emitBarrier() }
    }

    /// Writes a barrier with the committed position of every input read so far, checkpointed first, then flushes:
    /// a barrier is a commit point, and whoever waits for it should not wait for a buffer to fill. A barrier that
    /// would repeat the previous one (a periodic barrier fell on the last record of a file) is left out.
    mutating func emitBarrier() throws(IngestFailure) {
        guard plan.barrierEvery > 0 else { return }
        var isWaitChanged = false
        if !resumePositions.isEmpty {
            let io = io
            let waits = checkpoint.goneFiles
            let forgotten = checkpoint.goneFiles.forget(
                from: &resumePositions, now: io.now(), after: plan.forgetAfter, resolve: io.resolvedPath)
            for position in forgotten {
                context.diagnostics.note(
                    "state: forgetting the position of \(position.file ?? "-") (source \(position.source)): gone for "
                        + "--forget-after \(plan.forgetAfter) or longer")
            }
            // A wait that starts must be checkpointed even when no position moved, or a restart would start it again.
            isWaitChanged = checkpoint.goneFiles != waits
        }
        let barrier = nextBarrier
        // Records from a socket move no position: that they were written is what makes the barrier new.
        guard
            isWaitChanged || recordsSinceBarrier > 0 || barrier.positions != lastBarrier?.positions
                || barrier.sources != lastBarrier?.sources
        else { return }
        nextBarrierID += 1
        recordsSinceBarrier = 0
        lastBarrier = barrier
        context.lastBarrierID = barrier.id
        lastBarrierTime = ProcessClock.monotonicMilliseconds()
        if let checkpoints {
            checkpoint.barrier = barrier
            do {
                let committed = try CommitMarker.read(from: checkpoints.root)?.barrier
                try checkpoints.deadLetters?.record(barrier: barrier.id, committed: committed)
                try checkpoints.store.checkpoint(&checkpoint, barrier: barrier.id, committed: committed)
            } catch {
                throw .state(error)
            }
        }
        do {
            try context.records.emit(barrier.jsonValue)
            try context.flush()
        } catch {
            throw .output(error)
        }
    }

    /// The barrier `emitBarrier` would write now.
    var nextBarrier: Barrier {
        var barrier = Barrier(
            id: nextBarrierID, positions: inputs.filter { !$0.isRetired }.map(\.position), sources: sourceProgress)
        // Positions of the restored barrier that no input has matched yet are still the pipeline's: keep them.
        barrier.positions += resumePositions
        return barrier
    }

    // MARK: - Line helpers

    private static func droppingByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[3...])
    }

    @inline(__always)
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

/// Everything needed to go on reading one input where the last `Ingester.read` stopped.
struct Reading {
    /// The input's index in `Ingester.inputs`.
    let index: Int
    var format: any RecordFormat
    var envelope: RecordEnvelope
    var reader: LineReader<InputSource>
    /// The first line of a record spanning several lines, and those lines so far (for its dead letter).
    var recordStart = LinePosition(number: 0, offset: 0)
    var pendingLines: [UInt8] = []
    var isFirstLine = true
    var formatFit = Ingester.FormatFit()
    /// Whether the source may run dry for now (`FollowedFileSource`) rather than end.
    let isFollowed: Bool

    init(
        index: Int, specification: InputSpecification, format: any RecordFormat, source: InputSource,
        start: LinePosition, plan: IngestPlan, isFollowed: Bool
    ) {
        self.index = index
        self.format = format
        envelope = RecordEnvelope(for: specification, received: plan.received)
        reader = LineReader(source: source, maxLineBytes: plan.options.maxLineBytes, start: start)
        self.isFollowed = isFollowed
    }

    mutating func close() { reader.close() }
}

/// Any byte source behind one concrete type, so the line reader is compiled once, specialized; the dynamic call is
/// per read of a quarter MiB, not per line.
struct InputSource: ByteSource {
    private var base: any ByteSource

    init(_ base: any ByteSource) { self.base = base }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteStreamError) -> Int {
        try base.read(into: buffer)
    }

    mutating func isReadable() -> Bool { base.isReadable() }
}

/// Why ingest cannot go on: its output failed (or was closed), or its state could not be made durable.
enum IngestFailure: Error, CustomStringConvertible {
    case output(ByteStreamError)
    case state(StageFailure)

    var description: String {
        switch self {
        case .output(let error): error.description
        case .state(let failure): failure.message
        }
    }
}
