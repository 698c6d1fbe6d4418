import Foundation
import Testing
import TouchpointIngest
import TouchpointTesting

/// Golden cases: `cases/<area>/<NNNN-slug>/` holds `cmd` (one shell pipeline line run in the case directory with
/// the built executables first on PATH), its input files, `expected.ndjson` (stdout) and optionally `exit` (the
/// expected status, default 0). `TOUCHPOINT_UPDATE_GOLDEN=1 swift test --filter GoldenTests` rewrites the expected
/// files for review with `git diff`.
struct GoldenTests {
    static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "cases")

    static func caseNames() throws -> [String] {
        let areas = try FileManager.default.contentsOfDirectory(atPath: casesDirectory.path).filter {
            !$0.hasPrefix(".")
        }
        return try areas.sorted().flatMap { area in
            try FileManager.default.contentsOfDirectory(atPath: casesDirectory.appendingPathComponent(area).path)
                .filter { !$0.hasPrefix(".") }.sorted().map { "\(area)/\($0)" }
        }
    }

    @Test(arguments: try caseNames())
    func goldenCase(_ name: String) throws {
        let directory = Self.casesDirectory.appendingPathComponent(name)
        let command = try String(contentsOf: directory.appendingPathComponent("cmd"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let expectedStatus =
            (try? String(contentsOf: directory.appendingPathComponent("exit"), encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        // The command is a fixture we wrote, not input; PATH reaches the binaries under test first.
        let script = "export PATH=\"$0:$PATH\"; set -o pipefail; " + command
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/bash"), ["-c", script, BuiltProducts.directory.path], directory: directory)
        #expect(result.status == expectedStatus, "stderr:\n\(result.errors)")
        if let difference = GoldenFile.check(
            result.output, against: directory.appendingPathComponent("expected.ndjson"))
        {
            Issue.record("\(name):\n\(difference)")
        }
        #expect(!result.errors.contains("do not reconcile"))
    }

    @Test func thereIsAnIngestCaseForEveryFormat() throws {
        let expected = try Self.caseNames().filter { $0.hasPrefix("ingest/") }.map { name in
            try String(
                contentsOf: Self.casesDirectory.appendingPathComponent(name).appendingPathComponent("expected.ndjson"),
                encoding: .utf8)
        }.joined()
        for format in FormatRegistry.all {
            #expect(
                expected.contains(#""format":"\#(format.name)""#),
                "no golden case under cases/ingest reads \(format.name)")
        }
    }

    @Test func thereAreCasesForEveryStage() throws {
        let areas = Set(try Self.caseNames().map { String($0.split(separator: "/")[0]) })
        for area in ["ingest", "normalize", "resolve-identity", "score", "alert", "pipeline"] {
            #expect(areas.contains(area), "no golden case under cases/\(area)")
        }
    }
}
