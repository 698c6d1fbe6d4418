import TouchpointCore
import TouchpointJSON

/// alert's state as a checkpoint writes it (`alert/2`): per rule (by id, so a rules file edited between runs
/// keeps the state of the rules it kept), the evidence by key and the crossing values; then the profiles'
/// customer figures and journeys, the timers, the gate, the last sweep, and the `--exec` spool (which `alert/1`
/// lacked: it reads as empty).
///
/// Incremental: between snapshots a barrier writes a change frame of the same parts, each keyed part holding only
/// the keys touched since the previous checkpoint (`TrackedDictionary`), so a barrier costs what its records
/// touched. The last sweep and the spool, small, are written whole in every frame.
extension Alerter {
    package static var isIncremental: Bool { true }

    package mutating func writeSnapshot(into writer: inout StateWriter) { write(into: &writer, changesOnly: false) }

    package mutating func writeChanges(into writer: inout StateWriter) { write(into: &writer, changesOnly: true) }

    /// Nothing to forget: every part records its changes in a `TrackedDictionary` or a `RecentSet`, both bounded
    /// by what they hold, so a run without `--state` pays nothing at its barriers.
    package mutating func discardChanges() {}

    package mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        memories = Array(repeating: TrackedDictionary(), count: rules.count)
        lastValues = Array(repeating: TrackedDictionary(), count: rules.count)
        try read(from: &reader, changesOnly: false)
    }

    package mutating func apply(changes reader: inout StateReader) throws(StateError) {
        try read(from: &reader, changesOnly: true)
    }

    private mutating func write(into writer: inout StateWriter, changesOnly: Bool) {
        writer.write(rules.count)
        for (index, rule) in rules.enumerated() {
            writer.write(rule.id)
            memories[index].write(into: &writer, changesOnly: changesOnly) { $0.write($1) }
            lastValues[index].write(into: &writer, changesOnly: changesOnly) { $0.write($1) }
        }
        customers.write(into: &writer, changesOnly: changesOnly) { writer, bytes in
            bytes.withUnsafeBufferPointer { writer.write(bytes: $0) }
        }
        journeys.write(into: &writer, changesOnly: changesOnly) { $0.write(journey: $1) }
        if changesOnly { timers.writeChanges(into: &writer) } else { timers.writeAll(into: &writer) }
        gate.write(into: &writer, changesOnly: changesOnly)
        writer.write(lastSweep) { $0.write($1) }
        spool.write(into: &writer)
    }

    private mutating func read(from reader: inout StateReader, changesOnly: Bool) throws(StateError) {
        // A rule gone from the rules file leaves its state behind; evidence of one whose roles changed is dropped.
        for _ in 0..<max(0, try reader.readInt()) {
            let id = try reader.readString()
            let index = ruleIndexByID[id]
            var memory = index.map { memories[$0] } ?? TrackedDictionary()
            var values = index.map { lastValues[$0] } ?? TrackedDictionary()
            let roleCount = index.map { rules[$0].logic.roles.count } ?? 0
            try memory.read(from: &reader, changesOnly: changesOnly) {
                (reader: inout StateReader) throws(StateError) in
                try reader.readMemory()
            } keeping: {
                $0.roles.count == roleCount
            }
            try values.read(from: &reader, changesOnly: changesOnly) {
                (reader: inout StateReader) throws(StateError) in try reader.readDouble()
            }
            guard let index else { continue }
            memories[index] = memory
            lastValues[index] = values
        }
        try customers.read(from: &reader, changesOnly: changesOnly) {
            (reader: inout StateReader) throws(StateError) in Array(try reader.readBytes())
        }
        try journeys.read(from: &reader, changesOnly: changesOnly) {
            (reader: inout StateReader) throws(StateError) in try reader.readJourney()
        }
        if changesOnly { try timers.applyChanges(from: &reader) } else { try timers.restoreAll(from: &reader) }
        try gate.read(from: &reader, changesOnly: changesOnly)
        try readSweepAndSpool(from: &reader)
    }

    private mutating func readSweepAndSpool(from reader: inout StateReader) throws(StateError) {
        lastSweep = try reader.readOptional { (reader: inout StateReader) throws(StateError) in
            try reader.readTimestamp()
        }
        spool = reader.isAtEnd ? DeliverySpool() : try DeliverySpool(from: &reader)
    }
}

extension StateWriter {
    mutating func write(journey steps: [JourneyStep]) {
        write(steps.count)
        for step in steps {
            write(step.time)
            write(step.channel)
            write(step.type)
        }
    }

    mutating func write(_ memory: RuleMemory) {
        write(memory.newest) { $0.write($1) }
        write(memory.roles.count)
        for role in memory.roles {
            write(role.count)
            for item in role { write(item) }
        }
    }

    mutating func write(_ item: EvidenceItem) {
        write(item.id)
        write(item.time)
        write(item.entity)
        write(item.channel)
        write(item.type)
        write(item.excerpt)
        write(item.profile)
        write(item.amount)
        write(item.isConsumed)
        write(sortedByKey: item.figures) { $0.write(JSONWriter.string($1)) }
    }
}

extension StateReader {
    mutating func readJourney() throws(StateError) -> [JourneyStep] {
        var steps: [JourneyStep] = []
        for _ in 0..<max(0, try readInt()) {
            steps.append(JourneyStep(time: try readTimestamp(), channel: try readString(), type: try readString()))
        }
        return steps
    }

    mutating func readMemory() throws(StateError) -> RuleMemory {
        let newest = try readOptional { (reader: inout StateReader) throws(StateError) in try reader.readTimestamp() }
        var roles: [[EvidenceItem]] = []
        for _ in 0..<max(0, try readInt()) {
            var items: [EvidenceItem] = []
            for _ in 0..<max(0, try readInt()) { items.append(try readItem()) }
            roles.append(items)
        }
        return RuleMemory(roles: roles, newest: newest)
    }

    mutating func readItem() throws(StateError) -> EvidenceItem {
        var item = EvidenceItem(
            id: try readString(), time: try readTimestamp(), entity: try readString(),
            channel: try readOptionalString(),
            type: try readOptionalString(), excerpt: try readOptionalString(), profile: try readOptionalString())
        item.amount = try readDouble()
        item.isConsumed = try readBool()
        for _ in 0..<max(0, try readInt()) {
            let name = try readString()
            let text = try readString()
            guard let value = try? JSONParser.parseValue(text) else { throw StateError("a kept figure is not JSON") }
            item.figures[name] = value
        }
        return item
    }
}
