import TouchpointCore
import TouchpointJSON

/// Call-center calls (`calls.csv`): one event per call, channel `call_center`, type `call`, stage `support`.
///
/// - id `calls:<call_id>`; time `start_time`.
/// - ids: `phone` from `caller_number` (E.164), `customer_id`.
/// - metrics: `wait_seconds`, `handle_seconds` (not negative).
/// - text: `notes`.
/// - properties: `queue`, `disposition`, `agent_id`, `end_time` (RFC 3339 UTC when it parses, else as written).
package struct CallsMapping: ChannelMapping {
    package static let name = "calls"
    package static let summary = "call-center calls (csv): caller, queue, wait and handle times, notes"

    private let configuration: MappingConfiguration

    package init(configuration: MappingConfiguration) { self.configuration = configuration }

    package func map(_ record: IngestRecord) -> MappingResult {
        MappingResult.catching { () throws(MappingFailure) -> Event in
            var draft = try EventDraft(record, configuration: configuration)
            let nativeID = draft.string("call_id")
            let time = try draft.time("start_time")
            draft.identifier("phone", field: "caller_number")
            draft.identifier("customer_id", field: "customer_id")
            draft.metric("wait_seconds", from: "wait_seconds", in: 0...1e9, isWhole: false)
            draft.metric("handle_seconds", from: "handle_seconds", in: 0...1e9, isWhole: false)
            draft.keep("queue")
            draft.keep("disposition")
            draft.keep("agent_id")
            if let end = draft.string("end_time") {
                draft.property("end_time", .string(Timestamp(parsing: end)?.description ?? end))
            }
            let notes = draft.string("notes").map(IdentifierRules.trim)
            draft.keepUnusedFields()
            return try draft.event(
                nativeID: nativeID, time: time, channel: "call_center", type: "call",
                stage: JourneyStage.support, text: notes)
        }
    }
}
