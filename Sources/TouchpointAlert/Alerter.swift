import TouchpointCore
import TouchpointJSON

/// The alert stage: evaluates the rules on event time and writes an `alert` for the owner of each incident
/// (docs/RULES.md, docs/stages/alert.md).
///
/// Owns `event`, `aggregate`, `merge` and `forget`, and forwards each unchanged before any alert it causes.
/// Single-record and crossing rules decide on the record itself and alert right after it. Rules over several
/// events (windows, sequences, absences) keep evidence per key and decide when the watermark passes it, through
/// Core's `EventTimers`: so the evidence they choose does not depend on the order the channel exports arrived in,
/// and an absence fires when event time, not the wall clock, passes its deadline. Every alert then passes the
/// `AlertGate` (delivered ids, cooldown, storm control). All of it is checkpointed at barriers under `--state`.
package struct Alerter: StatefulStage {
    package static let name = "alert"
    package static let stateFormat = "alert/2"
    /// alert/2 added the `--exec` spool at the end; an alert/1 snapshot is the same without it.
    package static var readableFormats: Set<String> { ["alert/1", stateFormat] }
    /// Separates the parts of timer and state keys; no id or profile contains it.
    static let separator = "\u{1F}"

    package var ownedKinds: [String] { [RecordKind.event, RecordKind.aggregate, RecordKind.merge, RecordKind.forget] }
    package let rules: [RuleDefinition]
    let figureNames: [[[String]]]
    /// Each rule's roles, computed once: the record loop must not build them per record.
    let ruleRoles: [[RoleMatch]]
    let rulesByID: [String: RuleDefinition]
    let ruleIndexByID: [String: Int]
    /// `--dry-run`: evaluate and count, deliver nothing (the gate still remembers, so counts are what a run would
    /// deliver).
    package var isDryRun = false
    /// `--redact`: mask personal data in the alerts' summaries and excerpts (`Redaction`).
    package var isRedacting = false
    package private(set) var counts = AlertCounts()
    /// Where the counts of alerts go at exit; nil with `--quiet`.
    package var diagnostics: Diagnostics?
    /// Where warnings go, `--quiet` or not.
    package var warnings: Diagnostics?
    /// `--exec`: the command each alert is also given to; nil without it, and in a dry run.
    var delivery: ExecDelivery?
    /// Alerts raised but not yet taken by the `--exec` command, in order; checkpointed.
    var spool = DeliverySpool()

    /// Per rule (in `rules` order), its evidence by key.
    var memories: [TrackedDictionary<RuleMemory>]
    /// Per rule, the last value of a crossing rule's figure by profile.
    var lastValues: [TrackedDictionary<Double>]
    /// Profile -> the `customer` member of its latest event, as its bytes (parsed only for an alert).
    var customers = TrackedDictionary<[UInt8]>()
    /// Profile -> its latest events, oldest first.
    var journeys = TrackedDictionary<[JourneyStep]>()
    var timers = EventTimers()
    var gate = AlertGate()
    /// The watermark of the last `sweep`.
    var lastSweep: Timestamp?

    package init(rules: [RuleDefinition] = RuleSet.builtin.rules) {
        self.rules = rules
        figureNames = rules.map(\.figureNamesByRole)
        ruleRoles = rules.map(\.logic.roles)
        rulesByID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        ruleIndexByID = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        memories = Array(repeating: TrackedDictionary(), count: rules.count)
        lastValues = Array(repeating: TrackedDictionary(), count: rules.count)
    }

    package mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        if !spool.isEmpty { delivery?.retrySpool(&spool) }
        switch record.kind {
        case RecordKind.merge:
            let merge: MergeRecord
            do {
                merge = try MergeRecord(record.value)
            } catch {
                return .deadLetter(.invalidRecord, error.description)
            }
            try output.emit(raw: record.bytes)
            fold(merge)
            return .processed
        case RecordKind.forget:
            let forget: ForgetRecord
            do {
                forget = try ForgetRecord(record.value)
            } catch {
                return .deadLetter(.invalidRecord, error.description)
            }
            try output.emit(raw: record.bytes)
            for profile in forget.profiles { erase(profile) }
            return .processed
        default:
            let view = RecordView(record.document)
            let essentials: RecordEssentials
            do {
                essentials = try RecordEssentials(view, isAggregate: record.kind == RecordKind.aggregate)
            } catch {
                return .deadLetter(.invalidRecord, error.description)
            }
            try output.emit(raw: record.bytes)
            try deliver(observe(view, essentials), into: &output)
            return .processed
        }
    }

    /// Files a record with every rule; returns the alerts single-record and crossing rules raise at once.
    mutating func observe(_ view: RecordView, _ essentials: RecordEssentials) -> [(Int, AlertRecord)] {
        let document = view.document
        if let profile = essentials.profile {
            if let node = document["customer"], document.type(of: node) == .object {
                customers[profile] = Array(document.rawBytes(node))
            }
            let step = JourneyStep(
                time: essentials.time, channel: document["channel"].flatMap(document.string) ?? "",
                type: document["type"].flatMap(document.string) ?? "")
            var journey = journeys.removeValue(forKey: profile) ?? []
            let index = journey.firstIndex { step.time < $0.time } ?? journey.endIndex
            journey.insert(step, at: index)
            if journey.count > JourneyStep.kept { journey.removeFirst(journey.count - JourneyStep.kept) }
            journeys[profile] = journey
        }
        var alerts: [(Int, AlertRecord)] = []
        for (index, rule) in rules.enumerated() {
            switch rule.logic {
            case .single(let match):
                guard match.condition.holds(in: view) else { continue }
                let item = EvidenceItem(
                    view, essentials: essentials, keeping: figureNames[index][0], isRedacting: isRedacting)
                alerts.append(
                    (index, alert(rule, Incident(evidence: [(match.name, item)]), profile: essentials.profile)))
            case .crossing(let crossing):
                guard let profile = essentials.profile, crossing.match.condition.holds(in: view),
                    let value = crossing.value.number(in: view)
                else { continue }
                let previous = lastValues[index].updateValue(value, forKey: profile)
                guard crossing.crosses(from: previous, to: value) else { continue }
                let item = EvidenceItem(
                    view, essentials: essentials, keeping: figureNames[index][0], isRedacting: isRedacting)
                var values = [
                    "value": JSONNumberText.text(value), "threshold": JSONNumberText.text(crossing.threshold),
                ]
                if let previous { values["previous"] = JSONNumberText.text(previous) }
                let incident = Incident(evidence: [(crossing.match.name, item)], values: values)
                alerts.append((index, alert(rule, incident, profile: profile)))
            case .window, .sequence, .absence:
                let key: String
                switch rule.key {
                case .profile:
                    guard let profile = essentials.profile else { continue }
                    key = profile
                case .entity:
                    key = essentials.entity
                }
                for (role, match) in ruleRoles[index].enumerated() where match.condition.holds(in: view) {
                    var item = EvidenceItem(
                        view, essentials: essentials, keeping: figureNames[index][role], isRedacting: isRedacting)
                    if case .window(let window) = rule.logic, let sum = window.sum {
                        item.amount = sum.number(in: view) ?? 0
                    }
                    file(item, role: role, rule: index, key: key)
                }
            }
        }
        return alerts
    }

    /// Keeps an item as evidence and sets the timer that will decide on it.
    private mutating func file(_ item: EvidenceItem, role: Int, rule index: Int, key: String) {
        var memory = memories[index].removeValue(forKey: key) ?? RuleMemory(roleCount: ruleRoles[index].count)
        let isNew = memory.insert(item, role: role)
        memories[index][key] = memory
        guard isNew else { return }
        if case .absence(let absence) = rules[index].logic {
            if role == 0 { timers.schedule(absenceTimer(index, key, item.id), at: item.time + absence.window) }
        } else {
            scheduleEvaluation(index, key, at: item.time)
        }
    }

    private func absenceTimer(_ index: Int, _ key: String, _ eventID: String) -> String {
        ["a", rules[index].id, key, eventID].joined(separator: Self.separator)
    }

    private mutating func scheduleEvaluation(_ index: Int, _ key: String, at time: Timestamp) {
        let timer = ["w", rules[index].id, key].joined(separator: Self.separator)
        if let due = timers.dueTime(of: timer), due <= time { return }
        timers.schedule(timer, at: time)
    }

    package mutating func advance(to watermark: WatermarkRecord, into output: inout RecordOutput)
        throws(ByteStreamError)
    {
        if !spool.isEmpty { delivery?.retrySpool(&spool) }
        let horizon = watermark.closesThrough
        // Delivering can set timers that are already due (a storm window's summary): fire until none is.
        var due = timers.fire(through: horizon)
        while !due.isEmpty {
            try deliver(fire(due, through: horizon, into: &output), into: &output)
            due = timers.fire(through: horizon)
        }
        gate.prune(through: horizon, rules: rulesByID)
        if (lastSweep ?? .beginningOfTime) + Self.sweepInterval <= horizon {
            sweep(through: horizon)
            lastSweep = horizon
        }
    }

    /// How many evidence items the rules keep, over every key: what `sweep` bounds.
    package var keptEvidenceCount: Int { memories.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.itemCount } } }

    /// How often in event time `sweep` runs.
    static let sweepInterval = Duration.days(1)

    /// Forgets what event time has left behind: evidence older than `RuleMemory.retention` before the watermark
    /// (an absence's open event stays until its deadline fires), keys left empty, and the journey and figures of
    /// profiles quiet for as long. Without it, keys that never see another event would keep their memory forever.
    mutating func sweep(through horizon: Timestamp) {
        guard horizon < .endOfTime else { return }
        let cutoff = Timestamp(milliseconds: horizon.milliseconds - RuleMemory.retention.milliseconds)
        for index in rules.indices where rules[index].logic.keepsMemory {
            let isAbsence = rules[index].logic.kindName == "absence"
            memories[index].revise { memory in
                let before = memory.itemCount
                for role in memory.roles.indices {
                    memory.roles[role].removeAll { $0.time < cutoff && !(isAbsence && role == 0 && !$0.isConsumed) }
                }
                return memory.isEmpty ? .removed : memory.itemCount == before ? .kept : .changed
            }
        }
        journeys.removeAll { _, journey in (journey.last?.time ?? .beginningOfTime) < cutoff }
        customers.removeAll { profile, _ in journeys[profile] == nil }
    }

    /// Acts on timers the watermark passed; returns the alerts they decide, for the gate.
    private mutating func fire(
        _ due: [(key: String, time: Timestamp)], through horizon: Timestamp, into output: inout RecordOutput
    ) throws(ByteStreamError) -> [(Int, AlertRecord)] {
        var alerts: [(Int, AlertRecord)] = []
        for timer in due {
            let parts = timer.key.split(separator: Character(Self.separator), omittingEmptySubsequences: false)
                .map(String.init)
            guard parts.count >= 3, let index = ruleIndexByID[parts[1]] else { continue }
            let rule = rules[index]
            switch parts[0] {
            case "w":
                alerts += evaluate(index, key: parts[2], through: horizon)
            case "a" where parts.count == 4:
                guard case .absence(let absence) = rule.logic, var memory = memories[index][parts[2]],
                    let open = memory.roles[0].firstIndex(where: { $0.id == parts[3] && !$0.isConsumed })
                else { continue }
                // The deadline is decided: the open event has no further use (its solution, if late, neither).
                let item = memory.roles[0].remove(at: open)
                memories[index][parts[2]] = memory
                guard !absence.isResolved(item, in: memory) else { continue }
                let profile = rule.key == .profile ? parts[2] : item.profile
                alerts.append((index, alert(rule, absence.incident(for: item), profile: profile)))
            case "s":
                let key = rule.id + Self.separator + parts[2]
                let held = gate.takeHeld(key)
                guard held > 0, let storm = rule.storm, let start = Int64(parts[2]) else { continue }
                let summary = AlertRecord(
                    stormOf: rule, suppressed: held, windowStart: Timestamp(milliseconds: start),
                    windowEnd: Timestamp(milliseconds: start) + storm.window)
                counts.stormSummaries += 1
                if !isDryRun { try send(summary, into: &output) }
            default:
                continue
            }
        }
        return alerts
    }

    /// Decides a window or sequence rule's evidence of one key up to `horizon`; keeps a timer for what is later.
    private mutating func evaluate(_ index: Int, key: String, through horizon: Timestamp) -> [(Int, AlertRecord)] {
        guard var memory = memories[index].removeValue(forKey: key) else { return [] }
        let rule = rules[index]
        let incidents: [Incident]
        switch rule.logic {
        case .window(let window): incidents = window.incidents(in: &memory, through: horizon)
        case .sequence(let sequence): incidents = sequence.incidents(in: &memory, through: horizon)
        default: incidents = []
        }
        if let next = memory.earliestUnconsumed(after: horizon) { scheduleEvaluation(index, key, at: next) }
        if !memory.isEmpty { memories[index][key] = memory }
        return incidents.map { incident in
            let profile = rule.key == .profile ? key : incident.evidence.last?.item.profile
            return (index, alert(rule, incident, profile: profile))
        }
    }

    private func alert(_ rule: RuleDefinition, _ incident: Incident, profile: String?) -> AlertRecord {
        let time = incident.evidence.map(\.item.time).max() ?? .beginningOfTime
        let customer = profile.flatMap { profile in
            CustomerSummary.make(customer: customers[profile], journey: journeys[profile] ?? [], through: time)
        }
        var record = AlertRecord(rule: rule, incident: incident, profile: profile, customer: customer)
        if isRedacting { record.summary = Redaction.redact(record.summary) }
        return record
    }

    private mutating func deliver(_ alerts: [(Int, AlertRecord)], into output: inout RecordOutput)
        throws(ByteStreamError)
    {
        for (index, alert) in alerts {
            switch gate.admit(alert, rule: rules[index]) {
            case .deliver:
                counts.delivered += 1
                if !isDryRun { try send(alert, into: &output) }
            case .duplicate:
                counts.duplicates += 1
            case .coolingDown:
                counts.coolingDown += 1
            case .heldByStorm(let summaryTimer):
                counts.heldByStorm += 1
                if let summaryTimer { timers.schedule(summaryTimer.key, at: summaryTimer.time) }
            }
        }
    }

    // MARK: - Identity

    /// Folds absorbed profiles' evidence, figures and journey into the survivor; what the merged evidence
    /// completes is decided at the next watermark.
    mutating func fold(_ merge: MergeRecord) {
        for (index, rule) in rules.enumerated() {
            switch rule.logic {
            case .crossing:
                for absorbed in merge.absorbed {
                    if let theirs = lastValues[index].removeValue(forKey: absorbed),
                        lastValues[index][merge.survivor] == nil
                    {
                        lastValues[index][merge.survivor] = theirs
                    }
                }
            case .window, .sequence, .absence:
                guard rule.key == .profile else { continue }
                var survivor =
                    memories[index].removeValue(forKey: merge.survivor) ?? RuleMemory(roleCount: rule.logic.roles.count)
                for absorbed in merge.absorbed {
                    guard let theirs = memories[index].removeValue(forKey: absorbed) else { continue }
                    if case .absence(let absence) = rule.logic {
                        // The absorbed profile's deadlines move to the survivor's key.
                        for item in theirs.roles[0] where !item.isConsumed {
                            timers.cancel(absenceTimer(index, absorbed, item.id))
                            timers.schedule(
                                absenceTimer(index, merge.survivor, item.id), at: item.time + absence.window)
                        }
                    }
                    survivor.absorb(theirs)
                }
                if case .absence = rule.logic {
                } else if let earliest = survivor.earliestUnconsumed(after: nil) {
                    scheduleEvaluation(index, merge.survivor, at: earliest)
                }
                if !survivor.isEmpty { memories[index][merge.survivor] = survivor }
            default:
                continue
            }
        }
        for absorbed in merge.absorbed {
            if let theirs = customers.removeValue(forKey: absorbed), customers[merge.survivor] == nil {
                customers[merge.survivor] = theirs
            }
            if let theirs = journeys.removeValue(forKey: absorbed) {
                let joined = ((journeys[merge.survivor] ?? []) + theirs).sorted { $0.time < $1.time }
                journeys[merge.survivor] = Array(joined.suffix(JourneyStep.kept))
            }
            for rule in rules {
                let key = rule.id + Self.separator
                if let theirs = gate.lastAlert.removeValue(forKey: key + absorbed) {
                    gate.lastAlert[key + merge.survivor] = max(gate.lastAlert[key + merge.survivor] ?? theirs, theirs)
                }
            }
        }
    }

    /// Drops what alert keeps under a profile (a `forget` request).
    mutating func erase(_ profile: String) {
        for index in rules.indices {
            if rules[index].key == .profile { memories[index][profile] = nil }
            lastValues[index][profile] = nil
            gate.lastAlert[rules[index].id + Self.separator + profile] = nil
        }
        customers[profile] = nil
        journeys[profile] = nil
    }

    package mutating func finish(into output: inout RecordOutput) throws(StageFailure) {
        diagnostics?.note(
            (isDryRun ? "dry run: would deliver " : "alerts: delivered ")
                + "\(counts.delivered), duplicates \(counts.duplicates), cooling down \(counts.coolingDown), "
                + "held by storm control \(counts.heldByStorm), storm summaries \(counts.stormSummaries)")
        try finishDelivery()
    }
}

/// What became of the incidents of a run, for the note at exit and `--dry-run`.
package struct AlertCounts: Equatable, Sendable {
    package var delivered = 0
    package var duplicates = 0
    package var coolingDown = 0
    package var heldByStorm = 0
    package var stormSummaries = 0
}
