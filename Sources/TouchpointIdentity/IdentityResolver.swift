import TouchpointCore
import TouchpointJSON

/// The resolve-identity stage: gives every event the profile its identifiers resolve to, and announces merges.
///
/// Owns `event`. For each event it resolves the identifiers in `ids` against the `IdentityGraph`; when the event
/// links profiles it first writes a `merge` record (`MergeRecord`), then the event with
/// `"profile":{"id":…,"matched_on":[…],"is_new":…,"conflicts":[…]}` (`conflicts` only when a guard refused an
/// identifier), appended to the line as it came (nothing else is re-encoded). An event without a usable identifier
/// is written back unchanged. With a state path the graph is
/// snapshotted at every barrier, at end of input and when stopped, and restored at start.
package struct IdentityResolver: Stage {
    package static let name = "resolve-identity"

    package var ownedKinds: [String] { [RecordKind.event] }
    package private(set) var graph: IdentityGraph
    private let statePath: String?

    package init(graph: IdentityGraph = IdentityGraph(), statePath: String? = nil) {
        self.graph = graph
        self.statePath = statePath
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

    package mutating func barrier(_ barrier: Barrier) throws(StageFailure) { try saveState() }

    package mutating func finish(into output: inout RecordOutput) throws(StageFailure) { try saveState() }

    package mutating func suspend() throws(StageFailure) { try saveState() }

    private func saveState() throws(StageFailure) {
        guard let statePath else { return }
        var bytes: [UInt8] = []
        JSONWriter.write(graph.snapshot, into: &bytes)
        bytes.append(0x0A)
        try DurableFile.write(bytes, to: statePath)
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
