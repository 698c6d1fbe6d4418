import TouchpointCore

/// "One event that matches" (negative-social-high-reach): every matching event is an incident on its own.
///
/// It needs no profile: for an event without one, alert evaluates it against a throwaway memory, so the alert
/// is keyed by the event id (the rule is about reach, not about who the customer is).
package struct SingleEventRule: RuleLogic {
    package let match: EventCondition
    package let itemName: String

    package init(_ match: EventCondition, named itemName: String) {
        self.match = match
        self.itemName = itemName
    }

    package var kindName: String { "single event" }
    package var roleNames: [String] { [itemName] }
    package var windowText: String { "none (one event)" }
    package var conditionText: String { "\(itemName): \(match)" }

    package func roles(of event: Event) -> [Int] { match.matches(event) ? [0] : [] }

    package func incidents(in memory: inout RuleMemory) -> [Incident] {
        var incidents: [Incident] = []
        for index in memory.roles[0].indices where !memory.roles[0][index].isConsumed {
            memory.roles[0][index].isConsumed = true
            incidents.append(Incident(evidence: [(itemName, memory.roles[0][index])]))
        }
        return incidents
    }
}
