import TouchpointCore
import TouchpointJSON

/// The resolve-identity stage: gives every event the profile its identifiers or its person traits resolve to,
/// announces merges, writes what a person must decide as reviews, and erases people on request.
///
/// Owns `event` and `forget`. For each event it resolves the identifiers in `ids` and the person traits in
/// `traits` against the `IdentityGraph` (IdentityGraph+Matching.swift); when the event links profiles it first
/// writes a `merge` record (`MergeRecord`), then the event with
/// `"profile":{"id":…,"matched_on":[…],"is_new":…,"matched_by":{…},"conflicts":[…]}` (`conflicts` only when a
/// guard refused an identifier), appended to the line as it came (nothing else is re-encoded), then its `review`
/// records. An event that gets no profile is written back unchanged. A `forget` record erases the person and is
/// written with `profiles` set (IdentityGraph+Erasure.swift). Under `--state DIR` the graph is checkpointed
/// incrementally at every barrier (IdentityGraph+Checkpoint.swift) and restored on start.
package struct IdentityResolver: StatefulStage {
    package static let name = "resolve-identity"
    /// resolve-identity/3 added the merge history and the refusal times at the end of a snapshot and of a frame;
    /// a resolve-identity/2 snapshot or frame is the same without them (no history, refusals without a time).
    package static let stateFormat = "resolve-identity/3"
    package static var readableFormats: Set<String> { ["resolve-identity/2", stateFormat] }
    package static let isIncremental = true

    package var ownedKinds: [String] { [RecordKind.event, RecordKind.forget] }
    package private(set) var graph: IdentityGraph
    /// Where reviews go instead of stdout (`--review FILE`); nil: in-stream.
    private let reviewFile: ReviewFile?

    package init(graph: IdentityGraph = IdentityGraph(), reviewPath: String? = nil) {
        self.graph = graph
        reviewFile = reviewPath.map(ReviewFile.init(path:))
    }

    package mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        if record.kind == RecordKind.forget { return try forget(record, into: &output) }
        // Checked as every later stage checks an event, but only the identifiers are read.
        let event: EventCheck
        do {
            event = try EventCheck(record.document)
        } catch {
            return .deadLetter(.invalidRecord, error.description)
        }
        let ids = event.object(event.ids)
        let decided = graph.resolve(
            Identifier.all(in: ids), traits: PersonTraits(document: record.document, ids: ids), event: event.id,
            time: event.time)
        guard let resolution = decided.resolution else {
            try output.emit(raw: record.bytes)
            try emitReviews(decided.reviews, of: event, into: &output)
            return .processed
        }
        if !resolution.absorbed.isEmpty {
            let merge = MergeRecord(
                time: event.time, survivor: resolution.profileID, absorbed: resolution.absorbed,
                identifier: resolution.mergeIdentifier ?? "", event: event.id)
            try output.emit(merge.jsonValue)
        }
        let profile = resolution.profileObject(matchedBy: decided.matchedBy)
        try output.emit(record, setting: JSONObject([(key: "profile", value: .object(profile))]))
        try emitReviews(decided.reviews, of: event, into: &output)
        return .processed
    }

    private func emitReviews(_ reviews: [ReviewRequest], of event: EventCheck, into output: inout RecordOutput)
        throws(ByteStreamError)
    {
        for review in reviews {
            let record = ReviewRecord(
                time: event.time, reason: review.reason, event: event.id, profiles: review.profiles,
                evidence: review.evidence)
            if let reviewFile { try reviewFile.append(record) } else { try output.emit(record.jsonValue) }
        }
    }

    /// Reviews in their own file are on disk before the barrier that covers them is forwarded.
    package mutating func barrier(_ barrier: Barrier, into output: inout RecordOutput) throws(ByteStreamError) {
        try reviewFile?.flush(sync: true)
    }

    package mutating func finish(into output: inout RecordOutput) throws(StageFailure) {
        do {
            try reviewFile?.flush(sync: true)
        } catch {
            throw StageFailure(error.description)
        }
    }

    /// Erases the person and forwards the request with every profile id they had (contract §5).
    private mutating func forget(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        var request: ForgetRecord
        do {
            request = try ForgetRecord(record.value)
        } catch {
            return .deadLetter(.invalidRecord, error.description)
        }
        let profiles = Identifier(key: request.identifier).map { graph.forget($0.key) } ?? []
        request.profiles = profiles
        try output.emit(request.jsonValue)
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

    package mutating func finishApplyingChanges() { graph.finishApplyingChanges() }

    package mutating func discardChanges() { graph.discardChanges() }
}

extension Resolution {
    /// The event's `profile` member.
    package func profileObject(matchedBy: MatchedBy) -> JSONObject {
        var object = JSONObject()
        object.append("id", .string(profileID))
        object.append("matched_on", .array(matchedOn.map(JSONValue.string)))
        object.append("is_new", .bool(isNew))
        switch matchedBy {
        case .new: object.append("matched_by", .object(JSONObject([(key: "rule", value: .string("new"))])))
        case .identifiers:
            object.append("matched_by", .object(JSONObject([(key: "rule", value: .string("identifiers"))])))
        case .traits(let comparison): object.append("matched_by", .object(comparison.matchedByObject))
        }
        if !conflicts.isEmpty { object.append("conflicts", .array(conflicts.map(JSONValue.string))) }
        return object
    }
}
