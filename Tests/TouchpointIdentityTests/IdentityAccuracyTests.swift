import Foundation
import Testing
import TouchpointCore
import TouchpointIdentity
import TouchpointJSON
import TouchpointTesting

/// The accuracy tool's figures on a case small enough to count by hand.
struct IdentityAccuracyTests {
    private let truth = """
        {"kind":"person","person":"A"}
        {"kind":"truth","source":"t","ref":"a1","person":"A"}
        {"kind":"truth","source":"t","ref":"a2","person":"A"}
        {"kind":"truth","source":"t","ref":"a3","person":"A"}
        {"kind":"truth","source":"t","ref":"b1","person":"B"}
        {"kind":"truth","source":"t","ref":"b2","person":"B"}
        {"kind":"truth","source":"t","ref":"b3","person":"B"}
        """

    private func output(merging: Bool) -> String {
        func resolved(_ id: String, _ profile: String?) -> String {
            let member = profile.map { #","profile":{"id":"\#($0)"}"# } ?? ""
            return #"{"kind":"event","id":"t:\#(id)","ids":{"email":"x@example.com"}\#(member)}"#
        }
        var lines = [resolved("a1", "p1"), resolved("a2", "p1"), resolved("a3", "p2"), resolved("b1", "p2")]
        // No profile: a cluster of its own. No person information: not scored.
        lines.append(resolved("b2", nil))
        lines.append(#"{"kind":"event","id":"t:b3","ids":{"order_id":"O-1"},"profile":{"id":"p9"}}"#)
        if merging { lines.append(#"{"kind":"merge","survivor":"p1","absorbed":["p2"]}"#) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func score(merging: Bool) -> StageRun {
        let directory = try! TemporaryDirectory()
        let path = directory.path + "/truth.ndjson"
        try! (truth + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return StageRun(
            "touchpoint-accuracy", AccuracyCommand.run, text: output(merging: merging), arguments: ["--truth", path])
    }

    @Test func pairwiseAndBCubedFiguresAreCountedOverScoredRecords() {
        let run = score(merging: false)
        #expect(run.status == .success, "\(run.errors)")
        let report = run.records[0]
        #expect(report["records"] == 5)
        #expect(report["profiles"] == 2)
        #expect(report["without_profile"] == 1)
        #expect(report["split_people"] == 2)
        // Pairs in one profile: (a1,a2) right, (a3,b1) wrong; pairs of one person: 3 of A, 1 of B.
        #expect(report["pairwise"].map(JSONWriter.string) == #"{"precision":0.5,"recall":0.25,"f1":0.3333}"#)
        // Per record: precision 1, 1, 1/2, 1/2, 1; recall 2/3, 2/3, 1/3, 1/2, 1/2.
        #expect(report["bcubed"].map(JSONWriter.string) == #"{"precision":0.8,"recall":0.5333,"f1":0.64}"#)
    }

    @Test func mergesAreFollowedWhereverTheyStand() {
        let report = score(merging: true).records[0]
        #expect(report["profiles"] == 1)
        // p1 now holds a1, a2, a3 and b1: 6 pairs, 3 right; 3 of the 4 true pairs found.
        #expect(report["pairwise"].map(JSONWriter.string) == #"{"precision":0.5,"recall":0.75,"f1":0.6}"#)
    }

    @Test func withoutTheTruthFileItIsAUsageError() {
        let run = StageRun("touchpoint-accuracy", AccuracyCommand.run, text: "", arguments: [])
        #expect(run.status == .usage)
        #expect(run.errors.contains("--truth"))
    }
}
