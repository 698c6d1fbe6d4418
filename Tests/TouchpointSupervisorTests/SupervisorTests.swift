import Glibc
import Testing
import TouchpointCore
import TouchpointTesting

@testable import TouchpointSupervisor

/// Real processes through `Supervisor`, with `/bin/sh` and `/bin/cat` children: order, stderr relay, exit statuses,
/// stop requests.
struct SupervisorTests {
    @Test func threeProcessChainKeepsOrderAndPrefixesStderr() throws {
        let run = try supervise([
            shell("first", #"i=1; while [ $i -le 500 ]; do echo "line $i"; i=$((i+1)); done; echo "first: done" >&2"#),
            ProcessSpec(label: "middle", executablePath: "/bin/cat", arguments: ["cat"], workingDirectory: "/"),
            shell("last", #"while read -r l; do echo "3:$l"; done; echo "last: saw the end" >&2"#),
        ])
        #expect(run.output == (1...500).map { "3:line \($0)\n" }.joined())
        #expect(run.logLines.sorted() == ["first: first: done", "last: last: saw the end"])
        #expect(run.terminations == [.exited(status: 0), .exited(status: 0), .exited(status: 0)])
        #expect(run.status.isSuccess)
        #expect(run.status.stages.map(\.diagnosticLines) == [1, 0, 1])
    }

    @Test func stderrLinesFromDifferentStagesNeverMix() throws {
        let writer = { (letter: String) in
            #"line=$(printf '%100s' '' | tr ' ' '\#(letter)'); i=0; while [ $i -lt 2000 ]; do echo "$line" >&2; i=$((i+1)); done; cat"#
        }
        let run = try supervise([shell("a", writer("A")), shell("b", writer("B")), shell("c", writer("C"))])
        let expected = ["A", "B", "C"].map { letter in
            "\(letter.lowercased()): " + String(repeating: letter, count: 100)
        }
        #expect(run.logLines.count == 6000)
        #expect(run.logLines.allSatisfy { expected.contains($0) })
        #expect(expected.allSatisfy { line in run.logLines.count { $0 == line } == 2000 })
    }

    @Test func anUnterminatedLastLineIsRelayedWhole() throws {
        let run = try supervise([shell("x", #"printf 'first\nno newline' >&2"#)])
        #expect(run.logLines == ["x: first", "x: no newline"])
    }

    @Test func aFailingStageIsReportedAndFailsTheRun() throws {
        let run = try supervise([
            shell("first", #"echo a"#),
            shell("middle", #"cat >/dev/null; echo "middle: error: broke" >&2; exit 3"#),
            ProcessSpec(label: "last", executablePath: "/bin/cat", arguments: ["cat"], workingDirectory: "/"),
        ])
        #expect(run.terminations == [.exited(status: 0), .exited(status: 3), .exited(status: 0)])
        #expect(!run.status.isSuccess)
        #expect(run.logLines.contains("middle: middle: error: broke"))
        #expect(run.logLines.contains("touchpoint: error: stage 2 (middle) exited with status 3"))
    }

    @Test func aKilledStageIsReportedWithItsSignal() throws {
        let run = try supervise([shell("victim", "kill -9 $$"), shell("after", "cat")])
        #expect(run.terminations == [.killed(signal: SIGKILL), .exited(status: 0)])
        #expect(run.logLines == ["touchpoint: error: stage 1 (victim) killed by signal 9 (SIGKILL)"])
    }

    @Test func argumentsReachTheChildVerbatimWithoutAShell() throws {
        let arguments = ["echo", "$HOME", "a  b", "*", ";", "`id`", "$(id)", "'q'", "\"", ""]
        let run = try supervise([
            ProcessSpec(label: "echo", executablePath: "/bin/echo", arguments: arguments, workingDirectory: "/")
        ])
        #expect(run.output == arguments.dropFirst().joined(separator: " ") + "\n")
    }

    @Test func everyChildRunsInItsWorkingDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("marker", "found\n")
        let run = try supervise([
            ProcessSpec(label: "pwd", executablePath: "/bin/pwd", arguments: ["pwd"], workingDirectory: directory.path),
            shell("relative", "cat; cat marker", in: directory.path),
        ])
        #expect(run.output == directory.path + "\nfound\n")
        #expect(run.status.isSuccess)
    }

    @Test func noChildHoldsAnotherChildsPipe() throws {
        // If any child inherited a write end of a pipe other than its own stdout, a `cat` downstream would never
        // see end of input and this run would not end.
        let input = try #require(GlibcExtensions.makePipe())
        defer { close(input.read) }
        let cat = { (label: String) in
            ProcessSpec(label: label, executablePath: "/bin/cat", arguments: ["cat"], workingDirectory: "/")
        }
        var line = Array("through four cats\n".utf8)
        _ = write(input.write, &line, line.count)
        close(input.write)
        let run = try supervise([cat("1"), cat("2"), cat("3"), cat("4")], input: input.read)
        #expect(run.output == "through four cats\n")
        #expect(run.status.isSuccess)
    }

    @Test func aStopRequestStopsTheFirstStageAndTheOthersDrain() throws {
        // stdin stays open, so only the forwarded SIGTERM can end the first `cat`.
        let input = try #require(GlibcExtensions.makePipe())
        defer {
            close(input.read)
            close(input.write)
        }
        let inbox = try SignalInbox()
        inbox.post(SIGTERM)
        let run = try supervise(
            [
                ProcessSpec(label: "head", executablePath: "/bin/cat", arguments: ["cat"], workingDirectory: "/"),
                shell("middle", #"cat; echo "middle: saw the end" >&2"#),
                shell("tail", #"cat; echo "tail: saw the end" >&2"#),
            ], input: input.read, inbox: inbox)
        #expect(run.terminations == [.killed(signal: SIGTERM), .exited(status: 0), .exited(status: 0)])
        #expect(run.status.stopRequestCount == 1)
        #expect(
            run.logLines.contains("touchpoint: note: SIGTERM: stopping stage 1 (head); the others drain and finish"))
        #expect(run.logLines.contains("middle: middle: saw the end"))
        #expect(run.logLines.contains("tail: tail: saw the end"))
    }

    @Test func aThirdStopRequestKillsStagesThatIgnoreTheFirstTwo() throws {
        let input = try #require(GlibcExtensions.makePipe())
        defer {
            close(input.read)
            close(input.write)
        }
        let inbox = try SignalInbox()
        var readyCount = 0
        let stubborn = { (label: String) in shell(label, #"trap '' TERM; echo ready >&2; exec cat"#) }
        let run = try supervise([stubborn("1"), stubborn("2"), stubborn("3")], input: input.read, inbox: inbox) {
            _, line in
            // Once every stage ignores SIGTERM, ask three times.
            guard String(decoding: line, as: UTF8.self) == "ready" else { return }
            readyCount += 1
            if readyCount == 3 { for _ in 0..<3 { inbox.post(SIGINT) } }
        }
        #expect(run.status.stopRequestCount == 3)
        #expect(run.terminations[0] == .killed(signal: SIGKILL))
        // Once the head is gone the others may see end of input before their SIGKILL lands: either is an end.
        #expect(run.terminations.allSatisfy { $0 == .killed(signal: SIGKILL) || $0 == .exited(status: 0) })
        #expect(run.logLines.contains("touchpoint: note: SIGINT: stopping stage 1 (1); the others drain and finish"))
        #expect(run.logLines.contains("touchpoint: note: SIGINT again: stopping every stage"))
        #expect(run.logLines.contains("touchpoint: note: SIGINT a third time: killing every stage"))
    }

    @Test func aStageThatIgnoresTheStopIsKilledWhenTheStopTimeoutIsUp() throws {
        let input = try #require(GlibcExtensions.makePipe())
        defer {
            close(input.read)
            close(input.write)
        }
        let inbox = try SignalInbox()
        // The head ignores SIGTERM and never ends on its own; the tail ends when its input does.
        let stubborn = shell("head", #"trap '' TERM; echo ready >&2; exec cat"#)
        let run = try supervise(
            [stubborn, shell("tail", "exec cat")], input: input.read, inbox: inbox, stopTimeout: 0.3
        ) { _, line in
            if String(decoding: line, as: UTF8.self) == "ready" { inbox.post(SIGTERM) }
        }
        #expect(run.status.stopRequestCount == 1)
        #expect(run.terminations[0] == .killed(signal: SIGKILL))
        #expect(
            run.logLines.contains(
                "touchpoint: warning: stop: still running after --stop-timeout 0.3 s; killing head, tail "
                    + "(they resume from the last committed barrier)")
                || run.logLines.contains(
                    "touchpoint: warning: stop: still running after --stop-timeout 0.3 s; killing head "
                        + "(they resume from the last committed barrier)"),
            "\(run.logLines)")
    }

    @Test func aChildThatCannotStartLeavesNothingBehind() throws {
        #expect(throws: StageFailure.self) {
            try supervise([
                shell("fine", "cat"),
                ProcessSpec(
                    label: "missing", executablePath: "/nonexistent/ingest", arguments: ["ingest"],
                    workingDirectory: "/"),
            ])
        }
    }
}

/// A stage starts with its stop and reload signals blocked until its own handlers are in place; any other child
/// only with SIGUSR1 blocked. Read from the child's /proc/self/status (SigBlk, a hex mask of signal - 1 bits), by
/// grep itself: a shell would clear the mask when it starts (dash does).
struct StartMaskTests {
    static func blockedMask(isStage: Bool) throws -> UInt64 {
        let spec = ProcessSpec(
            label: "probe", executablePath: "/bin/grep", arguments: ["grep", "SigBlk", "/proc/self/status"],
            workingDirectory: "/", isStage: isStage)
        let run = try supervise([spec])
        let field = try #require(run.output.split(separator: "\t").last)
        return try #require(UInt64(field.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16))
    }

    static func bit(_ signal: Int32) -> UInt64 { 1 << UInt64(signal - 1) }

    @Test func aStageStartsWithItsSignalsBlockedAndAnyOtherChildWithOnlyStatusRequests() throws {
        let stage = try Self.blockedMask(isStage: true)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGUSR1] { #expect(stage & Self.bit(signal) != 0, "signal \(signal)") }
        let other = try Self.blockedMask(isStage: false)
        #expect(other & Self.bit(SIGUSR1) != 0)
        #expect(other & (Self.bit(SIGTERM) | Self.bit(SIGINT) | Self.bit(SIGHUP)) == 0)
    }
}
