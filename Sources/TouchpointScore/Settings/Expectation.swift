import TouchpointCore
import TouchpointJSON

/// What a customer expects of one touchpoint measure, and what each outcome adds to the event's experience.
///
/// Performance better than expected delights, inside the tolerance zone it goes unnoticed, below it angers: a
/// measure (a wait, a delay, a response time; lower is better) of at most `exceededAtMost` is `exceeded`, at most
/// `metAtMost` is `met`, beyond that `missed`. Settings entry: `"call_wait": {"metric": "wait_seconds",
/// "exceeded_at_most": 60, "met_at_most": 300, "contribution": {"exceeded": 20, "met": 0, "missed": -50},
/// "types": ["call"]}` (`types` optional: the event types the measure applies to; every type by default).
package struct Expectation: Sendable {
    package enum Outcome: String, Sendable {
        case exceeded
        case met
        case missed
    }

    package var name: String
    package var metric: String
    package var exceededAtMost: Double
    package var metAtMost: Double
    package var exceededValue: Double
    package var metValue: Double
    package var missedValue: Double
    /// Nil: every event type.
    package var types: Set<String>?

    package func outcome(of measured: Double) -> Outcome {
        measured <= exceededAtMost ? .exceeded : measured <= metAtMost ? .met : .missed
    }

    package func contribution(of outcome: Outcome) -> Double {
        switch outcome {
        case .exceeded: exceededValue
        case .met: metValue
        case .missed: missedValue
        }
    }

    /// The event's outcome for this measure, when it carries the metric as a finite number and is of a listed type.
    package func outcome(for event: Event) -> Outcome? {
        if let types, !types.contains(event.type) { return nil }
        guard let measured = event.metrics[metric]?.doubleValue, measured.isFinite else { return nil }
        return outcome(of: measured)
    }

    private static let keys = ["metric", "exceeded_at_most", "met_at_most", "contribution", "types"]

    init(name: String, _ value: ConfigValue, over defaults: Expectation?) throws(ConfigError) {
        try value.checkKeys(Self.keys)
        let reader = Reader(value)
        self.name = name
        metric = try reader.string("metric", defaults?.metric)
        exceededAtMost = try reader.number("exceeded_at_most", in: -1e12...1e12, defaults?.exceededAtMost)
        metAtMost = try reader.number("met_at_most", in: -1e12...1e12, defaults?.metAtMost)
        guard exceededAtMost <= metAtMost else { throw value.error("exceeded_at_most must not be above met_at_most") }
        let contribution = try value.optional("contribution")
        try contribution?.checkKeys(["exceeded", "met", "missed"])
        func part(_ key: String, _ fallback: Double?) throws(ConfigError) -> Double {
            guard let member = try contribution?.optional(key) else {
                return try ScoreSettings.required(fallback, contribution ?? value, key)
            }
            return try member.number(in: -100...100)
        }
        exceededValue = try part("exceeded", defaults?.exceededValue)
        metValue = try part("met", defaults?.metValue)
        missedValue = try part("missed", defaults?.missedValue)
        if let list = try value.optional("types") {
            var types: Set<String> = []
            for element in try list.array() { types.insert(try element.string()) }
            self.types = types
        } else {
            types = defaults?.types
        }
    }

    /// The `expectations` section over the built-in measures: a named measure replaces or adjusts the built-in of
    /// that name, `null` removes it, a new name adds one after the built-ins.
    static func readAll(_ value: ConfigValue?, over defaults: [Expectation], problems: inout ConfigProblems)
        -> [Expectation]?
    {
        guard let value else { return defaults }
        guard let members = problems.check({ () throws(ConfigError) in try value.members() }) else { return nil }
        var result = defaults
        var isValid = true
        for (name, member) in members {
            let existing = result.firstIndex { $0.name == name }
            if case .null = member.content {
                if let existing { result.remove(at: existing) }
                continue
            }
            guard
                let expectation = problems.check({ () throws(ConfigError) in
                    try Expectation(name: name, member, over: existing.map { result[$0] })
                })
            else {
                isValid = false
                continue
            }
            if let existing { result[existing] = expectation } else { result.append(expectation) }
        }
        return isValid ? result : nil
    }
}
