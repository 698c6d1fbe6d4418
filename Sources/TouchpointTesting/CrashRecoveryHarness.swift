import Foundation

/// Runs a chain of stages twice, once undisturbed and once killed with SIGKILL at random moments and restarted
/// from its state each time, and tells whether both runs wrote the same records (contract §4: a kill -9 of any
/// stage at any moment, then a restart, gives the same output as an undisturbed run).
///
/// The chain's commands get `{state}` replaced by the run's state directory; the last command must be the
/// committer (`touchpoint commit --state {state}`, or a stage with `--commit`), whose output is appended to one file
/// across restarts, as `>>` would. The moments are chosen from a seeded generator as fractions of the undisturbed
/// output's size, so kills land all along the run; the victim of each is drawn the same way. The comparison is
/// record for record, in order.
package struct CrashRecoveryHarness {
    package let commands: [(executable: String, arguments: [String])]
    package let directory: URL

    /// - Parameter commands: executable names (built products) and arguments, `{state}` standing for the state dir.
    package init(_ commands: [(executable: String, arguments: [String])], directory: URL) {
        self.commands = commands
        self.directory = directory
    }

    package struct Outcome {
        package let undisturbed: [String]
        package let recovered: [String]
        /// Which stage each kill hit, and after how many output bytes; kills that found the chain ended are left out.
        package let kills: [(stage: String, afterBytes: Int)]
        /// The stages' stderr of the disturbed run, for failure messages.
        package let log: String

        /// Where the two runs first part, with a few lines of each, or nil when they agree record for record.
        package var difference: String? {
            guard recovered != undisturbed else { return nil }
            let index =
                zip(undisturbed, recovered).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(undisturbed.count, recovered.count)
            func around(_ lines: [String]) -> String {
                lines[max(0, index - 1)..<min(lines.count, index + 3)].map { "  " + $0.prefix(300) }.joined(
                    separator: "\n")
            }
            return """
                the runs part at record \(index + 1) of \(undisturbed.count) (recovered: \(recovered.count)); kills: \(kills)
                undisturbed:
                \(around(undisturbed))
                recovered:
                \(around(recovered))
                """
        }
    }

    /// Runs the chain undisturbed, then with `kills` kills drawn from `seed`; compares the outputs.
    package func run(kills killCount: Int, seed: UInt64) throws -> Outcome {
        let reference = try runToEnd(name: "undisturbed")
        let expectedBytes = reference.bytes
        var random = SplitMix(seed: seed)
        let name = "disturbed"
        var kills: [(String, Int)] = []
        var thresholds = (0..<killCount).map { _ in Int(random.next() % UInt64(max(1, expectedBytes))) }
        thresholds.sort()
        for threshold in thresholds {
            let chain = try start(name: name)
            let output = path(name, "output.ndjson")
            let victim = Int(random.next() % UInt64(commands.count))
            while chain.isRunning && fileSize(output) < threshold { usleep(500) }
            if chain.isRunning {
                chain.signal(SIGKILL, stage: victim)
                kills.append((commands[victim].executable, fileSize(output)))
            }
            chain.wait()
        }
        _ = try start(name: name).wait()
        let recovered = try lines(of: path(name, "output.ndjson"))
        let log = (try? String(contentsOfFile: path(name, "stderr.log"), encoding: .utf8)) ?? ""
        return Outcome(undisturbed: reference.lines, recovered: recovered, kills: kills, log: log)
    }

    private func runToEnd(name: String) throws -> (lines: [String], bytes: Int) {
        _ = try start(name: name).wait()
        let output = path(name, "output.ndjson")
        return (try lines(of: output), fileSize(output))
    }

    private func start(name: String) throws -> ProcessChain {
        let state = path(name, "state")
        let resolved = commands.map { command in
            (
                BuiltProducts.executable(command.executable),
                command.arguments.map { $0.replacingOccurrences(of: "{state}", with: state) }
            )
        }
        return try ProcessChain(
            resolved, directory: directory, output: path(name, "output.ndjson"), log: path(name, "stderr.log"))
    }

    private func path(_ run: String, _ file: String) -> String {
        let folder = directory.appendingPathComponent("harness-\(run)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/" + file
    }

    private func lines(of path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func fileSize(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }
}

/// A small seeded generator (SplitMix64), so a harness run's choices can be replayed from its seed.
package struct SplitMix {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
