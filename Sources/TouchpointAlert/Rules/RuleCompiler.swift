import TouchpointCore

/// Turns one rule object of a rules file into a `RuleDefinition`, parsing its conditions once; every problem
/// names the rule id and the field.
enum RuleCompiler {
    static let kinds = ["single", "count", "sum", "sequence", "absence", "crossing"]
    private static let common = [
        "id", "kind", "description", "owner", "severity", "next_step", "rationale", "example", "summary", "cooldown",
        "storm", "enabled",
    ]
    private static let kindKeys: [String: [String]] = [
        "single": ["match"],
        "count": ["match", "at_least", "within", "distinct", "key"],
        "sum": ["match", "sum", "at_least", "within", "key"],
        "sequence": ["first", "then", "within", "key"],
        "absence": ["first", "then", "within", "key"],
        "crossing": ["match", "value", "above", "below"],
    ]
    /// The incident figures a summary may quote without a role, by kind.
    private static let incidentValues: [String: [String]] = [
        "single": [], "count": ["count", "span", "window"], "sum": ["sum", "count", "span", "window"],
        "sequence": ["gap", "window"], "absence": ["window"], "crossing": ["previous", "value", "threshold"],
    ]

    static func compile(_ entry: RuleEntry) throws(ConfigError) -> RuleDefinition {
        let id = entry.id
        func fail(_ value: ConfigValue, _ message: String) -> ConfigError {
            value.error("rule \"\(id)\": \(message)")
        }
        func required(_ key: String) throws(ConfigError) -> ConfigValue {
            guard let value = entry.member(key) else { throw fail(entry.value, "missing \"\(key)\"") }
            return value
        }
        func text(_ key: String) throws(ConfigError) -> String {
            let value = try required(key)
            let text = try value.string()
            guard !text.isEmpty else { throw fail(value, "\"\(key)\" is empty") }
            return text
        }
        let kindValue = try required("kind")
        let kind = try kindValue.string()
        guard let allowed = kindKeys[kind] else {
            throw fail(kindValue, "unknown kind \"\(kind)\" (kinds: \(kinds.joined(separator: ", ")))")
        }
        for (key, value) in entry.members where !common.contains(key) && !allowed.contains(key) {
            throw fail(
                value,
                "\"\(key)\" is not a setting of a \(kind) rule (its settings: \(allowed.joined(separator: ", ")))")
        }
        func role(_ key: String) throws(ConfigError) -> RoleMatch {
            let value = try required(key)
            try value.checkKeys(["as", "when"])
            let nameValue = try value.required("as")
            let name = try nameValue.string()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }) else {
                throw fail(nameValue, "role name \"\(name)\" must be a word (letters and _)")
            }
            let whenValue = try value.required("when")
            let source = try whenValue.string()
            return RoleMatch(name: name, condition: try expression(source, at: whenValue), source: source)
        }
        func expression(_ source: String, at value: ConfigValue) throws(ConfigError) -> Expression {
            let parsed: Expression
            do {
                parsed = try Expression(parsing: source)
            } catch {
                throw fail(value, "\(error)")
            }
            for path in parsed.paths where !Expression.knownRoots.contains(path[0]) {
                throw fail(
                    value,
                    "unknown field \"\(path.joined(separator: "."))\" (a path starts with one of: "
                        + Expression.knownRoots.joined(separator: ", ") + ")")
            }
            return parsed
        }
        func window() throws(ConfigError) -> Duration {
            let value = try required("within")
            let duration = try value.duration()
            guard duration > .zero else { throw fail(value, "\"within\" must be longer than 0") }
            return duration
        }
        let logic: RuleLogic
        switch kind {
        case "single":
            logic = .single(try role("match"))
        case "count", "sum":
            let thresholdValue = try required("at_least")
            let threshold = try thresholdValue.number()
            guard threshold > 0 else { throw fail(thresholdValue, "\"at_least\" must be more than 0") }
            var sum: (Expression, String)?
            if kind == "sum" {
                let value = try required("sum")
                let source = try value.string()
                sum = (try expression(source, at: value), source)
            }
            let isDistinct: Bool
            if let value = entry.member("distinct") {
                _ = try value.string(oneOf: ["entity"])
                isDistinct = true
            } else {
                isDistinct = false
            }
            logic = .window(
                WindowRule(
                    match: try role("match"), threshold: threshold, sum: sum?.0, sumSource: sum?.1,
                    isDistinct: isDistinct, window: try window()))
        case "sequence":
            logic = .sequence(FollowRule(first: try role("first"), then: try role("then"), window: try window()))
        case "absence":
            logic = .absence(FollowRule(first: try role("first"), then: try role("then"), window: try window()))
        default:
            let above = entry.member("above")
            let below = entry.member("below")
            guard (above == nil) != (below == nil) else {
                throw fail(entry.value, "a crossing rule needs exactly one of \"above\" and \"below\"")
            }
            let valueMember = try required("value")
            let source = try valueMember.string()
            logic = .crossing(
                CrossingRule(
                    match: try role("match"), value: try expression(source, at: valueMember), valueSource: source,
                    direction: above != nil ? .above : .below, threshold: try (above ?? below)!.number()))
        }
        var key = RuleKey.profile
        if let value = entry.member("key") {
            key = RuleKey(rawValue: try value.string(oneOf: ["profile", "entity"]))!
        }
        var cooldown: Duration?
        if let value = entry.member("cooldown") { cooldown = try value.duration() }
        var storm: StormLimit?
        if let value = entry.member("storm") {
            try value.checkKeys(["at_most", "per"])
            storm = StormLimit(
                maximum: try value.required("at_most").integer(in: 1...1_000_000),
                window: try value.required("per").duration())
            guard storm!.window > .zero else { throw fail(value, "\"per\" must be longer than 0") }
        }
        let severityValue = try required("severity")
        guard let severity = Severity(rawValue: try severityValue.string()) else {
            throw fail(
                severityValue,
                "unknown severity \"\(try severityValue.string())\" (one of: "
                    + Severity.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        let ownerValue = try required("owner")
        let owner = try ownerValue.string()
        guard !owner.isEmpty, owner.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }) else {
            throw fail(ownerValue, "owner \"\(owner)\" must be a department name in snake_case (customer_care)")
        }
        let summaryValue = try required("summary")
        let summary = SummaryTemplate(try text("summary"))
        let roleNames = logic.roles.map(\.name)
        for placeholder in summary.placeholderNames {
            if let dot = placeholder.firstIndex(of: ".") {
                let role = String(placeholder[..<dot])
                guard roleNames.contains(role) else {
                    throw fail(
                        summaryValue,
                        "the summary names role \"\(role)\", which this rule does not have (roles: "
                            + roleNames.joined(separator: ", ") + ")")
                }
            } else {
                let name = String(placeholder.prefix { $0 != ":" })
                guard incidentValues[kind]!.contains(name) else {
                    throw fail(
                        summaryValue,
                        "the summary names \"{\(name)}\", which a \(kind) rule does not give (it gives: "
                            + (incidentValues[kind]!.isEmpty
                                ? "none; use {role.figure}" : incidentValues[kind]!.joined(separator: ", ")) + ")")
                }
            }
        }
        return RuleDefinition(
            id: id, description: try text("description"), owner: owner, severity: severity,
            nextStep: try text("next_step"), rationale: try text("rationale"), example: try text("example"),
            summary: summary, logic: logic, key: key, cooldown: cooldown, storm: storm, origin: entry.origin)
    }
}
