import TouchpointCore

/// One alert rule as a rules file states it: who gets it, how urgent it is, what to do, why it exists, and the
/// logic that decides it (docs/RULES.md is generated from the built-in rules file).
///
/// A class: every record visits every rule, and a struct of this many strings would be copied (retained
/// member by member) each time.
package final class RuleDefinition: Sendable {
    /// Kebab-case, stable: it is part of every alert id.
    package let id: String
    /// One sentence: what makes the rule fire.
    package let description: String
    /// The team the alert is routed to (`customer_care`, `support`, `social_care`, …).
    package let owner: String
    package let severity: Severity
    /// What the owner should do first.
    package let nextStep: String
    /// Why acting on this matters.
    package let rationale: String
    /// A concrete case that fires.
    package let example: String
    package let summary: SummaryTemplate
    package let logic: RuleLogic
    package let key: RuleKey
    /// No second alert of this rule for the same profile within this much event time of the last one.
    package let cooldown: Duration?
    package let storm: StormLimit?
    /// Where the rule was read from: `builtin:rules/cx.json` or the user's file.
    package let origin: String

    package init(
        id: String, description: String, owner: String, severity: Severity, nextStep: String, rationale: String,
        example: String, summary: SummaryTemplate, logic: RuleLogic, key: RuleKey = .profile,
        cooldown: Duration? = nil, storm: StormLimit? = nil, origin: String = "test"
    ) {
        self.id = id
        self.description = description
        self.owner = owner
        self.severity = severity
        self.nextStep = nextStep
        self.rationale = rationale
        self.example = example
        self.summary = summary
        self.logic = logic
        self.key = key
        self.cooldown = cooldown
        self.storm = storm
        self.origin = origin
    }

    /// For each of the logic's roles, the figures its evidence must keep for the summary.
    package var figureNamesByRole: [[String]] {
        let names = summary.figureNames
        return logic.roles.map { names[$0.name] ?? [] }
    }
}

/// Storm control: at most `maximum` alerts of a rule per event-time window of `window` (aligned to the epoch);
/// the rest are held back and one summary alert says how many, when the window closes.
package struct StormLimit: Sendable, Equatable {
    package let maximum: Int
    package let window: Duration

    package init(maximum: Int, window: Duration) {
        self.maximum = maximum
        self.window = window
    }
}

/// How urgent an alert is.
package enum Severity: String, Sendable, CaseIterable {
    case low
    case medium
    case high
    case critical
}
