import TouchpointCore
import TouchpointJSON

/// The per-event figures score writes as the event's `score` member (docs/stages/score.md).
///
/// Wire shape, members only when they apply, in this order:
/// `{"sentiment":-0.62,"sentiment_label":"negative","nps_class":"detractor","csat_class":"satisfied",
/// "effort":"high","experience":-60}`.
/// - `sentiment`, `sentiment_label`: `SentimentAnalyzer` on `text` (when the event has non-empty text).
/// - `nps_class`: metrics.nps 9–10 promoter, 7–8 passive, 0–6 detractor.
/// - `csat_class`: metrics.csat 4–5 satisfied, 3 neutral, 1–2 dissatisfied.
/// - `effort`: the worst of what the event says: metrics.ces (CES 2.0, agreement that the issue was easy to
///   handle: 5–7 low, 4 neutral, 1–3 high) and metrics.wait_seconds (≤ 60 low, ≤ 300 neutral, > 300 high).
/// - `experience`: see `experience(nps:csat:ces:sentiment:waitSeconds:type:)`.
package struct EventScore: Equatable, Sendable {
    package var sentiment: Double?
    package var npsClass: String?
    package var csatClass: String?
    package var effort: String?
    package var experience: Double?
    /// metrics.nps when it is a whole number from 0 to 10.
    package var nps: Int?

    package init(_ event: Event) {
        if let text = event.text, !text.isEmpty {
            sentiment = JSONNumber.rounded(SentimentAnalyzer.score(text), places: 2)?.doubleValue
        }
        nps = Self.integer(event.metrics["nps"], in: 0...10)
        let csat = Self.integer(event.metrics["csat"], in: 1...5)
        let ces = Self.integer(event.metrics["ces"], in: 1...7)
        let waitSeconds = event.metrics["wait_seconds"]?.doubleValue.flatMap { $0 >= 0 ? $0 : nil }
        npsClass = nps.map { $0 >= 9 ? "promoter" : $0 >= 7 ? "passive" : "detractor" }
        csatClass = csat.map { $0 >= 4 ? "satisfied" : $0 == 3 ? "neutral" : "dissatisfied" }
        effort = Self.effort(ces: ces, waitSeconds: waitSeconds)
        experience = Self.experience(
            nps: nps, csat: csat, ces: ces, sentiment: sentiment, waitSeconds: waitSeconds, type: event.type)
    }

    /// Whether the event is a detractor survey answer.
    package var isDetractor: Bool { npsClass == "detractor" }

    package var sentimentLabel: SentimentLabel? { sentiment.map(SentimentLabel.init(score:)) }

    /// The `score` member, or nil when nothing applies.
    package var jsonObject: JSONObject? {
        var object = JSONObject()
        if let sentiment, let label = sentimentLabel {
            object.setIfPresent("sentiment", .double(sentiment))
            object.append("sentiment_label", .string(label.rawValue))
        }
        object.setIfPresent("nps_class", npsClass.map(JSONValue.string))
        object.setIfPresent("csat_class", csatClass.map(JSONValue.string))
        object.setIfPresent("effort", effort.map(JSONValue.string))
        object.setIfPresent(
            "experience", experience.flatMap { JSONNumber.rounded($0, places: 0) }.map(JSONValue.number))
        return object.isEmpty ? nil : object
    }

    // MARK: - Formulas

    private static let effortRank = ["low": 0, "neutral": 1, "high": 2]

    static func effort(ces: Int?, waitSeconds: Double?) -> String? {
        let fromCES = ces.map { $0 >= 5 ? "low" : $0 == 4 ? "neutral" : "high" }
        let fromWait = waitSeconds.map { $0 > 300 ? "high" : $0 > 60 ? "neutral" : "low" }
        return [fromCES, fromWait].compactMap { $0 }.max { effortRank[$0]! < effortRank[$1]! }
    }

    /// The event's experience from -100 (worst) to +100 (best): the weighted mean of the signals it carries, each
    /// first mapped to -100…+100; nil when it carries none.
    ///
    /// | signal | mapping | weight |
    /// |---|---|---|
    /// | nps n | n ≤ 7: (n − 7) / 7 × 100; n > 7: (n − 7) / 3 × 100 (7 is neutral: 0 → −100, 10 → +100) | 3 |
    /// | csat c | (c − 3) × 50 | 2 |
    /// | ces e | (e − 4) / 3 × 100 | 2 |
    /// | sentiment s | s × 100 | 1 |
    /// | wait_seconds w > 300 | −min(100, w / 12) (10 min → −50, 20 min → −100) | 1 |
    /// | type return or refund | −25 | 1 |
    static func experience(
        nps: Int?, csat: Int?, ces: Int?, sentiment: Double?, waitSeconds: Double?, type: String
    ) -> Double? {
        var components: [(value: Double, weight: Double)] = []
        if let nps {
            let value = nps <= 7 ? Double(nps - 7) / 7 * 100 : Double(nps - 7) / 3 * 100
            components.append((value, 3))
        }
        if let csat { components.append((Double(csat - 3) * 50, 2)) }
        if let ces { components.append((Double(ces - 4) / 3 * 100, 2)) }
        if let sentiment { components.append((sentiment * 100, 1)) }
        if let waitSeconds, waitSeconds > 300 { components.append((-min(100, waitSeconds / 12), 1)) }
        if type == "return" || type == "refund" { components.append((-25, 1)) }
        guard !components.isEmpty else { return nil }
        let weight = components.reduce(0) { $0 + $1.weight }
        return components.reduce(0) { $0 + $1.value * $1.weight } / weight
    }

    /// A metric that is a whole number within `range` (a survey answer); nil otherwise.
    static func integer(_ value: JSONValue?, in range: ClosedRange<Int>) -> Int? {
        guard let number = value?.intValue ?? value?.stringValue.flatMap({ Int($0) }), range.contains(number) else {
            return nil
        }
        return number
    }
}
