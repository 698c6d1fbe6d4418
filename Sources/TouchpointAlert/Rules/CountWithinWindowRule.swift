import TouchpointCore

/// "`count` or more matching events of the same profile within any `window`" (repeat-contact).
///
/// Scanning unconsumed events oldest first, the first one that starts a window holding at least `count`
/// unconsumed events opens an incident whose evidence is every unconsumed event in that window; they are
/// consumed, and the scan goes on. So four contacts in a week give one alert (with all four as evidence if they
/// are known together, or three and then none if the fourth comes later); six contacts in a week arriving one by
/// one give two.
package struct CountWithinWindowRule: RuleLogic {
    package let match: EventCondition
    package let count: Int
    package let window: Duration
    package let itemName: String

    package init(_ count: Int, of match: EventCondition, named itemName: String, within window: Duration) {
        self.match = match
        self.count = count
        self.window = window
        self.itemName = itemName
    }

    package var kindName: String { "count within window" }
    package var roleNames: [String] { [itemName] }
    package var windowText: String { "any \(spanText(window))" }
    package var conditionText: String { "\(count) or more \(itemName)s: \(match)" }

    package func roles(of event: Event) -> [Int] { match.matches(event) ? [0] : [] }

    package func incidents(in memory: inout RuleMemory) -> [Incident] {
        var incidents: [Incident] = []
        var open = memory.roles[0].indices.filter { !memory.roles[0][$0].isConsumed }
        var start = 0
        while start < open.count {
            let startTime = memory.roles[0][open[start]].time
            var end = start
            while end + 1 < open.count, memory.roles[0][open[end + 1]].time - startTime <= window { end += 1 }
            guard end - start + 1 >= count else {
                start += 1
                continue
            }
            let members = Array(open[start...end])
            for index in members { memory.roles[0][index].isConsumed = true }
            let items = members.map { memory.roles[0][$0] }
            incidents.append(
                Incident(
                    evidence: items.map { (itemName, $0) },
                    values: ["count": String(items.count), "span": spanText(items.last!.time - items[0].time)]))
            open.removeSubrange(start...end)
        }
        return incidents
    }
}
