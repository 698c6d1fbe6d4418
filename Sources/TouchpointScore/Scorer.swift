import TouchpointCore
import TouchpointJSON

/// The score stage: per-event figures for every event, per-customer state for every event with a profile.
///
/// Owns `event` and `merge`. Every event gets `score` when any figure applies (sentiment needs no identity, and
/// alert's social rule needs it for unknown authors too); an event with a `profile` also updates that profile's
/// `CustomerState` and gets `customer`. A `merge` folds the absorbed profiles' states into the survivor, in the
/// order listed, and is forwarded unchanged.
package struct Scorer: Stage {
    package static let name = "score"
    package static let defaultHalfLife = Duration.days(30)

    package var ownedKinds: [String] { [RecordKind.event, RecordKind.merge] }
    package let halfLife: Duration
    package private(set) var customers: [String: CustomerState] = [:]

    package init(halfLife: Duration = Scorer.defaultHalfLife) {
        self.halfLife = halfLife
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
            fold(merge)
            try output.emit(raw: record.bytes)
            return .processed
        }
        let event: Event
        do {
            event = try Event(essentialsOf: record.document)
        } catch {
            return .deadLetter(.invalidRecord, error.description)
        }
        let score = EventScore(event)
        var members = JSONObject()
        members.setIfPresent("score", score.jsonObject.map(JSONValue.object))
        if let profile = event.profileID {
            var state = customers.removeValue(forKey: profile) ?? CustomerState()
            state.observe(event, score: score, halfLife: halfLife)
            members.append("customer", .object(state.customerObject(at: event.time)))
            customers[profile] = state
        }
        try output.emit(record, setting: members)
        return .processed
    }

    /// Moves every absorbed profile's state into the survivor's.
    package mutating func fold(_ merge: MergeRecord) {
        var survivor = customers.removeValue(forKey: merge.survivor) ?? CustomerState()
        for absorbed in merge.absorbed {
            guard let state = customers.removeValue(forKey: absorbed) else { continue }
            survivor.absorb(state, halfLife: halfLife)
        }
        customers[merge.survivor] = survivor
    }
}
