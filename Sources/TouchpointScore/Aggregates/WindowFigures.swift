import Glibc
import TouchpointCore
import TouchpointJSON

/// The running sums of one group in one window, and the figures they give, each with its sample size and a 95%
/// confidence interval, so a reader can tell a real change from noise.
///
/// Figures (docs/stages/score.md, "Aggregates"): `volume` (events), `sentiment` (mean of the texts' sentiment),
/// `nps` (−100…100 over NPS answers), `csat` (percent satisfied), `ces` (mean, read easy-is-high),
/// `complaint_rate` (percent of events that are a support contact or a text scored negative or very negative).
/// Each but `volume` is `{"value":…,"n":…,"ci95":[low,high]}`, with `"thin":true` when n is below the settings'
/// `min_responses`; it is written only when n > 0, and `ci95` only when n ≥ 2.
package struct WindowFigures: Equatable, Sendable {
    package var volume = 0
    package var sentimentCount = 0
    package var sentimentSum = 0.0
    package var sentimentSquares = 0.0
    package var promoters = 0
    package var passives = 0
    package var detractors = 0
    package var csatCount = 0
    package var satisfied = 0
    package var cesCount = 0
    package var cesSum = 0.0
    package var cesSquares = 0.0
    package var complaints = 0

    package init() {}

    package mutating func add(_ score: EventScore, isContact: Bool, easiness: Int?) {
        volume += 1
        if let sentiment = score.sentiment {
            sentimentCount += 1
            sentimentSum += sentiment
            sentimentSquares += sentiment * sentiment
        }
        switch score.npsClass {
        case "promoter": promoters += 1
        case "passive": passives += 1
        case "detractor": detractors += 1
        default: break
        }
        if let csat = score.csatClass {
            csatCount += 1
            if csat == "satisfied" { satisfied += 1 }
        }
        if let easiness {
            cesCount += 1
            cesSum += Double(easiness)
            cesSquares += Double(easiness * easiness)
        }
        let label = score.sentimentLabel
        if isContact || label == .negative || label == .veryNegative { complaints += 1 }
    }

    /// One figure's value, sample size and interval, before rounding.
    package struct Figure: Equatable, Sendable {
        package var value: Double
        package var count: Int
        package var interval: (low: Double, high: Double)?

        package static func == (lhs: Figure, rhs: Figure) -> Bool {
            lhs.value == rhs.value && lhs.count == rhs.count && lhs.interval?.low == rhs.interval?.low
                && lhs.interval?.high == rhs.interval?.high
        }
    }

    /// The figures this window has, by name, in wire order (volume apart).
    package var figures: [(name: String, figure: Figure)] {
        var result: [(String, Figure)] = []
        if let mean = Self.mean(count: sentimentCount, sum: sentimentSum, squares: sentimentSquares) {
            result.append(("sentiment", mean))
        }
        let answers = promoters + passives + detractors
        if answers > 0 {
            let promoterShare = Double(promoters) / Double(answers)
            let detractorShare = Double(detractors) / Double(answers)
            let net = promoterShare - detractorShare
            // Each answer scores +1, 0 or −1; NPS is 100 × their mean, so its standard error is theirs.
            let variance = max(0, promoterShare + detractorShare - net * net)
            let margin = 1.96 * (variance / Double(answers)).squareRoot() * 100
            result.append(
                (
                    "nps",
                    Figure(
                        value: net * 100, count: answers,
                        interval: answers >= 2 ? (max(-100, net * 100 - margin), min(100, net * 100 + margin)) : nil)
                ))
        }
        if csatCount > 0 { result.append(("csat", Self.percent(satisfied, of: csatCount))) }
        if let mean = Self.mean(count: cesCount, sum: cesSum, squares: cesSquares) { result.append(("ces", mean)) }
        if volume > 0 { result.append(("complaint_rate", Self.percent(complaints, of: volume))) }
        return result
    }

    private static func mean(count: Int, sum: Double, squares: Double) -> Figure? {
        guard count > 0 else { return nil }
        let n = Double(count)
        let mean = sum / n
        guard count >= 2 else { return Figure(value: mean, count: count, interval: nil) }
        let variance = max(0, (squares - n * mean * mean) / (n - 1))
        let margin = 1.96 * (variance / n).squareRoot()
        return Figure(value: mean, count: count, interval: (mean - margin, mean + margin))
    }

    /// A share in percent with its Wilson interval, which stays inside 0…100 and is honest for small n.
    private static func percent(_ hits: Int, of count: Int) -> Figure {
        let n = Double(count)
        let share = Double(hits) / n
        guard count >= 2 else { return Figure(value: share * 100, count: count, interval: nil) }
        let z = 1.96
        let centre = (share + z * z / (2 * n)) / (1 + z * z / n)
        let margin = z * (share * (1 - share) / n + z * z / (4 * n * n)).squareRoot() / (1 + z * z / n)
        return Figure(value: share * 100, count: count, interval: ((centre - margin) * 100, (centre + margin) * 100))
    }

    /// A figure that departed from its baseline: which way, and what the baseline was.
    package struct Departure: Equatable, Sendable {
        package var isAbove: Bool
        package var baseline: Double
    }

    /// The record's `figures` member; `anomalous` holds the figures flagged against their baseline, each written with
    /// `"anomaly":"above"|"below"` and its `"baseline"`, so a rule can tell a complaint spike from a quiet day.
    package func jsonObject(minResponses: Int, anomalous: [String: Departure]) -> JSONObject {
        var object = JSONObject()
        var volumeObject = JSONObject()
        volumeObject.append("value", .int(volume))
        if let departure = anomalous["volume"] { Self.append(departure, places: 1, to: &volumeObject) }
        object.append("volume", .object(volumeObject))
        for (name, figure) in figures {
            let places = name == "sentiment" || name == "ces" ? 2 : 1
            var member = JSONObject()
            member.append("value", Self.rounded(figure.value, places))
            member.append("n", .int(figure.count))
            if let interval = figure.interval {
                member.append(
                    "ci95", .array([Self.rounded(interval.low, places), Self.rounded(interval.high, places)]))
            }
            if figure.count < minResponses { member.append("thin", .bool(true)) }
            if let departure = anomalous[name] { Self.append(departure, places: places, to: &member) }
            object.append(name, .object(member))
        }
        return object
    }

    private static func append(_ departure: Departure, places: Int, to member: inout JSONObject) {
        member.append("anomaly", .string(departure.isAbove ? "above" : "below"))
        member.append("baseline", rounded(departure.baseline, places))
    }

    private static func rounded(_ value: Double, _ places: Int) -> JSONValue {
        JSONNumber.rounded(value, places: places).map(JSONValue.number) ?? .int(0)
    }
}
