import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointScore
import TouchpointTesting

/// Effort from behaviour (docs/stages/score.md, "Effort"): a contact that repeats one in the window, one that hops
/// channels, a transferred call and an abandoned one are high effort whatever the customer answered.
@Suite struct EffortDriverTests {
    private func drivers(_ run: StageRun) -> [String: [String]] {
        Dictionary(
            uniqueKeysWithValues: run.events.map { event in
                (
                    event["id"]!.stringValue!,
                    event["score"]?["effort_drivers"]?.arrayValue?.compactMap { $0.stringValue } ?? []
                )
            })
    }

    private func call(_ id: String, hours: Double, properties: JSONObject = JSONObject(), metrics: JSONValue = [:])
        -> JSONValue
    {
        var call = event(id, hours: hours, type: "call", stage: "support", metrics: metrics, channel: "call_center")
        call.properties = properties
        return call.jsonValue
    }

    @Test func aSecondContactInTheWindowIsARepeatAndAHopWhenOnAnotherChannel() {
        let run = score([
            event("t1", hours: 0, type: "support_ticket", stage: "support", channel: "email", entity: "z:1").jsonValue,
            event("t1-upd", hours: 5, type: "ticket_updated", stage: "support", channel: "email", entity: "z:1")
                .jsonValue,
            call("c1", hours: 30),
            call("c2", hours: 40),
            call("c3", hours: 24 * 12),
        ])
        #expect(
            drivers(run) == [
                "t1": [], "t1-upd": [], "c1": ["repeat_contact", "channel_hop"],
                "c2": ["repeat_contact", "channel_hop"],
                "c3": [],
            ])
        let c2 = run.events.first { $0["id"] == "c2" }
        #expect(c2?["score"]?["effort"] == "high")
    }

    @Test func updatesOfOneTicketAreNotRepeatContacts() {
        let run = score([
            event("t1", hours: 0, type: "support_ticket", stage: "support", channel: "email", entity: "z:1").jsonValue,
            event("t1-again", hours: 3, type: "support_ticket", stage: "support", channel: "email", entity: "z:1")
                .jsonValue,
        ])
        #expect(drivers(run) == ["t1": [], "t1-again": []])
    }

    @Test func transfersAndAbandonedCallsAreReadOffTheCall() {
        let run = score([
            call("moved", hours: 0, metrics: ["transfers": 2]),
            call("routed", hours: 200, properties: JSONObject([("transferred_to", "+442071838750")])),
            call("dropped", hours: 400, properties: JSONObject([("abandoned", true)])),
            call("answered", hours: 600, properties: JSONObject([("abandoned", false)]), metrics: ["transfers": 0]),
        ])
        #expect(
            drivers(run) == [
                "moved": ["transfer"], "routed": ["transfer"], "dropped": ["abandoned_call"], "answered": [],
            ])
        #expect(run.events.first { $0["id"] == "answered" }?["score"]?["effort"] == nil)
    }

    @Test func aProfileLessContactHasOnlyItsOwnDrivers() {
        var lone = event("c1", hours: 0, type: "call", stage: "support", profile: nil, channel: "call_center")
        lone.metrics = JSONObject([("transfers", 1)])
        let run = score([
            event("t0", hours: 0, type: "support_ticket", stage: "support", profile: nil, channel: "email").jsonValue,
            lone.jsonValue,
        ])
        #expect(drivers(run) == ["t0": [], "c1": ["transfer"]])
    }
}
