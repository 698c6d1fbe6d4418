import TouchpointCore
import TouchpointJSON

/// alert's state as a checkpoint writes it (`alert/2`): per rule (by id, so a rules file edited between runs
/// keeps the state of the rules it kept), the evidence by key and the crossing values; then the profiles'
/// customer figures and journeys, the timers, the gate, the last sweep, and the `--exec` spool (which `alert/1`
/// lacked: it reads as empty). A snapshot at every barrier.
extension Alerter {
    package mutating func writeSnapshot(into writer: inout StateWriter) {
        writer.write(rules.count)
        for (index, rule) in rules.enumerated() {
            writer.write(rule.id)
            writer.write(sortedByKey: memories[index]) { $0.write($1) }
            writer.write(sortedByKey: lastValues[index]) { $0.write($1) }
        }
        writer.write(sortedByKey: customers) { writer, bytes in
            bytes.withUnsafeBufferPointer { writer.write(bytes: $0) }
        }
        writer.write(sortedByKey: journeys) { writer, steps in
            writer.write(steps.count)
            for step in steps {
                writer.write(step.time)
                writer.write(step.channel)
                writer.write(step.type)
            }
        }
        timers.writeAll(into: &writer)
        gate.write(into: &writer)
        writer.write(lastSweep) { $0.write($1) }
        spool.write(into: &writer)
    }

    package mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        memories = Array(repeating: [:], count: rules.count)
        lastValues = Array(repeating: [:], count: rules.count)
        for _ in 0..<max(0, try reader.readInt()) {
            let id = try reader.readString()
            var kept: [String: RuleMemory] = [:]
            for _ in 0..<max(0, try reader.readInt()) {
                let key = try reader.readString()
                kept[key] = try reader.readMemory()
            }
            var values: [String: Double] = [:]
            for _ in 0..<max(0, try reader.readInt()) {
                let key = try reader.readString()
                values[key] = try reader.readDouble()
            }
            // A rule gone from the rules file leaves its state behind; one whose roles changed starts empty.
            guard let index = ruleIndexByID[id] else { continue }
            memories[index] = kept.filter { $0.value.roles.count == rules[index].logic.roles.count }
            lastValues[index] = values
        }
        customers = [:]
        for _ in 0..<max(0, try reader.readInt()) {
            let key = try reader.readString()
            customers[key] = Array(try reader.readBytes())
        }
        journeys = [:]
        for _ in 0..<max(0, try reader.readInt()) {
            let key = try reader.readString()
            var steps: [JourneyStep] = []
            for _ in 0..<max(0, try reader.readInt()) {
                steps.append(
                    JourneyStep(
                        time: try reader.readTimestamp(), channel: try reader.readString(),
                        type: try reader.readString()))
            }
            journeys[key] = steps
        }
        try timers.restoreAll(from: &reader)
        try gate.restore(from: &reader)
        lastSweep = try reader.readOptional { (reader: inout StateReader) throws(StateError) in
            try reader.readTimestamp()
        }
        spool = reader.isAtEnd ? DeliverySpool() : try DeliverySpool(from: &reader)
    }
}

extension StateWriter {
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
