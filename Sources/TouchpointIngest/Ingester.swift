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
package struct Ingester {
    private let plan: IngestPlan
    private let context: StageContext
    private let io: StageIO
    /// Every input opened so far, in order: what a barrier's positions list.
    private var inputs: [Input] = []
    private var nextBarrierID = 1
    private var recordsSinceBarrier = 0
    /// The positions the last barrier carried; an end-of-file barrier that would repeat them is left out.
    private var lastBarrierPositions: [JSONValue]?
    /// The record line being built; reused so a record costs no allocation.
    private var line: [UInt8] = []

    package init(plan: IngestPlan, context: StageContext, io: StageIO) {
        self.plan = plan
        self.context = context
        self.io = io
        line.reserveCapacity(4096)
    }

    /// How reading one input ended.
    private enum InputOutcome {
        case endOfInput
        case stopped
        case readFailed(Int32)
    }

    package mutating func run() -> ExitStatus {
        var hasFailed = false
        do {
            for specification in plan.inputs {
                let input: Input
                if specification.path == nil {
                    input = Input.standardInput(specification, source: io.input)
                } else {
                    switch Input.open(specification, workingDirectory: io.workingDirectory) {
                    case .success(let opened): input = opened
                    case .failure(let error):
                        context.diagnostics.error(error.description)
                        hasFailed = true
                        continue
                    }
                }
                inputs.append(input)
                defer { input.close() }
                var format = specification.format
                let source = input.descriptor.map { InputSource(FileDescriptorSource(descriptor: $0)) }
                let outcome = try read(&format, from: source ?? InputSource(io.input))
                switch outcome {
                case .endOfInput:
                    break
                case .readFailed(let code):
                    context.diagnostics.error(InputError(path: specification.path ?? "-", errno: code).description)
                    hasFailed = true
                case .stopped:
                    try emitBarrier()
                    try context.flush()
                    context.reportCounts()
                    return hasFailed ? .failure : .success
                }
                try emitBarrier()
            }
            try context.flush()
            context.reportCounts()
            return hasFailed ? .failure : .success
        } catch .downstreamClosed {
            return .success
        } catch {
            context.diagnostics.error(error.description)
            return .failure
        }
    }

    // MARK: - Reading one input

    /// Reads one input to its end (or a stop request, or a read error), writing what it decodes.
    ///
    /// Deliberately not generic: a function generic over the format, called with an opened existential, runs
    /// unspecialized (generic metadata lookups on every line cost a fifth of the CLF time). With a concrete line
    /// reader, the only dynamic call per line is `decode`.
    private mutating func read(_ format: inout any RecordFormat, from source: InputSource) throws(ByteStreamError)
        -> InputOutcome
    {
        let index = inputs.count - 1
        let specification = inputs[index].specification
        var envelope = RecordEnvelope(for: specification, received: plan.received)
        var reader = LineReader(source: source, maxLineBytes: plan.options.maxLineBytes)
        defer { reader.close() }
        let context = self.context
        let now = io.now
        /// The first line of a record spanning several lines, and those lines so far (for its dead letter).
        var recordStart = LinePosition(number: 0, offset: 0)
        var pendingLines: [UInt8] = []
        var isFirstLine = true
        while true {
            if io.isStopRequested() { return .stopped }
            let next: LineReader<InputSource>.Line?
            do {
                next = try reader.next(idle: { () throws(ByteStreamError) in try context.flush() })
            } catch .interrupted {
                continue
            } catch .failed(let operation, let code) where operation == "read" {
                try finishRecord(
                    &format, envelope: &envelope, start: recordStart, pendingLines: &pendingLines,
                    through: reader.consumedOffset)
                return .readFailed(code)
            }
            guard let next else { break }
            switch next {
            case .tooLong(let prefix, let length, let position):
                isFirstLine = false
                if format.isInsideRecord {
                    try finishRecord(
                        &format, envelope: &envelope, start: recordStart, pendingLines: &pendingLines,
                        through: position.offset)
                }
                let detail = "line of \(length) bytes is over the limit of \(plan.options.maxLineBytes) bytes"
                inputs[index].committedOffset = reader.consumedOffset
                try deadLetter(
                    .lineTooLong, detail, at: specification.reference(at: position), input: prefix,
                    inputLength: length)
            case .line(var bytes, let position):
                if isFirstLine {
                    isFirstLine = false
                    bytes = Ingester.droppingByteOrderMark(bytes)
                }
                if !format.isInsideRecord {
                    if Ingester.isBlank(bytes) {
                        context.counters.blankLines += 1
                        inputs[index].committedOffset = reader.consumedOffset
                        continue
                    }
                    recordStart = position
                }
                envelope.begin(&line, at: recordStart, now: now)
                let decoded = format.decode(bytes, at: position, into: &line)
                if decoded != .incomplete {
                    // Before anything is written: a barrier written with this record must already count it.
                    inputs[index].committedOffset = reader.consumedOffset
                }
                switch decoded {
                case .record:
                    envelope.end(&line)
                    try emitRecord()
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
                    try deadLetter(reason, detail, at: specification.reference(at: recordStart), input: pendingLines)
                }
                pendingLines.removeAll(keepingCapacity: true)
            }
        }
        try finishRecord(
            &format, envelope: &envelope, start: recordStart, pendingLines: &pendingLines,
            through: reader.consumedOffset)
        return .endOfInput
    }

    /// Asks the format for what is left of a record spanning lines (at end of input, before an over-long line, or
    /// after a read error) and writes it; the input counts as consumed `through` that offset from then on.
    private mutating func finishRecord(
        _ format: inout any RecordFormat, envelope: inout RecordEnvelope, start: LinePosition,
        pendingLines: inout [UInt8], through offset: Int
    ) throws(ByteStreamError) {
        inputs[inputs.count - 1].committedOffset = offset
        envelope.begin(&line, at: start, now: io.now)
        defer { pendingLines.removeAll(keepingCapacity: true) }
        switch format.finish(into: &line) {
        case .record:
            envelope.end(&line)
            try emitRecord()
        case .invalid(let reason, let detail):
            if pendingLines.last == 0x0A { pendingLines.removeLast() }
            let reference = inputs[inputs.count - 1].specification.reference(at: start)
            try deadLetter(reason, detail, at: reference, input: pendingLines)
        case .incomplete, .skip, nil:
            break
        }
    }

    // MARK: - Output

    private mutating func emitRecord() throws(ByteStreamError) {
        context.counters.input += 1
        context.counters.processed += 1
        let result: Result<Void, ByteStreamError> = line.withUnsafeBufferPointer { bytes in
            Result { () throws(ByteStreamError) in try context.records.emit(raw: bytes) }
        }
        try result.get()
        try countTowardsBarrier()
    }

    private mutating func deadLetter(
        _ reason: DeadLetterReason, _ detail: String, at reference: SourceReference, input: [UInt8],
        inputLength: Int? = nil
    ) throws(ByteStreamError) {
        context.counters.input += 1
        try context.deadLetter(
            DeadLetter(
                stage: "ingest", reason: reason, detail: detail, source: reference, input: input,
                inputLength: inputLength))
        try countTowardsBarrier()
    }

    private mutating func countTowardsBarrier() throws(ByteStreamError) {
        guard plan.barrierEvery > 0 else { return }
        recordsSinceBarrier += 1
        if recordsSinceBarrier >= plan.barrierEvery { try emitBarrier() }
    }

    /// Writes a barrier with the committed position of every input read so far, then flushes: a barrier is a
    /// commit point, and whoever waits for it should not wait for a buffer to fill. A barrier that would repeat the
    /// previous one's positions (a periodic barrier fell on the last record of a file) is left out.
    private mutating func emitBarrier() throws(ByteStreamError) {
        guard plan.barrierEvery > 0 else { return }
        let positions = inputs.map { $0.position }
        guard positions != lastBarrierPositions else { return }
        let barrier = Barrier(id: nextBarrierID, positions: positions)
        nextBarrierID += 1
        recordsSinceBarrier = 0
        lastBarrierPositions = positions
        try context.records.emit(barrier.jsonValue)
        try context.flush()
    }

    // MARK: - Line helpers

    private static func droppingByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[3...])
    }

    @inline(__always)
    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
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
