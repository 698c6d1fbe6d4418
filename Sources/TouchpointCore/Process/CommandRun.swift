import Glibc

/// One run of a command to its end: bytes on its stdin, what it says kept for a message, and a deadline (alert's
/// `--exec`).
///
/// The command is started with `ProcessSpawn` as the leader of its own process group, with a pipe as stdin and one
/// pipe for its stdout and stderr together: its output must never mix with the stage's records or its one-line
/// diagnostics, so it is read here, the first `keptOutputBytes` kept for the message of a failure and the rest
/// drained. Past the deadline the whole group is killed (SIGKILL), so a script's own children go too. Writing to a
/// command that exits without reading its input is not an error: the exit status decides.
package struct CommandRun {
    /// How the run ended.
    package enum Ending: Equatable, Sendable {
        case terminated(ChildTermination)
        /// Still running at the deadline; killed.
        case timedOut
        /// It could not be started (the message says why).
        case notStarted(String)
    }

    package static let keptOutputBytes = 4096

    package let ending: Ending
    /// The first `keptOutputBytes` of the command's stdout and stderr.
    package let output: [UInt8]

    /// Whether the command exited with status 0.
    package var isSuccess: Bool { ending == .terminated(.exited(status: 0)) }

    /// `exited with status 3: "no route to host"`, for a diagnostic line.
    package var description: String {
        var text: String
        switch ending {
        case .terminated(let termination): text = termination.description
        case .timedOut: text = "still running at the timeout; killed"
        case .notStarted(let message): return message
        }
        let firstLine = output.split(separator: 0x0A, omittingEmptySubsequences: true).first.map {
            String(decoding: $0.prefix(200), as: UTF8.self)
        }
        if let firstLine, !firstLine.isEmpty { text += ": \"\(firstLine)\"" }
        return text
    }

    /// Runs `request` (its descriptors are set here) with `input` on stdin, for at most `timeoutMilliseconds`.
    package static func run(
        _ request: ProcessSpawn.Request, input: [UInt8], timeoutMilliseconds: Int64
    ) -> CommandRun {
        guard let inputPipe = GlibcExtensions.makePipe() else {
            return CommandRun(ending: .notStarted("cannot create a pipe: \(String(cString: strerror(errno)))"))
        }
        guard let outputPipe = GlibcExtensions.makePipe() else {
            close(inputPipe.read)
            close(inputPipe.write)
            return CommandRun(ending: .notStarted("cannot create a pipe: \(String(cString: strerror(errno)))"))
        }
        var request = request
        request.standardInput = inputPipe.read
        request.standardOutput = outputPipe.write
        request.standardError = outputPipe.write
        request.processGroup = 0
        let pid: pid_t
        do {
            pid = try ProcessSpawn.spawn(request)
        } catch {
            for descriptor in [inputPipe.read, inputPipe.write, outputPipe.read, outputPipe.write] { close(descriptor) }
            return CommandRun(ending: .notStarted(error.message))
        }
        close(inputPipe.read)
        close(outputPipe.write)
        for descriptor in [inputPipe.write, outputPipe.read] {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        var exchange = Exchange(pid: pid, input: input, inputDescriptor: inputPipe.write, output: outputPipe.read)
        let ending = SignalMask.withPipeSignalBlocked {
            exchange.run(until: ProcessClock.monotonicMilliseconds() + max(0, timeoutMilliseconds))
        }
        exchange.closeAll()
        return CommandRun(ending: ending, output: exchange.kept)
    }

    private init(ending: Ending, output: [UInt8] = []) {
        self.ending = ending
        self.output = output
    }
}

/// The conversation with one running command: feed its stdin, drain its output, notice its end or its deadline.
private struct Exchange {
    let pid: pid_t
    let input: [UInt8]
    var written = 0
    var inputDescriptor: Int32
    var outputDescriptor: Int32
    var kept: [UInt8] = []

    init(pid: pid_t, input: [UInt8], inputDescriptor: Int32, output: Int32) {
        self.pid = pid
        self.input = input
        self.inputDescriptor = inputDescriptor
        outputDescriptor = output
        if input.isEmpty { closeInput() }
    }

    mutating func run(until deadline: Int64) -> CommandRun.Ending {
        // How long to wait for its exit once its output is closed: 1 ms at first (it is most likely ending), doubling
        // to 50 ms for one that closed its output and carries on.
        var closedInterval: Int64 = 1
        while true {
            var status: Int32 = 0
            let waited = waitpid(pid, &status, WNOHANG)
            if waited < 0 && errno == ECHILD {
                // Someone else reaped it (SIGCHLD ignored): it ended, how is unknown.
                drainOutput()
                return .terminated(.unknown)
            }
            if waited == pid {
                // What it wrote before it ended is in the pipe (unless a child of its own still holds the pipe
                // open: then what is there now is all we wait for).
                drainOutput()
                return .terminated(ChildTermination(waitStatus: status))
            }
            let remaining = deadline - ProcessClock.monotonicMilliseconds()
            if remaining <= 0 {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                _ = ProcessSpawn.reap(pid)
                return .timedOut
            }
            // Otherwise the pipes wake us, and the exit is checked at least every 50 ms (a child of its own may keep
            // the output open after it ended).
            var interval: Int64 = 50
            if outputDescriptor < 0 {
                interval = closedInterval
                closedInterval = min(50, closedInterval * 2)
            }
            waitForPipes(milliseconds: Int32(min(remaining, interval)))
        }
    }

    private mutating func waitForPipes(milliseconds: Int32) {
        var descriptors: [pollfd] = []
        if inputDescriptor >= 0 { descriptors.append(pollfd(fd: inputDescriptor, events: Int16(POLLOUT), revents: 0)) }
        if outputDescriptor >= 0 { descriptors.append(pollfd(fd: outputDescriptor, events: Int16(POLLIN), revents: 0)) }
        guard poll(&descriptors, nfds_t(descriptors.count), milliseconds) > 0 else { return }
        for descriptor in descriptors where descriptor.revents != 0 {
            if descriptor.fd == inputDescriptor { writeInput() } else { drainOutput() }
        }
    }

    private mutating func writeInput() {
        while inputDescriptor >= 0 && written < input.count {
            let count = input.withUnsafeBytes {
                write(inputDescriptor, $0.baseAddress! + written, input.count - written)
            }
            if count > 0 {
                written += count
            } else if count < 0 && errno == EINTR {
                continue
            } else if count < 0 && errno == EAGAIN {
                return
            } else {
                // EPIPE: it does not read its input. Its exit status says whether that is a failure.
                break
            }
        }
        closeInput()
    }

    private mutating func drainOutput() {
        guard outputDescriptor >= 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(outputDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                let room = CommandRun.keptOutputBytes - kept.count
                if room > 0 { kept += chunk[0..<min(room, count)] }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                if count == 0 || errno != EAGAIN {
                    close(outputDescriptor)
                    outputDescriptor = -1
                }
                return
            }
        }
    }

    private mutating func closeInput() {
        guard inputDescriptor >= 0 else { return }
        close(inputDescriptor)
        inputDescriptor = -1
    }

    mutating func closeAll() {
        closeInput()
        if outputDescriptor >= 0 {
            close(outputDescriptor)
            outputDescriptor = -1
        }
    }
}

/// Writing to a pipe whose reader is gone raises SIGPIPE, which kills a process that has not set it to be ignored
/// (an in-process test). While blocked, it is only pending: EPIPE reports the problem, and the pending signal is
/// taken back so it never arrives later. One that was already pending before is left alone.
private enum SignalMask {
    static func withPipeSignalBlocked<Result>(_ body: () -> Result) -> Result {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        var pending = sigset_t()
        sigpending(&pending)
        let wasPending = sigismember(&pending, SIGPIPE) == 1
        let result = body()
        sigpending(&pending)
        if !wasPending && sigismember(&pending, SIGPIPE) == 1 {
            var immediately = timespec()
            _ = sigtimedwait(&pipeSignal, nil, &immediately)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        return result
    }
}
