/// One alert rule as data: who gets it, how urgent it is, why it exists, and the logic that decides it.
///
/// The built-in rules are listed once, in `BuiltinRules.all`; `alert --list-rules` and docs/RULES.md are derived
/// from that list.
package struct RuleDefinition: Sendable {
    /// Kebab-case, stable: it is part of every alert id.
    package let id: String
    /// One sentence: what makes the rule fire.
    package let description: String
    /// The team the alert is routed to (`customer_care`, `support`, `social_care`, …).
    package let owner: String
    package let severity: Severity
    /// Why acting on this matters.
    package let rationale: String
    /// A concrete case that fires.
    package let example: String
    package let summary: SummaryTemplate
    package let logic: any RuleLogic

    package init(
        id: String, description: String, owner: String, severity: Severity, rationale: String, example: String,
        summary: SummaryTemplate, logic: any RuleLogic
    ) {
        self.id = id
        self.description = description
        self.owner = owner
        self.severity = severity
        self.rationale = rationale
        self.example = example
        self.summary = summary
        self.logic = logic
    }

    /// For each of the logic's roles, the figures its evidence must keep for the summary.
    package var figureNamesByRole: [[String]] {
        let names = summary.figureNames
        return logic.roleNames.map { names[$0] ?? [] }
    }
}

/// How urgent an alert is.
package enum Severity: String, Sendable {
    case low
    case medium
    case high
}
