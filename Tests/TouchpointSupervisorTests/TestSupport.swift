import Foundation
import Glibc
import Testing
import TouchpointCore
import TouchpointJSON

@testable import TouchpointSupervisor

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("touchpoint-supervisor-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = try PathName.absolute(url.path)
    }

    /// Writes `text` to `name` inside the directory, executable when asked; returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String, isExecutable: Bool = false) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: PathName.directory(of: file), withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        if isExecutable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

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
    var logLines: [String] { log.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

/// Runs `specs` reading `input` (default /dev/null), capturing the output and the log in memory.
func supervise(
    _ specs: [ProcessSpec], input: Int32? = nil, inbox: SignalInbox? = nil,
    observe: ((Int, UnsafeRawBufferPointer) -> Void)? = nil
) throws -> SupervisedRun {
    let output = MemorySink()
    let log = MemorySink()
    var supervisor = Supervisor(specs: specs, log: log)
    let nullDevice = open("/dev/null", O_RDONLY | O_CLOEXEC)
    defer { close(nullDevice) }
    supervisor.input = input ?? nullDevice
    supervisor.output = .sink(output)
    supervisor.inbox = inbox
    supervisor.observeStageLine = observe
    supervisor.usesOwnProcessGroup = true
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
