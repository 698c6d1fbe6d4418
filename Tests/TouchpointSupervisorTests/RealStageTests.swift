import Foundation
import Glibc
import Testing
import TouchpointCore
import TouchpointTesting

@testable import TouchpointSupervisor

/// The supervisor with the real binaries that `swift test` builds next to the test bundle
/// (`Bundle.main.bundleURL`): the demo end to end, and the `touchpoint` executable's own signal handling.
struct RealStageTests {
    /// Where SwiftPM put the executables of this build.
    static let binaryDirectory = Bundle.main.bundleURL.path

    @Test func theDemoPrintsTheSameBytesTwice() throws {
        let first = touchpoint(["demo", "--bin", Self.binaryDirectory])
        let second = touchpoint(["demo", "--bin", Self.binaryDirectory])
        try #require(first.status == .success, "stderr:\n\(first.errors.suffix(2000))")
        #expect(first.output == second.output)
        #expect(first.output.hasPrefix("Touchpoint demo: pipelines/demo.pipeline\n"))
        #expect(first.output.contains("\nSummary\n"))
        #expect(!first.output.contains("records in        unknown"))
        for stage in StageExecutable.names {
            #expect(first.errors.contains("Z \(stage): note: counts: "), "no count note from \(stage)")
        }
    }

    /// The demo says where its report is, and the page is the one `touchpoint report` makes of the demo's output.
    @Test func theDemoWritesTheReportOfItsOwnOutputAndSaysWhere() throws {
        let directory = try TemporaryDirectory()
        let output = directory.path + "/demo.ndjson"
        let page = directory.path + "/page.html"
        let demo = touchpoint(["demo", "--bin", Self.binaryDirectory, "--output", output, "--report", page])
        try #require(demo.status == .success, "\(demo.errors.suffix(2000))")
        #expect(demo.output.hasSuffix("\nReport: \(page) (open it in a browser; docs/stages/report.md)\n"))
        let again = touchpoint(["report", output, "--output", directory.path + "/again.html"])
        #expect(again.status == .success, "\(again.errors)")
        let written = try #require(directory.bytes("page.html"))
        #expect(written.count > 10_000)
        #expect(written == directory.bytes("again.html"))
    }

    @Test func sigtermToTheExecutableStopsTheHeadAndTheRestDrain() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pipeline = try directory.write("main.pipeline", "resolve-identity\nscore\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binaryDirectory + "/touchpoint")
        process.arguments = ["run", pipeline]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // A kind no stage owns passes straight through; once it is out, every stage is running.
        input.fileHandleForWriting.write(Data(#"{"kind":"probe"}"#.utf8 + [0x0A]))
        let probe = try readLine(from: output.fileHandleForReading.fileDescriptor, deadlineSeconds: 60)
        #expect(probe == #"{"kind":"probe"}"#)
        process.terminate()
        let note = "touchpoint: note: SIGTERM: stopping stage 1 (resolve-identity); the others drain and finish"
        var stderrText = ""
        do {
            let errorDescriptor = errors.fileHandleForReading.fileDescriptor
            var line = ""
            while !line.hasSuffix("Z " + note) {
                line = try readLine(from: errorDescriptor, deadlineSeconds: 60)
                stderrText += line + "\n"
            }
            stderrText += try readToEnd(from: errorDescriptor, deadlineSeconds: 60)
        } catch {
            kill(process.processIdentifier, SIGKILL)
            throw error
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0, "stderr:\n\(stderrText)")
        #expect(stderrText.contains("Z score: note: counts: in=1 "))
    }

    /// Under systemd, stderr is the journal stream JOURNAL_STREAM names (device:inode): every line then carries its
    /// syslog priority and no timestamp (the journal keeps its own). The same variable naming another file (a
    /// child of a unit writing elsewhere) changes nothing.
    @Test(arguments: [true, false])
    func underTheJournalLinesCarryTheirPriorityInsteadOfATimestamp(isStderrTheJournal: Bool) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pipeline = try directory.write("main.pipeline", "resolve-identity\nscore --bogus\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binaryDirectory + "/touchpoint")
        process.arguments = ["run", pipeline]
        let errors = Pipe()
        let elsewhere = Pipe()
        var status = stat()
        let named = isStderrTheJournal ? errors : elsewhere
        try #require(fstat(named.fileHandleForWriting.fileDescriptor, &status) == 0)
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"], uniquingKeysWith: { $1 })
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = errors
        try process.run()
        try errors.fileHandleForWriting.close()
        let text = try readToEnd(from: errors.fileHandleForReading.fileDescriptor, deadlineSeconds: 60)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(text)")
        let expected = [
            "<3>score: error: --bogus: ", "<3>touchpoint: error: stage 2 (score) exited with status 2",
            "<6>resolve-identity: note: counts: in=0 ",
        ]
        let lines = text.split(separator: "\n").map(String.init)
        if isStderrTheJournal {
            #expect(lines.allSatisfy { $0.hasPrefix("<") }, "\(text)")
            for start in expected { #expect(lines.contains { $0.hasPrefix(start) }, "\(start) in \(text)") }
        } else {
            #expect(lines.allSatisfy { Timestamp(parsing: String($0.prefix(24))) != nil }, "\(text)")
            for start in expected {
                let untimed = "Z " + start.dropFirst(3)
                #expect(lines.contains { $0.contains(untimed) }, "\(untimed) in \(text)")
            }
        }
    }

    /// Reads `descriptor` to its end, failing if it stays silent past the deadline instead of hanging.
    private func readToEnd(from descriptor: Int32, deadlineSeconds: Int32) throws -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pollDescriptor, 1, deadlineSeconds * 1000) > 0 else {
                throw StageFailure("stderr still open after \(deadlineSeconds) s")
            }
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { return String(decoding: bytes, as: UTF8.self) }
            bytes += chunk[..<count]
        }
    }

    /// Reads one line from `descriptor`, failing after the deadline instead of hanging.
    private func readLine(from descriptor: Int32, deadlineSeconds: Int32) throws -> String {
        var bytes: [UInt8] = []
        while !bytes.contains(0x0A) {
            var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pollDescriptor, 1, deadlineSeconds * 1000) > 0 else {
                throw StageFailure("no line within \(deadlineSeconds) s")
            }
            var byte: UInt8 = 0
            guard read(descriptor, &byte, 1) == 1 else { throw StageFailure("end of output before a line") }
            bytes.append(byte)
        }
        return String(decoding: bytes.dropLast(), as: UTF8.self)
    }
}
