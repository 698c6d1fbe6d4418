import TouchpointCore
import TouchpointJSON

/// How survey answers are classed: NPS (0–10), CSAT (1…`scale_max`), CES (1…`scale_max`), each read from a metric.
///
/// CES runs the way the question is asked: with `higher_is_easier` (CES 2.0, "the company made it easy to handle my
/// issue", agree = 7) a high answer is low effort; without it (the older "how much effort did you have to put
/// forth", 1 = very low) the scale is read the other way round, so `effort` and `experience` mean the same thing
/// whichever survey was sent. Thresholds are on the easy-is-high reading.
package struct SurveyScales: Sendable {
    package struct NPS: Sendable {
        package var metric: String
        package var promoterAtLeast: Int
        package var passiveAtLeast: Int

        package func classify(_ answer: Int) -> String {
            answer >= promoterAtLeast ? "promoter" : answer >= passiveAtLeast ? "passive" : "detractor"
        }
    }

    package struct CSAT: Sendable {
        package var metric: String
        package var scaleMax: Int
        package var satisfiedAtLeast: Int
        package var neutralAtLeast: Int

        package func classify(_ answer: Int) -> String {
            answer >= satisfiedAtLeast ? "satisfied" : answer >= neutralAtLeast ? "neutral" : "dissatisfied"
        }
    }

    package struct CES: Sendable {
        package var metric: String
        package var scaleMax: Int
        package var isHigherEasier: Bool
        package var lowEffortAtLeast: Int
        package var neutralAtLeast: Int

        /// The answer on the easy-is-high reading.
        package func easiness(_ answer: Int) -> Int { isHigherEasier ? answer : scaleMax + 1 - answer }

        package func effort(_ answer: Int) -> String {
            let easy = easiness(answer)
            return easy >= lowEffortAtLeast ? "low" : easy >= neutralAtLeast ? "neutral" : "high"
        }
    }

    package var nps: NPS
    package var csat: CSAT
    package var ces: CES

    init(_ value: ConfigValue, over defaults: SurveyScales?) throws(ConfigError) {
        try value.checkKeys(["nps", "csat", "ces"])
        nps = try Self.nps(try value.optional("nps"), over: defaults?.nps, parent: value)
        csat = try Self.csat(try value.optional("csat"), over: defaults?.csat, parent: value)
        ces = try Self.ces(try value.optional("ces"), over: defaults?.ces, parent: value)
    }

    private static func nps(_ value: ConfigValue?, over defaults: NPS?, parent: ConfigValue) throws(ConfigError) -> NPS
    {
        guard let value else { return try ScoreSettings.required(defaults, parent, "nps") }
        try value.checkKeys(["metric", "promoter_at_least", "passive_at_least"])
        let reader = Reader(value)
        let scale = NPS(
            metric: try reader.string("metric", defaults?.metric),
            promoterAtLeast: try reader.integer("promoter_at_least", in: 0...10, defaults?.promoterAtLeast),
            passiveAtLeast: try reader.integer("passive_at_least", in: 0...10, defaults?.passiveAtLeast))
        guard scale.passiveAtLeast <= scale.promoterAtLeast else {
            throw value.error("passive_at_least must not be above promoter_at_least")
        }
        return scale
    }

    private static func csat(_ value: ConfigValue?, over defaults: CSAT?, parent: ConfigValue) throws(ConfigError)
        -> CSAT
    {
        guard let value else { return try ScoreSettings.required(defaults, parent, "csat") }
        try value.checkKeys(["metric", "scale_max", "satisfied_at_least", "neutral_at_least"])
        let reader = Reader(value)
        let scaleMax = try reader.integer("scale_max", in: 2...10, defaults?.scaleMax)
        let scale = CSAT(
            metric: try reader.string("metric", defaults?.metric), scaleMax: scaleMax,
            satisfiedAtLeast: try reader.integer("satisfied_at_least", in: 1...scaleMax, defaults?.satisfiedAtLeast),
            neutralAtLeast: try reader.integer("neutral_at_least", in: 1...scaleMax, defaults?.neutralAtLeast))
        guard scale.neutralAtLeast <= scale.satisfiedAtLeast else {
            throw value.error("neutral_at_least must not be above satisfied_at_least")
        }
        return scale
    }

    private static func ces(_ value: ConfigValue?, over defaults: CES?, parent: ConfigValue) throws(ConfigError) -> CES
    {
        guard let value else { return try ScoreSettings.required(defaults, parent, "ces") }
        try value.checkKeys(["metric", "scale_max", "higher_is_easier", "low_effort_at_least", "neutral_at_least"])
        let reader = Reader(value)
        let scaleMax = try reader.integer("scale_max", in: 2...10, defaults?.scaleMax)
        let scale = CES(
            metric: try reader.string("metric", defaults?.metric), scaleMax: scaleMax,
            isHigherEasier: try reader.bool("higher_is_easier", defaults?.isHigherEasier),
            lowEffortAtLeast: try reader.integer("low_effort_at_least", in: 1...scaleMax, defaults?.lowEffortAtLeast),
            neutralAtLeast: try reader.integer("neutral_at_least", in: 1...scaleMax, defaults?.neutralAtLeast))
        guard scale.neutralAtLeast <= scale.lowEffortAtLeast else {
            throw value.error("neutral_at_least must not be above low_effort_at_least")
        }
        return scale
    }
}

/// Reads the members of one settings object, each falling back to its default.
struct Reader {
    let value: ConfigValue

    init(_ value: ConfigValue) { self.value = value }

    func string(_ key: String, _ fallback: String?) throws(ConfigError) -> String {
        guard let member = try value.optional(key) else { return try ScoreSettings.required(fallback, value, key) }
        let text = try member.string()
        guard !text.isEmpty else { throw member.error("expected a non-empty string") }
        return text
    }

    func bool(_ key: String, _ fallback: Bool?) throws(ConfigError) -> Bool {
        guard let member = try value.optional(key) else { return try ScoreSettings.required(fallback, value, key) }
        return try member.bool()
    }

    func integer(_ key: String, in range: ClosedRange<Int>, _ fallback: Int?) throws(ConfigError) -> Int {
        guard let member = try value.optional(key) else { return try ScoreSettings.required(fallback, value, key) }
        return try member.integer(in: range)
    }

    func number(_ key: String, in range: ClosedRange<Double>, _ fallback: Double?) throws(ConfigError) -> Double {
        guard let member = try value.optional(key) else { return try ScoreSettings.required(fallback, value, key) }
        return try member.number(in: range)
    }
}
