import Glibc
import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointScore
import TouchpointTesting

/// Contract §4 for score: the customers survive a restart from `--state DIR`, a replay after the committed barrier
/// counts nothing twice, and merges and forgets reach the checkpoint.
@Suite struct ScorerCheckpointTests {
    private func barrier(_ id: Int) -> JSONValue { Barrier(id: id, positions: []).jsonValue }

    private var stream: [JSONValue] {
        [
            event("p1", hours: 0, type: "purchase", profile: "p-a", metrics: ["amount": 120, "currency": "EUR"])
                .jsonValue,
            event("c1", hours: 2, type: "call", profile: "p-a", metrics: ["wait_seconds": 500]).jsonValue,
            event("t1", hours: 3, type: "support_ticket", profile: "p-b", entity: "z:1").jsonValue,
            event("s1", hours: 4, type: "survey_response", profile: "p-b", metrics: ["nps": 2]).jsonValue,
            merge(survivor: "p-a", absorbed: ["p-b"], hours: 5),
            event("c2", hours: 6, type: "call", profile: "p-a", metrics: ["wait_seconds": 800]).jsonValue,
            event("x1", hours: 6, profile: "p-x").jsonValue,
            ForgetRecord(id: "erase-1", identifier: "email:x@example.com", profiles: ["p-x"]).jsonValue,
            event("t2", hours: 7, type: "ticket_solved", profile: "p-a", entity: "z:1").jsonValue,
            event("x2", hours: 8, profile: "p-x").jsonValue,
            event("p2", hours: 9, type: "purchase", profile: "p-a", metrics: ["amount": 30, "currency": "EUR"])
                .jsonValue,
        ]
    }

    private func customers(_ run: StageRun) -> [String] {
        run.events.compactMap { $0["customer"].map { JSONWriter.string($0) } }
    }

    /// Without `--state` no checkpoint comes: a barrier forgets what one would have written (the profiles merged
    /// away, the windows touched), so a long stateless run does not keep them all.
    @Test func withoutStateABarrierForgetsTheChangesACheckpointWouldWrite() {
        #expect(!scorer(stream + [barrier(1)]).hasUncheckpointedChanges)
        #expect(scorer(stream).hasUncheckpointedChanges)
    }

    @Test func committedStateSurvivesRestartsAfterEveryRecord() throws {
        let whole = customers(score(stream))
        for cut in 1..<stream.count {
            let directory = try TemporaryDirectory()
            let state = ["--state", directory.path, "--commit"]
            let first = score(Array(stream.prefix(cut)), arguments: state)
            let second = score(Array(stream.dropFirst(cut)), arguments: state)
            #expect(first.status == .success && second.status == .success, "\(second.errors)")
            #expect(customers(first) + customers(second) == whole, "cut after record \(cut)")
        }
    }

    @Test func eventsReplayedAfterTheCommittedBarrierCountOnce() throws {
        let directory = try TemporaryDirectory()
        let state = ["--state", directory.path, "--commit"]
        let lines = stream
        let undisturbed = customers(score([barrier(1)] + lines.prefix(5) + [barrier(2)] + lines.dropFirst(5)))
        // The first run gets three records past barrier 2, which it commits (a call of p-a among them); then it
        // stops.
        let cut = score([barrier(1)] + lines.prefix(5) + [barrier(2)] + lines[5..<8], arguments: state)
        #expect(cut.status == .success)
        // The restart reads on from barrier 2: those two records come again and must change nothing twice.
        let restarted = score([barrier(2)] + lines.dropFirst(5), arguments: state)
        #expect(restarted.errors.contains("restored barrier 2"), "\(restarted.errors)")
        #expect(customers(restarted) == Array(undisturbed.suffix(customers(restarted).count)))
        #expect(restarted.events.last?["customer"]?["events"] == 7)
    }

    /// Open aggregate windows and their baselines are part of the checkpoint: a restart at any barrier writes the
    /// same aggregates as a run that never stopped.
    @Test func openWindowsSurviveARestartAtEveryBarrier() throws {
        var lines: [JSONValue] = []
        for hour in 0..<12 {
            lines.append(barrier(hour + 1))
            for index in 0..<4 {
                lines.append(
                    event(
                        "e\(hour)-\(index)", hours: Double(hour) + 0.2 * Double(index), type: "survey_response",
                        profile: "p-\(index)", text: index == 0 ? "awful" : "lovely", metrics: ["nps": .int(hour % 11)],
                        channel: "survey"
                    ).jsonValue)
            }
            lines.append(WatermarkRecord(time: dayZero + .hours(Int64(hour))).jsonValue)
        }
        lines.append(WatermarkRecord(time: dayZero + .hours(12), isFinal: true).jsonValue)
        let whole = score(lines).records(ofKind: "aggregate").map { JSONWriter.string($0) }
        #expect(whole.count > 20)
        for cut in [1, 5, 9] {
            let directory = try TemporaryDirectory()
            let state = ["--state", directory.path, "--commit"]
            let at = lines.firstIndex { $0["kind"] == "barrier" && $0["id"] == .int(cut + 1) }!
            // The first run stops two records past barrier cut + 1; the restart reads on from that barrier.
            let first = score(Array(lines.prefix(at + 3)), arguments: state)
            let second = score(Array(lines.dropFirst(at)), arguments: state)
            #expect(second.errors.contains("restored barrier \(cut + 1)"), "\(second.errors)")
            let written = (first.records(ofKind: "aggregate") + second.records(ofKind: "aggregate")).map {
                JSONWriter.string($0)
            }
            #expect(written == whole, "restart at barrier \(cut + 1)")
        }
    }

    @Test func theCheckpointFilesArePrivate() throws {
        let directory = try TemporaryDirectory()
        _ = score(stream, arguments: ["--state", directory.path, "--commit"])
        let files = try ConfigRegistry<Int>.jsonFiles(in: directory.path)
        #expect(files.isEmpty)
        var status = stat()
        let folder = directory.path + "/score"
        #expect(stat(folder, &status) == 0)
        guard let stream = opendir(folder) else { return }
        defer { closedir(stream) }
        var stateFiles = 0
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasSuffix(".state") || name.hasSuffix(".log") else { continue }
            stateFiles += 1
            #expect(stat(folder + "/" + name, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o600, "\(name)")
        }
        #expect(stateFiles > 0)
    }
}
