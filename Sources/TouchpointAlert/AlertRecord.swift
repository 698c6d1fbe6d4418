import TouchpointCore
import TouchpointJSON

/// An alert for an owner to act on, as alert writes it.
///
/// Wire shape, in this key order (docs/CONTRACT.md §1 "Alerts"):
/// ```
/// {"kind":"alert","id":"a-<16 hex>","rule":"detractor-after-purchase","severity":"high","owner":"customer_care",
///  "time":"…","profile":"p-…","summary":"NPS 3, 20 h after a purchase of 129.90 EUR",
///  "next_step":"Call the customer …","evidence":[{"id":"pos:TX-1","time":"…","channel":"store","type":"purchase"},…],
///  "customer":{"tier":"high","experience_index":-41.2,"churn_risk":0.62,"journey":[…]}}
/// ```
/// `time` is the event time of the latest evidence; `evidence` lists the evidence by event time, then id, so the
/// same incident gives the same record in every arrival order; `profile` and `customer` are absent when unknown.
/// A storm summary (`storm` present) stands for the alerts storm control held back in one window.
package struct AlertRecord: Equatable, Sendable {
    package static let fieldNames = [
        "kind", "id", "rule", "severity", "owner", "time", "profile", "summary", "next_step", "evidence", "customer",
        "storm",
    ]

    package var id: String
    package var rule: String
    package var severity: String
    package var owner: String
    package var time: Timestamp
    package var profile: String?
    package var summary: String
    package var nextStep: String
    package var evidence: [EvidenceReference]
    package var customer: JSONObject?
    package var storm: StormSummary?

    /// One piece of evidence as the alert quotes it.
    package struct EvidenceReference: Equatable, Sendable {
        package var id: String
        package var time: Timestamp
        package var channel: String?
        package var type: String?
        package var excerpt: String?

        package var jsonValue: JSONValue {
            var object = JSONObject()
            object.append("id", .string(id))
            object.append("time", .string(time.description))
            if let channel { object.append("channel", .string(channel)) }
            if let type { object.append("type", .string(type)) }
            if let excerpt { object.append("excerpt", .string(excerpt)) }
            return .object(object)
        }
    }

    /// How many alerts of a rule storm control held back in one event-time window.
    package struct StormSummary: Equatable, Sendable {
        package var suppressed: Int
        package var windowStart: Timestamp
        package var windowEnd: Timestamp
    }

    /// The alert for an incident of `rule`; its id depends only on the rule and the evidence ids.
    package init(rule: RuleDefinition, incident: Incident, profile: String?, customer: JSONObject?) {
        let items = incident.evidence.map(\.item).sorted { $0.precedes($1) }
        var hash = StableHash()
        hash.combine(rule.id)
        for eventID in items.map(\.id).sorted() { hash.combine(eventID) }
        id = "a-" + hash.hex
        self.rule = rule.id
        severity = rule.severity.rawValue
        owner = rule.owner
        time = items.last!.time
        self.profile = profile
        summary = rule.summary.render(incident)
        nextStep = rule.nextStep
        evidence = items.map {
            EvidenceReference(id: $0.id, time: $0.time, channel: $0.channel, type: $0.type, excerpt: $0.excerpt)
        }
        self.customer = customer
    }

    /// The one alert that stands for those storm control held back in a window.
    package init(stormOf rule: RuleDefinition, suppressed: Int, windowStart: Timestamp, windowEnd: Timestamp) {
        id = "a-" + StableHash.hex(rule.id, "storm", windowStart.description)
        self.rule = rule.id
        severity = rule.severity.rawValue
        owner = rule.owner
        time = windowEnd
        summary =
            "\(suppressed) more \(rule.id) alert\(suppressed == 1 ? "" : "s") held back between \(windowStart) and "
            + "\(windowEnd) (storm control: at most \(rule.storm?.maximum ?? 0) per \(spanText(windowEnd - windowStart)))"
        nextStep = "Look for a common cause (an outage, a bad batch, a campaign) before working the alerts one by one."
        evidence = []
        storm = StormSummary(suppressed: suppressed, windowStart: windowStart, windowEnd: windowEnd)
    }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("kind", .string(RecordKind.alert))
        object.append("id", .string(id))
        object.append("rule", .string(rule))
        object.append("severity", .string(severity))
        object.append("owner", .string(owner))
        object.append("time", .string(time.description))
        if let profile { object.append("profile", .string(profile)) }
        object.append("summary", .string(summary))
        object.append("next_step", .string(nextStep))
        object.append("evidence", .array(evidence.map(\.jsonValue)))
        if let customer { object.append("customer", .object(customer)) }
        if let storm {
            object.append(
                "storm",
                [
                    "suppressed": .int(storm.suppressed),
                    "window": [
                        "start": .string(storm.windowStart.description), "end": .string(storm.windowEnd.description),
                    ],
                ])
        }
        return .object(object)
    }
}
