import TouchpointCore

/// One condition of a rule with the name of the evidence role it fills (`purchase`, `survey`, `contact`): the
/// name is how the summary quotes that event's figures (`{survey.nps}`).
package struct RoleMatch: Sendable {
    package let name: String
    package let condition: Expression
    /// The condition as the rules file wrote it, for docs/RULES.md.
    package let source: String

    package init(name: String, condition: Expression, source: String) {
        self.name = name
        self.condition = condition
        self.source = source
    }
}

/// How a rule decides, by kind. Each kind is one small type in this folder; a rule is a kind with its parameters,
/// read from a rules file (`RuleSet`).
package enum RuleLogic: Sendable {
    /// One record that matches is an incident on its own, at once (a negative post with a large audience).
    case single(RoleMatch)
    /// A count or sum of matching events of one key within an event-time window.
    case window(WindowRule)
    /// A `first` event followed by a `then` event of the same key within a window.
    case sequence(FollowRule)
    /// A `first` event not followed by a `then` event of the same key within a window, fired by an event-time
    /// timer when the watermark passes the deadline.
    case absence(FollowRule)
    /// A figure of the profile crossing a threshold: fires on the crossing, not on every event beyond it.
    case crossing(CrossingRule)

    /// The kind's name in rules files and docs/RULES.md.
    package var kindName: String {
        switch self {
        case .single: "single"
        case .window(let rule): rule.sum == nil ? "count" : "sum"
        case .sequence: "sequence"
        case .absence: "absence"
        case .crossing: "crossing"
        }
    }

    /// The evidence roles, in the order of `RuleMemory.roles` (one memory per rule and key).
    package var roles: [RoleMatch] {
        switch self {
        case .single(let match): [match]
        case .window(let rule): [rule.match]
        case .sequence(let rule): [rule.first, rule.then]
        case .absence(let rule): [rule.first, rule.then]
        case .crossing(let rule): [rule.match]
        }
    }

    /// Whether the rule's evidence is kept per key in a `RuleMemory` and evaluated when the watermark passes it.
    package var keepsMemory: Bool {
        switch self {
        case .window, .sequence, .absence: true
        case .single, .crossing: false
        }
    }

    /// The window as docs/RULES.md shows it.
    package var windowText: String {
        switch self {
        case .single: "none (one record)"
        case .window(let rule): "any \(spanText(rule.window))"
        case .sequence(let rule): "\(spanText(rule.window)) after the \(rule.first.name)"
        case .absence(let rule): "\(spanText(rule.window)) after the \(rule.first.name)"
        case .crossing: "none (the profile's previous value)"
        }
    }
}

/// What a rule's evidence is grouped by: the resolved profile, or the thing the event is about (a ticket's
/// `entity`, the event id when it has none).
package enum RuleKey: String, Sendable {
    case profile
    case entity
}

/// Human text for a span of event time, as summaries quote it: "45 min", "20 h", "48 h", "4 days".
package func spanText(_ duration: Duration) -> String {
    let minutes = Double(duration.milliseconds) / 60_000
    if minutes < 60 { return "\(Int(minutes.rounded())) min" }
    let hours = minutes / 60
    if hours.rounded() <= 48 { return "\(Int(hours.rounded())) h" }
    let days = Int((hours / 24).rounded())
    return "\(days) days"
}
