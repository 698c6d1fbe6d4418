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

    /// score's customers and open aggregate windows are checkpointed at barriers: killed mid-stream and restarted, it
    /// writes the same scores, customer states and aggregates, byte for byte, as a run that was never killed.
    @Test func scoreChainRecoversFromRandomKills() throws {
        let (directory, ingest) = try Self.population()
        let harness = CrashRecoveryHarness(
            [
                ("ingest", ingest),
                ("normalize", ["--state", "{state}"]),
                ("resolve-identity", ["--state", "{state}"]),
                ("score", ["--state", "{state}"]),
                ("touchpoint", ["commit", "--state", "{state}"]),
            ], directory: URL(fileURLWithPath: directory.path))
        let outcome = try harness.run(kills: 10, seed: 3)
        #expect(outcome.undisturbed.count > 5_000)
        #expect(outcome.kills.contains { $0.stage == "score" }, "kills that landed: \(outcome.kills)")
        #expect(outcome.difference == nil, "\(outcome.difference ?? "")\n\(outcome.log.suffix(3000))")
        #expect(outcome.undisturbed.contains { $0.contains(#""customer":{"experience_index""#) })
        #expect(outcome.undisturbed.contains { $0.hasPrefix(#"{"kind":"aggregate""#) })
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

    /// alert's windows, sequences, absences, cooldowns, storm counts and delivered ids survive kill -9: the
    /// committed alerts equal an undisturbed run's, none twice and none lost. score (in-memory state) is left out
    /// of the chain; extra rules on unscored fields make the population fire many alerts of every stateful kind.
    @Test func alertStateRecoversFromRandomKills() throws {
        let (directory, ingest) = try Self.population()
        func rule(_ id: String, _ kind: String, _ settings: String) -> String {
            #"{"id":"\#(id)","kind":"\#(kind)","description":"d","owner":"test","severity":"low","summary":"s","#
                + #""next_step":"n","rationale":"r","example":"e",\#(settings)}"#
        }
        let rules = [
            rule(
                "busy-browser", "count",
                #""match":{"as":"view","when":"type == 'page_view'"},"at_least":3,"within":"2h","cooldown":"6h","#
                    + #""storm":{"at_most":2,"per":"7d"}"#),
            rule(
                "purchase-without-survey", "absence",
                #""first":{"as":"sale","when":"type == 'purchase'"},"then":{"as":"answer","when":"type == 'survey_response'"},"within":"3d""#
            ),
            rule(
                "purchase-then-contact", "sequence",
                #""first":{"as":"sale","when":"type == 'purchase'"},"then":{"as":"contact","when":"type in ['support_ticket', 'call']"},"within":"14d""#
            ),
        ]
        try #"{"rules":[\#(rules.joined(separator: ","))]}"#.write(
            toFile: directory.path + "/rules.json", atomically: true, encoding: .utf8)
        let harness = CrashRecoveryHarness(
            [
                ("ingest", ingest),
                ("normalize", ["--state", "{state}"]),
                ("resolve-identity", ["--state", "{state}"]),
                ("alert", ["--state", "{state}", "--rules", "rules.json"]),
                ("touchpoint", ["commit", "--state", "{state}"]),
            ], directory: URL(fileURLWithPath: directory.path))
        let outcome = try harness.run(kills: 8, seed: 11)
        let alerts = outcome.undisturbed.filter { $0.hasPrefix(#"{"kind":"alert""#) }
        for rule in ["busy-browser", "purchase-without-survey", "purchase-then-contact"] {
            #expect(alerts.contains { $0.contains(#""rule":"\#(rule)""#) }, "no \(rule) alert")
        }
        #expect(alerts.contains { $0.contains(#""storm":"#) }, "no storm summary")
        #expect(Set(alerts).count == alerts.count)
        #expect(outcome.kills.count >= 4, "kills that landed: \(outcome.kills)")
        #expect(outcome.difference == nil, "\(outcome.difference ?? "")\n\(outcome.log.suffix(3000))")
    }
}
