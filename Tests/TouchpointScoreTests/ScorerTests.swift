import Foundation
import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointScore
import TouchpointTesting

@Suite struct ScorerTests {
    private func customer(_ run: StageRun, _ index: Int) -> JSONValue? { run.events[index]["customer"] }

    @Test func customerStateAccumulates() {
        let run = score([
            event("a", hours: 0, type: "purchase", stage: "purchase", metrics: ["amount": 100, "currency": "EUR"])
                .jsonValue,
            event("b", hours: 1, type: "return", stage: "support", metrics: ["amount": 30, "currency": "EUR"])
                .jsonValue,
            event("c", hours: 2, type: "purchase", stage: "purchase", metrics: ["amount": 50, "currency": "USD"])
                .jsonValue,
        ])
        // churn: z = −2.5 − 2 × (−25 / 100) = −2, 1 / (1 + e²) = 0.12.
        #expect(
            customer(run, 2)
                == [
                    "experience_index": -25, "events": 3, "value": 70, "tier": "low", "frequency": 2,
                    "recency_days": 0, "tenure_days": 0, "last_seen": "2026-10-01T02:00:00.000Z", "stage": "support",
                    "open_issues": 0, "contacts_7d": 0, "missed_in_a_row": [:], "segment": "new",
                    "last_touchpoints": ["web:purchase", "web:return", "web:purchase"],
                    "churn_risk": .double(0.12)!,
                ])
    }

    @Test func valueIsInTheCurrencyOfTheEarliestPurchaseWhateverTheArrivalOrder() {
        let usd = event("usd", hours: 5, type: "purchase", metrics: ["amount": 50, "currency": "USD"]).jsonValue
        let eur = event("eur", hours: 1, type: "purchase", metrics: ["amount": 100, "currency": "EUR"]).jsonValue
        #expect(customer(score([usd, eur]), 1)?["value"] == 100)
        #expect(customer(score([eur, usd]), 1)?["value"] == 100)
    }

    @Test func theStageIsTheFurthestReachedAndLastSeenTheNewestEventInAnyArrivalOrder() {
        let run = score([
            event("late", hours: 48, stage: "support").jsonValue,
            event("early", hours: 1, stage: "research").jsonValue,
        ])
        #expect(customer(run, 1)?["stage"] == "support")
        #expect(customer(run, 1)?["last_seen"] == "2026-10-03T00:00:00.000Z")
    }

    @Test func theExperienceIndexDecaysWithEventTimeInAnyArrivalOrder() {
        // csat 1 -> -100 at day 0, csat 5 -> +100 at day 30 (one half-life): (-100 × 0.5 + 100) / 1.5 = 33.3.
        let old = event("old", hours: 0, type: "survey_response", metrics: ["csat": 1]).jsonValue
        let new = event("new", hours: 30 * 24, type: "survey_response", metrics: ["csat": 5]).jsonValue
        #expect(customer(score([old, new]), 1)?["experience_index"] == .number(JSONNumber(literal: "33.3")!))
        #expect(customer(score([new, old]), 1)?["experience_index"] == .number(JSONNumber(literal: "33.3")!))
        #expect(
            customer(score([old, new], arguments: ["--half-life-days", "60"]), 1)?["experience_index"]
                == .number(JSONNumber(literal: "17.2")!))
    }

    @Test func contactsInTheSevenDaysUpToTheEventCountLateArrivals() {
        let run = score([
            event("t1", hours: 0, type: "support_ticket").jsonValue,
            event("t3", hours: 100, type: "support_ticket").jsonValue,
            event("c2", hours: 50, type: "call").jsonValue,
            event("later", hours: 7 * 24 + 1, type: "page_view").jsonValue,
            event("t4", hours: 120, type: "support_ticket").jsonValue,
        ])
        #expect(run.events.map { $0["customer"]?["contacts_7d"] } == [1, 2, 2, 2, 4])
        // Every ticket is open (none was solved): 1, 2, 2, 2, 3 open issues.
        #expect(run.events.map { $0["customer"]?["open_issues"] } == [1, 2, 2, 2, 3])
        // z = −2.5 + 0.6 × contacts + 0.4 × open issues.
        #expect(
            run.events.map { $0["customer"]?["churn_risk"] }
                == [0.18, 0.38, 0.38, 0.38, 0.75].map { .double($0)! })
    }

    /// The figures docs/stages/score.md gives for the built-in churn weights.
    @Test(
        arguments: [
            (index: nil, recency: nil, detractor: false, contacts: 0, open: 0, expected: 0.08),
            (index: -60, recency: nil, detractor: true, contacts: 0, open: 0, expected: 0.55),
            (index: -60, recency: nil, detractor: true, contacts: 3, open: 0, expected: 0.88),
            (index: 100, recency: 10, detractor: false, contacts: 0, open: 0, expected: 0.01),
            (index: nil, recency: 400, detractor: false, contacts: 0, open: 2, expected: 0.87),
        ] as [(index: Double?, recency: Int?, detractor: Bool, contacts: Int, open: Int, expected: Double)])
    func churnRisk(index: Double?, recency: Int?, detractor: Bool, contacts: Int, open: Int, expected: Double) {
        let risk = ScoreSettings.builtin.churnModel.risk(
            experienceIndex: index, recencyDays: recency, hasRecentDetractor: detractor, contacts7Days: contacts,
            openIssues: open)
        #expect(abs(risk - expected) < 0.005, "\(risk)")
    }

    @Test func aMergeFoldsTheAbsorbedStateIntoTheSurvivor() {
        let run = score([
            event("a1", hours: 0, type: "purchase", profile: "p-a", metrics: ["amount": 10, "currency": "EUR"])
                .jsonValue,
            event("b1", hours: 1, type: "support_ticket", profile: "p-b").jsonValue,
            event("b2", hours: 2, type: "purchase", profile: "p-b", metrics: ["amount": 5, "currency": "EUR"])
                .jsonValue,
            event("c1", hours: 3, type: "call", profile: "p-c").jsonValue,
            merge(survivor: "p-a", absorbed: ["p-b", "p-c"], hours: 4),
            event("a2", hours: 4, type: "call", stage: "support", profile: "p-a").jsonValue,
            event("b3", hours: 5, profile: "p-b").jsonValue,
        ])
        let folded = run.events[4]["customer"]
        #expect(folded?["events"] == 5)
        #expect(folded?["value"] == 15)
        #expect(folded?["contacts_7d"] == 3)
        // The absorbed profile's state moved: an event still carrying its id starts afresh.
        #expect(run.events[5]["customer"]?["events"] == 1)
    }

    @Test func mergesAndOtherKindsAreForwardedByteForByte() {
        let text = """
            {"kind":"merge","id":"m-1","time":"2026-10-01T00:00:00Z","survivor":"p-a","absorbed":["p-b"], "identifier":"email","event":"e"}
            {"kind":"alert","id":"a-1"}
            {"kind":"barrier","id":1,"positions":[]}

            """
        #expect(score(text: text).output == text)
    }

    @Test func eventsWithoutAProfileGetAScoreButNoCustomer() {
        let run = score([event("s", type: "social_post", profile: nil, text: "Awful!").jsonValue])
        #expect(run.events[0]["score"]?["sentiment_label"] == "very_negative")
        #expect(run.events[0]["customer"] == nil)
    }

    @Test func invalidRecordsAreDeadLetters() {
        let run = score(text: "{\"kind\":\"merge\",\"id\":\"m\"}\n{\"kind\":\"event\",\"id\":\"e\"}\n")
        #expect(run.output.isEmpty)
        #expect(run.errors.split(separator: "\n").filter { $0.contains("\"reason\":\"invalid_record\"") }.count == 2)
    }

    @Test func outputIsDeterministic() {
        let types = ["purchase", "call", "survey_response"]
        var lines: [JSONValue] = []
        for index in 0..<300 {
            let metrics: JSONValue = ["amount": .int(index), "nps": .int(index % 11)]
            let hours = Double((index * 37) % 500)
            let text: String? = index % 2 == 0 ? "not good at all" : nil
            lines.append(
                event(
                    "e\(index)", hours: hours, type: types[index % 3], profile: "p-\(index % 7)", text: text,
                    metrics: metrics
                ).jsonValue)
        }
        #expect(score(lines).output == score(lines).output)
    }
}

@Suite struct ScoreDocumentationTests {
    /// The settings example in docs/stages/score.md ("Configuration") is a valid file that does what it says.
    @Test func theDocumentedSettingsExampleIsValid() throws {
        let page = try String(
            contentsOf: BuiltProducts.repository.appendingPathComponent("docs/stages/score.md"), encoding: .utf8)
        let section = try #require(page.components(separatedBy: "### Configuration").last)
        let block = try #require(section.components(separatedBy: "```json\n").dropFirst().first)
        let text = try #require(block.components(separatedBy: "```").first)
        let settings = try ScoreSettings(file: ConfigFile(text: text, path: "example.json"))
        #expect(settings.expectations.first { $0.name == "call_wait" }?.metAtMost == 180)
        #expect(!settings.expectations.contains { $0.name == "store_queue" })
        #expect(settings.segments.map(\.name) == ["dach", "other"])
    }

    /// The example in docs/stages/score.md.
    @Test func theDocumentedExampleHolds() {
        let line = """
            {"kind":"event","id":"s1","time":"2026-10-03T10:00:00Z","channel":"survey","type":"survey_response","stage":"loyalty","ids":{},"text":"Really disappointed, the shoes were damaged!","metrics":{"nps":3}}

            """
        let expected: JSONValue = [
            "sentiment": .double(-0.84)!, "sentiment_label": "very_negative", "nps_class": "detractor",
            "experience": -64,
        ]
        #expect(score(text: line).events.first?["score"] == expected)
    }
}

/// docs/CONTRACT.md's tables of the `score` and `customer` members and what score writes must agree.
@Suite struct ScoreContractTests {
    @Test func theScoreAndCustomerMembersMatchTheirTables() throws {
        let schema = try ContractSchema()
        let run = score([
            event("p", hours: 0, type: "purchase", metrics: ["amount": 40, "currency": "EUR"]).jsonValue,
            event(
                "c", hours: 2, type: "call", text: "Waited forever, awful.", metrics: ["wait_seconds": 900, "ces": 2],
                channel: "call_center"
            ).jsonValue,
            event("s", hours: 3, type: "survey_response", metrics: ["nps": 3, "csat": 2]).jsonValue,
            event("c2", hours: 4, type: "call", metrics: ["transfers": 1], channel: "call_center").jsonValue,
        ])
        var seen: Set<String> = []
        for record in run.events {
            for (member, kind) in [("score", "event_score"), ("customer", "event_customer")] {
                guard let value = record[member] else { continue }
                #expect(schema.violations(of: value, kind: kind).isEmpty, "\(member): \(value)")
                seen.formUnion(value.objectValue?.keys.map { member + "." + $0 } ?? [])
            }
        }
        let documented = ["event_score", "event_customer"].flatMap { kind in
            (schema.fieldsByKind[kind] ?? []).map { (kind == "event_score" ? "score." : "customer.") + $0.name }
        }
        // Every documented member shows up in this run, so none is documented but never written.
        #expect(Set(documented) == seen)
    }
}
