import TouchpointJSON

/// Brand-level figures over one closed event-time window (contract §1).
///
/// Wire shape, in this key order:
/// `{"kind":"aggregate","id":"a-<16 hex>","window":{"start":"2026-10-02T10:00:00.000Z",
/// "end":"2026-10-02T11:00:00.000Z"},"group":{"channel":"social"},"figures":{…},"flags":["anomaly"]}`.
/// A window is written once, when the watermark passes its end (or at the end of input), so the figures are final
/// and the id (from the window and the group) is the same on every replay. `group` names what the figures are of
/// (a channel, a touchpoint, a store). `figures` are score's: each rate or mean with its sample size and interval.
/// `flags` is present only when something is flagged (`anomaly`, `thin`).
package struct AggregateRecord: Equatable, Sendable {
    package static let fieldNames = ["kind", "id", "window", "group", "figures", "flags"]

    package var id: String
    package var windowStart: Timestamp
    package var windowEnd: Timestamp
    package var group: JSONObject
    package var figures: JSONObject
    package var flags: [String]

    package init(windowStart: Timestamp, windowEnd: Timestamp, group: JSONObject, figures: JSONObject, flags: [String])
    {
        var hash = StableHash()
        hash.combine(windowStart.description)
        hash.combine(windowEnd.description)
        for (key, value) in group {
            hash.combine(key)
            hash.combine(value.stringValue ?? "")
        }
        id = "a-" + hash.hex
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.group = group
        self.figures = figures
        self.flags = flags
    }

    package init(_ value: JSONValue) throws(RecordError) {
        guard let id = value["id"]?.stringValue else { throw RecordError(field: "id", problem: "missing") }
        guard let start = value["window"]?["start"]?.stringValue.flatMap(Timestamp.init(parsing:)),
            let end = value["window"]?["end"]?.stringValue.flatMap(Timestamp.init(parsing:))
        else { throw RecordError(field: "window", problem: "needs start and end RFC 3339 timestamps") }
        self.id = id
        windowStart = start
        windowEnd = end
        group = value["group"]?.objectValue ?? JSONObject()
        figures = value["figures"]?.objectValue ?? JSONObject()
        flags = (value["flags"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("kind", .string(RecordKind.aggregate))
        object.append("id", .string(id))
        object.append("window", ["start": .string(windowStart.description), "end": .string(windowEnd.description)])
        object.append("group", .object(group))
        object.append("figures", .object(figures))
        if !flags.isEmpty { object.append("flags", .array(flags.map(JSONValue.string))) }
        return .object(object)
    }
}
