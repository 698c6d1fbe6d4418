import TouchpointJSON

/// The stage contract, implemented once (contract §1, §4, §6, §7; STYLE C3).
///
/// Reads NDJSON lines; turns over-long lines, bad UTF-8, bad JSON and records without a `kind` into dead letters;
/// forwards kinds the stage does not own byte for byte and in order; forwards a barrier only after the stage has
/// made its state durable; flushes whenever the input has nothing ready; stops between records when asked; and
/// reports counts that reconcile.
package enum StageRunner {
    package static func run<S: Stage>(_ stage: inout S, io: StageIO, options: StageOptions) -> ExitStatus {
        let context: StageContext
        do {
            context = try StageContext(name: S.name, io: io, options: options)
        } catch {
            Diagnostics(program: S.name, sink: io.errors).error(error.message)
            return .failure
        }
        return run(&stage, source: io.input, context: context, isStopRequested: io.isStopRequested, options: options)
    }

    private static func run<S: Stage, Source: ByteSource>(
        _ stage: inout S, source: Source, context: StageContext, isStopRequested: () -> Bool, options: StageOptions
    ) -> ExitStatus {
        var reader = LineReader(source: source, maxLineBytes: options.maxLineBytes)
        defer { reader.close() }
        var parser = JSONParser()
        let ownedKinds = stage.ownedKinds
        do {
            while !isStopRequested() {
                let line: LineReader<Source>.Line?
                do {
                    line = try reader.next(idle: { () throws(ByteStreamError) in try context.flush() })
                } catch .interrupted {
                    continue
                }
                guard let line else {
                    try finish(&stage, context: context)
                    return .success
                }
                try handle(line, stage: &stage, parser: &parser, ownedKinds: ownedKinds, context: context)
            }
            try stage.suspend()
            try context.flush()
            context.reportCounts()
            return .success
        } catch let failure as StageFailure {
            try? context.flush()
            context.diagnostics.error(failure.message)
            return .failure
        } catch ByteStreamError.downstreamClosed {
            return .success
        } catch {
            context.diagnostics.error("\(error)")
            return .failure
        }
    }

    private static func finish<S: Stage>(_ stage: inout S, context: StageContext) throws {
        try stage.finish(into: &context.records)
        try context.flush()
        context.reportCounts()
    }

    @inline(__always)
    private static func handle<S: Stage, Source: ByteSource>(
        _ line: LineReader<Source>.Line, stage: inout S, parser: inout JSONParser, ownedKinds: [String],
        context: StageContext
    ) throws {
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
        context.counters.input += 1
        let document: JSONDocument
        do {
            document = try parser.parse(bytes)
        } catch {
            // Bytes that are not UTF-8 are the root cause wherever the parser tripped (`{\xFF}` fails as a missing
            // key quote); checking only on this error path keeps the hot path free of a second scan.
            let isUTF8 = error.reason != .invalidUTF8 && UTF8Validation.firstInvalidOffset(bytes) == nil
            let reason: DeadLetterReason = isUTF8 ? .invalidJSON : .invalidUTF8
            try reject(bytes, position, reason, error.description, stage: S.name, context: context)
            return
        }
        guard document.type(of: document.root) == .object else {
            try reject(bytes, position, .notAnObject, "a record must be a JSON object", stage: S.name, context: context)
            return
        }
        guard let kindNode = document["kind"], let kind = document.string(kindNode) else {
            try reject(bytes, position, .missingKind, "no \"kind\" string member", stage: S.name, context: context)
            return
        }
        if kind == RecordKind.barrier {
            let barrier: Barrier
            do {
                barrier = try Barrier(document.value(document.root))
            } catch {
                try reject(bytes, position, .invalidRecord, error.description, stage: S.name, context: context)
                return
            }
            try stage.barrier(barrier)
            context.counters.forwarded += 1
            try context.records.emit(raw: bytes)
            // A barrier is a commit point: whoever waits for it should not wait for our buffer to fill.
            try context.flush()
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

    private static func reject(
        _ bytes: UnsafeBufferPointer<UInt8>, _ position: LinePosition, _ reason: DeadLetterReason, _ detail: String,
        stage: String, context: StageContext
    ) throws(ByteStreamError) {
        try context.deadLetter(
            DeadLetter(
                stage: stage, reason: reason, detail: detail, source: stdinReference(position), input: Array(bytes)))
    }

    private static func stdinReference(_ position: LinePosition) -> SourceReference {
        SourceReference(name: "stdin", line: position.number, offset: position.offset)
    }

    @inline(__always)
    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

extension Stage {
    /// Called when a signal stops the stage before end of input: make state durable, emit nothing more.
    package mutating func suspend() throws(StageFailure) {}
}
