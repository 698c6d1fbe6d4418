import TouchpointCore
import TouchpointJSON

/// An alert for an owner to act on, as alert writes it after the record that completed the incident.
///
/// Wire shape, in this key order:
/// ```
/// {"kind":"alert","id":"a-<16 hex>","rule":"detractor-after-purchase","severity":"high","owner":"customer_care",
///  "time":"…","profile":"p-…","summary":"NPS 3, 20 h after a purchase of 129.90 EUR",
///  "evidence":["pos:TX-000123","surveys:R-000456"],"customer":{…}}
/// ```
/// `time` is the event time of the latest evidence; `evidence` lists event ids by event time (then id);
/// `profile` is absent for an event without a profile; `customer` is the triggering event's `customer` (for a
/// merge, the last one seen for the survivor) and absent when there is none.
package struct AlertRecord: Equatable, Sendable {
    package var id: String
    package var rule: String
    package var severity: String
    package var owner: String
    package var time: Timestamp
    package var profile: String?
    package var summary: String
    package var evidence: [String]
    package var customer: JSONObject?

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
        evidence = items.map(\.id)
        self.customer = customer
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
        object.append("evidence", .array(evidence.map(JSONValue.string)))
        if let customer { object.append("customer", .object(customer)) }
        return .object(object)
    }
}
