import TouchpointCore
import TouchpointJSON

/// The per-event figures score writes as the event's `score` member (docs/stages/score.md).
///
/// Wire shape, members only when they apply, in this order:
/// `{"sentiment":-0.62,"sentiment_label":"negative","nps_class":"detractor","csat_class":"satisfied",
/// "effort":"high","expectations":{"call_wait":"missed"},"experience":-60}`.
/// - `sentiment`, `sentiment_label`: `SentimentAnalyzer` on `text` (when the event has non-empty text).
/// - `nps_class`, `csat_class`: the survey answers classed by the settings' `surveys` (`SurveyScales`).
/// - `effort`: the worst of what the event says: the CES answer, the `call_wait` expectation's outcome
///   (exceeded: low, met: neutral, missed: high), and `high` when it shows an `EffortDriver`.
/// - `effort_drivers`: the `EffortDriver`s it shows, when any.
/// - `expectations`: each configured measure the event carries, by name, in the settings' order.
/// - `experience`: see `experience(settings:)`.
package struct EventScore: Equatable, Sendable {
    package var sentiment: Double?
    package var npsClass: String?
    package var csatClass: String?
    package var effort: String?
    package var effortDrivers: [EffortDriver] = []
    package var outcomes: [(measure: String, outcome: Expectation.Outcome)] = []
    package var experience: Double?
    /// The NPS answer when it is a whole number from 0 to 10.
    package var nps: Int?
    /// The CES answer read easy-is-high (`SurveyScales.CES.easiness`).
    package var easiness: Int?

    package init(_ event: Event, settings: ScoreSettings = .builtin) {
        if let text = event.text, !text.isEmpty {
            sentiment = JSONNumber.rounded(SentimentAnalyzer.score(text), places: 2)?.doubleValue
        }
        let surveys = settings.surveys
        nps = Self.integer(event.metrics[surveys.nps.metric], in: 0...10)
        let csat = Self.integer(event.metrics[surveys.csat.metric], in: 1...surveys.csat.scaleMax)
        let ces = Self.integer(event.metrics[surveys.ces.metric], in: 1...surveys.ces.scaleMax)
        easiness = ces.map(surveys.ces.easiness)
        npsClass = nps.map(surveys.nps.classify)
        csatClass = csat.map(surveys.csat.classify)
        var contributions: [Double] = []
        for expectation in settings.expectations {
            guard let outcome = expectation.outcome(for: event) else { continue }
            outcomes.append((expectation.name, outcome))
            contributions.append(expectation.contribution(of: outcome))
        }
        let waitOutcome = outcomes.first { $0.measure == "call_wait" }?.outcome
        effort = Self.effort(ces: ces.map(surveys.ces.effort), wait: waitOutcome)
        experience = Self.experience(
            nps: nps, csat: csat, easiness: easiness, sentiment: sentiment,
            expectations: contributions, isReturn: event.type == "return" || event.type == "refund", settings: settings)
    }

    package static func == (lhs: EventScore, rhs: EventScore) -> Bool {
        lhs.sentiment == rhs.sentiment && lhs.npsClass == rhs.npsClass && lhs.csatClass == rhs.csatClass
            && lhs.effort == rhs.effort && lhs.effortDrivers == rhs.effortDrivers && lhs.experience == rhs.experience
            && lhs.nps == rhs.nps
            && lhs.outcomes.map(\.measure) == rhs.outcomes.map(\.measure)
            && lhs.outcomes.map(\.outcome) == rhs.outcomes.map(\.outcome)
    }

    /// Takes the behaviour drivers `Scorer` found (they need the profile's state); any one makes effort high.
    package mutating func add(_ drivers: [EffortDriver]) {
        guard !drivers.isEmpty else { return }
        effortDrivers = drivers
        effort = "high"
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
        if !effortDrivers.isEmpty {
            object.append("effort_drivers", .array(effortDrivers.map { .string($0.rawValue) }))
        }
        if !outcomes.isEmpty {
            object.append(
                "expectations", .object(JSONObject(outcomes.map { ($0.measure, .string($0.outcome.rawValue)) })))
        }
        object.setIfPresent(
            "experience", experience.flatMap { JSONNumber.rounded($0, places: 0) }.map(JSONValue.number))
        return object.isEmpty ? nil : object
    }

    // MARK: - Formulas

    private static let effortRank = ["low": 0, "neutral": 1, "high": 2]

    static func effort(ces: String?, wait: Expectation.Outcome?) -> String? {
        let fromWait = wait.map { $0 == .exceeded ? "low" : $0 == .met ? "neutral" : "high" }
        return [ces, fromWait].compactMap { $0 }.max { effortRank[$0]! < effortRank[$1]! }
    }

    /// The event's experience from -100 (worst) to +100 (best): the weighted mean of the signals it carries, each
    /// first mapped to -100…+100 (weights from the settings' `experience.weights`); nil when it carries none.
    ///
    /// | signal | mapping |
    /// |---|---|
    /// | nps n | n ≤ 7: (n − 7) / 7 × 100; n > 7: (n − 7) / 3 × 100 (7 is neutral: 0 → −100, 10 → +100) |
    /// | csat c on 1…k | (c − m) / (m − 1) × 100 with m = (k + 1) / 2 (1 → −100, k → +100) |
    /// | ces, read easy-is-high, e on 1…k | the same |
    /// | sentiment s | s × 100 |
    /// | each expectation outcome | its configured contribution |
    /// | type return or refund | `experience.return_value` |
    static func experience(
        nps: Int?, csat: Int?, easiness: Int?, sentiment: Double?, expectations: [Double], isReturn: Bool,
        settings: ScoreSettings
    ) -> Double? {
        let weights = settings.weights
        var components: [(value: Double, weight: Double)] = []
        if let nps {
            let value = nps <= 7 ? Double(nps - 7) / 7 * 100 : Double(nps - 7) / 3 * 100
            components.append((value, weights.nps))
        }
        if let csat { components.append((centred(csat, scaleMax: settings.surveys.csat.scaleMax), weights.csat)) }
        if let easiness { components.append((centred(easiness, scaleMax: settings.surveys.ces.scaleMax), weights.ces)) }
        if let sentiment { components.append((sentiment * 100, weights.sentiment)) }
        for contribution in expectations { components.append((contribution, weights.expectation)) }
        if isReturn { components.append((weights.returnValue, weights.returned)) }
        let weight = components.reduce(0) { $0 + $1.weight }
        guard weight > 0 else { return nil }
        return components.reduce(0) { $0 + $1.value * $1.weight } / weight
    }

    /// An answer on 1…scaleMax mapped to −100…100, the middle of the scale at 0.
    private static func centred(_ answer: Int, scaleMax: Int) -> Double {
        let middle = Double(1 + scaleMax) / 2
        return (Double(answer) - middle) / (middle - 1) * 100
    }

    /// A metric that is a whole number within `range` (a survey answer); nil otherwise.
    static func integer(_ value: JSONValue?, in range: ClosedRange<Int>) -> Int? {
        guard let number = value?.intValue ?? value?.stringValue.flatMap({ Int($0) }), range.contains(number) else {
            return nil
        }
        return number
    }
}
