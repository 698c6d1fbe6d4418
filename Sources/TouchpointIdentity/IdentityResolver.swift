import TouchpointCore
import TouchpointJSON

/// The resolve-identity stage: gives every event the profile its identifiers resolve to, and announces merges.
///
/// Owns `event`. For each event it resolves the identifiers in `ids` against the `IdentityGraph`; when the event
/// links profiles it first writes a `merge` record (`MergeRecord`), then the event with
/// `"profile":{"id":…,"matched_on":[…],"is_new":…,"conflicts":[…]}` (`conflicts` only when a guard refused an
/// identifier), appended to the line as it came (nothing else is re-encoded). An event without a usable identifier
/// is written back unchanged. Under `--state DIR` the graph is checkpointed incrementally at every barrier
/// (IdentityGraph+Checkpoint.swift) and restored on start.
package struct IdentityResolver: StatefulStage {
    package static let name = "resolve-identity"
    package static let stateFormat = "resolve-identity/1"
    package static let isIncremental = true

    package var ownedKinds: [String] { [RecordKind.event] }
    package private(set) var graph: IdentityGraph

    package init(graph: IdentityGraph = IdentityGraph()) {
        self.graph = graph
    }

    package mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        let event: Event
        do {
            event = try Event(essentialsOf: record.document)
        } catch {
            return .deadLetter(.invalidRecord, error.description)
        }
        guard let resolution = graph.resolve(Identifier.all(in: event.ids)) else {
            try output.emit(raw: record.bytes)
            return .processed
        }
        if !resolution.absorbed.isEmpty {
            let merge = MergeRecord(
                time: event.time, survivor: resolution.profileID, absorbed: resolution.absorbed,
                identifier: resolution.mergeIdentifier ?? "", event: event.id)
            try output.emit(merge.jsonValue)
        }
        try output.emit(record, setting: JSONObject([(key: "profile", value: .object(resolution.profileObject))]))
        return .processed
    }

    // MARK: - Checkpoints

    package mutating func writeSnapshot(into writer: inout StateWriter) { graph.writeSnapshot(into: &writer) }

    package mutating func writeChanges(into writer: inout StateWriter) { graph.writeChanges(into: &writer) }

    package mutating func restore(snapshot reader: inout StateReader) throws(StateError) {
        try graph.restore(snapshot: &reader)
    }

    package mutating func apply(changes reader: inout StateReader) throws(StateError) {
        try graph.apply(changes: &reader)
    }
}

extension Resolution {
    /// The event's `profile` member.
    package var profileObject: JSONObject {
        var object = JSONObject()
        object.append("id", .string(profileID))
        object.append("matched_on", .array(matchedOn.map(JSONValue.string)))
        object.append("is_new", .bool(isNew))
        if !conflicts.isEmpty { object.append("conflicts", .array(conflicts.map(JSONValue.string))) }
        return object
    }
}
