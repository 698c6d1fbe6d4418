import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointScore
import TouchpointTesting

@Suite struct AggregateTests {
    private func watermark(hours: Double, isFinal: Bool = false) -> JSONValue {
        WatermarkRecord(time: dayZero + Duration(milliseconds: Int64(hours * 3_600_000)), isFinal: isFinal).jsonValue
    }

    private func survey(_ id: String, hours: Double, nps: Int, csat: Int? = nil, text: String? = nil) -> JSONValue {
        var metrics = JSONObject([("nps", .int(nps))])
        if let csat { metrics.append("csat", .int(csat)) }
        return event(
            id, hours: hours, type: "survey_response", profile: nil, text: text, metrics: .object(metrics),
            channel: "survey"
        ).jsonValue
    }

    private func settingsFile(_ text: String) -> (TemporaryDirectory, [String]) {
        let directory = TemporaryDirectory(texts: ["score.json": text])
        return (directory, ["--config", directory.path + "/score.json"])
    }

    @Test func aWindowIsWrittenWhenTheWatermarkPassesItsEndAndNotBefore() {
        let (directory, arguments) = settingsFile(#"{"aggregates": {"windows": ["1h"], "groups": ["channel"]}}"#)
        let run = score(
            [
                survey("s1", hours: 10.1, nps: 10), survey("s2", hours: 10.5, nps: 0),
                survey("s3", hours: 11.2, nps: 9),
                watermark(hours: 10.9), watermark(hours: 11.0), survey("late", hours: 10.7, nps: 0),
                watermark(hours: 12, isFinal: true),
            ], arguments: arguments)
        _ = directory
        let kinds = run.records.map { $0["kind"]?.stringValue ?? "" }
        #expect(
            kinds == [
                "event", "event", "event", "watermark", "aggregate", "watermark", "event", "aggregate", "watermark",
            ])
        let first = run.records(ofKind: "aggregate")[0]
        #expect(first["window"] == ["start": "2026-10-01T10:00:00.000Z", "end": "2026-10-01T11:00:00.000Z"])
        #expect(first["group"] == ["channel": "survey"])
        // One promoter, one detractor: NPS 0 over 2 answers; the late answer of 10:42 came after its window closed.
        #expect(first["figures"]?["nps"]?["value"] == 0)
        #expect(first["figures"]?["nps"]?["n"] == 2)
        #expect(run.records(ofKind: "aggregate")[1]["figures"]?["volume"]?["value"] == 1)
    }

    @Test func figuresCarryTheirSampleSizeAndInterval() {
        let (directory, arguments) = settingsFile(
            #"{"aggregates": {"windows": ["1d"], "groups": ["channel"], "min_responses": 5}}"#)
        _ = directory
        var lines: [JSONValue] = []
        // 6 promoters, 2 passives, 2 detractors: NPS 40; CSAT 4 of 10 satisfied.
        for index in 0..<10 {
            let nps = index < 6 ? 10 : index < 8 ? 7 : 2
            lines.append(survey("s\(index)", hours: Double(index), nps: nps, csat: index < 4 ? 5 : 2))
        }
        let figures = score(lines, arguments: arguments).records(ofKind: "aggregate")[0]["figures"]
        #expect(figures?["nps"]?["value"] == 40)
        #expect(figures?["nps"]?["n"] == 10)
        // Variance of +1/0/−1 answers: 0.8 − 0.16 = 0.64; 1.96 × √(0.064) × 100 = 49.6.
        #expect(figures?["nps"]?["ci95"] == [.double(-9.6)!, .double(89.6)!])
        #expect(figures?["csat"]?["value"] == 40)
        // Wilson interval of 4 in 10.
        #expect(figures?["csat"]?["ci95"] == [.double(16.8)!, .double(68.7)!])
        #expect(figures?["nps"]?["thin"] == nil)
    }

    @Test func aThinWindowIsMarkedAndNeverFlagged() {
        let (directory, arguments) = settingsFile(
            #"{"aggregates": {"windows": ["1h"], "groups": ["channel"], "min_responses": 3, "baseline_min_windows": 3}}"#
        )
        _ = directory
        // Four hours of three or four answers, mostly promoters; then an hour of detractors only.
        let usual = [[10, 10, 7], [10, 9, 9, 2], [10, 7, 2], [9, 10, 10, 8]].enumerated().flatMap { hour, answers in
            answers.enumerated().map { survey("s\(hour)-\($0)", hours: Double(hour) + 0.1 * Double($0), nps: $1) }
        }
        func lastWindow(detractors: Int) -> JSONValue? {
            let angry = (0..<detractors).map { survey("angry\($0)", hours: 4.5, nps: 0) }
            return score(usual + angry, arguments: arguments).records(ofKind: "aggregate").last
        }
        // Three detractors are enough answers to judge: far below the baseline. Two are too few: thin, not flagged.
        #expect(lastWindow(detractors: 3)?["flags"] == ["anomaly"])
        #expect(lastWindow(detractors: 2)?["flags"] == ["thin"])
        #expect(lastWindow(detractors: 2)?["figures"]?["nps"]?["thin"] == true)
    }

    @Test func aWindowFarFromItsBaselineIsFlagged() {
        let (directory, arguments) = settingsFile(
            #"{"aggregates": {"windows": ["1h"], "groups": ["channel"], "min_responses": 4, "baseline_min_windows": 5}}"#
        )
        _ = directory
        var lines: [JSONValue] = []
        // Eight hours with four or five posts, a fifth of them negative; then one hour with forty angry posts.
        for hour in 0..<8 {
            for index in 0..<(4 + hour % 2) {
                let text = index == 0 ? "Terrible service, awful" : "Lovely shop, great coffee"
                lines.append(
                    event(
                        "p\(hour)-\(index)", hours: Double(hour) + 0.01 * Double(index), type: "social_post",
                        profile: nil, text: text, channel: "social"
                    ).jsonValue)
            }
        }
        for index in 0..<40 {
            lines.append(
                event(
                    "viral\(index)", hours: 8 + 0.01 * Double(index), type: "social_post", profile: nil,
                    text: "Worst company ever, avoid!!", channel: "social"
                ).jsonValue)
        }
        let aggregates = score(lines, arguments: arguments).records(ofKind: "aggregate")
        #expect(aggregates.count == 9)
        #expect(aggregates.dropLast().allSatisfy { $0["flags"] == nil })
        #expect(aggregates.last?["flags"] == ["anomaly"])
        #expect(aggregates.last?["figures"]?["volume"]?["anomaly"] == "above")
        #expect(aggregates.last?["figures"]?["complaint_rate"]?["anomaly"] == "above")
        // The baseline is the plain mean of the eight hours while the history is short: 25% and 20% in turn.
        #expect(aggregates.last?["figures"]?["complaint_rate"]?["baseline"] == .double(22.5)!)
        #expect(aggregates.last?["figures"]?["volume"]?["baseline"] == .double(4.5)!)
    }

    @Test func theOrderOfArrivalWithinTheWatermarkChangesNothing() {
        var lines: [JSONValue] = []
        for index in 0..<60 {
            lines.append(
                event(
                    "e\(index)", hours: Double(index % 30) * 0.9, type: index % 3 == 0 ? "call" : "purchase",
                    profile: "p-\(index % 4)", text: index % 2 == 0 ? "not great" : nil,
                    metrics: ["wait_seconds": .int(index * 13)], channel: index % 3 == 0 ? "call_center" : "store"
                ).jsonValue)
        }
        let forward = score(lines).records(ofKind: "aggregate")
        let backward = score(lines.reversed()).records(ofKind: "aggregate")
        #expect(!forward.isEmpty)
        #expect(forward.map { JSONWriter.string($0) } == backward.map { JSONWriter.string($0) })
    }

    @Test func storesAreGroupsWhenEventsNameOne() {
        let line = """
            {"kind":"event","id":"pos:1","time":"2026-10-01T10:00:00Z","channel":"store","type":"purchase","stage":"purchase","ids":{},"metrics":{"queue_seconds":900},"properties":{"store_id":"S-04"}}

            """
        let groups = score(text: line).records(ofKind: "aggregate").map { $0["group"] }
        #expect(groups.contains(["store": "S-04"]))
        #expect(groups.contains(["touchpoint": "store:purchase"]))
        #expect(groups.count == 6)
    }

    @Test func aggregatesMatchTheContract() throws {
        let schema = try ContractSchema()
        let run = score([survey("s", hours: 1, nps: 3, text: "bad")])
        #expect(!run.records(ofKind: "aggregate").isEmpty)
        for record in run.records(ofKind: "aggregate") {
            #expect(schema.violations(of: record, kind: "aggregate").isEmpty, "\(record)")
        }
    }
}
