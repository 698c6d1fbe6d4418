import Glibc
import TouchpointCore
import TouchpointJSON

/// Runs one chain of processes to the end: relays their stderr line by line, forwards stop requests, reaps them.
///
/// One thread, one `poll(2)` loop over every child's stderr pipe, the captured output (if any) and the signal
/// inbox. Each read from a stage's stderr becomes one write of whole lines in the log format (`SupervisorLog`), and
/// this loop is the log's only writer, so lines of different stages never mix mid-line. The loop ends when every child has been reaped. A stop request (SIGTERM, SIGINT) goes to the
/// first stage only (repeated every second until it has ended, see `nudgeHead`), so the records already in flight
/// drain through the others, each of which sees end of input, finishes and flushes. A second request sends SIGTERM
/// to every stage, a third SIGKILL (the contract promises that a kill loses nothing that was committed).
package struct Supervisor {
    /// Where the last stage's stdout goes.
    package enum Output {
        /// The last stage writes to this descriptor directly.
        case descriptor(Int32)
        /// The supervisor copies the last stage's output into this sink (the demo, tests).
        case sink(any ByteSink)
    }

    package let specs: [ProcessSpec]
    /// The first stage's stdin.
    package var input: Int32 = STDIN_FILENO
    package var output: Output = .descriptor(STDOUT_FILENO)
    /// Where relayed stage diagnostics and the supervisor's own go (stderr in production), and in which format.
    package var log: SupervisorLog
    /// Called with every stderr line of stage `index` (without the prefix or newline) before it is relayed.
    package var observeStageLine: ((_ index: Int, _ line: UnsafeRawBufferPointer) -> Void)?
    /// Stop requests and child exits; nil in tests that post nothing (children are then found by end of stderr).
    package var inbox: SignalInbox?
    /// Put the children in their own process group (see `Spawner.startChain`).
    package var usesOwnProcessGroup = false
    /// When a stage fails, stop the others at once (SIGTERM) instead of letting the chain drain: the pipeline is
    /// about to be restarted from its last committed barrier, and a followed source would otherwise notice the dead
    /// stage only at its next write.
    package var stopsChainOnFailure = false
    /// systemd's notification socket, when run as a `Type=notify` service.
    package var notifier: SystemdNotifier?
    /// Seconds from the first stop request until every stage still running is killed (`--stop-timeout`): a stop
    /// ends in bounded time even when a stage hangs, and the barriers make the kill safe.
    package var stopTimeout: Double = 30
    /// Where the status and metrics files go (`--status-dir`), rewritten every `StatusReport.interval` seconds.
    package var statusReport: StatusReport?

    /// The longest stderr line relayed whole; a longer one is cut, and says so (`LineAssembler.OverlongLines.cut`).
    package static let maxLogLineBytes = 64 << 10

    package init(specs: [ProcessSpec], log: SupervisorLog) {
        self.specs = specs
        self.log = log
    }

    /// Starts the chain and supervises it until every child has been reaped.
    ///
    /// Throws only when the chain cannot be started; a stage that fails is in the returned status (and reported
    /// on `log` as it happens).
    package func run() throws(StageFailure) -> PipelineStatus {
        let spawnOutput: Spawner.Output
        switch output {
        case .descriptor(let descriptor): spawnOutput = .descriptor(descriptor)
        case .sink: spawnOutput = .capture
        }
        let chain = try Spawner.startChain(
            specs, input: input, output: spawnOutput, usesOwnProcessGroup: usesOwnProcessGroup)
        notifier?.send("READY=1\nSTATUS=running \(specs.count) stages")
        var loop = SupervisorLoop(supervisor: self, chain: chain)
        loop.run()
        statusReport?.write(loop.status, diagnostics: loop.diagnostics)
        return loop.status
    }
}

/// The formatted lines of one read from a stage's stderr, gathered for a single write; status lines are kept apart
/// (they are for `touchpoint status`, not the log).
private struct LineRelay {
    let formatter: LogLineFormatter
    let origin: LogLineFormatter.Origin
    /// When the read happened: every line of it is stamped with this.
    let time: Timestamp
    let stage: Int
    let observer: ((Int, UnsafeRawBufferPointer) -> Void)?
    /// `ingest: status: `, the start of the stage's status lines.
    let statusMarker: [UInt8]
    /// `ingest: note: counts: `, the start of its closing counts.
    let countsMarker: [UInt8]
    var bytes: [UInt8] = []
    var lineCount = 0
    var statusLines: [String] = []

    mutating func add(_ line: UnsafeRawBufferPointer) {
        if line.starts(with: statusMarker) {
            statusLines.append(String(decoding: line, as: UTF8.self))
            return
        }
        // The closing counts are the stage's last word on its figures: the status keeps them too.
        if line.starts(with: countsMarker) { statusLines.append(String(decoding: line, as: UTF8.self)) }
        observer?(stage, line)
        formatter.append(line, from: origin, at: time, to: &bytes)
        lineCount += 1
    }
}

/// The mutable state of one `Supervisor.run`.
private struct SupervisorLoop {
    private enum Role: Equatable {
        case standardError(stage: Int)
        case output
        case inbox
    }

    let supervisor: Supervisor
    let chain: SpawnedChain
    let diagnostics: Diagnostics
    var status: PipelineStatus
    private var watched: [(descriptor: Int32, role: Role)] = []
    private var assemblers: [LineAssembler]
    /// Each stage's label, program name and pid, as its log lines name them.
    private let origins: [LogLineFormatter.Origin]
    private var outputSink: (any ByteSink)?
    /// Set by the first stop request while stage 1 runs; see `nudgeHead`.
    private var isNudgingHead = false
    private var nextWatchdogPing = 0.0
    private var nextStatusWrite = 0.0
    private var nextStatusRequest = 0.0
    /// When the first stop request's time is up (`Supervisor.stopTimeout`).
    private var stopDeadline: Double?
    private var hasKilledAfterTimeout = false

    init(supervisor: Supervisor, chain: SpawnedChain) {
        self.supervisor = supervisor
        self.chain = chain
        diagnostics = Diagnostics(program: "touchpoint", sink: supervisor.log)
        status = PipelineStatus(
            stages: chain.children.map { PipelineStatus.Stage(label: $0.spec.label, pid: $0.pid) })
        assemblers = chain.children.map { _ in
            LineAssembler(maxLineBytes: Supervisor.maxLogLineBytes, overlongLines: .cut)
        }
        origins = chain.children.map {
            LogLineFormatter.Origin(label: $0.spec.label, program: Self.programName(of: $0.spec), pid: $0.pid)
        }
        watched = chain.children.enumerated().map { ($0.element.standardError, .standardError(stage: $0.offset)) }
        if let captured = chain.capturedOutput, case .sink(let sink) = supervisor.output {
            watched.append((captured, .output))
            outputSink = sink
        }
        if let inbox = supervisor.inbox { watched.append((inbox.readDescriptor, .inbox)) }
    }

    mutating func run() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        // Until every pipe is at its end: a stage is done when its stderr closes, and the captured output must be
        // drained all along, or the last stage would block on a full pipe and never exit.
        while watched.contains(where: { $0.role != .inbox }) {
            var pollDescriptors = watched.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
            killIfStopIsOverdue()
            let timeout =
                [isNudgingHead ? 1000 : nil, pingWatchdogIfDue(), millisecondsUntilStopDeadline(), writeStatusIfDue()]
                .compactMap { $0 }.min() ?? -1
            let ready = poll(&pollDescriptors, nfds_t(pollDescriptors.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                diagnostics.error("poll: \(String(cString: strerror(errno)))")
                break
            }
            if ready == 0 { nudgeHead() }
            let readyEntries = zip(watched, pollDescriptors).filter { $0.1.revents != 0 }.map(\.0)
            for entry in readyEntries {
                switch entry.role {
                case .inbox: handle(supervisor.inbox?.drain() ?? [])
                case .standardError(let stage): readStandardError(of: stage, from: entry.descriptor, buffer: buffer)
                case .output: readOutput(from: entry.descriptor, buffer: buffer)
                }
            }
        }
        for descriptor in watched.map(\.descriptor) where descriptor != supervisor.inbox?.readDescriptor {
            close(descriptor)
        }
        watched.removeAll()
        reapAll()
    }

    // MARK: - Pipes

    private mutating func readStandardError(
        of stage: Int, from descriptor: Int32, buffer: UnsafeMutableRawBufferPointer
    ) {
        let count = read(descriptor, buffer.baseAddress, buffer.count)
        if count < 0 && (errno == EINTR || errno == EAGAIN) { return }
        let program = Self.programName(of: chain.children[stage].spec)
        var relay = LineRelay(
            formatter: supervisor.log.formatter, origin: origins[stage], time: ProcessClock.now(), stage: stage,
            observer: supervisor.observeStageLine, statusMarker: Array("\(program): status: ".utf8),
            countsMarker: Array("\(program): note: counts: ".utf8))
        if count > 0 {
            assemblers[stage].append(UnsafeRawBufferPointer(rebasing: buffer[..<count])) { relay.add($0) }
        } else {
            assemblers[stage].finish { relay.add($0) }
            stopWatching(descriptor)
        }
        status.stages[stage].diagnosticLines += relay.lineCount
        let now = ProcessClock.monotonicSeconds()
        for line in relay.statusLines {
            let previous = status.stages[stage].progress
            if let progress = StageProgress(line, program: program, receivedAt: now, previous: previous) {
                status.stages[stage].progress = progress
            }
        }
        // One write per read: whole lines only, never a piece of one, whatever else is written to the log.
        relay.bytes.withUnsafeBytes { try? supervisor.log.destination.write($0) }
        if count <= 0 { reap(stage, isBlocking: false) }
    }

    /// The name a stage writes its diagnostics under: its argv[0] without the folder (`normalize`).
    private static func programName(of spec: ProcessSpec) -> String {
        let first = spec.arguments.first ?? ""
        return String(first.split(separator: "/").last ?? Substring(first))
    }

    private mutating func readOutput(from descriptor: Int32, buffer: UnsafeMutableRawBufferPointer) {
        let count = read(descriptor, buffer.baseAddress, buffer.count)
        if count < 0 && (errno == EINTR || errno == EAGAIN) { return }
        guard count > 0, let outputSink else {
            stopWatching(descriptor)
            return
        }
        do {
            try outputSink.write(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        } catch .downstreamClosed {
            // Our reader left: closing the pipe gives the last stage EPIPE, which ends the chain quietly from the tail.
            stopWatching(descriptor)
        } catch {
            status.outputFailure = error.description
            diagnostics.error("output: \(error)")
            stopWatching(descriptor)
        }
    }

    private mutating func stopWatching(_ descriptor: Int32) {
        close(descriptor)
        watched.removeAll { $0.descriptor == descriptor }
    }

    // MARK: - Signals and children

    private mutating func handle(_ signals: [Int32]) {
        for signal in signals {
            if signal == SIGCHLD {
                for stage in status.stages.indices { reap(stage, isBlocking: false) }
            } else if signal == SIGHUP {
                // Reload, not stop: every stage reads its rules or mappings again at its next barrier.
                let running = status.stages.filter { $0.termination == nil }
                for stage in running { kill(stage.pid, SIGHUP) }
                diagnostics.note(
                    "SIGHUP: asking \(running.count) stage\(running.count == 1 ? "" : "s") to read their configuration again"
                )
            } else {
                status.stopRequestCount += 1
                requestStop(number: status.stopRequestCount, signal: signal)
            }
        }
    }

    /// Sends `WATCHDOG=1` when half of systemd's watchdog interval has passed since the last ping; returns the
    /// milliseconds until the next one is due (nil without a watchdog), for poll's timeout.
    private mutating func pingWatchdogIfDue() -> Int32? {
        guard let notifier = supervisor.notifier, let interval = notifier.watchdogInterval else { return nil }
        let now = ProcessClock.monotonicSeconds()
        if now >= nextWatchdogPing {
            notifier.send("WATCHDOG=1")
            nextWatchdogPing = now + interval
        }
        return Int32(max(1, (nextWatchdogPing - now) * 1000))
    }

    /// Rewrites the status files when their interval has passed; the milliseconds until the next time.
    private mutating func writeStatusIfDue() -> Int32? {
        guard let report = supervisor.statusReport else { return nil }
        let now = ProcessClock.monotonicSeconds()
        if now >= nextStatusRequest {
            // Each stage answers with a status line on its stderr, read in by the time the file is written next.
            for stage in status.stages where stage.termination == nil { kill(stage.pid, SIGUSR1) }
            nextStatusRequest = now + StatusReport.requestInterval
        }
        if now >= nextStatusWrite {
            report.write(status, diagnostics: diagnostics)
            nextStatusWrite = now + StatusReport.interval
        }
        return Int32(max(1, (min(nextStatusWrite, nextStatusRequest) - now) * 1000))
    }

    private func millisecondsUntilStopDeadline() -> Int32? {
        guard let stopDeadline, !hasKilledAfterTimeout else { return nil }
        return Int32(max(1, (stopDeadline - ProcessClock.monotonicSeconds()) * 1000))
    }

    private mutating func killIfStopIsOverdue() {
        guard let stopDeadline, !hasKilledAfterTimeout, ProcessClock.monotonicSeconds() >= stopDeadline else {
            return
        }
        hasKilledAfterTimeout = true
        let running = status.stages.indices.filter { status.stages[$0].termination == nil }
        guard !running.isEmpty else { return }
        diagnostics.warning(
            "stop: still running after --stop-timeout \(SecondsText.text(supervisor.stopTimeout)); killing "
                + running.map { status.stages[$0].label }.joined(separator: ", ")
                + " (they resume from the last committed barrier)")
        for stage in running { kill(status.stages[stage].pid, SIGKILL) }
    }

    /// Repeats SIGTERM to stage 1 every second until it has ended.
    ///
    /// A stage only sets a flag on SIGTERM and checks it between records; a signal that lands after the check but
    /// before its next blocking read(2) is noticed only when more input arrives, which on a live tail may be never.
    /// Another SIGTERM interrupts that read. Repeating it is harmless: the stage is stopping already.
    private mutating func nudgeHead() {
        guard isNudgingHead, status.stages[0].termination == nil else {
            isNudgingHead = false
            return
        }
        reap(0, isBlocking: false)
        if status.stages[0].termination == nil { kill(status.stages[0].pid, SIGTERM) }
    }

    private mutating func requestStop(number: Int, signal: Int32) {
        let running = status.stages.indices.filter { status.stages[$0].termination == nil }
        let signalName = ChildTermination.name(ofSignal: signal)
        switch number {
        case 1:
            supervisor.notifier?.send("STOPPING=1\nSTATUS=stopping: \(signalName)")
            stopDeadline = ProcessClock.monotonicSeconds() + supervisor.stopTimeout
            guard running.first == 0 else {
                diagnostics.note("\(signalName): the first stage has ended; waiting for the others to drain")
                return
            }
            kill(status.stages[0].pid, SIGTERM)
            isNudgingHead = true
            diagnostics.note("\(signalName): stopping stage 1 (\(status.stages[0].label)); the others drain and finish")
        case 2:
            isNudgingHead = false
            for stage in running { kill(status.stages[stage].pid, SIGTERM) }
            diagnostics.note("\(signalName) again: stopping every stage")
        default:
            for stage in running { kill(status.stages[stage].pid, SIGKILL) }
            diagnostics.note("\(signalName) a third time: killing every stage")
        }
    }

    /// Collects stage `index`'s exit if it has one (or waits for it), and reports a failure at once.
    private mutating func reap(_ index: Int, isBlocking: Bool) {
        guard status.stages[index].termination == nil else { return }
        var waitStatus: Int32 = 0
        while true {
            let result = waitpid(status.stages[index].pid, &waitStatus, isBlocking ? 0 : WNOHANG)
            if result == status.stages[index].pid { break }
            if result < 0 && errno == EINTR {
                handle(supervisor.inbox?.drain() ?? [])
                if status.stages[index].termination != nil { return }
                continue
            }
            if result < 0 {
                diagnostics.error("waitpid \(status.stages[index].pid): \(String(cString: strerror(errno)))")
                status.stages[index].termination = .unknown
            }
            return
        }
        let termination = ChildTermination(waitStatus: waitStatus)
        status.stages[index].termination = termination
        if !termination.isSuccess {
            diagnostics.error("stage \(index + 1) (\(status.stages[index].label)) \(termination)")
            if supervisor.stopsChainOnFailure && status.stopRequestCount == 0 && !status.isStoppingAfterFailure {
                status.isStoppingAfterFailure = true
                for stage in status.stages.indices where status.stages[stage].termination == nil {
                    kill(status.stages[stage].pid, SIGTERM)
                }
            }
        }
    }

    private mutating func reapAll() {
        for stage in status.stages.indices { reap(stage, isBlocking: true) }
    }
}
