import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointScore

@Suite struct EventScoreTests {
    private func scored(_ metrics: JSONValue, type: String = "survey_response", text: String? = nil) -> EventScore {
        EventScore(event("e1", type: type, text: text, metrics: metrics))
    }

    @Test(arguments: [
        (0, "detractor"), (6, "detractor"), (7, "passive"), (8, "passive"), (9, "promoter"), (10, "promoter"),
    ])
    func npsClasses(nps: Int, expected: String) {
        #expect(scored(["nps": .int(nps)]).npsClass == expected)
    }

    @Test(arguments: [(1, "dissatisfied"), (2, "dissatisfied"), (3, "neutral"), (4, "satisfied"), (5, "satisfied")])
    func csatClasses(csat: Int, expected: String) {
        #expect(scored(["csat": .int(csat)]).csatClass == expected)
    }

    @Test(arguments: [(nps: 11, csat: 6, ces: 8), (nps: -1, csat: 0, ces: 0)])
    func outOfRangeAnswersAreIgnored(nps: Int, csat: Int, ces: Int) {
        let score = scored(["nps": .int(nps), "csat": .int(csat), "ces": .int(ces)])
        #expect(score.npsClass == nil && score.csatClass == nil && score.effort == nil && score.experience == nil)
    }

    @Test(
        arguments: [
            (ces: 1, wait: nil, expected: "high"), (ces: 3, wait: nil, expected: "high"),
            (ces: 4, wait: nil, expected: "neutral"), (ces: 5, wait: nil, expected: "low"),
            (ces: 7, wait: nil, expected: "low"), (ces: nil, wait: 30, expected: "low"),
            (ces: nil, wait: 300, expected: "neutral"), (ces: nil, wait: 301, expected: "high"),
            (ces: 7, wait: 900, expected: "high"), (ces: 2, wait: 10, expected: "high"),
        ] as [(ces: Int?, wait: Int?, expected: String)])
    func effort(ces: Int?, wait: Int?, expected: String) {
        var metrics = JSONObject()
        if let ces { metrics.append("ces", .int(ces)) }
        if let wait { metrics.append("wait_seconds", .int(wait)) }
        #expect(scored(.object(metrics), type: "call").effort == expected)
    }

    @Test(
        arguments: [
            (["nps": 0], "survey_response", -100.0), (["nps": 7], "survey_response", 0.0),
            (["nps": 10], "survey_response", 100.0), (["csat": 1], "survey_response", -100.0),
            (["csat": 5], "survey_response", 100.0), (["ces": 7], "survey_response", 100.0),
            (["nps": 10, "csat": 1], "survey_response", 20.0), (["wait_seconds": 600], "call", -50.0),
            (["wait_seconds": 30], "call", 20.0), (["wait_seconds": 120], "call", 0.0),
            (["nps": 10, "wait_seconds": 3600], "call", 62.5), (["amount": 20], "return", -25.0),
        ] as [(JSONValue, String, Double)])
    func experience(metrics: JSONValue, type: String, expected: Double) {
        let value = scored(metrics, type: type).experience
        #expect(value.map { abs($0 - expected) < 1e-9 } == true)
    }

    /// Each built-in measure at its boundaries: at most the first threshold is exceeded, at most the second met.
    @Test(
        arguments: [
            ("call_wait", "wait_seconds", 60.0, "exceeded"), ("call_wait", "wait_seconds", 60.5, "met"),
            ("call_wait", "wait_seconds", 300, "met"), ("call_wait", "wait_seconds", 301, "missed"),
            ("delivery_delay", "delivery_delay_hours", -12, "exceeded"),
            ("delivery_delay", "delivery_delay_hours", 0, "exceeded"),
            ("delivery_delay", "delivery_delay_hours", 24, "met"),
            ("delivery_delay", "delivery_delay_hours", 25, "missed"),
            ("ticket_first_response", "first_response_minutes", 60, "exceeded"),
            ("ticket_first_response", "first_response_minutes", 480, "met"),
            ("ticket_first_response", "first_response_minutes", 481, "missed"),
            ("ticket_resolution", "resolution_hours", 24, "exceeded"),
            ("ticket_resolution", "resolution_hours", 72, "met"),
            ("ticket_resolution", "resolution_hours", 73, "missed"),
            ("store_queue", "queue_seconds", 120, "exceeded"), ("store_queue", "queue_seconds", 600, "met"),
            ("store_queue", "queue_seconds", 601, "missed"),
        ] as [(String, String, Double, String)])
    func expectationBoundaries(measure: String, metric: String, value: Double, expected: String) {
        let score = scored(.object(JSONObject([(metric, .double(value)!)])), type: "other")
        #expect(score.jsonObject?["expectations"] == .object(JSONObject([(measure, .string(expected))])))
    }

    @Test func anEventCarryingSeveralMeasuresGetsEachInTheSettingsOrder() {
        let score = scored(["queue_seconds": 900, "wait_seconds": 20], type: "other")
        #expect(score.jsonObject?["expectations"] == ["call_wait": "exceeded", "store_queue": "missed"])
        // (20 - 40) / 2: each outcome's contribution, weight 1 each.
        #expect(score.experience == -10)
    }

    @Test func aMeasureThatIsNotANumberIsLeftOut() {
        #expect(scored(["wait_seconds": "soon"], type: "call").jsonObject == nil)
    }

    @Test func eventsWithoutSignalsHaveNoScore() {
        #expect(scored(["amount": 10], type: "purchase").jsonObject == nil)
    }

    @Test func theScoreMemberHasTheVocabularyShape() {
        let score = scored(["nps": 2, "csat": 4, "ces": 2], text: "Terrible, slow and rude.")
        #expect(
            score.jsonObject?.keys == [
                "sentiment", "sentiment_label", "nps_class", "csat_class", "effort", "experience",
            ])
        #expect(
            scored(["nps": 2, "wait_seconds": 400], type: "call").jsonObject?.keys == [
                "nps_class", "effort", "expectations", "experience",
            ])
        #expect(score.jsonObject?["sentiment_label"] == "very_negative")
        #expect(score.jsonObject?["effort"] == "high")
    }
}
