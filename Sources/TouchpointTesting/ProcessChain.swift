import Foundation

/// Real processes connected by pipes, as a shell pipeline would start them (`a | b | c >> output 2>> log`), without
/// a shell: the first reads /dev/null (or a pipe the test writes to), the last appends to a file, all append their
/// stderr to one log.
package final class ProcessChain: @unchecked Sendable {
    package let processes: [Process]
    /// The first stage's stdin, when the chain was started with `isInputPiped`: write, then close for end of input.
    package let input: FileHandle?

    /// Starts `commands` (each an executable and its arguments) in `directory`.
    package init(
        _ commands: [(executable: URL, arguments: [String])], directory: URL, output: String, log: String,
        isInputPiped: Bool = false
    ) throws {
        let outputHandle = try Self.appending(output)
        let logHandle = try Self.appending(log)
        let pipes = commands.dropFirst().map { _ in Pipe() }
        let inputPipe = isInputPiped ? Pipe() : nil
        var processes: [Process] = []
        for (index, command) in commands.enumerated() {
            let process = Process()
            process.executableURL = command.executable
            process.arguments = command.arguments
            process.currentDirectoryURL = directory
            process.standardInput = index == 0 ? (inputPipe ?? FileHandle.nullDevice) : pipes[index - 1]
            process.standardOutput = index == commands.count - 1 ? outputHandle : pipes[index]
            process.standardError = logHandle
            try process.run()
            processes.append(process)
        }
        // Our copies of the pipe ends would keep every reader from ever seeing end of input.
        for pipe in pipes {
            try? pipe.fileHandleForReading.close()
            try? pipe.fileHandleForWriting.close()
        }
        try? inputPipe?.fileHandleForReading.close()
        try? outputHandle.close()
        try? logHandle.close()
        self.processes = processes
        input = inputPipe?.fileHandleForWriting
    }

    package var isRunning: Bool { processes.contains { $0.isRunning } }

    /// Sends `signal` to stage `index`.
    package func signal(_ signal: Int32, stage index: Int) {
        kill(processes[index].processIdentifier, signal)
    }

    /// Waits for every stage; returns their exit statuses (128 + n for a signal, as a shell reports it).
    @discardableResult
    package func wait() -> [Int32] {
        processes.map { process in
            process.waitUntilExit()
            return process.terminationReason == .uncaughtSignal
                ? 128 + process.terminationStatus : process.terminationStatus
        }
    }

    private static func appending(_ path: String) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
