import TouchpointCore
import TouchpointJSON

/// An event a rule keeps as possible evidence: its id and time, the few figures its summary quotes, and whether
/// an alert has already used it.
///
/// Each evidence event serves at most one alert per rule and profile ("consumed"): that is the suppression that
/// turns overlapping windows (four contacts in a week) into one alert, and it holds in any arrival order.
package struct EvidenceItem: Sendable {
    package var id: String
    package var time: Timestamp
    /// Figures named in the rule's summary, looked up in metrics, then score, then ids.
    package var figures: [String: JSONValue]
    package var isConsumed = false

    package init(id: String, time: Timestamp, figures: [String: JSONValue] = [:]) {
        self.id = id
        self.time = time
        self.figures = figures
    }

    /// Whether this item sorts before `other`: by event time, then id, the same way in every run.
    package func precedes(_ other: EvidenceItem) -> Bool {
        time != other.time ? time < other.time : id < other.id
    }

    /// The item for `event`, keeping the figures named in `names`.
    package init(_ event: Event, keeping names: [String]) {
        var figures: [String: JSONValue] = [:]
        for name in names {
            let value = event.metrics[name] ?? event.score?[name] ?? event.ids[name]
            if let value, !value.isNull { figures[name] = value }
        }
        self.init(id: event.id, time: event.time, figures: figures)
    }
}

/// One rule's evidence for one profile: a sorted list per role ("purchase", "survey"), bounded.
///
/// Items older than `retention` before the newest event seen, and items beyond `maximumItems` per role, are
/// dropped: a late event older than that can no longer complete an incident (docs/RULES.md).
package struct RuleMemory: Sendable {
    package static let retention = Duration.days(30)
    package static let maximumItems = 64

    package var roles: [[EvidenceItem]]
    package private(set) var newest: Timestamp?

    package init(roleCount: Int) {
        roles = Array(repeating: [], count: roleCount)
    }

    package var isEmpty: Bool { roles.allSatisfy(\.isEmpty) }

    /// Adds an item to a role unless an item with its id is there already (a replayed or duplicated event).
    package mutating func insert(_ item: EvidenceItem, role: Int) {
        guard !roles[role].contains(where: { $0.id == item.id }) else { return }
        let index = roles[role].firstIndex { item.precedes($0) } ?? roles[role].endIndex
        roles[role].insert(item, at: index)
        if newest.map({ $0 < item.time }) ?? true { newest = item.time }
        trim()
    }

    /// Folds another profile's memory in (a merge); an item both hold stays consumed if either consumed it.
    package mutating func absorb(_ other: RuleMemory) {
        for role in other.roles.indices {
            for item in other.roles[role] {
                if let index = roles[role].firstIndex(where: { $0.id == item.id }) {
                    roles[role][index].isConsumed = roles[role][index].isConsumed || item.isConsumed
                } else {
                    insert(item, role: role)
                }
            }
        }
    }

    private mutating func trim() {
        guard let newest else { return }
        let horizon = Timestamp(milliseconds: newest.milliseconds - Self.retention.milliseconds)
        for role in roles.indices {
            roles[role].removeAll { $0.time < horizon }
            let excess = roles[role].count - Self.maximumItems
            if excess > 0 { roles[role].removeFirst(excess) }
        }
    }
}

/// A set of evidence that completes a rule, with the figures its summary needs.
package struct Incident: Sendable {
    /// The evidence with the name of the role each item played.
    package var evidence: [(role: String, item: EvidenceItem)]
    /// Figures of the incident as a whole (`gap`, `count`, `span`), already formatted.
    package var values: [String: String]

    package init(evidence: [(role: String, item: EvidenceItem)], values: [String: String] = [:]) {
        self.evidence = evidence
        self.values = values
    }
}
