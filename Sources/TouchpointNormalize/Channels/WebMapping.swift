import TouchpointCore
import TouchpointJSON

/// The web shop's access log (`web.log`, ingested as `clf`): one event per request.
///
/// - id `web:<line>` (a log line has no id of its own; the line number is stable across replays of the file).
/// - time: `time` (`02/Oct/2026:14:33:10 +0000`).
/// - channel `web`; type and stage from the path (`WebPath`): `/products/<slug>` product_view/research, `/search`
///   search/research, `/compare` and `/products/<slug>/reviews` comparison/comparison, `/cart` cart, `/checkout`
///   checkout, `/checkout/complete?order=O-…` purchase (all purchase stage), `/help/…`, `/account/orders/O-…` and
///   `/returns` page_view/support, anything else page_view/research. A request that failed (status 400 or more) is a
///   page_view whatever its path: a 404 on the order confirmation is not a purchase.
/// - ids: `customer_id` from `user` (the logged-in customer; `-` means anonymous), `order_id` from the path.
/// - properties: `method`, `path` (with query), `protocol`, `http_status`, `bytes`, `referer`, `user_agent`, `remote_host`, and
///   what the path names (`product`, `query`, `category`, `compared`, `topic`).
package struct WebMapping: ChannelMapping {
    package static let name = "web"
    package static let summary = "web shop access log (clf): page views, searches, cart, checkout, purchases by path"

    private let configuration: MappingConfiguration

    package init(configuration: MappingConfiguration) { self.configuration = configuration }

    package func map(_ record: IngestRecord) -> MappingResult {
        MappingResult.catching { () throws(MappingFailure) -> Event in
            var draft = try EventDraft(record, configuration: configuration)
            let time = try draft.time("time")
            let path = draft.string("path") ?? ""
            var route = WebPath(path: path)
            let status = draft.value("status")
            if let code = status?.intValue, code >= 400 { route.type = "page_view" }
            draft.identifier("customer_id", field: "user")
            draft.identifier("order_id", route.orderID, field: "path")
            draft.keep("method")
            draft.keep("path")
            draft.keep("protocol")
            draft.property("http_status", status)
            draft.keep("bytes")
            draft.keep("referer")
            draft.keep("user_agent")
            draft.keep("remote_host")
            for detail in route.details { draft.property(detail.key, detail.value) }
            _ = draft.value("ident")
            draft.keepUnusedFields()
            return try draft.event(
                nativeID: nil, time: time, channel: "web", type: route.type, stage: route.stage)
        }
    }
}
