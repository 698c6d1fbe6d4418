import TouchpointCore
import TouchpointJSON

/// Segment events (`segment.ndjson`, the Segment spec): app screens and pages, identify calls, product and order
/// tracking, email and chat events.
///
/// - id `segment:<messageId>`; time `timestamp` (or `originalTimestamp` when there is no `timestamp`).
/// - ids: `customer_id` from `userId`, `anonymous_id` from `anonymousId`, `device_id` from `context.device.id`;
///   `email`, `phone` and `social` (`twitter`, `instagram`, `facebook`, `tiktok` handles) from `traits` (identify)
///   and `context.traits` (any call); `order_id` from `properties.order_id`.
/// - channel: `email` for email events, `chat` for chat messages, otherwise `mobile` when `context.app` is present
///   (the app sent it) and `web` when not; screens are always `mobile`.
/// - type and stage:
///
/// | call / event | type | stage |
/// |---|---|---|
/// | identify | identify | loyalty |
/// | screen | screen_view | research |
/// | page | by `properties.path`, as for the web log (`WebPath`) | |
/// | Products Searched, Product List Viewed, Product List Filtered | search | research |
/// | Product Viewed | product_view | research |
/// | Product Compared, Products Compared | comparison | comparison |
/// | Product Added, Cart Viewed | cart | purchase |
/// | Checkout Started | checkout | purchase |
/// | Order Completed | purchase | purchase |
/// | Order Refunded | refund | support |
/// | Email Sent, Email Opened, Email Link Clicked, Unsubscribed | email_sent, email_opened, email_clicked, unsubscribe | loyalty |
/// | Live Chat Message Sent | chat_message | support |
/// | any other track event, alias, group | other | research |
///
/// - traits: `name`, `first_name`, `last_name`, `birthday`, `address` (object as sent), `city`, `postal_code`,
///   `country`, and any other trait as sent.
/// - metrics (Order Completed, Order Refunded): `amount` from `total` (or `revenue`, `value`), `currency`, `items`
///   (the sum of `products[].quantity`, 1 for a product without one).
/// - text: `properties.text` of a chat message.
/// - properties: `event` (track name), `screen`/`page` (the name of a screen or page call), every member of the
///   call's `properties` not used above, `app` (`context.app`), `ip`, `user_agent`, `context` (other context
///   members), and the call's other top-level fields.
package struct SegmentMapping: ChannelMapping {
    package static let name = "segment"
    package static let summary = "Segment spec events (ndjson): identify, track, page and screen calls"

    private let configuration: MappingConfiguration

    package init(configuration: MappingConfiguration) { self.configuration = configuration }

    /// A track event's type and stage, and the channel it forces (nil: mobile or web by `context.app`).
    private typealias TrackMeaning = (type: String, stage: String, channel: String?)

    private static let trackEvents: [String: TrackMeaning] = [
        "products searched": ("search", JourneyStage.research, nil),
        "product list viewed": ("search", JourneyStage.research, nil),
        "product list filtered": ("search", JourneyStage.research, nil),
        "product viewed": ("product_view", JourneyStage.research, nil),
        "product compared": ("comparison", JourneyStage.comparison, nil),
        "products compared": ("comparison", JourneyStage.comparison, nil),
        "product added": ("cart", JourneyStage.purchase, nil),
        "cart viewed": ("cart", JourneyStage.purchase, nil),
        "checkout started": ("checkout", JourneyStage.purchase, nil),
        "order completed": ("purchase", JourneyStage.purchase, nil),
        "order refunded": ("refund", JourneyStage.support, nil),
        "email sent": ("email_sent", JourneyStage.loyalty, "email"),
        "email opened": ("email_opened", JourneyStage.loyalty, "email"),
        "email link clicked": ("email_clicked", JourneyStage.loyalty, "email"),
        "unsubscribed": ("unsubscribe", JourneyStage.loyalty, "email"),
        "live chat message sent": ("chat_message", JourneyStage.support, "chat"),
    ]

    /// Context members kept as properties of their own (`app`, `ip`, `user_agent`), so not again under `context`.
    private static let contextPropertyKeys = ["app", "ip", "userAgent"]

    /// Trait names whose value is a social handle on that platform.
    private static let socialPlatforms = ["twitter", "instagram", "facebook", "tiktok"]

    package func map(_ record: IngestRecord) -> MappingResult {
        MappingResult.catching { () throws(MappingFailure) -> Event in
            var draft = try EventDraft(record, configuration: configuration)
            let nativeID = draft.string("messageId")
            let hasTimestamp = draft.value("timestamp") != nil || draft.value("originalTimestamp") == nil
            let time = try draft.time(hasTimestamp ? "timestamp" : "originalTimestamp")
            let call = draft.string("type").map { IdentifierRules.trim($0).lowercased() }
            draft.identifier("customer_id", field: "userId")
            draft.identifier("anonymous_id", field: "anonymousId")

            var context = draft.object("context") ?? JSONObject()
            let isFromApp = context["app"] != nil
            if var device = context["device"]?.objectValue {
                draft.identifier("device_id", EventDraft.text(device["id"]), field: "context.device.id")
                device["id"] = nil
                context["device"] = device.isEmpty ? nil : .object(device)
            }
            if let traits = context["traits"]?.objectValue {
                SegmentMapping.apply(traits, field: "context.traits", to: &draft)
                context["traits"] = nil
            }

            var properties = draft.object("properties") ?? JSONObject()
            var type = "other"
            var stage = JourneyStage.research
            var channel = isFromApp ? "mobile" : "web"
            var text: String?
            switch call {
            case "identify":
                (type, stage) = ("identify", JourneyStage.loyalty)
                SegmentMapping.apply(draft.object("traits") ?? JSONObject(), field: "traits", to: &draft)
            case "screen":
                (type, stage, channel) = ("screen_view", JourneyStage.research, "mobile")
                draft.keep("name", as: "screen")
            case "page":
                draft.keep("name", as: "page")
                let route = WebPath(path: EventDraft.text(properties["path"]) ?? "")
                (type, stage) = (route.type, route.stage)
                draft.identifier("order_id", route.orderID, field: "properties.path")
                for detail in route.details { draft.property(detail.key, detail.value) }
            case "track":
                let event = draft.string("event")
                draft.property("event", event.map(JSONValue.string))
                if let meaning = event.flatMap({ SegmentMapping.trackEvents[IdentifierRules.trim($0).lowercased()] }) {
                    (type, stage) = (meaning.type, meaning.stage)
                    channel = meaning.channel ?? channel
                }
                if type == "purchase" || type == "refund" {
                    SegmentMapping.addOrderMetrics(&properties, to: &draft)
                }
                if type == "chat_message", let message = EventDraft.text(properties["text"]) {
                    text = message
                    properties["text"] = nil
                }
            default:
                break
            }
            let orderID = properties["order_id"]
            draft.identifier("order_id", EventDraft.text(orderID), field: "properties.order_id")
            // Removing only what is there: a removal from an object still shared with the record copies it.
            if orderID != nil { properties["order_id"] = nil }

            for member in properties where draft.properties[member.key] == nil {
                draft.property(member.key, member.value)
            }
            draft.property("app", context["app"])
            draft.property("ip", context["ip"])
            draft.property("user_agent", context["userAgent"])
            for key in SegmentMapping.contextPropertyKeys where context[key] != nil { context[key] = nil }
            if !context.isEmpty { draft.property("context", .object(context)) }
            draft.keepUnusedFields()
            return try draft.event(
                nativeID: nativeID, time: time, channel: channel, type: type, stage: stage, text: text)
        }
    }

    /// Identifiers and traits from a Segment traits object; unknown traits are kept as traits.
    private static func apply(_ traits: JSONObject, field: String, to draft: inout EventDraft) {
        for member in traits {
            let key = member.key
            let raw = EventDraft.text(member.value)
            switch key {
            case "email", "phone":
                draft.identifier(key, raw, field: "\(field).\(key)")
            case _ where socialPlatforms.contains(key):
                draft.socialIdentifier(platform: key, handle: raw, field: "\(field).\(key)")
            case "name", "first_name", "last_name", "birthday", "city", "postal_code", "country":
                draft.trait(key, raw)
            default:
                if !member.value.isNull { draft.traits[key] = member.value }
            }
        }
    }

    /// `amount`, `currency` and `items` of an order; the members used are removed from `properties`.
    private static func addOrderMetrics(_ properties: inout JSONObject, to draft: inout EventDraft) {
        for key in ["total", "revenue", "value"] {
            guard let raw = properties[key] else { continue }
            if let parsed = EventDraft.number(raw), let amount = parsed, let json = JSONValue.double(amount) {
                draft.metrics["amount"] = json
                properties[key] = nil
            }
            break
        }
        if let currency = EventDraft.text(properties["currency"]) {
            let code = IdentifierRules.trim(currency).uppercased()
            if code.count == 3, code.allSatisfy({ $0 >= "A" && $0 <= "Z" }) {
                draft.metrics["currency"] = .string(code)
                properties["currency"] = nil
            }
        }
        if let products = properties["products"]?.arrayValue {
            let count = products.reduce(0) { sum, product in sum + max(0, product["quantity"]?.intValue ?? 1) }
            draft.metrics["items"] = .int(count)
        }
    }
}
