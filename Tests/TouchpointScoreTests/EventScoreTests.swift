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
            (["wait_seconds": 3600], "call", -100.0), (["amount": 20], "return", -25.0),
        ] as [(JSONValue, String, Double)])
    func experience(metrics: JSONValue, type: String, expected: Double) {
        let value = scored(metrics, type: type).experience
        #expect(value.map { abs($0 - expected) < 1e-9 } == true)
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
        #expect(score.jsonObject?["sentiment_label"] == "very_negative")
        #expect(score.jsonObject?["effort"] == "high")
    }
}
