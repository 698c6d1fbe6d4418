import Testing
import TouchpointAlert
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

@Suite struct DetractorAfterPurchaseTests {
    @Test func firesInEveryArrivalOrderWithTheSameAlert() {
        let lines = [purchase("pos:1", hours: 14), survey("surveys:1", hours: 34, nps: 3), contact("t:1", hours: 20)]
        let runs = permutations(lines).map { alert($0).alerts }
        for alerts in runs {
            #expect(alerts.count == 1)
            #expect(alerts.first?["id"] == runs[0].first?["id"])
            #expect(alerts.first?["evidence"] == runs[0].first?["evidence"])
        }
        let fired = runs[0][0]
        #expect(fired["id"] == .string("a-" + StableHash.hex("detractor-after-purchase", "pos:1", "surveys:1")))
        #expect(fired["summary"] == "NPS 3, 20 h after a purchase of 129.90 EUR")
        #expect(fired["time"] == "2026-10-02T10:00:00.000Z")
        #expect(fired["evidence"]?.arrayValue?.map { $0["id"]! } == ["pos:1", "surveys:1"])
        #expect(
            fired["evidence"]?.arrayValue?.first == [
                "id": "pos:1", "time": "2026-10-01T14:00:00.000Z", "channel": "web", "type": "purchase",
            ])
        #expect(fired["profile"] == "p-a")
        #expect(
            fired.objectValue?.keys == [
                "kind", "id", "rule", "severity", "owner", "time", "profile", "summary", "next_step", "evidence",
                "customer",
            ])
        #expect(fired["severity"] == "high" && fired["owner"] == "customer_care")
        #expect(fired["next_step"]?.stringValue?.hasPrefix("Call the customer") == true)
    }

    @Test func ofTwoQualifyingPurchasesTheLatestIsTheEvidenceInEveryArrivalOrder() {
        let lines = [purchase("p1", hours: 0), purchase("p2", hours: 30), survey("s", hours: 50, nps: 2)]
        for order in permutations(lines) {
            #expect(alert(order).alertLines == ["detractor-after-purchase: p2 s"])
        }
    }

    @Test(arguments: [
        (purchaseHours: 0.0, surveyHours: 168.0, nps: 6, fires: true),
        (purchaseHours: 0.0, surveyHours: 168.01, nps: 6, fires: false),
        (purchaseHours: 0.0, surveyHours: 100.0, nps: 2, fires: true),
        (purchaseHours: 0.0, surveyHours: 0.0, nps: 0, fires: true),
        (purchaseHours: 10.0, surveyHours: 9.0, nps: 0, fires: false),
        (purchaseHours: 0.0, surveyHours: 5.0, nps: 7, fires: false),
        (purchaseHours: 0.0, surveyHours: 5.0, nps: 10, fires: false),
    ])
    func windowAndThreshold(purchaseHours: Double, surveyHours: Double, nps: Int, fires: Bool) {
        let lines = [survey("s", hours: surveyHours, nps: nps), purchase("p", hours: purchaseHours)]
        #expect(alert(lines).alerts.count == (fires ? 1 : 0))
        #expect(alert(lines.reversed()).alerts.count == (fires ? 1 : 0))
    }

    @Test func theWindowIsConfigurableFromARulesFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("rules.json", #"{"rules":[{"id":"detractor-after-purchase","within":"2d"}]}"#)
        let lines = [purchase("p", hours: 0), survey("s", hours: 72, nps: 2)]
        #expect(alert(lines).alerts.count == 1)
        #expect(alert(lines, arguments: ["--rules", path]).alerts.isEmpty)
    }

    @Test func differentProfilesDoNotPair() {
        #expect(
            alert([purchase("p", hours: 0, profile: "p-a"), survey("s", hours: 1, nps: 2, profile: "p-b")]).alerts
                .isEmpty)
    }

    @Test func eachPurchaseAndSurveyServesOneAlert() {
        let run = alert([
            purchase("p1", hours: 0), survey("s1", hours: 5, nps: 2), survey("s2", hours: 6, nps: 1),
            purchase("p2", hours: 30), survey("s3", hours: 31, nps: 4),
        ])
        #expect(run.alertLines == ["detractor-after-purchase: p1 s1", "detractor-after-purchase: p2 s3"])
    }

    @Test func aMergeCompletesThePair() {
        let run = alert([
            survey("s", hours: 20, nps: 2, profile: "p-b"), purchase("p", hours: 0, profile: "p-a"),
            merge(survivor: "p-a", absorbed: ["p-b"]),
        ])
        #expect(run.records.map { $0["kind"]!.stringValue! } == ["event", "event", "merge", "alert"])
        #expect(run.alerts[0]["profile"] == "p-a")
    }

    @Test func theAlertSummarizesTheCustomer() {
        let customer: JSONValue = [
            "events": 2, "tier": "high", "experience_index": .double(-12.5)!, "churn_risk": .double(0.4)!,
            "open_issues": 1,
        ]
        let run = alert([
            purchase("p", hours: 0),
            event("s", hours: 1, type: "survey_response", metrics: ["nps": 1], customer: customer),
        ])
        #expect(
            run.alerts[0]["customer"] == [
                "tier": "high", "experience_index": .double(-12.5)!, "churn_risk": .double(0.4)!, "open_issues": 1,
                "journey": [
                    ["time": "2026-10-01T00:00:00.000Z", "channel": "web", "type": "purchase"],
                    ["time": "2026-10-01T01:00:00.000Z", "channel": "web", "type": "survey_response"],
                ],
            ])
    }
}

@Suite struct RepeatContactTests {
    @Test func threeContactsInAWeekFireOnceInEveryArrivalOrder() {
        let lines = [
            contact("t:1", hours: 0), contact("t:2", hours: 48), contact("c:3", hours: 96, type: "call"),
            contact("t:4", hours: 120),
        ]
        for order in permutations(lines) {
            #expect(alert(order).alertLines == ["repeat-contact: t:1 t:2 c:3"])
        }
        let inOrder = alert(lines)
        #expect(inOrder.alerts[0]["summary"] == "3 contacts in 4 days")
        #expect(inOrder.alerts[0]["severity"] == "medium" && inOrder.alerts[0]["owner"] == "support")
    }

    @Test func contactsSpreadOverMoreThanSevenDaysDoNotFire() {
        let run = alert([contact("a", hours: 0), contact("b", hours: 84), contact("c", hours: 168.5)])
        #expect(run.alerts.isEmpty)
    }

    @Test func ticketUpdatesAreNotContactsAndATicketCountsOnce() {
        // Two tickets and their updates (the zendesk mapping's ticket_updated, and a repeated support_ticket line
        // of the same ticket): two contacts, one short.
        let nearMiss = [
            ticket("z:1:a", hours: 0, entity: "z:1"), ticket("z:1:b", hours: 2, entity: "z:1", type: "ticket_updated"),
            ticket("z:1:c", hours: 3, entity: "z:1"), ticket("z:2:a", hours: 30, entity: "z:2"),
            ticket("z:2:b", hours: 31, entity: "z:2", type: "ticket_updated"),
        ]
        let only = ["--disable", "complaint-unresolved"]
        #expect(alert(nearMiss, arguments: only).alerts.isEmpty)
        let run = alert(nearMiss + [contact("c:1", hours: 40, type: "call")], arguments: only)
        #expect(run.alertLines == ["repeat-contact: z:1:a z:2:a c:1"])
    }

    @Test func aSecondBurstIsCooledDownUnlessItIsAWeekLater() {
        #expect(
            alert((0..<6).map { contact("t\($0)", hours: Double($0) * 10) }).alertLines == ["repeat-contact: t0 t1 t2"])
        let later =
            (0..<3).map { contact("a\($0)", hours: Double($0)) }
            + (0..<3).map {
                contact("b\($0)", hours: 200 + Double($0))
            }
        #expect(alert(later).alertLines == ["repeat-contact: a0 a1 a2", "repeat-contact: b0 b1 b2"])
    }

    @Test func aMergeCompletesTheIncident() {
        let run = alert([
            contact("t:1", hours: 0, profile: "p-a"), contact("t:2", hours: 24, profile: "p-a"),
            contact("c:1", hours: 30, profile: "p-b", type: "call"),
            merge(survivor: "p-a", absorbed: ["p-b"], hours: 40),
            contact("t:3", hours: 50, profile: "p-a"),
        ])
        #expect(run.alertLines == ["repeat-contact: t:1 t:2 c:1"])
        #expect(run.alerts[0]["time"] == "2026-10-02T06:00:00.000Z")
    }

    @Test func contactsWithoutAProfileNeverCombine() {
        let run = alert(
            (0..<3).map { contact("t\($0)", hours: Double($0), profile: "") }.map { line in
                var object = line.objectValue!
                object["profile"] = nil
                return .object(object)
            })
        #expect(run.alerts.isEmpty)
    }
}

@Suite struct NegativeSocialHighReachTests {
    @Test(arguments: [
        (followers: 48_200, label: "negative", fires: true), (followers: 10_000, label: "very_negative", fires: true),
        (followers: 9_999, label: "very_negative", fires: false),
        (followers: 1_000_000, label: "neutral", fires: false),
        (followers: 50_000, label: "positive", fires: false),
    ])
    func firesOnNegativeHighReachPosts(followers: Int, label: String, fires: Bool) {
        #expect(alert([post("social:1", followers: followers, label: label)]).alerts.count == (fires ? 1 : 0))
    }

    @Test func anUnknownAuthorIsKeyedByTheEventAndFiresAtOnce() {
        let run = alert([post("social:1", followers: 48_200, label: "negative"), contact("t", hours: 1)])
        #expect(run.records.map { $0["kind"]!.stringValue! } == ["event", "alert", "event"])
        let fired = run.alerts[0]
        #expect(fired["profile"] == nil && fired["customer"] == nil)
        #expect(fired["id"] == .string("a-" + StableHash.hex("negative-social-high-reach", "social:1")))
        #expect(fired["summary"] == "Negative post (sentiment -0.76) reaching 48,200 followers by twitter:anna_smith")
    }

    @Test func aKnownAuthorHasTheProfile() {
        #expect(
            alert([post("social:1", followers: 48_200, label: "negative", profile: "p-a")]).alerts[0]["profile"]
                == "p-a")
    }
}

@Suite struct ComplaintUnresolvedTests {
    @Test func anUnsolvedTicketFiresWhenEventTimePassesItsDeadline() {
        let run = alert([
            ticket("z:1:open", hours: 0, entity: "z:1"), watermark(hours: 47.9),
            ticket("z:1:upd", hours: 30, entity: "z:1", type: "ticket_updated"), watermark(hours: 48.5),
            contact("x", hours: 49),
        ])
        #expect(
            run.records.map { $0["kind"]!.stringValue! } == [
                "event", "watermark", "event", "alert", "watermark", "event",
            ])
        #expect(run.alertLines == ["complaint-unresolved: z:1:open"])
        #expect(run.alerts[0]["summary"] == "Ticket not solved within 48 h")
        #expect(run.alerts[0]["evidence"]?.arrayValue?.first?["excerpt"] == "My order never arrived")
    }

    @Test func aTicketSolvedJustInsideItsDeadlineDoesNotFireInEitherArrivalOrder() {
        let lines = [
            ticket("z:1:open", hours: 0, entity: "z:1"),
            ticket("z:1:done", hours: 47.9, entity: "z:1", type: "ticket_solved"),
        ]
        #expect(alert(lines).alerts.isEmpty)
        #expect(alert(lines.reversed()).alerts.isEmpty)
        let late = [
            ticket("z:1:open", hours: 0, entity: "z:1"),
            ticket("z:1:done", hours: 48.1, entity: "z:1", type: "ticket_solved"),
        ]
        #expect(alert(late).alertLines == ["complaint-unresolved: z:1:open"])
    }

    @Test func anotherTicketsSolutionDoesNotCount() {
        let run = alert([
            ticket("z:1:open", hours: 0, entity: "z:1"),
            ticket("z:2:done", hours: 10, entity: "z:2", type: "ticket_solved"),
        ])
        #expect(run.alertLines == ["complaint-unresolved: z:1:open"])
        #expect(run.alerts[0]["profile"] == "p-a")
    }

    @Test func aFeedWithoutTicketUpdatesIsNotWatched() {
        #expect(alert([contact("tickets:T-1", hours: 0)]).alerts.isEmpty)
    }
}

@Suite struct CallWaitMissedTwiceTests {
    private func call(_ id: String, hours: Double, expectation: String, inARow: Int) -> JSONValue {
        event(
            id, hours: hours, type: "call", metrics: ["wait_seconds": 540],
            score: ["expectations": ["call_wait": .string(expectation)]],
            customer: ["missed_in_a_row": ["call_wait": .int(inARow)]], channel: "call_center")
    }

    @Test func theSecondMissInARowFiresAndNoOtherDoes() {
        let run = alert(
            [
                call("c1", hours: 0, expectation: "missed", inARow: 1),
                call("c2", hours: 10, expectation: "missed", inARow: 2),
                call("c3", hours: 20, expectation: "missed", inARow: 3),
                call("c4", hours: 30, expectation: "met", inARow: 0),
            ], arguments: ["--disable", "repeat-contact"])
        #expect(run.alertLines == ["call-wait-missed-twice: c2"])
        #expect(run.alerts[0]["summary"] == "Second call in a row with a missed wait (540 s)")
        #expect(run.alerts[0]["owner"] == "contact_center")
    }

    @Test func aWaitJustUnderTheLimitDoesNotFire() {
        #expect(
            alert([
                call("c1", hours: 0, expectation: "missed", inARow: 1),
                call("c2", hours: 10, expectation: "met", inARow: 0),
            ]).alerts.isEmpty)
    }
}

@Suite struct CrossingRuleTests {
    @Test func churnRiskFiresOnTheCrossingNotOnEveryEventAboveIt() throws {
        let risks = [0.55, 0.64, 0.78, 0.81, 0.6, 0.75]
        let lines = risks.enumerated().map {
            scored("e\($0)", hours: Double($0), customer: ["churn_risk": .double($1)!])
        }
        // The second crossing is within the rule's 30-day cooldown; without one it is an alert of its own.
        let run = alert(lines)
        #expect(run.alertLines == ["churn-risk-rising: e2"])
        #expect(run.alerts[0]["summary"] == "Churn risk rose to 0.78 (was 0.64)")
        let directory = try TemporaryDirectory()
        let rules = try directory.write("rules.json", #"{"rules":[{"id":"churn-risk-rising","cooldown":"0"}]}"#)
        #expect(
            alert(lines, arguments: ["--rules", rules]).alertLines == [
                "churn-risk-rising: e2", "churn-risk-rising: e5",
            ])
    }

    @Test func churnRiskJustBelowTheThresholdDoesNotFire() {
        #expect(alert([scored("e", hours: 0, customer: ["churn_risk": .double(0.7)!])]).alerts.isEmpty)
    }

    @Test func aHighValueCustomerFallingBelowTheIndexFiresAndALowValueOneDoesNot() {
        func history(_ tier: String, profile: String) -> [JSONValue] {
            [12.0, -5.0, -31.0, -40.0].enumerated().map {
                scored(
                    "\(profile)-\($0)", hours: Double($0), profile: profile,
                    customer: ["tier": .string(tier), "experience_index": .double($1)!])
            }
        }
        let run = alert(history("high", profile: "p-a") + history("low", profile: "p-b"))
        #expect(run.alertLines == ["high-value-experience-drop: p-a-2"])
        #expect(run.alerts[0]["summary"] == "High-value customer's experience index fell to -31 (was -5)")
        #expect(run.alerts[0]["customer"]?["tier"] == "high")
    }
}

@Suite struct BrandAnomalyTests {
    @Test func anAnomalousAggregateFiresWithoutAProfileAndAQuietOneDoesNot() {
        let complaints: JSONValue = [
            "volume": ["value": 240, "anomaly": "above", "baseline": 40],
            "complaint_rate": ["value": .double(38.5)!, "n": 240, "anomaly": "above", "baseline": .double(4.2)!],
        ]
        // A volume spike alone, and a complaint rate that fell, are no worse experience.
        let busy: JSONValue = ["volume": ["value": 240, "anomaly": "above", "baseline": 40]]
        let better: JSONValue = ["complaint_rate": ["value": 1, "n": 80, "anomaly": "below", "baseline": 6]]
        let run = alert([
            aggregate(hours: 11, group: ["channel": "social"], flags: ["anomaly"], figures: complaints),
            aggregate(hours: 12, group: ["channel": "social"], flags: ["thin"]),
            aggregate(hours: 13, group: ["store": "S-04"], flags: []),
            aggregate(hours: 14, group: ["channel": "web"], flags: ["anomaly"], figures: busy),
            aggregate(hours: 15, group: ["store": "S-05"], flags: ["anomaly"], figures: better),
        ])
        #expect(run.alerts.count == 1)
        #expect(
            run.records.map { $0["kind"]!.stringValue! } == [
                "aggregate", "alert", "aggregate", "aggregate", "aggregate", "aggregate",
            ])
        let summary =
            "Anomaly on channel social from 2026-10-01T10:00:00.000Z to 2026-10-01T11:00:00.000Z: complaint rate "
            + "38.5% against 4.2%"
        #expect(run.alerts[0]["summary"]?.stringValue == summary)
        #expect(run.alerts[0]["profile"] == nil && run.alerts[0]["owner"] == "cx_insights")
    }

    @Test func stormControlHoldsBackAllButTenADayAndSummarizesThem() {
        let lines = (0..<14).map {
            aggregate(
                hours: Double($0 + 1), group: ["store": .string("S-\($0)")], flags: ["anomaly"], figures: sentimentDrop)
        }
        let run = alert(lines + [watermark(hours: 25)])
        let storms = run.alerts.filter { $0["storm"] != nil }
        #expect(run.alerts.count == 11)
        #expect(storms.count == 1)
        #expect(
            storms[0]["storm"] == [
                "suppressed": 4, "window": ["start": "2026-10-01T00:00:00.000Z", "end": "2026-10-02T00:00:00.000Z"],
            ])
        #expect(run.records.last?["kind"] == "watermark")
        #expect(run.records.dropLast().last?["storm"] != nil, "the summary comes when the window closes")
    }
}

@Suite struct AlerterTests {
    @Test func duplicatedInputGivesNoDuplicateAlerts() {
        let post = post("social:1", followers: 48_200, label: "negative")
        let pair = [purchase("p", hours: 0), survey("s", hours: 1, nps: 1)]
        #expect(alert([post, post] + pair + pair).alerts.count == 2)
        #expect(alert([post, post]).alerts.count == 1)
    }

    @Test func otherKindsPassThroughAndOwnedOnesAreForwardedByteForByte() {
        let text = """
            {"kind":"record","data":{}}
            {"kind":"barrier","id":2,"positions":[]}
            {"kind":"merge","id":"m-1","time":"2026-10-01T00:00:00Z","survivor":"p-a","absorbed":["p-b"], "identifier":"email","event":"e"}
            {"kind":"forget","id":"f-1","identifier":"email:a@b.c","profiles":["p-a"]}
            \(JSONWriter.string(purchase("p", hours: 0)))

            """
        #expect(alert(text: text).output == text)
    }

    @Test func disablingARuleSilencesIt() {
        let lines = [
            post("social:1", followers: 48_200, label: "negative"), purchase("p", hours: 0),
            survey("s", hours: 1, nps: 1),
        ]
        let run = alert(lines, arguments: ["--disable", "negative-social-high-reach"])
        #expect(run.alertLines == ["detractor-after-purchase: p s"])
    }

    @Test func aDryRunDeliversNothingAndSaysWhatWouldFire() {
        let lines = [
            post("social:1", followers: 48_200, label: "negative"), purchase("p", hours: 0),
            survey("s", hours: 1, nps: 1),
        ]
        let run = alert(lines, arguments: ["--dry-run"])
        #expect(run.alerts.isEmpty)
        #expect(run.records.count == 3)
        #expect(run.errors.contains("dry run: would deliver 2,"))
    }

    @Test func aForgottenProfileLosesItsEvidence() {
        let forget: JSONValue = ["kind": "forget", "id": "f", "identifier": "email:a@b.c", "profiles": ["p-a"]]
        #expect(alert([purchase("p", hours: 0), forget, survey("s", hours: 1, nps: 1)]).alerts.isEmpty)
    }

    @Test func anUnknownRuleIsAUsageError() {
        let run = alert(text: "", arguments: ["--disable", "no-such-rule"])
        #expect(run.status == .usage)
        #expect(run.errors.contains("no-such-rule"))
    }

    @Test func invalidRecordsAreDeadLetters() {
        let run = alert(
            text:
                "{\"kind\":\"event\",\"id\":\"e\"}\n{\"kind\":\"merge\",\"absorbed\":[]}\n{\"kind\":\"aggregate\",\"id\":\"a\"}\n"
        )
        #expect(run.output.isEmpty)
        #expect(run.errors.split(separator: "\n").filter { $0.contains("\"reason\":\"invalid_record\"") }.count == 3)
    }

    @Test func outputIsDeterministic() {
        var lines: [JSONValue] = []
        for index in 0..<200 {
            let profile = "p-\(index % 5)"
            let hours = Double((index * 53) % 400)
            switch index % 3 {
            case 0: lines.append(purchase("p\(index)", hours: hours, profile: profile))
            case 1: lines.append(survey("s\(index)", hours: hours, nps: index % 11, profile: profile))
            default: lines.append(contact("t\(index)", hours: hours, profile: profile))
            }
            if index % 40 == 39 { lines.append(merge(survivor: "p-0", absorbed: ["p-\(index % 4 + 1)"])) }
        }
        let first = alert(lines)
        #expect(first.output == alert(lines).output)
        #expect(first.alerts.count > 5)
        #expect(Set(first.alerts.map { $0["id"]!.stringValue! }).count == first.alerts.count)
    }
}
