import Glibc
import TouchpointJSON

/// Everything a stage touches outside itself. Executables pass `.standard`; tests and benchmarks pass memory.
///
/// Stage libraries never read stdin, the clock or signals directly (docs/ARCHITECTURE.md), so the same code runs
/// as a process, in-process in a test, and in the benchmark.
package struct StageIO {
    package var input: any ByteSource
    package var output: any ByteSink
    /// Diagnostics, and dead letters unless `--dead-letters` names a file.
    package var errors: any ByteSink
    /// Whether SIGTERM/SIGINT asked the process to stop; checked between records.
    package var isStopRequested: () -> Bool
    /// The wall clock. Only ingest reads it, to stamp `received` when no fixed time is given.
    package var now: () -> Timestamp
    /// The working directory relative paths are resolved against (the supervisor's pipeline directory).
    package var workingDirectory: String?
    /// A descriptor that becomes readable when a stop is requested (the self-pipe of `ProcessLifecycle`), for a
    /// stage that waits on something other than its input (ingest `--follow` waits for files to change).
    package var wakeDescriptor: Int32?
    /// Whether a status line was asked for since the last call (SIGUSR1; never, in memory).
    package var takeStatusRequest: () -> Bool = { false }
    /// Whether a reload of rules or mappings was asked for since the last call (SIGHUP; never, in memory).
    package var takeReloadRequest: () -> Bool = { false }

    package init(
        input: any ByteSource, output: any ByteSink, errors: any ByteSink,
        isStopRequested: @escaping () -> Bool = { false },
        now: @escaping () -> Timestamp = { Timestamp(milliseconds: 0) }, workingDirectory: String? = nil,
        wakeDescriptor: Int32? = nil, takeStatusRequest: @escaping () -> Bool = { false },
        takeReloadRequest: @escaping () -> Bool = { false }
    ) {
        self.takeStatusRequest = takeStatusRequest
        self.takeReloadRequest = takeReloadRequest
        self.input = input
        self.output = output
        self.errors = errors
        self.isStopRequested = isStopRequested
        self.now = now
        self.workingDirectory = workingDirectory
        self.wakeDescriptor = wakeDescriptor
    }

    /// `path` as the stage opens it: relative paths are relative to `workingDirectory` when one is set (the one path
    /// resolver every flag and config file goes through).
    package func resolvedPath(_ path: String) -> String {
        guard let workingDirectory, !path.hasPrefix("/") else { return path }
        return workingDirectory + "/" + path
    }

    /// Waits `milliseconds` (a retry's backoff) unless a stop is requested first; false when one was. The wait is
    /// on the wake-up descriptor, so SIGTERM ends it at once instead of after the backoff.
    package func pause(milliseconds: Int64) -> Bool {
        let deadline = ProcessClock.monotonicMilliseconds() + milliseconds
        while !isStopRequested() {
            let remaining = deadline - ProcessClock.monotonicMilliseconds()
            guard remaining > 0 else { return true }
            var descriptor = pollfd(fd: wakeDescriptor ?? -1, events: Int16(POLLIN), revents: 0)
            // A negative descriptor is skipped by poll(2): then this is a plain sleep.
            _ = poll(&descriptor, 1, Int32(min(remaining, 1000)))
        }
        return false
    }

    /// stdin, stdout, stderr, the process's stop flag and the system clock.
    package static var standard: StageIO {
        StageIO(
            input: FileDescriptorSource(descriptor: STDIN_FILENO, wakeDescriptor: ProcessLifecycle.wakeDescriptor),
            output: FileDescriptorSink(descriptor: STDOUT_FILENO),
            errors: FileDescriptorSink(descriptor: STDERR_FILENO),
            isStopRequested: { ProcessLifecycle.isStopRequested },
            now: ProcessClock.now, wakeDescriptor: ProcessLifecycle.wakeDescriptor,
            takeStatusRequest: ProcessLifecycle.takeStatusRequest,
            takeReloadRequest: ProcessLifecycle.takeReloadRequest)
    }

    /// In-memory input and output, for tests: read what the stage wrote from the returned sinks.
    package static func memory(input: String, chunkSize: Int = .max) -> (
        io: StageIO, output: MemorySink, errors: MemorySink
    ) {
        let output = MemorySink()
        let errors = MemorySink()
        return (
            StageIO(input: MemorySource(input, chunkSize: chunkSize), output: output, errors: errors), output, errors
        )
    }
}
