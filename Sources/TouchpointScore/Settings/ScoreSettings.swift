import TouchpointCore
import TouchpointJSON

/// Everything score can be told by its configuration file (`score --config FILE`, docs/stages/score.md,
/// "Configuration"): the built-in file Builtin/score/settings.json gives every default, and a user's file names only
/// what it changes.
///
/// A user's file is read over the built-in one: a section it leaves out keeps the built-in; inside `experience`,
/// `surveys`, `expectations`, `value_tiers`, `churn_model` and `windows` each key it leaves out does too (an
/// expectation set to `null` is removed); `segments`, `journey_stages` and `contact_types` are lists and replace
/// the built-in list whole. `repeated_information` has its own built-in file (`RepeatedInformation`).
package struct ScoreSettings: Sendable {
    package var halfLife: Duration
    package var weights: ExperienceWeights
    package var surveys: SurveyScales
    /// In the file's order, which is the order of `score.expectations` and `customer.missed_in_a_row`.
    package var expectations: [Expectation]
    package var tiers: ValueTiers
    /// Journey stages from first to furthest; `customer.stage` is the furthest reached.
    package var journeyStages: [String]
    package var contactTypes: Set<String>
    package var segments: [SegmentRule]
    package var churnModel: ChurnModel
    package var contactWindow: Duration
    package var detractorWindow: Duration
    package var lastTouchpointCount: Int
    /// How far behind the watermark an event may arrive and still see its windows whole.
    package var allowedLateness: Duration
    package var aggregates: AggregateSettings
    /// The phrases of the `repeated_information` effort driver.
    package var repeatedInformation: RepeatedInformation

    package static let sectionNames = [
        "experience", "surveys", "expectations", "value_tiers", "journey_stages", "contact_types", "segments",
        "churn_model", "windows", "last_touchpoints", "allowed_lateness", "aggregates", "repeated_information",
    ]

    /// The built-in settings (Builtin/score/settings.json).
    package static let builtin: ScoreSettings = {
        guard let file = BuiltinFiles.all.first(where: { $0.path == "score/settings.json" }) else {
            fatalError("the built-in score settings are missing from Builtin/score")
        }
        do {
            let parsed = try ConfigFile(text: file.text, path: "builtin:" + file.path)
            return try ScoreSettings(parsed.root, over: nil)
        } catch {
            fatalError("the built-in score settings are invalid: \(error)")
        }
    }()

    /// Reads a user's file over the built-in settings; the first problem is thrown.
    package init(file: ConfigFile) throws(ConfigError) {
        try self.init(file.root, over: Self.builtin)
    }

    /// Every problem in a user's file, each naming its JSON path; empty when the file is valid.
    package static func problems(in file: ConfigFile) -> [ConfigError] {
        var problems = ConfigProblems()
        _ = ScoreSettings(file.root, over: builtin, collecting: &problems)
        return problems.errors
    }

    init(_ root: ConfigValue, over defaults: ScoreSettings?) throws(ConfigError) {
        var problems = ConfigProblems()
        let settings = ScoreSettings(root, over: defaults, collecting: &problems)
        if let first = problems.errors.first { throw first }
        guard let settings else { throw root.error("a section is missing") }
        self = settings
    }

    /// Reads every section it can, noting each problem; nil when a section had no usable default.
    private init?(_ root: ConfigValue, over defaults: ScoreSettings?, collecting problems: inout ConfigProblems) {
        guard problems.check({ () throws(ConfigError) in try root.members() }) != nil else { return nil }
        _ = problems.check { () throws(ConfigError) in try root.checkKeys(Self.sectionNames) }
        func section(_ name: String) -> ConfigValue? { try? root.optional(name) }
        /// A section the file leaves out keeps its default.
        func read<Value>(_ name: String, _ fallback: Value?, _ parse: (ConfigValue) throws(ConfigError) -> Value)
            -> Value?
        {
            problems.check { () throws(ConfigError) in
                guard let value = section(name) else { return fallback }
                return try parse(value)
            }
        }
        let experience = read("experience", defaults.map { ($0.halfLife, $0.weights) }) {
            (value) throws(ConfigError) in
            try ExperienceWeights.read(value, over: defaults.map { ($0.halfLife, $0.weights) })
        }
        let surveys = read("surveys", defaults?.surveys) { (value) throws(ConfigError) in
            try SurveyScales(value, over: defaults?.surveys)
        }
        let expectations = Expectation.readAll(
            section("expectations"), over: defaults?.expectations ?? [], problems: &problems)
        let tiers = read("value_tiers", defaults?.tiers) { (value) throws(ConfigError) in
            try ValueTiers(value, over: defaults?.tiers)
        }
        let stages = read("journey_stages", defaults?.journeyStages, Self.strings)
        let contactTypes = read("contact_types", defaults.map { $0.contactTypes.sorted() }, Self.strings)
        let segments = SegmentRule.readAll(section("segments"), over: defaults?.segments, problems: &problems)
        let churn = read("churn_model", defaults?.churnModel) { (value) throws(ConfigError) in
            try ChurnModel(value, over: defaults?.churnModel)
        }
        let windows = read("windows", defaults.map { ($0.contactWindow, $0.detractorWindow) }) {
            (value) throws(ConfigError) in
            try Self.windows(value, over: defaults.map { ($0.contactWindow, $0.detractorWindow) })
        }
        let lastCount = read("last_touchpoints", defaults?.lastTouchpointCount) { (value) throws(ConfigError) in
            try value.integer(in: 0...20)
        }
        let lateness = read("allowed_lateness", defaults?.allowedLateness) { (value) throws(ConfigError) in
            try value.duration()
        }
        let aggregates = read("aggregates", defaults?.aggregates) { (value) throws(ConfigError) in
            try AggregateSettings(value, over: defaults?.aggregates)
        }
        let repeatedInformation = RepeatedInformation.read(
            section("repeated_information"), over: defaults?.repeatedInformation ?? .builtin, problems: &problems)
        guard let experience, let surveys, let expectations, let tiers, let stages, let contactTypes, let segments,
            let churn, let windows, let lastCount, let lateness, let aggregates, let repeatedInformation
        else { return nil }
        self.aggregates = aggregates
        self.repeatedInformation = repeatedInformation
        halfLife = experience.0
        weights = experience.1
        self.surveys = surveys
        self.expectations = expectations
        self.tiers = tiers
        journeyStages = stages
        self.contactTypes = Set(contactTypes)
        self.segments = segments
        churnModel = churn
        contactWindow = windows.0
        detractorWindow = windows.1
        lastTouchpointCount = lastCount
        allowedLateness = lateness
    }

    /// The default for a key the file leaves out; the built-in file itself must name every key.
    static func required<Value>(_ value: Value?, _ place: ConfigValue, _ key: String = "") throws(ConfigError)
        -> Value
    {
        guard let value else { throw place.error("missing \(key.isEmpty ? "a setting" : "\"\(key)\"")") }
        return value
    }

    static func strings(_ value: ConfigValue) throws(ConfigError) -> [String] {
        var strings: [String] = []
        for element in try value.array() {
            let text = try element.string()
            guard !text.isEmpty else { throw element.error("expected a non-empty string") }
            guard !strings.contains(text) else { throw element.error("\"\(text)\" is listed twice") }
            strings.append(text)
        }
        return strings
    }

    private static func windows(_ value: ConfigValue, over defaults: (Duration, Duration)?)
        throws(ConfigError) -> (contacts: Duration, detractor: Duration)
    {
        try value.checkKeys(["contacts", "detractor"])
        func window(_ key: String, _ fallback: Duration?) throws(ConfigError) -> Duration {
            guard let member = try value.optional(key) else { return try required(fallback, value, key) }
            let duration = try member.duration()
            guard duration.milliseconds > 0 else { throw member.error("a window must be longer than 0") }
            return duration
        }
        return (try window("contacts", defaults?.0), try window("detractor", defaults?.1))
    }
}

/// Problems found while reading a file, so `--check` reports each of them, not only the first.
package struct ConfigProblems {
    package private(set) var errors: [ConfigError] = []

    /// Runs `read`; a problem is noted and gives nil.
    mutating func check<Value>(_ read: () throws(ConfigError) -> Value?) -> Value? {
        do {
            return try read()
        } catch {
            errors.append(error)
            return nil
        }
    }

    mutating func note(_ error: ConfigError) { errors.append(error) }
}

/// How much each signal counts in an event's `experience` (docs/stages/score.md, "Experience").
package struct ExperienceWeights: Sendable {
    package var nps: Double
    package var csat: Double
    package var ces: Double
    package var sentiment: Double
    package var expectation: Double
    package var returned: Double
    /// The value a return or refund stands for.
    package var returnValue: Double

    static func read(_ value: ConfigValue, over defaults: (halfLife: Duration, weights: ExperienceWeights)?)
        throws(ConfigError) -> (halfLife: Duration, weights: ExperienceWeights)
    {
        try value.checkKeys(["half_life", "weights", "return_value"])
        var halfLife = defaults?.halfLife
        if let member = try value.optional("half_life") {
            let duration = try member.duration()
            guard duration.milliseconds >= 3_600_000 else { throw member.error("a half-life must be 1h or longer") }
            halfLife = duration
        }
        let base = defaults?.weights
        let weights = try value.optional("weights")
        try weights?.checkKeys(["nps", "csat", "ces", "sentiment", "expectation", "return"])
        func weight(_ key: String, _ fallback: Double?) throws(ConfigError) -> Double {
            guard let member = try weights?.optional(key) else {
                return try ScoreSettings.required(fallback, weights ?? value, key)
            }
            return try member.number(in: 0...100)
        }
        let result = ExperienceWeights(
            nps: try weight("nps", base?.nps), csat: try weight("csat", base?.csat), ces: try weight("ces", base?.ces),
            sentiment: try weight("sentiment", base?.sentiment),
            expectation: try weight("expectation", base?.expectation), returned: try weight("return", base?.returned),
            returnValue: try Reader(value).number("return_value", in: -100...100, base?.returnValue))
        return (try ScoreSettings.required(halfLife, value, "half_life"), result)
    }
}

/// Net value thresholds of `customer.tier`.
package struct ValueTiers: Sendable {
    package var highAtLeast: Double
    package var mediumAtLeast: Double

    init(_ value: ConfigValue, over defaults: ValueTiers?) throws(ConfigError) {
        try value.checkKeys(["high_at_least", "medium_at_least"])
        let reader = Reader(value)
        highAtLeast = try reader.number("high_at_least", in: -1e15...1e15, defaults?.highAtLeast)
        mediumAtLeast = try reader.number("medium_at_least", in: -1e15...1e15, defaults?.mediumAtLeast)
        guard mediumAtLeast <= highAtLeast else {
            throw value.error("medium_at_least must not be above high_at_least")
        }
    }

    package func tier(of value: Double) -> String {
        value >= highAtLeast ? "high" : value >= mediumAtLeast ? "medium" : "low"
    }
}
