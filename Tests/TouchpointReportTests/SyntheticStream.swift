import Foundation
import TouchpointJSON

/// A scored and alerted stream made up for the tests, from a seed: events of many profiles over several weeks on
/// every channel, with answers, sentiment, expectations and customer state, plus alerts and aggregates.
struct SyntheticStream {
    var lines: [String] = []
    var values: [JSONValue] = []

    static let channels = ["web", "mobile", "store", "call_center", "email", "chat", "social", "survey"]
    static let stages = ["research", "comparison", "purchase", "support", "loyalty"]
    static let types = ["page_view", "comparison", "purchase", "support_ticket", "ticket_solved", "survey_response"]
    static let start = 1_790_000_000_000  // 2026-09-21T14:13:20Z

    init(seed: UInt64, profiles: Int, events: Int) {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var touchpoints: [Int: [String]] = [:]
        var purchases: [Int: Int] = [:]
        for index in 0..<events {
            let profile = next(profiles)
            let channel = Self.channels[next(Self.channels.count)]
            let type = Self.types[next(Self.types.count)]
            let stage = Self.stages[next(Self.stages.count)]
            let time = Self.start + index * (35 * 86_400_000 / max(events, 1)) + next(1000)
            touchpoints[profile, default: []].append(channel + ":" + type)
            if type == "purchase" { purchases[profile, default: 0] += 1 }
            var score: [(String, JSONValue)] = []
            if next(3) == 0 { score.append(("sentiment", .double(Double(next(201) - 100) / 100)!)) }
            if next(4) == 0 { score.append(("nps_class", .string(["promoter", "passive", "detractor"][next(3)]))) }
            if next(4) == 0 {
                score.append(("csat_class", .string(["satisfied", "neutral", "dissatisfied"][next(3)])))
            }
            if next(5) == 0 {
                score.append(
                    (
                        "expectations",
                        .object(JSONObject([("call_wait", .string(["exceeded", "met", "missed"][next(3)]))]))
                    ))
            }
            // As score marks them: repeats and hops on contacts, transfers and abandoned calls, asked-again in texts.
            if type == "support_ticket" || type == "survey_response" {
                let drivers: [JSONValue]
                switch next(12) {
                case 0: drivers = ["repeat_contact"]
                case 1: drivers = ["repeat_contact", "channel_hop"]
                case 2: drivers = ["channel_hop", "transfer"]
                case 3: drivers = ["abandoned_call"]
                case 4: drivers = ["repeated_information"]
                default: drivers = []
                }
                if !drivers.isEmpty { score += [("effort", "high"), ("effort_drivers", .array(drivers))] }
            }
            var metrics: [(String, JSONValue)] = []
            if next(6) == 0 { metrics.append(("ces", .number(JSONNumber(1 + next(7))))) }
            var customer: [(String, JSONValue)] = []
            customer.append(("events", .number(JSONNumber(touchpoints[profile]!.count))))
            customer.append(("tier", .string(["high", "medium", "low"][profile % 3])))
            customer.append(("frequency", .number(JSONNumber(purchases[profile] ?? 0))))
            customer.append(("contacts_7d", .number(JSONNumber(next(4)))))
            if profile % 4 != 0 { customer.append(("segment", .string(["loyal", "new", "at_risk"][profile % 3]))) }
            let recent: [JSONValue] = touchpoints[profile]!.suffix(5).map { .string($0) }
            customer.append(("last_touchpoints", .array(recent)))
            customer.append(("churn_risk", JSONValue.double(Double(next(100)) / 100)!))
            var event: [(String, JSONValue)] = [
                ("kind", "event"), ("id", .string("synthetic:\(index)")),
                ("time", .string(Self.rfc3339(time))), ("channel", .string(channel)), ("type", .string(type)),
                ("stage", .string(stage)),
            ]
            // As score writes them: an event without a profile has no customer state.
            let hasProfile = profile % 50 != 7
            if hasProfile { event.append(("profile", .object(JSONObject([("id", .string("p-\(profile)"))])))) }
            if !metrics.isEmpty { event.append(("metrics", .object(JSONObject(metrics)))) }
            if !score.isEmpty { event.append(("score", .object(JSONObject(score)))) }
            if hasProfile { event.append(("customer", .object(JSONObject(customer)))) }
            append(.object(JSONObject(event)))
            if next(40) == 0 {
                append(
                    .object(
                        JSONObject([
                            ("kind", "alert"), ("id", .string("a-\(index)")),
                            ("rule", .string(["detractor-after-purchase", "complaint-unresolved"][next(2)])),
                            ("severity", "high"),
                            ("owner", .string(["customer_care", "support", "retention"][next(3)])),
                            ("time", .string(Self.rfc3339(time))), ("profile", .string("p-\(profile)")),
                            ("summary", .string("made up <alert> & \"quoted\"")), ("next_step", "call"),
                            ("evidence", .array([])),
                        ])))
            }
        }
        lines.append("not json at all")
    }

    private mutating func append(_ value: JSONValue) {
        values.append(value)
        lines.append(JSONWriter.string(value))
    }

    var text: String { lines.joined(separator: "\n") + "\n" }

    var events: [JSONObject] { values.compactMap(\.objectValue).filter { $0["kind"]?.stringValue == "event" } }

    static func rfc3339(_ milliseconds: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// The Monday (UTC) of the week of an RFC 3339 time, by Foundation's ISO 8601 calendar.
    static func monday(of time: String) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.dateInterval(of: .weekOfYear, for: parser.date(from: time)!)!.start
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: start)
    }
}
