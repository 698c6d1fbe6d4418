import TouchpointCore

/// "At least `threshold` matching events (or a sum of a figure of at least `threshold`) of one key within any
/// `window`" (repeat-contact).
///
/// Evaluated when the watermark passes the evidence, over evidence at or before it, oldest first: the first
/// unconsumed event that starts a window reaching the threshold opens an incident whose evidence is the events
/// that reached it (in event time order, so the same whatever the arrival order); those are consumed and the scan
/// goes on. With `isDistinct`, events of an entity already counted (updates of the same ticket) do not count again.
package struct WindowRule: Sendable {
    package let match: RoleMatch
    package let threshold: Double
    /// The figure summed; nil counts events.
    package let sum: Expression?
    package let sumSource: String?
    package let isDistinct: Bool
    package let window: Duration

    package init(
        match: RoleMatch, threshold: Double, sum: Expression? = nil, sumSource: String? = nil, isDistinct: Bool,
        window: Duration
    ) {
        self.match = match
        self.threshold = threshold
        self.sum = sum
        self.sumSource = sumSource
        self.isDistinct = isDistinct
        self.window = window
    }

    package func incidents(in memory: inout RuleMemory, through horizon: Timestamp) -> [Incident] {
        var incidents: [Incident] = []
        var open = memory.roles[0].indices.filter {
            !memory.roles[0][$0].isConsumed && memory.roles[0][$0].time <= horizon
        }
        var start = 0
        while start < open.count {
            let startTime = memory.roles[0][open[start]].time
            var members: [Int] = []
            var entities: Set<String> = []
            var total = 0.0
            var cursor = start
            while cursor < open.count, memory.roles[0][open[cursor]].time - startTime <= window, total < threshold {
                let item = memory.roles[0][open[cursor]]
                cursor += 1
                if isDistinct && !entities.insert(item.entity).inserted { continue }
                members.append(cursor - 1)
                total += sum == nil ? 1 : item.amount
            }
            guard total >= threshold else {
                start += 1
                continue
            }
            let indices = members.map { open[$0] }
            for index in indices { memory.roles[0][index].isConsumed = true }
            let items = indices.map { memory.roles[0][$0] }
            incidents.append(
                Incident(
                    evidence: items.map { (match.name, $0) },
                    values: [
                        "count": String(items.count), "span": spanText(items.last!.time - items[0].time),
                        "sum": JSONNumberText.text(total), "window": spanText(window),
                    ]))
            for member in members.reversed() { open.remove(at: member) }
        }
        return incidents
    }
}

/// Numbers as summaries write them: whole numbers without a fraction.
enum JSONNumberText {
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
