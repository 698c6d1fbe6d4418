import TouchpointCore
import TouchpointJSON

/// The score stage: per-event figures for every event, per-customer state for every event with a profile.
///
/// Owns `event`, `merge` and `forget`. Every event gets `score` when any figure applies (sentiment needs no
/// identity, and alert's social rule needs it for unknown authors too); an event with a `profile` also updates
/// that profile's `CustomerState` and gets `customer`. A `merge` folds the absorbed profiles' states into the
/// survivor, in the order listed; a `forget` drops the state of every profile it names; both are forwarded
/// unchanged. Every event also adds to the brand-level windows (`BrandAggregates`), written as `aggregate` records
/// when a watermark passes their end. Under `--state DIR` the customers are checkpointed at every barrier, only those that changed
/// (Scorer+Checkpoint.swift), and restored on start.
package struct Scorer: StatefulStage {
    package static let name = "score"
    package static let stateFormat = "score/1"
    package static let isIncremental = true

    package var ownedKinds: [String] { [RecordKind.event, RecordKind.merge, RecordKind.forget] }
    package let settings: ScoreSettings
    package internal(set) var customers: [String: CustomerState] = [:]
    /// The newest watermark seen: windows older than it less the allowed lateness are let go.
    package internal(set) var watermark: Timestamp?
    /// Profiles changed or removed since the last checkpoint.
    var changes = ScoreChanges()
    /// Brand-level windows, written as `aggregate` records as event time passes them.
    package internal(set) var aggregates: BrandAggregates
    private let traitNames: [String]

    package init(settings: ScoreSettings = .builtin) {
        self.settings = settings
        traitNames = SegmentRule.traitNames(settings.segments)
        aggregates = BrandAggregates(settings: settings.aggregates)
    }

    package mutating func process(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        switch record.kind {
        case RecordKind.merge:
            let merge: MergeRecord
            do {
                merge = try MergeRecord(record.value)
            } catch {
                return .deadLetter(.invalidRecord, error.description)
            }
            fold(merge)
            try output.emit(raw: record.bytes)
            return .processed
        case RecordKind.forget:
            let forget: ForgetRecord
            do {
                forget = try ForgetRecord(record.value)
            } catch {
                return .deadLetter(.invalidRecord, error.description)
            }
            for profile in forget.profiles where customers.removeValue(forKey: profile) != nil {
                changes.remove(profile)
            }
            try output.emit(raw: record.bytes)
            return .processed
        default:
            return try score(record, into: &output)
        }
    }

    private mutating func score(_ record: InputRecord, into output: inout RecordOutput) throws(ByteStreamError)
        -> Disposition
    {
        let event: Event
        do {
            event = try Event(essentialsOf: record.document)
        } catch {
            return .deadLetter(.invalidRecord, error.description)
        }
        var score = EventScore(event, settings: settings)
        // Read in place: a copy of the state kept past here would make `observe` below copy its arrays.
        let contact = event.profileID.flatMap { customers[$0]?.contactDrivers(of: event, settings: settings) } ?? []
        score.add(
            EffortDriver.drivers(
                of: event, transferredTo: property("transferred_to", of: record) != nil,
                abandoned: isTrue(property("abandoned", of: record), in: record.document), contact: contact,
                settings: settings))
        aggregates.add(
            event, score: score, storeID: storeID(record), isContact: settings.contactTypes.contains(event.type))
        var members = JSONObject()
        members.setIfPresent("score", score.jsonObject.map(JSONValue.object))
        if let profile = event.profileID {
            var state = customers.removeValue(forKey: profile) ?? CustomerState()
            let observation = CustomerState.Observation(
                event: event, score: score, traits: traits(of: record.document),
                ticketStatus: ticketStatus(record, type: event.type))
            state.observe(observation, settings: settings)
            if let horizon { state.trim(horizon: horizon, settings: settings) }
            members.append("customer", .object(state.customerObject(at: event.time, settings: settings)))
            customers[profile] = state
            changes.change(profile)
        }
        try output.emit(record, setting: members)
        return .processed
    }

    /// The oldest event time the windows must still serve: the watermark less the allowed lateness.
    private var horizon: Timestamp? { watermark.map { $0 - settings.allowedLateness } }

    /// The values of the traits segment rules read, as strings.
    private func traits(of document: JSONDocument) -> [(name: String, value: String)] {
        guard !traitNames.isEmpty, let traits = document["traits"] else { return [] }
        return traitNames.compactMap { name in
            guard let node = document.member(name, of: traits), let text = document.string(node), !text.isEmpty
            else { return nil }
            return (name, text)
        }
    }

    /// `properties.NAME` unless null or an empty string.
    private func property(_ name: String, of record: InputRecord) -> JSONDocument.Node? {
        let document = record.document
        guard let properties = document["properties"], let node = document.member(name, of: properties),
            document.type(of: node) != .null, document.string(node).map({ !$0.isEmpty }) ?? true
        else { return nil }
        return node
    }

    private func isTrue(_ node: JSONDocument.Node?, in document: JSONDocument) -> Bool {
        guard let node, document.type(of: node) == .bool else { return false }
        return document.rawBytes(node).first == UInt8(ascii: "t")
    }

    /// `properties.store_id`, read only when aggregates are grouped by store.
    private func storeID(_ record: InputRecord) -> String? {
        guard settings.aggregates.groups.contains(.store) else { return nil }
        return property("store_id", of: record).flatMap(record.document.string)
    }

    /// `properties.status`, read only for ticket events: the only ones whose status score uses.
    private func ticketStatus(_ record: InputRecord, type: String) -> String? {
        guard CustomerState.ticketTypes.contains(type) else { return nil }
        let document = record.document
        guard let properties = document["properties"], let node = document.member("status", of: properties) else {
            return nil
        }
        return document.string(node)?.lowercased()
    }

    /// Moves every absorbed profile's state into the survivor's.
    package mutating func fold(_ merge: MergeRecord) {
        var survivor = customers.removeValue(forKey: merge.survivor) ?? CustomerState()
        for absorbed in merge.absorbed {
            guard let state = customers.removeValue(forKey: absorbed) else { continue }
            survivor.absorb(state, settings: settings)
            changes.remove(absorbed)
        }
        customers[merge.survivor] = survivor
        changes.change(merge.survivor)
    }

    package mutating func advance(to watermark: WatermarkRecord, into output: inout RecordOutput)
        throws(ByteStreamError)
    {
        for record in aggregates.close(through: watermark) { try output.emit(record.jsonValue) }
        guard let time = watermark.time, self.watermark.map({ $0 < time }) ?? true else { return }
        self.watermark = time
        changes.isWatermarkChanged = true
    }
}
