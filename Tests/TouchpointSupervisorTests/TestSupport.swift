import Foundation
import Glibc
import Testing
import TouchpointCore
import TouchpointJSON

@testable import TouchpointSupervisor

/// A child that runs a `/bin/sh` script: test children only; the command line never runs a shell.
func shell(_ label: String, _ script: String, in directory: String = "/") -> ProcessSpec {
    ProcessSpec(label: label, executablePath: "/bin/sh", arguments: ["sh", "-c", script], workingDirectory: directory)
}

/// What a supervised run left behind.
struct SupervisedRun {
    let status: PipelineStatus
    let output: String
    let log: String

    var terminations: [ChildTermination?] { status.stages.map(\.termination) }
    /// The log's lines without their timestamps (see `untimedLines`).
    var logLines: [String] { untimedLines(log) }
}

/// The lines of a text-format log with each line's leading `2026-12-03T08:30:00.123Z ` taken off. A line without
/// a well-formed timestamp is kept whole behind `NO TIMESTAMP: `, so a comparison with the expected text fails on it.
func untimedLines(_ log: String) -> [String] {
    log.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
        let stamp = line.prefix(24)
        guard line.count > 25, stamp.last == "Z", line.dropFirst(24).first == " ",
            Timestamp(parsing: String(stamp))?.description == String(stamp)
        else { return "NO TIMESTAMP: " + line }
        return String(line.dropFirst(25))
    }
}

/// Runs `specs` reading `input` (default /dev/null), capturing the output and the log in memory.
func supervise(
    _ specs: [ProcessSpec], input: Int32? = nil, inbox: SignalInbox? = nil, stopTimeout: Double = 30,
    logFormat: LogFormat = .text, observe: ((Int, UnsafeRawBufferPointer) -> Void)? = nil
) throws -> SupervisedRun {
    let output = MemorySink()
    let log = MemorySink()
    var supervisor = Supervisor(specs: specs, log: SupervisorLog(format: logFormat, destination: log))
    let nullDevice = open("/dev/null", O_RDONLY | O_CLOEXEC)
    defer { close(nullDevice) }
    supervisor.input = input ?? nullDevice
    supervisor.output = .sink(output)
    supervisor.inbox = inbox
    supervisor.observeStageLine = observe
    supervisor.usesOwnProcessGroup = true
    supervisor.stopTimeout = stopTimeout
    let status = try supervisor.run()
    return SupervisedRun(status: status, output: output.text, log: log.text)
}

/// Runs the `touchpoint` command in-process with memory output; stdin is /dev/null.
func touchpoint(_ arguments: [String], inbox: SignalInbox? = nil) -> (
    status: TouchpointCore.ExitStatus, output: String, errors: String
) {
    let memory = StageIO.memory(input: "")
    let status = TouchpointCommand.run(["touchpoint"] + arguments, io: memory.io, inbox: inbox)
    return (status, memory.output.text, memory.errors.text)
}
