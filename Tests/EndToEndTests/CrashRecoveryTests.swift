import Foundation
import Testing
import TouchpointTesting

/// Contract §4 on real processes: kill -9 any stage of a checkpointed chain at random moments, restart it from its
/// state each time, and the committed output equals an undisturbed run's, record for record.
@Suite(.serialized)
struct CrashRecoveryTests {
    /// A generated population of a few thousand records, and the ingest command over all its channel files.
    private static func population() throws -> (directory: TemporaryDirectory, ingest: [String]) {
        let directory = try TemporaryDirectory()
        let generated = try ChildProcess.run(
            BuiltProducts.executable("touchpoint-gen"),
            ["--out", directory.path + "/pop", "--people", "150", "--seed", "5"])
        #expect(generated.status == 0, "\(generated.errors)")
        let files = [
            "segment.ndjson", "web.log", "pos.csv", "tickets.ndjson", "calls.csv", "surveys.csv", "social.ndjson",
        ]
        let ingest =
            ["--state", "{state}", "--received", "2026-11-01T00:00:00Z", "--barrier-every", "100"]
            + files.map { "pop/" + $0 }
        return (directory, ingest)
    }

    @Test func identityChainRecoversFromRandomKills() throws {
        let (directory, ingest) = try Self.population()
        let harness = CrashRecoveryHarness(
            [
                ("ingest", ingest),
                ("normalize", ["--state", "{state}"]),
                ("resolve-identity", ["--state", "{state}"]),
                ("touchpoint", ["commit", "--state", "{state}"]),
            ], directory: URL(fileURLWithPath: directory.path))
        let outcome = try harness.run(kills: 8, seed: 42)
        #expect(outcome.undisturbed.count > 5_000)
        #expect(outcome.kills.count >= 4, "kills that landed: \(outcome.kills)")
        #expect(outcome.difference == nil, "\(outcome.difference ?? "")\n\(outcome.log.suffix(3000))")
        #expect(outcome.undisturbed.contains { $0.hasPrefix(#"{"kind":"merge""#) })
        // Trait state is checkpointed and restored too: a veto needs the look-alike's traits from before the kill.
        #expect(outcome.undisturbed.contains { $0.hasPrefix(#"{"kind":"review""#) && $0.contains(#""veto""#) })
    }

    @Test func timersOnEventTimeRecoverFromRandomKills() throws {
        let (directory, ingest) = try Self.population()
        let harness = CrashRecoveryHarness(
            [
                ("ingest", ingest),
                ("normalize", ["--state", "{state}"]),
                ("touchpoint-test-stage", ["--state", "{state}"]),
                ("touchpoint", ["commit", "--state", "{state}"]),
            ], directory: URL(fileURLWithPath: directory.path))
        let outcome = try harness.run(kills: 8, seed: 7)
        let closed = outcome.undisturbed.filter { $0.hasPrefix(#"{"kind":"session_closed""#) }
        #expect(closed.count > 50)
        #expect(outcome.undisturbed.last?.hasPrefix(#"{"kind":"barrier""#) == true)
        #expect(outcome.kills.count >= 4, "kills that landed: \(outcome.kills)")
        #expect(outcome.difference == nil, "\(outcome.difference ?? "")\n\(outcome.log.suffix(3000))")
    }
}
