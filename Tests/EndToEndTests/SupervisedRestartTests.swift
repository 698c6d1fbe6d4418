import Foundation
import Glibc
import Testing
import TouchpointTesting

/// `touchpoint run` restarting a checkpointed pipeline after `kill -9` of one of its stages: the output file ends
/// up equal to an undisturbed run's, line for line, and a stage that fails on every start uses up the budget.
@Suite(.serialized)
struct SupervisedRestartTests {
    static let files = [
        "segment.ndjson", "web.log", "pos.csv", "tickets.ndjson", "calls.csv", "surveys.csv", "social.ndjson",
    ]

    /// A population and a pipeline file over it whose stages keep state in `state/` and whose last stage commits.
    static func deployment() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let generated = try ChildProcess.run(
            BuiltProducts.executable("touchpoint-gen"),
            ["--out", directory.path + "/pop", "--people", "150", "--seed", "11"])
        #expect(generated.status == 0, "\(generated.errors)")
        try directory.write(
            "main.pipeline",
            """
            ingest --state state --received 2026-11-01T00:00:00Z --barrier-every 100 \\
                \(files.map { "pop/" + $0 }.joined(separator: " "))
            normalize --state state
            resolve-identity --state state --commit

            """)
        return directory
    }

    /// Starts `touchpoint run` on the deployment, writing to `out.ndjson`.
    static func start(_ directory: TemporaryDirectory, _ extra: [String] = []) throws -> ChildProcess {
        try ChildProcess(
            BuiltProducts.executable("touchpoint"),
            ["run", directory.path + "/main.pipeline", "--output", directory.path + "/out.ndjson"] + extra,
            isInputNull: true)
    }

    /// The pids of `touchpoint`'s children named `name` (from /proc: command name and parent pid).
    static func children(of parent: pid_t, named name: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { return false }
            let comm = stat[stat.index(after: open)..<close]
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            // The kernel keeps 15 bytes of a command name (TASK_COMM_LEN): resolve-identity is "resolve-identit".
            return comm == name.prefix(15) && fields.count > 1 && Int32(fields[1]) == parent
        }
    }

    static func lineCount(_ path: String) -> Int {
        (FileManager.default.contents(atPath: path).map { $0.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }) ?? 0
    }

    @Test func killedStagesAreRestartedAndTheOutputEqualsAnUndisturbedRun() throws {
        let undisturbed = try Self.deployment()
        let quiet = try Self.start(undisturbed)
        let quietResult = quiet.finish()
        try #require(quietResult.status == 0, "\(quiet.errors.suffix(2000))")
        let expected = try undisturbed.read("out.ndjson")
        let expectedLines = Self.lineCount(undisturbed.path + "/out.ndjson")
        #expect(expectedLines > 3_000)

        // The same files (barriers name their device and inode), from a fresh state and output.
        let disturbed = undisturbed
        for name in ["out.ndjson", "state"] { try FileManager.default.removeItem(atPath: disturbed.path + "/" + name) }
        let child = try Self.start(disturbed)
        var kills: [String] = []
        // Kill a stage each time the output has grown by another slice of the expected lines.
        for (slice, stage) in [(1, "normalize"), (2, "resolve-identity"), (3, "ingest"), (4, "normalize")] {
            while Self.lineCount(disturbed.path + "/out.ndjson") < expectedLines * slice / 6 {
                guard child.process.isRunning else { break }
                usleep(2_000)
            }
            if let pid = Self.children(of: child.process.processIdentifier, named: stage).first, kill(pid, SIGKILL) == 0
            {
                kills.append(stage)
            }
        }
        let result = child.finish()
        let errors = child.errors
        #expect(result.status == 0, "\(errors.suffix(3000))")
        #expect(kills.count >= 2, "kills that landed: \(kills)")
        let restarts = errors.components(separatedBy: "restarting the pipeline from its last committed barrier")
        #expect(restarts.count - 1 == kills.count, "\(errors.suffix(3000))")
        let actual = try disturbed.read("out.ndjson")
        #expect(actual == expected, "lines \(Self.lineCount(disturbed.path + "/out.ndjson")) of \(expectedLines)")
    }

    /// The chaos test's short form: at least eight SIGKILLs (of up to twenty tried) of stages picked at random (seeded),
    /// at random points of the run, under the whole five-stage pipeline with state; the alerts, merges, scores and everything else in the
    /// output file equal an undisturbed run's, line for line.
    @Test func randomKillsOfTheWholeStatefulPipelineChangeNothing() throws {
        let directory = try Self.deployment()
        try directory.write(
            "main.pipeline",
            """
            ingest --state state --received 2026-11-01T00:00:00Z --barrier-every 100 \
                \(Self.files.map { "pop/" + $0 }.joined(separator: " "))
            normalize --state state
            resolve-identity --state state
            score --state state
            alert --state state --commit

            """)
        let quiet = try Self.start(directory)
        try #require(quiet.finish().status == 0, "\(quiet.errors.suffix(2000))")
        let expected = try directory.read("out.ndjson")
        let expectedLines = Self.lineCount(directory.path + "/out.ndjson")
        #expect(expected.contains(#""kind":"alert""#) && expected.contains(#""kind":"merge""#))
        for name in ["out.ndjson", "state"] { try FileManager.default.removeItem(atPath: directory.path + "/" + name) }

        let child = try Self.start(directory, ["--restarts", "30", "--restart-delay", "0.05"])
        let stages = ["ingest", "normalize", "resolve-identity", "score", "alert"]
        var random = SplitMix(seed: 2026)
        // Up to twenty tries in the first 60% of the output, until nine landed; a try lands unless the stages
        // had ended first (they run ahead of the output file, and the faster they are, the more late tries miss).
        let points = (0..<20).map { _ in Int(random.next() % UInt64(expectedLines * 6 / 10)) }.sorted()
        var kills: [String] = []
        for point in points where kills.count < 9 {
            while Self.lineCount(directory.path + "/out.ndjson") < point, child.process.isRunning { usleep(1_000) }
            guard child.process.isRunning else { break }
            // A stage still running (ingest ends once it has read its files), picked at random.
            let running = stages.filter { !Self.children(of: child.process.processIdentifier, named: $0).isEmpty }
            guard !running.isEmpty else { continue }
            let stage = running[Int(random.next() % UInt64(running.count))]
            if let pid = Self.children(of: child.process.processIdentifier, named: stage).first, kill(pid, SIGKILL) == 0
            {
                kills.append(stage)
            }
            // The next kill waits for the restarted chain, so it lands in a running pipeline.
            let restarts = kills.count
            _ = child.waitUntil(seconds: 20) { child in
                !child.process.isRunning
                    || child.errors.components(separatedBy: "restarting the pipeline from its last").count - 1
                        >= restarts && !Self.children(of: child.process.processIdentifier, named: "alert").isEmpty
            }
        }
        #expect(child.finish(seconds: 300).status == 0, "\(child.errors.suffix(3000))")
        #expect(kills.count >= 8, "kills that landed: \(kills)")
        #expect(Set(kills).count >= 3, "kills that landed: \(kills)")
        let actual = try directory.read("out.ndjson")
        #expect(
            actual == expected,
            "kills \(kills); lines \(Self.lineCount(directory.path + "/out.ndjson")) of \(expectedLines)")
    }

    @Test func aStageThatDiesOnEveryStartUsesUpTheBudgetAndGivesUp() throws {
        let directory = try TemporaryDirectory()
        // A normalize that is killed at once, every time; the others are the real stages.
        try directory.write("bin/normalize", "#!/bin/sh\nkill -9 $$\n", isExecutable: true)
        for stage in ["ingest", "resolve-identity"] {
            symlink(BuiltProducts.executable(stage).path, directory.path + "/bin/" + stage)
        }
        try directory.write("data.ndjson", "{\"a\":1}\n")
        try directory.write(
            "main.pipeline", "ingest --state state data.ndjson\nnormalize\nresolve-identity --state state --commit\n")
        let child = try ChildProcess(
            BuiltProducts.executable("touchpoint"),
            ["run", directory.path + "/main.pipeline", "--restarts", "2", "--bin", directory.path + "/bin"],
            isInputNull: true)
        #expect(child.finish().status == 1)
        let errors = child.errors
        #expect(errors.contains("touchpoint: note: restarting the pipeline from its last committed barrier in 1 s"))
        #expect(errors.contains("in 2 s (restart 2, 0 left before giving up)"), "\(errors)")
        #expect(errors.contains("touchpoint: error: giving up: the pipeline failed 3 times in a row (--restarts 2)"))
        #expect(errors.components(separatedBy: "stage 2 (normalize) killed by signal 9 (SIGKILL)").count == 4)
    }

    @Test func aPipelineThatReadsTouchpointsStdinIsNotRestarted() throws {
        let directory = try TemporaryDirectory()
        try directory.write("main.pipeline", "ingest --state state\nnormalize --state state --commit\n")
        let result = try ChildProcess.run(
            BuiltProducts.executable("touchpoint"), ["run", directory.path + "/main.pipeline"],
            input: Array("{\"a\":1}\n".utf8))
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.errors.contains(
                "touchpoint: note: a failed stage will not be restarted: the pipeline reads touchpoint's stdin"))
    }
}

/// A small seeded generator (SplitMix64), so the kills land at the same points on every run of the test.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
