import TouchpointCore
import TouchpointJSON

/// A record a rule keeps as possible evidence: what an alert quotes of it (id, time, channel, type, a text
/// excerpt, the figures its summary names) and whether an alert has already used it.
///
/// Each evidence event serves at most one alert per rule and key ("consumed"): that is the suppression that
/// turns overlapping windows (four contacts in a week) into one alert, and it holds in any arrival order.
package struct EvidenceItem: Sendable {
    /// How much of an event's text an alert quotes.
    package static let excerptLength = 160

    package var id: String
    package var time: Timestamp
    /// The thing the event is about (a ticket's `entity`), else the event id: what distinct counts count.
    package var entity: String
    package var channel: String?
    package var type: String?
    package var excerpt: String?
    /// The profile the event had when it was kept (an entity-keyed rule alerts with it).
    package var profile: String?
    /// The figure a sum rule adds up.
    package var amount: Double = 0
    /// Figures named in the rule's summary.
    package var figures: [String: JSONValue]
    package var isConsumed = false

    package init(
        id: String, time: Timestamp, entity: String? = nil, channel: String? = nil, type: String? = nil,
        excerpt: String? = nil, profile: String? = nil, figures: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.time = time
        self.entity = entity ?? id
        self.channel = channel
        self.type = type
        self.excerpt = excerpt
        self.profile = profile
        self.figures = figures
    }

    /// Whether this item sorts before `other`: by event time, then id, the same way in every run.
    package func precedes(_ other: EvidenceItem) -> Bool {
        time != other.time ? time < other.time : id < other.id
    }

    /// The item for a record, keeping the figures named in `names`: a name is looked up in metrics, then score,
    /// then ids; a dotted name (`customer.tier`) is a path from the record's root. `isRedacting` (`--redact`)
    /// masks identifiers among the figures and personal data in the excerpt (`Redaction`).
    package init(_ record: RecordView, essentials: RecordEssentials, keeping names: [String], isRedacting: Bool) {
        var figures: [String: JSONValue] = [:]
        let document = record.document
        for name in names {
            let path = name.contains(".") ? name.split(separator: ".").map(String.init) : nil
            let root = path == nil ? ["metrics", "score", "ids"].first { record.node(at: [$0, name]) != nil } : nil
            guard let node = record.node(at: path ?? [root ?? "metrics", name]), document.type(of: node) != .null
            else { continue }
            let isIdentifying = ["ids", "traits"].contains(path?.first ?? root ?? "")
            figures[name] = isRedacting && isIdentifying ? .string(Redaction.identifier) : document.value(node)
        }
        var excerpt = document["text"].flatMap(document.string).map(Self.excerpt)
        if isRedacting, let text = excerpt {
            let name = record.node(at: ["traits", "name"]).flatMap(document.string)
            excerpt = Redaction.redact(text, names: name.map { [$0] } ?? [])
        }
        self.init(
            id: essentials.id, time: essentials.time, entity: essentials.entity,
            channel: document["channel"].flatMap(document.string), type: document["type"].flatMap(document.string),
            excerpt: excerpt, profile: essentials.profile, figures: figures)
    }

    /// The start of a text, cut at a word where it can be, with an ellipsis when cut.
    package static func excerpt(_ text: String) -> String {
        guard text.count > excerptLength else { return text }
        let head = text.prefix(excerptLength)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut + "…"
    }
}

/// One rule's evidence for one key: a sorted list per role ("purchase", "survey"), bounded.
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

    package var itemCount: Int { roles.reduce(0) { $0 + $1.count } }

    /// A memory as a checkpoint wrote it.
    package init(roles: [[EvidenceItem]], newest: Timestamp?) {
        self.roles = roles
        self.newest = newest
    }

    /// Adds an item to a role unless an item with its id is there already (a replayed or duplicated event);
    /// false when it was.
    @discardableResult
    package mutating func insert(_ item: EvidenceItem, role: Int) -> Bool {
        guard !roles[role].contains(where: { $0.id == item.id }) else { return false }
        let index = roles[role].firstIndex { item.precedes($0) } ?? roles[role].endIndex
        roles[role].insert(item, at: index)
        if newest.map({ $0 < item.time }) ?? true { newest = item.time }
        trim()
        return true
    }

    /// The time of the earliest unconsumed item later than `horizon` (any, when nil): where evaluation resumes.
    package func earliestUnconsumed(after horizon: Timestamp?) -> Timestamp? {
        var earliest: Timestamp?
        for role in roles {
            for item in role where !item.isConsumed && (horizon.map { item.time > $0 } ?? true) {
                if earliest.map({ item.time < $0 }) ?? true { earliest = item.time }
                break
            }
        }
        return earliest
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
