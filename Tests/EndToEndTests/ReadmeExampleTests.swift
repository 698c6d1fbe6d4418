import Foundation
import Testing
import TouchpointTesting

/// The README's shell examples that run on the bundled sample must run as written (jq, Miller: every doc example
/// is checked). Examples that name files a reader supplies (exports, /tmp) or that build are skipped by name.
struct ReadmeExampleTests {
    static let skipped = ["exports/", "tickets-export", "/tmp/", "…", "swift ", "demo-output", "export PATH"]

    /// Commands from the README's `sh` blocks, continuation lines joined, each with the `cd` lines before it in
    /// its block.
    static func examples() throws -> [String] {
        let readme = try BuiltProducts.readRepositoryFile("README.md")
        var examples: [String] = []
        for block in readme.components(separatedBy: "```sh\n").dropFirst() {
            guard let body = block.components(separatedBy: "```").first else { continue }
            var directoryChanges: [String] = []
            for command in body.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n") {
                let line = String(command.split(separator: "#", maxSplits: 1).first ?? "")
                    .trimmingCharacters(in: .whitespaces)
                if line.isEmpty || skipped.contains(where: line.contains) { continue }
                if line.hasPrefix("cd ") {
                    directoryChanges.append(line)
                    continue
                }
                examples.append((directoryChanges + [line]).joined(separator: " && "))
            }
        }
        return examples
    }

    @Test func thereAreExamplesForEveryStage() throws {
        let examples = try Self.examples()
        for stage in ["ingest", "normalize", "resolve-identity", "score", "alert", "touchpoint run"] {
            #expect(examples.contains { $0.contains(stage) }, "no runnable README example uses \(stage)")
        }
    }

    @Test(arguments: try examples())
    func exampleRuns(_ command: String) throws {
        // The command is README text we wrote, run from the repository root with the built binaries first on PATH.
        let script = "export PATH=\"$0:$PATH\"; set -o pipefail; cd \"$1\" && " + command
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/bash"),
            ["-c", script, BuiltProducts.directory.path, BuiltProducts.repository.path])
        #expect(result.status == 0, "stderr:\n\(result.errors)")
        #expect(!result.output.isEmpty)
    }
}
