import TouchpointCore
import TouchpointJSON

/// The helpdesk export (`tickets.ndjson`): one event per ticket, type `support_ticket`, stage `support`.
///
/// - id `tickets:<ticket_id>`; time `created_at`.
/// - channel from the ticket's `channel`: `email` -> email, `chat` -> chat, `web_form` (or anything else) -> web;
///   the original is kept as `properties.ticket_channel`.
/// - ids: `email` and `phone` from `requester`, `order_id` from `order_ref`.
/// - traits: `name` from `requester.name`.
/// - text: `subject`, a blank line, `description` (either alone when the other is missing).
/// - properties: `status`, `priority`, `ticket_channel`.
package struct TicketsMapping: ChannelMapping {
    package static let name = "tickets"
    package static let summary = "helpdesk tickets (ndjson): support_ticket events with subject and description"

    private let configuration: MappingConfiguration

    package init(configuration: MappingConfiguration) { self.configuration = configuration }

    package func map(_ record: IngestRecord) -> MappingResult {
        MappingResult.catching { () throws(MappingFailure) -> Event in
            var draft = try EventDraft(record, configuration: configuration)
            let nativeID = draft.string("ticket_id")
            let time = try draft.time("created_at")
            let ticketChannel = draft.string("channel")
            let channel: String
            switch ticketChannel.map({ IdentifierRules.trim($0).lowercased() }) {
            case "email": channel = "email"
            case "chat": channel = "chat"
            default: channel = "web"
            }
            var requester = draft.object("requester") ?? JSONObject()
            draft.identifier("email", EventDraft.text(requester["email"]), field: "requester.email")
            draft.identifier("phone", EventDraft.text(requester["phone"]), field: "requester.phone")
            draft.trait("name", EventDraft.text(requester["name"]))
            for key in ["email", "phone", "name"] { requester[key] = nil }
            if !requester.isEmpty { draft.property("requester", .object(requester)) }
            draft.identifier("order_id", field: "order_ref")
            let subject = draft.string("subject").map(IdentifierRules.trim)
            let description = draft.string("description").map(IdentifierRules.trim)
            let text = [subject, description].compactMap { $0 }.joined(separator: "\n\n")
            draft.keep("status")
            draft.keep("priority")
            draft.property("ticket_channel", ticketChannel.map(JSONValue.string))
            draft.keepUnusedFields()
            return try draft.event(
                nativeID: nativeID, time: time, channel: channel, type: "support_ticket",
                stage: JourneyStage.support, text: text.isEmpty ? nil : text)
        }
    }
}
