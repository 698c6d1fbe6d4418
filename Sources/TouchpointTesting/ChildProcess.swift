import Foundation

/// A real child process for tests: argv without a shell, stdin bytes or a live pipe, stdout and stderr drained
/// concurrently (so a chatty child never blocks on a full pipe), and deadlines instead of sleeps.
package final class ChildProcess: @unchecked Sendable {
    package let process = Process()
    private let standardInput = Pipe()
    private let standardOutput = Pipe()
    private let standardError = Pipe()
    private let lock = NSLock()
    private var outputBytes: [UInt8] = []
    private var errorBytes: [UInt8] = []
    private let drained = DispatchGroup()

    /// Starts `executable` with `arguments`; the child's working directory is `directory` when given. With
    /// `isInputNull`, stdin is /dev/null (as under systemd or cron) instead of a pipe.
    package init(_ executable: URL, _ arguments: [String], directory: URL? = nil, isInputNull: Bool = false) throws {
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = isInputNull ? FileHandle.nullDevice : standardInput
        process.standardOutput = standardOutput
        process.standardError = standardError
        drain(standardOutput.fileHandleForReading) { [unowned self] in outputBytes.append(contentsOf: $0) }
        drain(standardError.fileHandleForReading) { [unowned self] in errorBytes.append(contentsOf: $0) }
        try process.run()
    }

    private func drain(_ handle: FileHandle, into append: @escaping @Sendable ([UInt8]) -> Void) {
        drained.enter()
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock()
                append([UInt8](chunk))
                lock.unlock()
            }
            drained.leave()
        }
    }

    /// Writes to the child's stdin, keeping it open.
    package func write(_ text: String) throws {
        try standardInput.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    package func write(bytes: [UInt8]) throws {
        try standardInput.fileHandleForWriting.write(contentsOf: Data(bytes))
    }

    /// Closes the child's stdin: end of input.
    package func closeInput() throws {
        try standardInput.fileHandleForWriting.close()
    }

    /// Closes our end of the child's stdout, so its next write gets EPIPE.
    package func closeOutput() throws {
        try standardOutput.fileHandleForReading.close()
    }

    package var output: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: outputBytes, as: UTF8.self)
    }

    package var errors: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: errorBytes, as: UTF8.self)
    }

    /// Polls `condition` every 5 ms until it holds or `seconds` pass; true if it held.
    package func waitUntil(seconds: Double = 20, _ condition: (ChildProcess) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            usleep(5_000)
        }
        return condition(self)
    }

    /// Waits for exit (killing the child after `seconds`) and for both output pipes to drain.
    @discardableResult
    package func finish(seconds: Double = 60) -> (status: Int32, reason: Process.TerminationReason) {
        if !waitUntil(seconds: seconds, { !$0.process.isRunning }) { process.terminate() }
        process.waitUntilExit()
        _ = drained.wait(timeout: .now() + seconds)
        return (process.terminationStatus, process.terminationReason)
    }

    package func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Runs to completion with all of `input` on stdin.
    package static func run(
        _ executable: URL, _ arguments: [String], input: [UInt8] = [], directory: URL? = nil
    ) throws -> (status: Int32, output: String, errors: String) {
        let child = try ChildProcess(executable, arguments, directory: directory)
        // Write from another thread: a child that fills its stdout before reading all input must not deadlock us.
        let writer = Thread { [child] in
            try? child.write(bytes: input)
            try? child.closeInput()
        }
        writer.start()
        let (status, _) = child.finish()
        return (status, child.output, child.errors)
    }
}
