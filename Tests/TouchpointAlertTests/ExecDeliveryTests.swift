import Foundation
import Glibc
import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

/// `alert --exec CMD ARG...` with the real `alert` binary and real receivers (`/bin/sh` scripts in a temporary
/// folder): what each command receives, retries, the spool across restarts, kill -9, timeouts, hostile text.
@Suite struct ExecDeliveryTests {
    /// One single-record rule with no cooldown or storm control: each `test_signal` event is one alert.
    static let rules =
        #"{"rules":[\#(userRule("test-signal", kind: "single", #""match":{"as":"e","when":"type == 'test_signal'"}"#))]}"#

    /// A receiver that appends what it is given to `received.ndjson`, and its TOUCHPOINT_ALERT_ID to `ids.txt`.
    static let appendingReceiver = """
        #!/bin/sh
        cat >> received.ndjson
        printf '%s\\n' "$TOUCHPOINT_ALERT_ID" >> ids.txt
        """

    /// A receiver that always fails, saying why on stderr, without reading its input.
    static let failingReceiver = """
        #!/bin/sh
        echo "receiver down" >&2
        exit 3
        """

    /// Signal event `number`, `number` hours into the test's day; its id is `ev-<number>`.
    static func signal(_ number: Int, text: String = "something happened") -> String {
        JSONWriter.string(event("ev-\(number)", hours: Double(number), type: "test_signal", text: text)) + "\n"
    }

    static func barrier(_ id: Int) -> String { JSONWriter.string(Barrier(id: id, positions: []).jsonValue) + "\n" }

    /// A folder with the rules file and the receivers.
    static func folder(receivers: [String: String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("rules.json", rules)
        for (name, script) in receivers { try directory.write(name, script + "\n", isExecutable: true) }
        return directory
    }

    /// Runs `alert --rules rules.json ARGUMENTS` in `directory` on `input`.
    static func alertProcess(_ arguments: [String], input: String, in directory: TemporaryDirectory) throws -> (
        status: Int32, output: String, errors: String
    ) {
        try ChildProcess.run(
            BuiltProducts.executable("alert"), ["--rules", "rules.json"] + arguments, input: Array(input.utf8),
            directory: URL(fileURLWithPath: directory.path))
    }

    static func alertLines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix(#"{"kind":"alert""#) }
    }

    static func ids(_ lines: [String]) -> [String] {
        lines.map { (try? JSONParser.parseValue($0))?["id"]?.stringValue ?? "?" }
    }

    static func lines(_ directory: TemporaryDirectory, _ name: String) -> [String] {
        ((try? directory.read(name)) ?? "").split(separator: "\n").map(String.init)
    }

    // MARK: - What the command gets

    @Test func eachAlertReachesTheCommandOnceAsTheLineOnStdout() throws {
        let directory = try Self.folder(receivers: ["receive": Self.appendingReceiver])
        let run = try Self.alertProcess(
            ["--exec", "./receive"], input: (1...3).map { Self.signal($0) }.joined(), in: directory)
        #expect(run.status == 0, "\(run.errors)")
        let alerts = Self.alertLines(run.output)
        #expect(alerts.count == 3)
        #expect(Self.lines(directory, "received.ndjson") == alerts)
        #expect(Self.lines(directory, "ids.txt") == Self.ids(alerts))
        #expect(run.errors.contains("alert: note: exec: delivered 3, retried 0, spooled 0, still spooled 0\n"))
    }

    @Test func hostileTextAndArgumentsReachTheCommandVerbatimAndNoShellRunsThem() throws {
        let receiver = """
            #!/bin/sh
            cat >> received.ndjson
            printf '%s\\n' "$1" >> arguments.txt
            """
        let directory = try Self.folder(receivers: ["receive": receiver])
        let text = #"it's "broken"; $(touch pwned-text) `touch pwned-backquote` && touch pwned-and | cat \ end"#
        let argument = "$(touch pwned-argument); `touch pwned-argument-2` 'quoted' \"double\" > redirected"
        let run = try Self.alertProcess(
            ["--exec", "./receive", argument], input: Self.signal(1, text: text), in: directory)
        #expect(run.status == 0, "\(run.errors)")
        let received = Self.lines(directory, "received.ndjson")
        #expect(received == Self.alertLines(run.output))
        let alert = try JSONParser.parseValue(try #require(received.first))
        #expect(alert["evidence"]?.arrayValue?.first?["excerpt"]?.stringValue == text)
        #expect(Self.lines(directory, "arguments.txt") == [argument])
        for name in ["pwned-text", "pwned-backquote", "pwned-and", "pwned-argument", "pwned-argument-2", "redirected"] {
            #expect(!directory.exists(name), "\(name) was created: something ran a shell on the input")
        }
    }

    @Test func redactMasksWhatTheCommandReceives() throws {
        let directory = try Self.folder(receivers: ["receive": Self.appendingReceiver])
        let run = try Self.alertProcess(
            ["--redact", "--exec", "./receive"], input: Self.signal(1, text: "write to anna.smith@example.com please"),
            in: directory)
        #expect(run.status == 0, "\(run.errors)")
        let received = try directory.read("received.ndjson")
        #expect(received.contains("write to [email] please"))
        #expect(!received.contains("anna.smith@example.com"))
    }

    @Test func aDryRunRunsNothing() throws {
        let directory = try Self.folder(receivers: ["receive": Self.appendingReceiver])
        let run = try Self.alertProcess(
            ["--dry-run", "--exec", "./receive"], input: (1...2).map { Self.signal($0) }.joined(), in: directory)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.contains("dry run: would deliver 2,"))
        #expect(!directory.exists("received.ndjson"))
    }

    // MARK: - Retries and the spool

    @Test func aCommandThatFailsTwiceIsRetriedAndTheAlertDeliveredOnce() throws {
        let receiver = """
            #!/bin/sh
            tries=$(( $(cat tries 2>/dev/null || echo 0) + 1 ))
            echo $tries > tries
            if [ $tries -le 2 ]; then echo "not yet ($tries)" >&2; exit 75; fi
            cat >> received.ndjson
            """
        let directory = try Self.folder(receivers: ["receive": receiver])
        let run = try Self.alertProcess(
            ["--exec-backoff", "1ms", "--exec", "./receive"], input: Self.signal(1), in: directory)
        #expect(run.status == 0, "\(run.errors)")
        #expect(Self.lines(directory, "tries") == ["3"])
        #expect(Self.lines(directory, "received.ndjson") == Self.alertLines(run.output))
        #expect(run.errors.contains("exec: delivered 1, retried 2, spooled 0, still spooled 0\n"))
    }

    @Test func whatKeepsFailingIsSpooledAndARestartDeliversItOnceInOrder() throws {
        let directory = try Self.folder(receivers: [
            "fail": Self.failingReceiver, "receive": Self.appendingReceiver,
        ])
        let state = ["--state", "state", "--commit"]
        let first = try Self.alertProcess(
            state + ["--exec-retries", "1", "--exec-backoff", "1ms", "--exec", "./fail"],
            input: (1...3).map { Self.signal($0) }.joined(), in: directory)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.errors.contains(#"last: exited with status 3: "receiver down""#))
        #expect(first.errors.contains("spooled 3, still spooled 3\n"))
        #expect(first.errors.contains("--exec: 3 alerts still spooled in state/alert"))
        let raised = Self.alertLines(first.output)
        #expect(raised.count == 3)
        #expect(!directory.exists("received.ndjson"))

        // A restart with a working command delivers the spool at start, oldest first, byte for byte.
        let second = try Self.alertProcess(state + ["--exec", "./receive"], input: "", in: directory)
        #expect(second.status == 0, "\(second.errors)")
        #expect(Self.lines(directory, "received.ndjson") == raised)
        #expect(second.errors.contains("exec: delivered 3, retried 3, spooled 0, still spooled 0\n"))

        // Delivered once: the checkpoint still holds the spool, the delivery journal says it was taken. A line a
        // crash cut short at the journal's end is dropped, and the file rewritten without it.
        let journal = directory.path + "/state/alert/exec-delivered.log"
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("1 a-cut-sh".utf8))
        try handle.close()
        let third = try Self.alertProcess(state + ["--exec", "./receive"], input: "", in: directory)
        #expect(third.status == 0, "\(third.errors)")
        #expect(Self.lines(directory, "received.ndjson") == raised)
        #expect(third.errors.contains("exec-delivered.log: 1 damaged line dropped (a crash mid-write)"))
        #expect(Self.lines(directory, "state/alert/exec-delivered.log") == Self.ids(raised).map { "1 " + $0 })

        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path + "/state/alert") + [".."] {
            let path = directory.path + "/state/alert/" + name
            var status = stat()
            #expect(lstat(path, &status) == 0)
            let isDirectory = status.st_mode & S_IFMT == S_IFDIR
            #expect(status.st_mode & 0o777 == (isDirectory ? 0o700 : 0o600), "\(name): mode \(status.st_mode & 0o777)")
        }
        #expect(directory.exists("state/alert/exec-delivered.log"))
    }

    @Test func withoutStateAnUndeliveredAlertFailsTheRunAndIsNamed() throws {
        let directory = try Self.folder(receivers: ["fail": Self.failingReceiver])
        let run = try Self.alertProcess(
            ["--exec-retries", "0", "--exec", "./fail"], input: (1...2).map { Self.signal($0) }.joined(),
            in: directory)
        #expect(run.status == 1)
        let ids = Self.ids(Self.alertLines(run.output))
        #expect(ids.count == 2)
        #expect(
            run.errors.contains(
                "alert: error: --exec: 2 alerts not delivered (last: exited with status 3: \"receiver down\") at the end "
                    + "of the input; without --state there is no spool to keep them (they are in the output): "
                    + ids.joined(separator: ", ") + "\n"), "\(run.errors)")
    }

    /// The whole process group goes at the timeout: a script's own children too.
    @Test func aCommandStillRunningAtTheTimeoutIsKilledWithItsChildrenAndSpooled() throws {
        let receiver = """
            #!/bin/sh
            sleep 600 &
            echo $! > child.pid
            wait
            """
        let directory = try Self.folder(receivers: ["hang": receiver])
        let run = try Self.alertProcess(
            ["--state", "state", "--commit", "--exec-timeout", "2s", "--exec-retries", "0", "--exec", "./hang"],
            input: Self.signal(1), in: directory)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.contains("(last: still running at the timeout; killed)"))
        #expect(run.errors.contains("still spooled 1\n"))
        let child = try #require(Int32(Self.lines(directory, "child.pid").first ?? ""))
        let status = (try? String(contentsOfFile: "/proc/\(child)/status", encoding: .utf8)) ?? "State:\tgone"
        let isAlive = status.contains("State:") && !status.contains("State:\tZ") && !status.contains("State:\tgone")
        if isAlive { kill(child, SIGKILL) }
        #expect(!isAlive, "the receiver's child outlived the timeout")
    }

    // MARK: - Crashes

    /// Barriers 1–3 with two signals after each; alert commits as the last stage. A record alert forwards only after
    /// it has handled everything before it shows that the six alerts were delivered (and recorded); then kill -9.
    /// The restart resumes from the committed barrier, as a source with --state does: it raises ev-5 and ev-6 again,
    /// which the command already took, and they are not run again.
    @Test func afterAKillTheRestartDeliversEveryAlertAndNoneTakenBeforeTwice() throws {
        let directory = try Self.folder(receivers: ["receive": Self.appendingReceiver])
        let stream = Self.stream(barriers: 5)
        let arguments = ["--state", "state", "--commit", "--exec", "./receive"]
        let live = try ChildProcess(
            BuiltProducts.executable("alert"), ["--rules", "rules.json"] + arguments,
            directory: URL(fileURLWithPath: directory.path))
        let probe = #"{"kind":"probe"}"#
        try live.write(stream.prefix(9).joined() + probe + "\n")
        #expect(live.waitUntil { $0.output.contains(probe) }, "\(live.errors)")
        live.signal(SIGKILL)
        live.finish()
        #expect(Self.lines(directory, "received.ndjson").count == 6)

        let restarted = try Self.resume(stream, arguments: arguments, in: directory)
        #expect(restarted.status == 0, "\(restarted.errors)")
        #expect(restarted.errors.contains("already delivered 2"), "\(restarted.errors)")
        let received = Self.ids(Self.lines(directory, "received.ndjson"))
        #expect(received == Self.expectedIDs, "each alert once, in order")
    }

    /// The command of ev-5's alert is still running when alert is killed: the restart runs it again, and the alert
    /// is delivered; every other alert exactly once.
    @Test func anAlertInFlightDuringAKillIsDeliveredAfterTheRestart() throws {
        let receiver = """
            #!/bin/sh
            cat > "input.$$"
            if grep -q '"ev-5"' "input.$$" && [ ! -e hung.pid ]; then echo $$ > hung.pid; exec sleep 600; fi
            cat "input.$$" >> received.ndjson
            rm -f "input.$$"
            """
        let directory = try Self.folder(receivers: ["receive": receiver])
        let stream = Self.stream(barriers: 5)
        let arguments = ["--state", "state", "--commit", "--exec", "./receive"]
        let live = try ChildProcess(
            BuiltProducts.executable("alert"), ["--rules", "rules.json"] + arguments,
            directory: URL(fileURLWithPath: directory.path))
        try live.write(stream.prefix(9).joined())
        let isHanging = live.waitUntil { _ in !Self.lines(directory, "hung.pid").isEmpty }
        live.signal(SIGKILL)
        live.finish()
        if let hung = Int32(Self.lines(directory, "hung.pid").first ?? "") { kill(-hung, SIGKILL) }
        try #require(isHanging, "\(live.errors)")
        #expect(Self.lines(directory, "received.ndjson").count == 4)

        let restarted = try Self.resume(stream, arguments: arguments, in: directory)
        #expect(restarted.status == 0, "\(restarted.errors)")
        #expect(Self.ids(Self.lines(directory, "received.ndjson")) == Self.expectedIDs)
    }

    /// Barrier 1, ev-1, ev-2, barrier 2, ev-3, ev-4, …: one line each.
    static func stream(barriers: Int) -> [String] {
        (1...barriers).flatMap { [barrier($0), signal(2 * $0 - 1), signal(2 * $0)] }
    }

    /// The alert ids of ev-1 … ev-10, in order: what an undisturbed run delivers.
    static let expectedIDs: [String] = {
        let directory = try! TemporaryDirectory()
        try! directory.write("rules.json", rules)
        let run = try! alertProcess([], input: stream(barriers: 5).joined(), in: directory)
        return ids(alertLines(run.output))
    }()

    /// Runs alert again on `stream` from the committed barrier on, as a resumed source writes it.
    static func resume(_ stream: [String], arguments: [String], in directory: TemporaryDirectory) throws -> (
        status: Int32, output: String, errors: String
    ) {
        let marker = try JSONParser.parseValue(try directory.read("state/committed"))
        let committed = try #require(marker["barrier"]?.intValue)
        let start = try #require(stream.firstIndex(of: barrier(committed)))
        return try alertProcess(arguments, input: stream[start...].joined(), in: directory)
    }
}

@Suite struct ExecUsageTests {
    @Test(arguments: [
        (
            ["--exec", "no-such-command-for-touchpoint"],
            "--exec: no-such-command-for-touchpoint: no such executable file in PATH"
        ),
        (["--exec", "./missing/receiver"], "--exec: ./missing/receiver: no such executable file\n"),
        (["--exec-retries", "2"], "--exec-retries: only with --exec CMD ARG..."),
        (["--exec"], "--exec: missing value CMD ARG..."),
        (["--exec-timeout", "0", "--exec", "/bin/true"], #"--exec-timeout: "0" is not a duration from 1ms to 1d"#),
        (["--exec-retries", "99", "--exec", "/bin/true"], #"--exec-retries: "99" is not a whole number from 0 to 20"#),
    ])
    func mistakesAreUsageErrors(arguments: [String], message: String) {
        let run = alert(text: "", arguments: arguments)
        #expect(run.status == .usage)
        #expect(run.errors.contains("alert: error: " + message), "\(run.errors)")
    }
}
