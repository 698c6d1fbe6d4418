import TouchpointCore
import TouchpointJSON

/// The alert stage: keeps per-profile rule evidence on event time and writes an `alert` after the record that
/// completes an incident (docs/RULES.md).
///
/// Owns `event` and `merge`, and forwards both unchanged before any alert they cause. For an event, each enabled
/// rule files it under the roles it plays and looks for incidents; a `merge` folds the absorbed profiles'
/// evidence (and last known `customer`) into the survivor and looks again. Alerts from one record come out in
/// rule-list order, then in incident order.
package struct Alerter: Stage {
    package static let name = "alert"
    /// How many emitted alert ids are remembered to suppress exact repeats (a duplicated input record).
    package static let rememberedAlerts = 65_536

    package var ownedKinds: [String] { [RecordKind.event, RecordKind.merge] }
    package let rules: [RuleDefinition]
    private let figureNames: [[[String]]]
    /// Profile id -> one memory per rule, in `rules` order.
    private var memories: [String: [RuleMemory]] = [:]
    /// Profile id -> the `customer` of its latest event, for alerts a merge completes.
    private var customers: [String: JSONObject] = [:]
    private var emitted = RecentSet(capacity: Alerter.rememberedAlerts)

    package init(rules: [RuleDefinition] = BuiltinRules.all) {
        self.rules = rules
        figureNames = rules.map(\.figureNamesByRole)
    }

    package mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        if record.kind == RecordKind.merge {
            let merge: MergeRecord
            do {
                merge = try MergeRecord(record.value)
            } catch {
                return .deadLetter(.invalidRecord, error.description)
            }
            try output.emit(raw: record.bytes)
            for alert in fold(merge) { try output.emit(alert.jsonValue) }
            return .processed
        }
        let event: Event
        do {
            event = try Event(essentialsOf: record.document)
        } catch {
            return .deadLetter(.invalidRecord, error.description)
        }
        try output.emit(raw: record.bytes)
        for alert in observe(event) { try output.emit(alert.jsonValue) }
        return .processed
    }

    /// Files an event with every rule and returns the alerts it completes.
    package mutating func observe(_ event: Event) -> [AlertRecord] {
        let profile = event.profileID
        var profileMemories = profile.flatMap { memories.removeValue(forKey: $0) } ?? emptyMemories()
        if let profile, let customer = event.customer { customers[profile] = customer }
        var alerts: [AlertRecord] = []
        for (index, rule) in rules.enumerated() {
            let roles = rule.logic.roles(of: event)
            guard !roles.isEmpty else { continue }
            for role in roles {
                profileMemories[index].insert(EvidenceItem(event, keeping: figureNames[index][role]), role: role)
            }
            for incident in rule.logic.incidents(in: &profileMemories[index]) {
                alerts.append(AlertRecord(rule: rule, incident: incident, profile: profile, customer: event.customer))
            }
        }
        // Without a profile the memory was a throwaway: nothing can join this event later.
        if let profile, !profileMemories.allSatisfy(\.isEmpty) { memories[profile] = profileMemories }
        return alerts.filter { emitted.insert($0.id) }
    }

    /// Folds absorbed profiles into the survivor and returns the alerts the merge completes.
    package mutating func fold(_ merge: MergeRecord) -> [AlertRecord] {
        var survivor = memories.removeValue(forKey: merge.survivor) ?? emptyMemories()
        var customer = customers[merge.survivor]
        for absorbed in merge.absorbed {
            if let theirs = memories.removeValue(forKey: absorbed) {
                for index in survivor.indices { survivor[index].absorb(theirs[index]) }
            }
            if let theirs = customers.removeValue(forKey: absorbed), customer == nil { customer = theirs }
        }
        if let customer { customers[merge.survivor] = customer }
        var alerts: [AlertRecord] = []
        for (index, rule) in rules.enumerated() {
            for incident in rule.logic.incidents(in: &survivor[index]) {
                alerts.append(AlertRecord(rule: rule, incident: incident, profile: merge.survivor, customer: customer))
            }
        }
        if !survivor.allSatisfy(\.isEmpty) { memories[merge.survivor] = survivor }
        return alerts.filter { emitted.insert($0.id) }
    }

    private func emptyMemories() -> [RuleMemory] {
        rules.map { RuleMemory(roleCount: $0.logic.roleNames.count) }
    }
}

/// A set that remembers the last `capacity` strings inserted, forgetting the oldest first.
struct RecentSet {
    private let capacity: Int
    private var members: Set<String> = []
    private var order: [String] = []
    private var oldest = 0

    init(capacity: Int) { self.capacity = capacity }

    /// Inserts `member`; false if it was already there.
    mutating func insert(_ member: String) -> Bool {
        guard members.insert(member).inserted else { return false }
        if order.count < capacity {
            order.append(member)
        } else {
            members.remove(order[oldest])
            order[oldest] = member
            oldest = (oldest + 1) % capacity
        }
        return true
    }
}
