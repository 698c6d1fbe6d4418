import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointScore
import TouchpointTesting

@Suite struct ScoreSettingsTests {
    private func settings(_ text: String) throws -> ScoreSettings {
        try ScoreSettings(file: ConfigFile(text: text, path: "score.json"))
    }

    private func problems(_ text: String) throws -> [String] {
        ScoreSettings.problems(in: try ConfigFile(text: text, path: "score.json")).map(\.description)
    }

    @Test func theBuiltInSettingsAreTheDocumentedDefaults() {
        let builtin = ScoreSettings.builtin
        #expect(builtin.halfLife == .days(30))
        #expect(builtin.allowedLateness == .hours(1))
        #expect(
            builtin.expectations.map(\.name) == [
                "call_wait", "delivery_delay", "ticket_first_response", "ticket_resolution", "store_queue",
            ])
        #expect(builtin.surveys.nps.classify(6) == "detractor" && builtin.surveys.nps.classify(9) == "promoter")
        #expect(builtin.surveys.csat.classify(4) == "satisfied" && builtin.surveys.csat.classify(3) == "neutral")
        #expect(builtin.surveys.ces.effort(5) == "low" && builtin.surveys.ces.effort(3) == "high")
        #expect(builtin.segments.last?.name == "regular")
    }

    @Test func aUserFileChangesOnlyWhatItNames() throws {
        let changed = try settings(
            #"{"expectations": {"call_wait": {"met_at_most": 120}, "delivery_delay": null, "chat_wait": {"metric": "chat_wait_seconds", "exceeded_at_most": 30, "met_at_most": 90, "contribution": {"exceeded": 10, "met": 0, "missed": -30}}}, "value_tiers": {"high_at_least": 5000}}"#
        )
        let callWait = changed.expectations.first { $0.name == "call_wait" }!
        #expect(callWait.exceededAtMost == 60 && callWait.metAtMost == 120 && callWait.missedValue == -50)
        #expect(
            changed.expectations.map(\.name) == [
                "call_wait", "ticket_first_response", "ticket_resolution", "store_queue", "chat_wait",
            ])
        #expect(changed.tiers.highAtLeast == 5000 && changed.tiers.mediumAtLeast == 200)
        #expect(changed.halfLife == .days(30))
    }

    @Test func theOlderCESScaleIsReadTheOtherWayRound() throws {
        let older = try settings(#"{"surveys": {"ces": {"higher_is_easier": false}}}"#)
        // "How much effort did you have to put forth": 1 is very low effort.
        #expect(older.surveys.ces.effort(1) == "low")
        #expect(older.surveys.ces.effort(7) == "high")
        let score = EventScore(event("e", type: "survey_response", metrics: ["ces": 1]), settings: older)
        #expect(score.effort == "low" && score.experience == 100)
    }

    @Test func everyProblemIsReportedByItsPath() throws {
        let found = try problems(
            #"{"experience": {"half_life": "2x"}, "surveys": {"nps": {"promoter_at_least": 11}}, "segments": [{"name": "a", "when": {"tier": ["gold"]}}], "churn_model": {"intercep": 1}, "expectations": {"call_wait": {"exceeded_at_most": 400}}, "bogus": 1}"#
        )
        #expect(found.count == 6, "\(found)")
        #expect(found.contains { $0.hasPrefix("score.json:1:") && $0.contains("$.bogus: unknown key") })
        #expect(found.contains { $0.contains("$.experience.half_life: \"2x\" is not a duration") })
        #expect(found.contains { $0.contains("$.surveys.nps.promoter_at_least: 11 is outside 0...10") })
        #expect(found.contains { $0.contains("$.segments[0].when.tier[0]: \"gold\" is not one of") })
        #expect(found.contains { $0.contains("$.churn_model.intercep: unknown key") && $0.contains("intercept") })
        #expect(found.contains { $0.contains("$.expectations.call_wait: exceeded_at_most must not be above") })
    }

    @Test func aggregateWindowsMustTileADay() throws {
        let found = try problems(#"{"aggregates": {"windows": ["7m"], "groups": ["region"]}}"#)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.contains("$.aggregates.windows[0]: a window must divide a day") == true)
        let changed = try settings(#"{"aggregates": {"windows": ["1d", "15m"], "min_responses": 50}}"#)
        #expect(changed.aggregates.windows == [.minutes(15), .days(1)])
        #expect(changed.aggregates.groups == [.channel, .touchpoint, .store])
        #expect(changed.aggregates.minResponses == 50)
    }

    @Test func checkReportsEachFileAndExitsTwoOnAProblem() throws {
        let directory = TemporaryDirectory(texts: [
            "good.json": #"{"allowed_lateness": "2h"}"#,
            "bad.json": #"{"windows": {"contacts": 7}, "last_touchpoints": 50}"#,
        ])
        let good = StageRun("score", ScoreCommand.run, text: "", arguments: ["--check", directory.path + "/good.json"])
        #expect(good.status == .success)
        #expect(good.output == directory.path + "/good.json: ok\n")
        let bad = StageRun("score", ScoreCommand.run, text: "", arguments: ["--check", directory.path + "/bad.json"])
        #expect(bad.status == .usage)
        let lines = bad.errors.split(separator: "\n")
        #expect(lines.count == 2, "\(bad.errors)")
        #expect(lines.contains { $0.contains("$.windows.contacts: expected a duration") })
        #expect(lines.contains { $0.contains("$.last_touchpoints: 50 is outside 0...20") })
    }

    @Test func configChangesWhatScoreWrites() throws {
        let directory = TemporaryDirectory(texts: [
            "score.json":
                #"{"expectations": {"call_wait": {"exceeded_at_most": 10, "met_at_most": 20}}, "segments": [{"name": "germany", "when": {"traits": {"country": ["de"]}}}, {"name": "elsewhere", "when": {}}]}"#
        ])
        var call = event("c", type: "call", metrics: ["wait_seconds": 30])
        call.traits = JSONObject([("country", "DE")])
        let plain = score([call.jsonValue])
        let configured = score([call.jsonValue], arguments: ["--config", directory.path + "/score.json"])
        #expect(plain.events[0]["score"]?["expectations"] == ["call_wait": "exceeded"])
        #expect(configured.events[0]["score"]?["expectations"] == ["call_wait": "missed"])
        #expect(plain.events[0]["customer"]?["segment"] == "new")
        #expect(configured.events[0]["customer"]?["segment"] == "germany")
        let broken = score([call.jsonValue], arguments: ["--config", directory.path + "/missing.json"])
        #expect(broken.status == .usage)
        #expect(broken.errors.contains("missing.json: no such file"))
    }
}
