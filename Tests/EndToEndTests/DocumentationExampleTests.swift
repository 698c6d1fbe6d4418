import Foundation
import Testing
import TouchpointTesting

/// The shell examples of the README and the stage pages that run on the bundled sample must run as written (jq,
/// Miller: every doc example is checked). They run in a scratch directory where `sample` and `pipelines` lead to
/// the repository's, so `ingest sample/pos.csv` (the stage pages, written from pipelines/) and
/// `ingest pipelines/sample/pos.csv` (the README, from the root) both work and nothing is written into the
/// repository. Examples that name files a reader supplies (exports, logs, /etc), write into the repository, or
/// build, are skipped by name.
struct DocumentationExampleTests {
    static let documents = [
        "README.md", "docs/stages/ingest.md", "docs/stages/normalize.md", "docs/stages/resolve-identity.md",
        "docs/stages/score.md", "docs/stages/alert.md", "docs/stages/touchpoint.md",
    ]
    static let skipped = [
        "exports/", "tickets-export", "/tmp/", "…", "swift ", "export PATH", "access.log", "/etc/", "> docs/", "sudo ",
        "scored.ndjson",
    ]

    /// Commands from the documents' `sh` blocks, continuation lines joined, each with the `cd` lines before it in
    /// its block.
    static func examples() throws -> [String] {
        var examples: [String] = []
        for document in documents {
            examples += try commands(in: BuiltProducts.readRepositoryFile(document))
        }
        return examples
    }

    static func commands(in text: String) -> [String] {
        var examples: [String] = []
        for block in text.components(separatedBy: "```sh\n").dropFirst() {
            guard let body = block.components(separatedBy: "```").first else { continue }
            var directoryChanges: [String] = []
            for command in body.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n") {
                // Whole-line comments are prose; a trailing " # …" is a remark on the command.
                let line = String(command.components(separatedBy: " # ").first ?? "")
                    .trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") || skipped.contains(where: line.contains) { continue }
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
        let result = try Self.run(command)
        #expect(result.status == 0, "stderr:\n\(result.errors)")
        #expect(!result.output.isEmpty)
    }

    /// The lookup example of docs/stages/resolve-identity.md prints the view the page shows, byte for byte.
    @Test func theLookupExamplePrintsTheDocumentedView() throws {
        let page = try BuiltProducts.readRepositoryFile("docs/stages/resolve-identity.md")
        let section = try #require(page.components(separatedBy: "### Lookup").dropFirst().first)
        let command = try #require(Self.commands(in: section).first)
        let view = try #require(
            section.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first)
        let result = try Self.run(command)
        #expect(result.status == 0, "stderr:\n\(result.errors)")
        #expect(result.output == view)
    }

    /// Runs `command` with bash in a scratch directory beside the sample, the built binaries first on PATH.
    static func run(_ command: String) throws -> (status: Int32, output: String, errors: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tp-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let pipelines = BuiltProducts.repository.appendingPathComponent("pipelines")
        try FileManager.default.createSymbolicLink(
            at: scratch.appendingPathComponent("pipelines"), withDestinationURL: pipelines)
        try FileManager.default.createSymbolicLink(
            at: scratch.appendingPathComponent("sample"), withDestinationURL: pipelines.appendingPathComponent("sample")
        )
        // The command is documentation we wrote, run with the built binaries first on PATH.
        let script = "export PATH=\"$0:$PATH\"; set -o pipefail; " + command
        return try ChildProcess.run(
            URL(fileURLWithPath: "/bin/bash"), ["-c", script, BuiltProducts.directory.path], directory: scratch)
    }
}
