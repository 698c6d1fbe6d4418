import TouchpointAlert
import TouchpointCore
import TouchpointJSON
import TouchpointTesting

extension StageRun {
    var alerts: [JSONValue] { records(ofKind: "alert") }

    /// Each alert as "rule: evidence ids".
    var alertLines: [String] {
        alerts.map { alert in
            alert["rule"]!.stringValue! + ": "
                + alert["evidence"]!.arrayValue!.map { $0["id"]!.stringValue! }.joined(separator: " ")
        }
    }
}

func alert(_ lines: [JSONValue], arguments: [String] = []) -> StageRun {
    StageRun("alert", AlertCommand.run, lines: lines, arguments: arguments)
}

func alert(text: String, arguments: [String] = []) -> StageRun {
    StageRun("alert", AlertCommand.run, text: text, arguments: arguments)
}

let dayZero = Timestamp(parsing: "2026-10-01T00:00:00Z")!

/// The time `hours` after 2026-10-01T00:00:00Z.
func at(_ hours: Double) -> Timestamp { dayZero + Duration(milliseconds: Int64((hours * 3_600_000).rounded())) }

/// A watermark: event time has passed `hours`.
func watermark(hours: Double) -> JSONValue { WatermarkRecord(time: at(hours)).jsonValue }

/// A zendesk-like ticket event: one entity per ticket, `support_ticket` when opened.
func ticket(_ id: String, hours: Double, entity: String, type: String = "support_ticket", profile: String? = "p-a")
    -> JSONValue
{
    event(id, hours: hours, type: type, profile: profile, entity: entity, text: "My order never arrived")
}

/// An event carrying score's `customer` state.
func scored(_ id: String, hours: Double, type: String = "page_view", profile: String = "p-a", customer: JSONValue)
    -> JSONValue
{
    event(id, hours: hours, type: type, profile: profile, customer: customer)
}

/// Figures of a window whose sentiment fell far below its baseline, as score writes them.
let sentimentDrop: JSONValue = [
    "volume": ["value": 80],
    "sentiment": ["value": .double(-0.6)!, "n": 80, "anomaly": "below", "baseline": .double(0.2)!],
]

func aggregate(hours: Double, group: JSONValue, flags: [String], figures: JSONValue = ["volume": ["value": 40]])
    -> JSONValue
{
    AggregateRecord(
        windowStart: at(hours - 1), windowEnd: at(hours), group: group.objectValue ?? JSONObject(),
        figures: figures.objectValue ?? JSONObject(), flags: flags
    ).jsonValue
}

/// A canonical event `hours` after 2026-10-01T00:00:00Z.
func event(
    _ id: String, hours: Double, type: String, profile: String? = "p-a", metrics: JSONValue = [:],
    score: JSONValue? = nil, customer: JSONValue? = nil, ids: JSONValue = [:], entity: String? = nil,
    text: String? = nil, channel: String = "web"
) -> JSONValue {
    var event = Event(
        id: id, time: at(hours), source: SourceReference(name: "test"), channel: channel, type: type,
        stage: "support", ids: ids.objectValue ?? JSONObject(), text: text,
        metrics: metrics.objectValue ?? JSONObject())
    event.entity = entity
    if let profile { event.profile = JSONObject([("id", .string(profile)), ("matched_on", []), ("is_new", false)]) }
    event.score = score?.objectValue
    event.customer = customer?.objectValue
    return event.jsonValue
}

func purchase(_ id: String, hours: Double, profile: String = "p-a", amount: Double = 129.9) -> JSONValue {
    event(
        id, hours: hours, type: "purchase", profile: profile, metrics: ["amount": .double(amount)!, "currency": "EUR"])
}

func survey(_ id: String, hours: Double, nps: Int, profile: String = "p-a") -> JSONValue {
    event(id, hours: hours, type: "survey_response", profile: profile, metrics: ["nps": .int(nps)])
}

func contact(_ id: String, hours: Double, profile: String = "p-a", type: String = "support_ticket") -> JSONValue {
    event(id, hours: hours, type: type, profile: profile)
}

func post(_ id: String, followers: Int, label: String, profile: String? = nil) -> JSONValue {
    event(
        id, hours: 0, type: "social_post", profile: profile, metrics: ["followers": .int(followers)],
        score: ["sentiment": .double(-0.76)!, "sentiment_label": .string(label)], ids: ["social": "twitter:anna_smith"])
}

func merge(survivor: String, absorbed: [String], hours: Double = 0) -> JSONValue {
    MergeRecord(
        time: dayZero + Duration(milliseconds: Int64(hours * 3_600_000)), survivor: survivor, absorbed: absorbed,
        identifier: "email", event: "x"
    ).jsonValue
}

/// Every ordering of `items` (for small lists).
func permutations<T>(_ items: [T]) -> [[T]] {
    guard items.count > 1 else { return [items] }
    return items.indices.flatMap { index in
        var rest = items
        let item = rest.remove(at: index)
        return permutations(rest).map { [item] + $0 }
    }
}
