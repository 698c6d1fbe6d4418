import TouchpointCore
import TouchpointJSON

/// One rule of the `segments` list: a customer is in the first segment whose every condition holds.
///
/// `{"name": "vip", "when": {"tier": ["high"], "tenure_days_at_least": 180}}`. Conditions: `tier`, `nps_class`,
/// `stage` (each a list of accepted values; a customer without an NPS answer matches no `nps_class` list),
/// `tenure_days_at_least`, `tenure_days_at_most`, `value_at_least`, and `traits` (trait name to accepted values,
/// compared with the latest value the customer's events carried, case-insensitively). An empty `when` matches
/// everyone, so a last catch-all rule gives every customer a segment.
package struct SegmentRule: Sendable {
    package var name: String
    package var tiers: Set<String>?
    package var npsClasses: Set<String>?
    package var stages: Set<String>?
    package var tenureAtLeast: Int?
    package var tenureAtMost: Int?
    package var valueAtLeast: Double?
    /// Trait name to accepted values, lowercased; in name order.
    package var traits: [(name: String, values: Set<String>)] = []

    /// What a rule is matched against.
    package struct Facts {
        package var tier: String
        package var npsClass: String?
        package var stage: String?
        package var tenureDays: Int
        package var value: Double
        package var trait: (String) -> String?
    }

    package func matches(_ facts: Facts) -> Bool {
        if let tiers, !tiers.contains(facts.tier) { return false }
        if let npsClasses, !(facts.npsClass.map(npsClasses.contains) ?? false) { return false }
        if let stages, !(facts.stage.map(stages.contains) ?? false) { return false }
        if let tenureAtLeast, facts.tenureDays < tenureAtLeast { return false }
        if let tenureAtMost, facts.tenureDays > tenureAtMost { return false }
        if let valueAtLeast, facts.value < valueAtLeast { return false }
        for (name, values) in traits {
            guard let actual = facts.trait(name), values.contains(actual.lowercased()) else { return false }
        }
        return true
    }

    private static let conditionKeys = [
        "tier", "nps_class", "stage", "tenure_days_at_least", "tenure_days_at_most", "value_at_least", "traits",
    ]

    init(_ value: ConfigValue) throws(ConfigError) {
        try value.checkKeys(["name", "when"])
        name = try Reader(value).string("name", nil)
        let when = try value.required("when")
        try when.checkKeys(Self.conditionKeys)
        func set(_ key: String, oneOf choices: [String]? = nil) throws(ConfigError) -> Set<String>? {
            guard let list = try when.optional(key) else { return nil }
            var values: Set<String> = []
            for element in try list.array() {
                if let choices {
                    values.insert(try element.string(oneOf: choices))
                } else {
                    values.insert(try element.string())
                }
            }
            return values
        }
        tiers = try set("tier", oneOf: ["high", "medium", "low"])
        npsClasses = try set("nps_class", oneOf: ["promoter", "passive", "detractor"])
        stages = try set("stage")
        tenureAtLeast = try when.optional("tenure_days_at_least")?.integer(in: 0...100_000)
        tenureAtMost = try when.optional("tenure_days_at_most")?.integer(in: 0...100_000)
        valueAtLeast = try when.optional("value_at_least")?.number()
        if let traitRules = try when.optional("traits") {
            for (trait, list) in try traitRules.members().sorted(by: { $0.key < $1.key }) {
                var values: Set<String> = []
                for element in try list.array() { values.insert(try element.string().lowercased()) }
                traits.append((trait, values))
            }
        }
    }

    /// The `segments` list; a list replaces the built-in one whole.
    static func readAll(_ value: ConfigValue?, over defaults: [SegmentRule]?, problems: inout ConfigProblems)
        -> [SegmentRule]?
    {
        guard let value else { return defaults }
        guard let elements = problems.check({ () throws(ConfigError) in try value.array() }) else { return nil }
        var rules: [SegmentRule] = []
        var isValid = true
        for element in elements {
            guard let rule = problems.check({ () throws(ConfigError) in try SegmentRule(element) }) else {
                isValid = false
                continue
            }
            if rules.contains(where: { $0.name == rule.name }) {
                problems.note(element.error("segment \"\(rule.name)\" is listed twice"))
                isValid = false
            }
            rules.append(rule)
        }
        return isValid ? rules : nil
    }

    /// Trait names any rule reads: the only traits the customer state keeps.
    static func traitNames(_ rules: [SegmentRule]) -> [String] {
        Array(Set(rules.flatMap { $0.traits.map(\.name) })).sorted()
    }
}
