import TouchpointCore

/// "A `then` event within `window` after a `first` event of the same profile" (detractor-after-purchase).
///
/// Each unconsumed `then` event, oldest first, pairs with the latest unconsumed `first` event at or before it and
/// no more than `window` earlier; both are then consumed. So one purchase followed by two detractor answers
/// gives one alert, and a late purchase completes a survey that arrived before it.
package struct PairWithinWindowRule: RuleLogic {
    package let first: EventCondition
    package let then: EventCondition
    package let window: Duration
    package let firstName: String
    package let thenName: String

    package init(
        first: EventCondition, named firstName: String, then: EventCondition, named thenName: String,
        within window: Duration
    ) {
        self.first = first
        self.then = then
        self.window = window
        self.firstName = firstName
        self.thenName = thenName
    }

    package var kindName: String { "pair within window" }
    package var roleNames: [String] { [firstName, thenName] }
    package var windowText: String { "\(spanText(window)) after the \(firstName)" }
    package var conditionText: String { "\(firstName): \(first); \(thenName): \(then)" }

    package func roles(of event: Event) -> [Int] {
        (first.matches(event) ? [0] : []) + (then.matches(event) ? [1] : [])
    }

    package func incidents(in memory: inout RuleMemory) -> [Incident] {
        var incidents: [Incident] = []
        for thenIndex in memory.roles[1].indices where !memory.roles[1][thenIndex].isConsumed {
            let later = memory.roles[1][thenIndex]
            var best: Int?
            for firstIndex in memory.roles[0].indices {
                let earlier = memory.roles[0][firstIndex]
                guard !earlier.isConsumed, earlier.id != later.id, earlier.time <= later.time,
                    later.time - earlier.time <= window
                else { continue }
                if best.map({ memory.roles[0][$0].precedes(earlier) }) ?? true { best = firstIndex }
            }
            guard let best else { continue }
            memory.roles[0][best].isConsumed = true
            memory.roles[1][thenIndex].isConsumed = true
            let earlier = memory.roles[0][best]
            incidents.append(
                Incident(
                    evidence: [(firstName, earlier), (thenName, later)],
                    values: ["gap": spanText(later.time - earlier.time)]))
        }
        return incidents
    }
}
