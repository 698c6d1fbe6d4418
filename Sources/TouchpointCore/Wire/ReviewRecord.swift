import TouchpointJSON

/// A decision resolve-identity would not take alone: a possible match, or a merge a guard refused (contract §5).
///
/// Wire shape, in this key order:
/// `{"kind":"review","id":"r-<16 hex>","time":"…","reason":"possible_match","event":"tickets:T-1002",
/// "profiles":["p-…","p-…"],"evidence":{…}}`. `reason` is `possible_match` (a match score between the possible and
/// the match thresholds) or `refused_merge` (an identifier that would have joined profiles a guard keeps apart);
/// `profiles` are the two sides, `evidence` what was compared (fields, levels, weights, the identifier). Nothing is
/// decided: a person, or a later batch job, reads the review output and decides. The id is derived from the event
/// and the sides, so a replay gives the same id.
package struct ReviewRecord: Equatable, Sendable {
    package static let fieldNames = ["kind", "id", "time", "reason", "event", "profiles", "evidence"]

    package var id: String
    package var time: Timestamp
    package var reason: String
    package var event: String
    package var profiles: [String]
    package var evidence: JSONObject

    package init(time: Timestamp, reason: String, event: String, profiles: [String], evidence: JSONObject) {
        id = "r-" + StableHash.hex([reason, event] + profiles)
        self.time = time
        self.reason = reason
        self.event = event
        self.profiles = profiles
        self.evidence = evidence
    }

    package init(_ value: JSONValue) throws(RecordError) {
        guard let id = value["id"]?.stringValue, let reason = value["reason"]?.stringValue,
            let event = value["event"]?.stringValue
        else { throw RecordError(field: "id", problem: "id, reason and event must be strings") }
        guard let time = value["time"]?.stringValue.flatMap(Timestamp.init(parsing:)) else {
            throw RecordError(field: "time", problem: "missing or not an RFC 3339 timestamp")
        }
        self.id = id
        self.time = time
        self.reason = reason
        self.event = event
        profiles = (value["profiles"]?.arrayValue ?? []).compactMap(\.stringValue)
        evidence = value["evidence"]?.objectValue ?? JSONObject()
    }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("kind", .string(RecordKind.review))
        object.append("id", .string(id))
        object.append("time", .string(time.description))
        object.append("reason", .string(reason))
        object.append("event", .string(event))
        object.append("profiles", .array(profiles.map(JSONValue.string)))
        object.append("evidence", .object(evidence))
        return .object(object)
    }
}
