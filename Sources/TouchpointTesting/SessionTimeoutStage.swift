import TouchpointCore
import TouchpointJSON

/// A small stateful stage for tests of the shared mechanisms (checkpoints, commit, resume, watermarks, timers):
/// it counts each customer's events and closes the customer's session one hour of event time after their latest
/// event, when the watermark passes that time.
///
/// Owns `event`, forwarded unchanged. The customer is the event's `profile.id`, else its first identifier
/// (customer_id, email, phone, anonymous_id, device_id); an event with neither just passes. A closed session is
/// written as `{"kind":"session_closed","customer":"…","events":3,"closed_at":"…"}`, after the watermark that
/// passed it, in due-time order. Its state (counts and timers) is checkpointed incrementally.
package struct SessionTimeoutStage: StatefulStage {
    package static let name = "session-timeout"
    package static let stateFormat = "session-timeout/1"
    package static let isIncremental = true
    package static let timeout = Duration.hours(1)
    private static let identifierTypes = ["customer_id", "email", "phone", "anonymous_id", "device_id"]

    package var ownedKinds: [String] { [RecordKind.event] }
    private var counts: [String: Int] = [:]
    private var changedCounts: Set<String> = []
    private var timers = EventTimers()

    package init() {}

    package mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        try output.emit(raw: record.bytes)
        guard let event = try? Event(essentialsOf: record.document), let customer = Self.customer(of: event) else {
            return .processed
        }
        counts[customer, default: 0] += 1
        changedCounts.insert(customer)
        let due = event.time + Self.timeout
        if (timers.dueTime(of: customer) ?? .beginningOfTime) < due { timers.schedule(customer, at: due) }
        return .processed
    }

    package mutating func advance(to watermark: WatermarkRecord, into output: inout RecordOutput)
        throws(ByteStreamError)
    {
        for timer in timers.fire(through: watermark.closesThrough) {
            var object = JSONObject()
            object.append("kind", "session_closed")
            object.append("customer", .string(timer.key))
            object.append("events", .int(counts[timer.key] ?? 0))
            object.append("closed_at", .string(timer.time.description))
            try output.emit(.object(object))
            counts[timer.key] = nil
            changedCounts.insert(timer.key)
        }
    }

    private static func customer(of event: Event) -> String? {
        if let profile = event.profileID { return profile }
        for type in identifierTypes {
            if let value = event.ids[type]?.stringValue, !value.isEmpty { return type + ":" + value }
        }
        return nil
    }

    // MARK: - Checkpoints

    package mutating func writeSnapshot(into writer: inout StateWriter) {
        writer.write(sortedByKey: counts) { $0.write($1) }
        timers.writeAll(into: &writer)
        changedCounts.removeAll()
    }

    package mutating func writeChanges(into writer: inout StateWriter) {
        guard !changedCounts.isEmpty || timers.hasChanges else { return }
        let keys = changedCounts.sorted()
        writer.write(keys.count)
        for key in keys {
            writer.write(key)
            writer.write(counts[key] ?? 0)
        }
        timers.writeChanges(into: &writer)
        changedCounts.removeAll()
    }

    package mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        counts = [:]
        try apply(changes: &reader, restoringTimers: true)
    }

    package mutating func apply(changes reader: inout StateReader) throws(StateError) {
        try apply(changes: &reader, restoringTimers: false)
    }

    private mutating func apply(changes reader: inout StateReader, restoringTimers: Bool) throws(StateError) {
        for _ in 0..<max(0, try reader.readInt()) {
            let key = try reader.readString()
            let count = try reader.readInt()
            counts[key] = count > 0 ? count : nil
        }
        if restoringTimers { try timers.restoreAll(from: &reader) } else { try timers.applyChanges(from: &reader) }
        changedCounts.removeAll()
    }
}

/// `touchpoint-test-stage`: the test stage as a process, with every stage option (`--state`, `--commit`, …).
package enum SessionTimeoutCommand {
    package static let spec = CommandSpec(
        name: SessionTimeoutStage.name, summary: "test stage: close customer sessions one hour after their last event",
        usage: ["touchpoint-test-stage [options] < events.ndjson"], options: StageOptions.commandOptions)

    package static func run(_ arguments: [String], io: StageIO) -> ExitStatus {
        StageCommand.run(arguments, io: io, spec: spec) { (_, _) throws(UsageError) in SessionTimeoutStage() }
    }
}
