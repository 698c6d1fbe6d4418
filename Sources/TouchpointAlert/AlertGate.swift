import TouchpointCore

/// What stands between an incident and its delivery: alerts already delivered (a replayed or duplicated record),
/// the cooldown per rule and profile, and storm control per rule and event-time window. All of it is alert's
/// checkpointed state, so a restart neither repeats an alert nor forgets a cooldown.
struct AlertGate {
    /// How many delivered alert ids are remembered to suppress exact repeats.
    static let rememberedAlerts = 65_536

    enum Verdict: Equatable {
        case deliver
        case duplicate
        case coolingDown
        /// Held back by storm control; the first held alert of a window asks for a summary timer at its end.
        case heldByStorm(summaryTimer: (key: String, time: Timestamp)?)

        static func == (lhs: Verdict, rhs: Verdict) -> Bool {
            switch (lhs, rhs) {
            case (.deliver, .deliver), (.duplicate, .duplicate), (.coolingDown, .coolingDown),
                (.heldByStorm, .heldByStorm):
                return true
            default: return false
            }
        }
    }

    var delivered = RecentSet(capacity: AlertGate.rememberedAlerts)
    /// "rule␟profile" -> event time of the last alert delivered.
    var lastAlert = TrackedDictionary<Timestamp>()
    /// "rule␟window start ms" -> alerts delivered in that storm window.
    var stormDelivered = TrackedDictionary<Int>()
    /// "rule␟window start ms" -> alerts held back in that window, not summarized yet.
    var stormHeld = TrackedDictionary<Int>()

    mutating func admit(_ alert: AlertRecord, rule: RuleDefinition) -> Verdict {
        guard !delivered.contains(alert.id) else { return .duplicate }
        let cooldownKey = alert.profile.map { rule.id + Alerter.separator + $0 }
        if let cooldown = rule.cooldown, let cooldownKey, let last = lastAlert[cooldownKey] {
            let gap = alert.time < last ? last - alert.time : alert.time - last
            if gap < cooldown { return .coolingDown }
        }
        if let storm = rule.storm {
            let start = Self.windowStart(of: alert.time, window: storm.window)
            let key = rule.id + Alerter.separator + String(start.milliseconds)
            if stormDelivered[key, default: 0] >= storm.maximum {
                stormHeld[key, default: 0] += 1
                let isFirst = stormHeld[key] == 1
                return .heldByStorm(summaryTimer: isFirst ? ("s" + Alerter.separator + key, start + storm.window) : nil)
            }
            stormDelivered[key, default: 0] += 1
        }
        _ = delivered.insert(alert.id)
        if let cooldownKey { lastAlert[cooldownKey] = max(lastAlert[cooldownKey] ?? alert.time, alert.time) }
        return .deliver
    }

    /// The held-back count of a storm window, forgotten as it is summarized.
    mutating func takeHeld(_ key: String) -> Int { stormHeld.removeValue(forKey: key) ?? 0 }

    static func windowStart(of time: Timestamp, window: Duration) -> Timestamp {
        let width = window.milliseconds
        let remainder = ((time.milliseconds % width) + width) % width
        return Timestamp(milliseconds: time.milliseconds - remainder)
    }

    /// Forgets cooldowns and storm windows event time has left behind.
    mutating func prune(through horizon: Timestamp, rules: [String: RuleDefinition]) {
        lastAlert.removeAll { key, time in
            guard let rule = rules[String(key.prefix { $0 != Character(Alerter.separator) })],
                let cooldown = rule.cooldown
            else { return true }
            return time + cooldown <= horizon
        }
        stormDelivered.removeAll { key, _ in
            let parts = key.split(separator: Character(Alerter.separator))
            guard parts.count == 2, let rule = rules[String(parts[0])], let storm = rule.storm,
                let start = Int64(parts[1])
            else { return true }
            return Timestamp(milliseconds: start) + storm.window <= horizon
        }
    }

    // MARK: - Checkpoints

    /// Writes all of it (a snapshot's part) or what changed since the last checkpoint (a frame's): the ids
    /// delivered since, in order (inserting them again forgets the same oldest ones), and the keys of the
    /// cooldowns and storm windows touched.
    mutating func write(into writer: inout StateWriter, changesOnly: Bool) {
        let ids = changesOnly ? delivered.insertedSinceCheckpoint : delivered.inOrder
        // Only a frame says whether its ids replace the set: a snapshot's part keeps alert/1's layout.
        if changesOnly { writer.write(delivered.isReplacedSinceCheckpoint) }
        writer.write(ids.count)
        for id in ids { writer.write(id) }
        delivered.markCheckpointed()
        lastAlert.write(into: &writer, changesOnly: changesOnly) { $0.write($1) }
        stormDelivered.write(into: &writer, changesOnly: changesOnly) { $0.write($1) }
        stormHeld.write(into: &writer, changesOnly: changesOnly) { $0.write($1) }
    }

    /// Reads what `write` wrote: into an empty gate for a snapshot, over the restored one for a frame.
    mutating func read(from reader: inout StateReader, changesOnly: Bool) throws(StateError) {
        if !changesOnly { self = AlertGate() }
        if changesOnly, try reader.readBool() { delivered = RecentSet(capacity: Self.rememberedAlerts) }
        for _ in 0..<max(0, try reader.readInt()) { _ = delivered.insert(try reader.readString()) }
        delivered.markCheckpointed()
        try lastAlert.read(from: &reader, changesOnly: changesOnly) {
            (reader: inout StateReader) throws(StateError) in try reader.readTimestamp()
        }
        try stormDelivered.read(from: &reader, changesOnly: changesOnly) {
            (reader: inout StateReader) throws(StateError) in try reader.readInt()
        }
        try stormHeld.read(from: &reader, changesOnly: changesOnly) {
            (reader: inout StateReader) throws(StateError) in try reader.readInt()
        }
    }
}

/// A set that remembers the last `capacity` strings inserted, forgetting the oldest first.
struct RecentSet {
    private let capacity: Int
    private var members: Set<String> = []
    private var order: [String] = []
    private var oldest = 0
    /// Inserted since the last checkpoint, oldest first; never more than `capacity` matter, since inserting that
    /// many replaces every member.
    private(set) var insertedSinceCheckpoint: [String] = []
    /// Whether `insertedSinceCheckpoint` lost its oldest entries: it then holds every member, and a change frame
    /// must replace the set rather than add to it.
    private(set) var isReplacedSinceCheckpoint = false

    init(capacity: Int) { self.capacity = capacity }

    mutating func markCheckpointed() {
        insertedSinceCheckpoint.removeAll(keepingCapacity: true)
        isReplacedSinceCheckpoint = false
    }

    func contains(_ member: String) -> Bool { members.contains(member) }

    /// Inserts `member`; false if it was already there.
    mutating func insert(_ member: String) -> Bool {
        guard members.insert(member).inserted else { return false }
        insertedSinceCheckpoint.append(member)
        if insertedSinceCheckpoint.count >= 2 * capacity {
            insertedSinceCheckpoint.removeFirst(insertedSinceCheckpoint.count - capacity)
            isReplacedSinceCheckpoint = true
        }
        if order.count < capacity {
            order.append(member)
        } else {
            members.remove(order[oldest])
            order[oldest] = member
            oldest = (oldest + 1) % capacity
        }
        return true
    }

    /// The members, oldest first (as they must be inserted again to restore the set).
    var inOrder: [String] { Array(order[oldest...] + order[..<oldest]) }
}
