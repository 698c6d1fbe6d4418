import Glibc
import TouchpointCore
import TouchpointJSON

/// `--listen`: records from TCP and unix stream sockets, alongside the files (read first, or followed).
///
/// Each connection is a stream of its own: framed (`FrameSplitter`), decoded with its listener's format, and
/// written with a `source` that names the listener, the peer and the connection. A frame cut off by the end of its
/// connection, or by ingest stopping, is a dead letter `incomplete_line`, never dropped in silence.
///
/// Barriers go on as under `--follow`: after a batch of records, at most one every `barrierSpacing`, with the
/// listeners' sources `idle` between batches. They carry no position for a socket: what a socket delivered cannot
/// be read again, so a restart goes on with whatever the senders send next (at-least-once only when the sender
/// retries what it did not see acknowledged, and ingest acknowledges nothing).
extension Ingester {
    /// Binds every `--listen` address before anything is read or written, and says where it listens (a port 0
    /// bound is named there).
    mutating func openListeners() throws(ListenError) {
        guard !plan.listens.isEmpty else { return }
        let io = self.io
        let set = try ListenerSet(
            plan.listens, maxConnections: plan.listenMaxConnections, maxFrameBytes: plan.options.maxLineBytes,
            received: plan.received, resolvedPath: { io.resolvedPath($0) })
        listenerSet = set
        for listener in set.listeners {
            let specification = listener.specification
            context.diagnostics.note(
                "listening on \(listener.name) (source \(specification.sourceName), "
                    + "format \(type(of: specification.format).name))")
        }
    }

    /// The output when it is a pipe, so that a reader going away (`| head -n 1`) ends a quiet wait.
    var outputPipe: Int32? {
        (io.output as? FileDescriptorSink).flatMap { sink in
            var status = stat()
            return fstat(sink.descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO ? sink.descriptor : nil
        }
    }

    /// After the files (read to their end), serves the listeners until SIGTERM/SIGINT, then takes what the
    /// connections still hold and writes the final barrier.
    mutating func listenUntilStopped() throws(IngestFailure) {
        guard let set = listenerSet else { return }
        let output = outputPipe
        while !io.isStopRequested() {
            context.reportStatusIfRequested()
            if try serviceListeners() {
                if recordsSinceBarrier > 0,
                    ProcessClock.monotonicMilliseconds() - lastBarrierTime >= Self.barrierSpacing
                {
                    try flushOutput()
                    try emitBarrier()
                }
                continue
            }
            let timeout = try emitBarrierIfDue(now: ProcessClock.monotonicMilliseconds())
            // Nothing is ready: whatever waits in the buffer goes out now (flush on idle).
            try flushOutput()
            if set.wait(timeout: Int32(clamping: timeout), wake: io.wakeDescriptor, output: output) {
                throw .output(.downstreamClosed)
            }
        }
        try drainListeners()
        try emitBarrier()
    }

    /// One pass over the sockets: accepts what is pending, reads one chunk from each connection that has bytes or
    /// has ended, and writes what they decode. Returns whether any socket was ready.
    @discardableResult
    mutating func serviceListeners() throws(IngestFailure) -> Bool {
        guard let set = listenerSet else { return false }
        let (listeners, connections) = set.ready()
        for listener in listeners { acceptPending(on: listener, of: set) }
        set.isReading = true
        defer { set.isReading = false }
        for connection in connections {
            switch connection.read(into: set.scratch) {
            case .bytes:
                try decodeFrames(of: connection)
            case .wouldBlock:
                continue
            case .closed:
                try closeConnection(connection, because: "the connection closed")
            }
        }
        return !listeners.isEmpty || !connections.isEmpty
    }

    private func acceptPending(on listener: SocketListener, of set: ListenerSet) {
        for case .refused(let peer) in set.accept(from: listener) {
            context.diagnostics.warning(
                "\(listener.name): connection from \(peer) refused and closed: \(set.maxConnections) already open "
                    + "(--listen-max-connections \(set.maxConnections))")
        }
    }

    /// At a stop: takes the connections the kernel completed but ingest had not accepted yet, reads what the kernel
    /// already holds for each connection (a bounded amount: a sender that never pauses cannot hold the stop back),
    /// writes it, and closes the connections. What a sender wrote before the stop is then never lost unseen.
    mutating func drainListeners() throws(IngestFailure) {
        guard let set = listenerSet else { return }
        for listener in set.listeners { acceptPending(on: listener, of: set) }
        set.isReading = true
        defer { set.isReading = false }
        for connection in set.connections {
            var chunks = 0
            reading: while chunks < 16 {
                chunks += 1
                switch connection.read(into: set.scratch) {
                case .bytes: try decodeFrames(of: connection)
                case .wouldBlock, .closed: break reading
                }
            }
            try closeConnection(connection, because: "ingest stopped")
        }
    }

    /// Closes the listeners, removing unix socket files.
    mutating func closeListeners() {
        listenerSet?.close()
        listenerSet = nil
    }

    // MARK: - Frames

    private mutating func decodeFrames(of connection: SocketConnection) throws(IngestFailure) {
        while let frame = connection.splitter.next() {
            switch frame {
            case .frame(let range, let position):
                // The frame is decoded where it lies in the connection's buffer: no copy per record.
                let result: Result<Void, IngestFailure> = connection.splitter.bytes.withUnsafeBufferPointer { bytes in
                    Result { () throws(IngestFailure) in
                        try decode(UnsafeBufferPointer(rebasing: bytes[range]), at: position, from: connection)
                    }
                }
                try result.get()
            case .tooLong(let prefix, let length, let position):
                try finishRecord(of: connection)
                try deadLetter(
                    .lineTooLong, "line of \(length) bytes is over the limit of \(plan.options.maxLineBytes) bytes",
                    at: connection.reference(at: position), input: prefix, inputLength: length)
            }
        }
    }

    /// One frame, as the file reader treats one line: blank ones counted and skipped, a record spanning frames
    /// (CSV) assembled by the format.
    private mutating func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, at position: LinePosition, from connection: SocketConnection
    ) throws(IngestFailure) {
        if !connection.format.isInsideRecord {
            if Ingester.isBlank(bytes) {
                context.counters.blankLines += 1
                return
            }
            connection.recordStart = position
        }
        connection.envelope.begin(&line, at: connection.recordStart, now: io.now)
        let dataStart = line.count
        switch connection.format.decode(bytes, at: position, into: &line) {
        case .record:
            connection.envelope.end(&line)
            try emitRecord()
        case .records(let ends):
            try emitRecords(endingAt: ends, dataStart: dataStart, envelope: connection.envelope)
        case .incomplete:
            if connection.pendingLines.count < plan.options.maxLineBytes {
                connection.pendingLines.append(contentsOf: bytes)
                connection.pendingLines.append(0x0A)
            }
            return
        case .skip:
            break
        case .invalid(let reason, let detail):
            connection.pendingLines.append(contentsOf: bytes)
            try deadLetter(
                reason, detail, at: connection.reference(at: connection.recordStart), input: connection.pendingLines)
        }
        connection.pendingLines.removeAll(keepingCapacity: true)
    }

    /// A record spanning frames that cannot continue (an over-long frame next, or the end of the connection).
    private mutating func finishRecord(of connection: SocketConnection) throws(IngestFailure) {
        guard connection.format.isInsideRecord else { return }
        defer { connection.pendingLines.removeAll(keepingCapacity: true) }
        connection.envelope.begin(&line, at: connection.recordStart, now: io.now)
        switch connection.format.finish(into: &line) {
        case .record:
            connection.envelope.end(&line)
            try emitRecord()
        case .invalid(let reason, let detail):
            if connection.pendingLines.last == 0x0A { connection.pendingLines.removeLast() }
            try deadLetter(
                reason, detail, at: connection.reference(at: connection.recordStart), input: connection.pendingLines)
        default:
            break
        }
    }

    /// Writes what the connection still holds (a frame without its end is a dead letter) and closes it.
    private mutating func closeConnection(_ connection: SocketConnection, because cause: String) throws(IngestFailure) {
        try decodeFrames(of: connection)
        try finishRecord(of: connection)
        if let rest = connection.splitter.remainder() {
            if rest.isTooLong {
                try deadLetter(
                    .lineTooLong,
                    "line of at least \(rest.length) bytes is over the limit of \(plan.options.maxLineBytes) bytes; "
                        + "\(cause) before its end",
                    at: connection.reference(at: rest.position), input: rest.bytes, inputLength: rest.length)
            } else {
                try deadLetter(
                    .incompleteLine, "\(cause) after \(rest.length) bytes of a frame, before its end (no newline)",
                    at: connection.reference(at: rest.position), input: rest.bytes)
            }
        }
        listenerSet?.remove(connection)
    }
}
