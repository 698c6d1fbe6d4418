import Testing
import TouchpointCore
import TouchpointJSON
import TouchpointScore
import TouchpointTesting

@Suite struct CustomerStateTests {
    private func customers(_ run: StageRun) -> [JSONValue?] { run.events.map { $0["customer"] } }

    @Test func missedInARowCountsTheTrailingMissesInEventTimeOrderWhateverTheArrivalOrder() {
        let calls = [
            event("c1", hours: 1, type: "call", metrics: ["wait_seconds": 400]).jsonValue,
            event("c2", hours: 2, type: "call", metrics: ["wait_seconds": 30]).jsonValue,
            event("c3", hours: 3, type: "call", metrics: ["wait_seconds": 900]).jsonValue,
            event("c4", hours: 4, type: "call", metrics: ["wait_seconds": 301]).jsonValue,
        ]
        let inOrder = score(calls)
        #expect(customers(inOrder).map { $0?["missed_in_a_row"]?["call_wait"] } == [1, 0, 1, 2])
        for order in [[3, 1, 0, 2], [2, 3, 0, 1], [0, 3, 2, 1]] {
            let stage = scorer(order.map { calls[$0] })
            #expect(stage.customers["p-a"] == scorer(calls).customers["p-a"])
            let state = stage.customers["p-a"]!
            let at = dayZero + .hours(4)
            #expect(
                state.customerObject(at: at, settings: .builtin)["missed_in_a_row"]
                    == .object(
                        JSONObject([("call_wait", 2)])))
        }
    }

    @Test func aTicketIsOpenUntilItsNewestEventSolvesIt() {
        let created = event("z:1:a", hours: 0, type: "support_ticket", stage: "support", entity: "z:1")
        let updated = event("z:1:b", hours: 5, type: "ticket_updated", stage: "support", entity: "z:1")
        let solved = event("z:1:c", hours: 9, type: "ticket_solved", stage: "support", entity: "z:1")
        let other = event("z:2:a", hours: 10, type: "support_ticket", stage: "support", entity: "z:2")
        let run = score([created, updated, solved, other].map(\.jsonValue))
        #expect(customers(run).map { $0?["open_issues"] } == [1, 1, 0, 1])
        // The solve arriving before the update it follows still closes the ticket.
        let late = score([created, solved, updated, other].map(\.jsonValue))
        #expect(customers(late).map { $0?["open_issues"] } == [1, 0, 0, 1])
        // One contact per ticket, however many updates it has.
        #expect(customers(run).last??["contacts_7d"] == 2)
    }

    @Test func recencyTenureFrequencyAndTierFollowEventTime() {
        let run = score([
            event("first", hours: 0).jsonValue,
            event("p1", hours: 24 * 10, type: "purchase", metrics: ["amount": 150, "currency": "EUR"]).jsonValue,
            event("p2", hours: 24 * 40, type: "purchase", metrics: ["amount": 100, "currency": "EUR"]).jsonValue,
            event("view", hours: 24 * 52 + 5).jsonValue,
            // Late: at day 20 the newest purchase was the one of day 10.
            event("late", hours: 24 * 20).jsonValue,
        ])
        let last = customers(run)
        #expect(last.map { $0?["frequency"] } == [0, 1, 2, 2, 2])
        #expect(last.map { $0?["recency_days"] } == [nil, 0, 0, 12, 10])
        #expect(last.map { $0?["tenure_days"] } == [0, 10, 40, 52, 20])
        #expect(last.map { $0?["tier"] } == ["low", "low", "medium", "medium", "medium"])
    }

    @Test func theLatestNPSAnswerByEventTimeGivesTheClassAndTheSegment() {
        let run = score([
            event("s2", hours: 48, type: "survey_response", metrics: ["nps": 10]).jsonValue,
            event("s1", hours: 24, type: "survey_response", metrics: ["nps": 2]).jsonValue,
        ])
        #expect(customers(run).map { $0?["nps_class"] } == ["promoter", "promoter"])
        #expect(customers(run).map { $0?["segment"] } == ["new", "new"])
        let detractor = score([event("s3", hours: 1, type: "survey_response", metrics: ["nps": 3]).jsonValue])
        #expect(customers(detractor).first??["segment"] == "at_risk_detractor")
    }

    @Test func theLastTouchpointsAreTheNewestFiveInEventTimeOrder() {
        var lines: [JSONValue] = []
        for index in (0..<7).reversed() {
            let isWeb = index % 2 == 0
            let touch = event(
                "t\(index)", hours: Double(index), type: isWeb ? "page_view" : "call",
                channel: isWeb ? "web" : "call_center")
            lines.append(touch.jsonValue)
        }
        let state = scorer(lines).customers["p-a"]!
        #expect(
            state.customerObject(at: dayZero + .hours(7), settings: .builtin)["last_touchpoints"]
                == ["web:page_view", "call_center:call", "web:page_view", "call_center:call", "web:page_view"])
    }

    @Test func aForgetDropsTheStateOfEveryProfileItNames() {
        let forget = ForgetRecord(id: "erase-1", identifier: "email:a@example.com", profiles: ["p-a", "p-b"])
        let lines: [JSONValue] = [
            event("a1", hours: 0, type: "purchase", profile: "p-a", metrics: ["amount": 10]).jsonValue,
            event("b1", hours: 1, profile: "p-b").jsonValue,
            event("c1", hours: 1, profile: "p-c").jsonValue,
            forget.jsonValue,
            event("a2", hours: 2, profile: "p-a").jsonValue,
        ]
        let run = score(lines)
        #expect(run.records[3]["kind"] == "forget")
        #expect(customers(run).last??["events"] == 1)
        #expect(customers(run).last??["value"] == 0)
        let stage = scorer(Array(lines.prefix(4)))
        #expect(stage.customers.keys.sorted() == ["p-c"])
    }

    @Test func aMergeFoldsEveryPartOfTheState() {
        let run = score([
            event("a1", hours: 0, type: "purchase", profile: "p-a", metrics: ["amount": 600]).jsonValue,
            event("b1", hours: 2, type: "call", profile: "p-b", metrics: ["wait_seconds": 500], channel: "call_center")
                .jsonValue,
            event("b2", hours: 3, type: "survey_response", profile: "p-b", metrics: ["nps": 4]).jsonValue,
            event("b3", hours: 4, type: "support_ticket", stage: "support", profile: "p-b", entity: "z:9").jsonValue,
            merge(survivor: "p-a", absorbed: ["p-b"], hours: 5),
            event("a2", hours: 5, type: "call", profile: "p-a", metrics: ["wait_seconds": 700], channel: "call_center")
                .jsonValue,
        ])
        let folded = customers(run).last!!
        #expect(folded["events"] == 5)
        #expect(folded["frequency"] == 1)
        #expect(folded["nps_class"] == "detractor")
        #expect(folded["open_issues"] == 1)
        #expect(folded["contacts_7d"] == 3)
        #expect(folded["missed_in_a_row"] == ["call_wait": 2])
        #expect(folded["stage"] == "support")
        #expect(folded["last_touchpoints"]?.arrayValue?.count == 5)
    }

    /// Events of five channels for twenty customers over eight weeks, one "file" per channel, read in two orders:
    /// the state at the end is the same, customer for customer.
    @Test func twoChannelFileOrdersGiveTheSameFinalState() {
        var random = SplitMix(seed: 11)
        var files: [String: [JSONValue]] = [:]
        let channels: [(channel: String, type: String, stage: String, metrics: () -> JSONValue)] = [
            ("store", "purchase", "purchase", { ["amount": .int(Int(random.next() % 300)), "currency": "EUR"] }),
            ("call_center", "call", "support", { ["wait_seconds": .int(Int(random.next() % 700))] }),
            ("email", "support_ticket", "support", { [:] }),
            ("survey", "survey_response", "loyalty", { ["nps": .int(Int(random.next() % 11))] }),
            ("web", "page_view", "research", { [:] }),
        ]
        for (index, channel) in channels.enumerated() {
            for number in 0..<120 {
                let hours = Double(random.next() % (56 * 24))
                let profile = "p-\(random.next() % 20)"
                files[channel.channel, default: []].append(
                    event(
                        "\(index)-\(number)", hours: hours, type: channel.type, stage: channel.stage, profile: profile,
                        metrics: channel.metrics(), channel: channel.channel
                    ).jsonValue)
            }
        }
        let order = channels.map(\.channel)
        let forward = scorer(order.flatMap { files[$0]! })
        let backward = scorer(order.reversed().flatMap { files[$0]! })
        #expect(forward.customers.count == 20)
        let end = dayZero + .days(56)
        for profile in forward.customers.keys.sorted() {
            let left = forward.customers[profile]!.customerObject(at: end, settings: .builtin)
            let right = backward.customers[profile]?.customerObject(at: end, settings: .builtin)
            #expect(JSONWriter.string(.object(left)) == right.map { JSONWriter.string(.object($0)) }, "\(profile)")
        }
    }

    /// A typical customer of a year (40 events: browsing, four purchases, a return, two tickets, two calls, two
    /// survey answers) and a heavy one (60 events, ten unsolved tickets, ten missed calls, ten detractor answers):
    /// their checkpoint entries stay under 1 KiB, the caps bounding the heavy one.
    @Test func aCustomerCheckpointsInUnderOneKibibyte() {
        let typical: [(String, String, JSONValue, String?)] =
            Array(repeating: ("web", "page_view", [:], nil), count: 18)
            + Array(repeating: ("web", "product_view", [:], nil), count: 9)
            + Array(repeating: ("store", "purchase", ["amount": 80, "currency": "EUR"], nil), count: 4)
            + [
                ("store", "return", ["amount": 80, "currency": "EUR"], nil),
                ("email", "support_ticket", [:], "z:1"), ("email", "ticket_solved", [:], "z:1"),
                ("email", "support_ticket", [:], "z:2"), ("call_center", "call", ["wait_seconds": 420], nil),
                ("call_center", "call", ["wait_seconds": 40], nil), ("survey", "survey_response", ["nps": 8], nil),
                ("survey", "survey_response", ["nps": 6, "csat": 3], nil),
            ]
        let heavyKinds: [(String, String, JSONValue, String?)] = [
            ("web", "page_view", [:], nil), ("web", "product_view", [:], nil),
            ("store", "purchase", ["amount": 80, "currency": "EUR"], nil),
            ("call_center", "call", ["wait_seconds": 420], nil), ("email", "support_ticket", [:], nil),
            ("survey", "survey_response", ["nps": 6, "csat": 3], nil),
        ]
        let heavy = (0..<60).map { heavyKinds[$0 % heavyKinds.count] }
        var sizes: [Int] = []
        for kinds in [typical, heavy] {
            let lines = kinds.enumerated().map { index, kind in
                event(
                    "e\(index)", hours: Double(index * 8760 / kinds.count), type: kind.1, metrics: kind.2,
                    channel: kind.0, entity: kind.3
                ).jsonValue
            }
            sizes.append(scorer(lines).customers["p-a"]!.encodedSize)
        }
        print("score: checkpoint entry of a typical customer \(sizes[0]) bytes, of a heavy one \(sizes[1]) bytes")
        #expect(sizes[0] < 512)
        #expect(sizes[1] < 1024)
    }
}
