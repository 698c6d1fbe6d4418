import TouchpointCore

/// A `first` event and a `then` event of the same key within `window`: the shape of a sequence rule (A followed
/// by B) and of an absence rule (A not followed by B).
///
/// **Sequence** (detractor-after-purchase): evaluated when the watermark passes the `then` event, so every
/// `first` that could pair with it has arrived (within the allowed lateness): each unconsumed `then` event, oldest
/// first, pairs with the latest unconsumed `first` event at or before it and no more than `window` earlier (ties:
/// the larger id); both are then consumed. So which purchase a detractor answer is paired with does not depend on
/// the order the exports arrived in.
///
/// **Absence** (a complaint unresolved in 48 hours): each `first` event sets an event-time timer at its time plus
/// `window`. When the watermark passes it, the rule looks among the `then` events it has kept for one at or after
/// the `first` and no later than the deadline; if there is none, the `first` event is an incident. Because the
/// decision waits for the watermark, a `then` event that arrives before its `first` (another export, read
/// earlier) still counts.
package struct FollowRule: Sendable {
    package let first: RoleMatch
    package let then: RoleMatch
    package let window: Duration

    package init(first: RoleMatch, then: RoleMatch, window: Duration) {
        self.first = first
        self.then = then
        self.window = window
    }

    /// The sequence incidents among the evidence up to `horizon`.
    package func incidents(in memory: inout RuleMemory, through horizon: Timestamp) -> [Incident] {
        var incidents: [Incident] = []
        for thenIndex in memory.roles[1].indices
        where !memory.roles[1][thenIndex].isConsumed && memory.roles[1][thenIndex].time <= horizon {
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
                    evidence: [(first.name, earlier), (then.name, later)],
                    values: ["gap": spanText(later.time - earlier.time), "window": spanText(window)]))
        }
        return incidents
    }

    /// Whether a kept `then` event resolves `open` in time.
    package func isResolved(_ open: EvidenceItem, in memory: RuleMemory) -> Bool {
        memory.roles[1].contains { $0.time >= open.time && $0.time - open.time <= window && $0.id != open.id }
    }

    package func incident(for open: EvidenceItem) -> Incident {
        Incident(evidence: [(first.name, open)], values: ["window": spanText(window)])
    }
}
