import Testing
import TouchpointAlert
import TouchpointCore
import TouchpointJSON

@Suite struct DetractorAfterPurchaseTests {
    @Test func firesInEveryArrivalOrderWithTheSameAlert() {
        let lines = [purchase("pos:1", hours: 14), survey("surveys:1", hours: 34, nps: 3), contact("t:1", hours: 20)]
        let runs = permutations(lines).map { alert($0).alerts }
        for alerts in runs {
            #expect(alerts.count == 1)
            #expect(alerts.first == runs[0].first)
        }
        let fired = runs[0][0]
        #expect(fired["id"] == .string("a-" + StableHash.hex("detractor-after-purchase", "pos:1", "surveys:1")))
        #expect(fired["summary"] == "NPS 3, 20 h after a purchase of 129.90 EUR")
        #expect(fired["time"] == "2026-10-02T10:00:00.000Z")
        #expect(fired["evidence"] == ["pos:1", "surveys:1"])
        #expect(fired["profile"] == "p-a")
        #expect(
            fired.objectValue?.keys == [
                "kind", "id", "rule", "severity", "owner", "time", "profile", "summary", "evidence",
            ])
        #expect(fired["severity"] == "high" && fired["owner"] == "customer_care")
    }

    @Test(arguments: [
        (purchaseHours: 0.0, surveyHours: 48.0, nps: 6, fires: true),
        (purchaseHours: 0.0, surveyHours: 48.01, nps: 6, fires: false),
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

    @Test func theAlertCarriesTheTriggeringEventsCustomer() {
        let customer: JSONValue = ["events": 2, "churn_risk": .double(0.71)!]
        let run = alert([
            purchase("p", hours: 0),
            event("s", hours: 1, type: "survey_response", metrics: ["nps": 1], customer: customer),
        ])
        #expect(run.alerts[0]["customer"] == customer)
    }
}

@Suite struct RepeatContactTests {
    @Test func threeContactsInAWeekFireOnceInEveryArrivalOrder() {
        let lines = [
            contact("t:1", hours: 0), contact("t:2", hours: 48), contact("c:3", hours: 96, type: "call"),
            contact("t:4", hours: 120),
        ]
        for order in permutations(lines) {
            let run = alert(order)
            #expect(run.alerts.count == 1, "order \(order.map { $0["id"]!.stringValue! })")
        }
        let inOrder = alert(lines)
        #expect(inOrder.alertLines == ["repeat-contact: t:1 t:2 c:3"])
        #expect(inOrder.alerts[0]["summary"] == "3 contacts in 4 days")
        #expect(inOrder.alerts[0]["severity"] == "medium" && inOrder.alerts[0]["owner"] == "support")
    }

    @Test func contactsSpreadOverMoreThanSevenDaysDoNotFire() {
        let run = alert([contact("a", hours: 0), contact("b", hours: 84), contact("c", hours: 168.5)])
        #expect(run.alerts.isEmpty)
    }

    @Test func aSecondBurstIsASecondIncident() {
        let run = alert((0..<6).map { contact("t\($0)", hours: Double($0) * 10) })
        #expect(run.alertLines == ["repeat-contact: t0 t1 t2", "repeat-contact: t3 t4 t5"])
    }

    @Test func aMergeCompletesTheIncident() {
        let run = alert([
            contact("t:1", hours: 0, profile: "p-a"), contact("t:2", hours: 24, profile: "p-a"),
            contact("c:1", hours: 30, profile: "p-b", type: "call"),
            merge(survivor: "p-a", absorbed: ["p-b"], hours: 40),
            contact("t:3", hours: 50, profile: "p-a"),
        ])
        #expect(run.records.map { $0["kind"]!.stringValue! } == ["event", "event", "event", "merge", "alert", "event"])
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

    @Test func anUnknownAuthorIsKeyedByTheEvent() {
        let fired = alert([post("social:1", followers: 48_200, label: "negative")]).alerts[0]
        #expect(fired["profile"] == nil)
        #expect(fired["id"] == .string("a-" + StableHash.hex("negative-social-high-reach", "social:1")))
        #expect(fired["summary"] == "Negative post (sentiment -0.76) reaching 48,200 followers by twitter:anna_smith")
    }

    @Test func aKnownAuthorHasTheProfile() {
        #expect(
            alert([post("social:1", followers: 48_200, label: "negative", profile: "p-a")]).alerts[0]["profile"]
                == "p-a")
    }
}

@Suite struct AlerterTests {
    @Test func duplicatedInputGivesNoDuplicateAlerts() {
        let post = post("social:1", followers: 48_200, label: "negative")
        let pair = [purchase("p", hours: 0), survey("s", hours: 1, nps: 1)]
        #expect(alert([post, post] + pair + pair).alerts.count == 2)
        // Also across profiles: the same unknown-author post twice.
        #expect(alert([post, post]).alerts.count == 1)
    }

    @Test func otherKindsPassThroughAndEventsAreForwardedByteForByte() {
        let text = """
            {"kind":"record","data":{}}
            {"kind":"barrier","id":2,"positions":[]}
            {"kind":"merge","id":"m-1","time":"2026-10-01T00:00:00Z","survivor":"p-a","absorbed":["p-b"], "identifier":"email","event":"e"}
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

    @Test func anUnknownRuleIsAUsageError() {
        let run = alert(text: "", arguments: ["--disable", "no-such-rule"])
        #expect(run.status == .usage)
        #expect(run.errors.contains("no-such-rule"))
    }

    @Test func invalidRecordsAreDeadLetters() {
        let run = alert(text: "{\"kind\":\"event\",\"id\":\"e\"}\n{\"kind\":\"merge\",\"absorbed\":[]}\n")
        #expect(run.output.isEmpty)
        #expect(run.errors.split(separator: "\n").filter { $0.contains("\"reason\":\"invalid_record\"") }.count == 2)
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
