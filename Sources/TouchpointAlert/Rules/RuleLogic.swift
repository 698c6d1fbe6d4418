import TouchpointCore

/// How one kind of rule decides: which events it keeps, in which roles, and which sets of them are incidents.
///
/// A rule kind is one small type under Rules/; a built-in rule is an instance of one with its parameters
/// (BuiltinRules.swift). Evaluation keeps an invariant: after `incidents(in:)`, no incident can be formed from
/// unconsumed evidence. So a new event (or a merge) can only complete incidents that include it, and evaluating
/// everything unconsumed is the same as checking "every combination that includes the new event".
package protocol RuleLogic: Sendable {
    /// The kind's name in docs/RULES.md.
    var kindName: String { get }
    /// The names of the evidence roles, in the order of `RuleMemory.roles` (and of summary placeholders).
    var roleNames: [String] { get }
    /// The window as docs/RULES.md shows it.
    var windowText: String { get }
    /// The conditions as docs/RULES.md shows them.
    var conditionText: String { get }
    /// The roles `event` can play (none: the rule ignores it).
    func roles(of event: Event) -> [Int]
    /// Finds the incidents among unconsumed evidence, marks their evidence consumed, and returns them in a fixed
    /// order (by the time of their latest evidence).
    func incidents(in memory: inout RuleMemory) -> [Incident]
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
