import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

/// Contract §4 for alert: its checkpoints are a snapshot and then change frames of only the keys touched, so a
/// restart from any committed barrier must restore evidence, timers, cooldowns, storm windows and journeys exactly
/// as the undisturbed run had them, and deliver the same alerts, neither repeated nor lost.
@Suite struct AlerterCheckpointTests {
    /// Three days of every kind of rule state: sequences (purchase, then a detractor survey), a window (three
    /// contacts in a week), an absence (a ticket left unsolved for 48 h), a crossing (churn risk) under a cooldown,
    /// a storm of anomalous aggregates, a merge and a forget; a barrier every four hours, a watermark every hour.
    private var lines: [JSONValue] {
        var lines: [JSONValue] = []
        var barrier = 0
        for hour in 0..<80 {
            if hour % 4 == 0 {
                barrier += 1
                lines.append(Barrier(id: barrier, positions: []).jsonValue)
            }
            let h = Double(hour)
            let profile = "p-\(hour % 6)"
            switch hour % 8 {
            case 0: lines.append(purchase("buy-\(hour)", hours: h, profile: profile))
            case 1: lines.append(survey("nps-\(hour)", hours: h + 0.5, nps: hour % 3, profile: "p-\((hour - 1) % 6)"))
            case 2: lines.append(contact("call-\(hour)", hours: h, profile: "p-1", type: "call"))
            case 3:
                lines.append(ticket("z:\(hour):open", hours: h, entity: "z:\(hour)", profile: profile))
                if hour % 16 == 3 {
                    lines.append(ticket("z:\(hour):done", hours: h + 5, entity: "z:\(hour)", type: "ticket_solved"))
                }
            case 4:
                lines.append(
                    scored(
                        "risk-\(hour)", hours: h, profile: "p-2",
                        customer: ["churn_risk": .double(hour % 16 == 4 ? 0.9 : 0.4)!]))
            case 5 where hour > 50:
                for store in 0..<4 {
                    lines.append(
                        aggregate(
                            hours: h, group: ["store": .string("S-\(hour)-\(store)")], flags: ["anomaly"],
                            figures: sentimentDrop))
                }
            case 6 where hour == 30: lines.append(merge(survivor: "p-0", absorbed: ["p-3"], hours: h))
            case 7 where hour == 47:
                lines.append(
                    ForgetRecord(id: "erase-1", identifier: "email:x@example.com", profiles: ["p-4"]).jsonValue)
            default: lines.append(contact("chat-\(hour)", hours: h, profile: profile, type: "chat"))
            }
            lines.append(watermark(hours: h + 0.9))
        }
        lines.append(WatermarkRecord(time: at(200), isFinal: true).jsonValue)
        return lines
    }

    private func alerts(_ run: StageRun) -> [String] { run.alerts.map { JSONWriter.string($0) } }

    @Test func aRestartAtEveryBarrierDeliversWhatTheUndisturbedRunDelivers() throws {
        let lines = lines
        let whole = alerts(alert(lines))
        let rules = Set(alert(lines).alerts.compactMap { $0["rule"]?.stringValue })
        #expect(
            rules.isSuperset(of: [
                "detractor-after-purchase", "repeat-contact", "complaint-unresolved", "churn-risk-rising",
            ]), "\(rules)")
        #expect(alert(lines).alerts.contains { $0["storm"] != nil })
        let barriers = lines.filter { $0["kind"] == "barrier" }.count
        for cut in 2...barriers {
            let directory = try TemporaryDirectory()
            let state = ["--state", directory.path, "--commit"]
            let at = lines.firstIndex { $0["kind"] == "barrier" && $0["id"] == .int(cut) }!
            // The first run stops on barrier `cut`, which it commits; the restart reads on from that barrier. (Output
            // written past a commit is the committer's output file's business: CrashRecoveryTests.)
            let first = alert(Array(lines.prefix(at + 1)), arguments: state)
            let second = alert(Array(lines.dropFirst(at)), arguments: state)
            #expect(first.status == .success && second.status == .success, "\(second.errors)")
            #expect(second.errors.contains("restored barrier \(cut)"), "\(second.errors)")
            #expect(alerts(first) + alerts(second) == whole, "restart at barrier \(cut)")
        }
    }

    /// Every run but the first starts from state restored out of a snapshot and all the frames since: one run per
    /// barrier interval, each ending on the next barrier (which commits it), delivers what one run does.
    @Test func aChainOfRestartsThroughEveryFrameDeliversTheSame() throws {
        let lines = lines
        let whole = alerts(alert(lines))
        let directory = try TemporaryDirectory()
        let state = ["--state", directory.path, "--commit"]
        let starts = lines.indices.filter { lines[$0]["kind"] == "barrier" } + [lines.count]
        var written: [String] = []
        for (start, next) in zip(starts, starts.dropFirst()) {
            let run = alert(Array(lines[start..<min(next + 1, lines.count)]), arguments: state)
            #expect(run.status == .success, "\(run.errors)")
            written += alerts(run)
        }
        #expect(written == whole)
        #expect(!whole.isEmpty)
    }
}
