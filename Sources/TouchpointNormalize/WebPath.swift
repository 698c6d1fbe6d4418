import TouchpointCore
import TouchpointJSON

/// What a shop URL path says about the visitor's journey: event type, journey stage and the details in the path.
///
/// Shared by the web log and Segment `page` calls, so a help page counts as support whichever channel saw it.
/// The routes (RAW-FORMATS.md §1):
///
/// | path | type | stage | properties / ids |
/// |---|---|---|---|
/// | `/products/<slug>` | product_view | research | `product` |
/// | `/products/<slug>/reviews` | comparison | comparison | `product` |
/// | `/search?q=<term>` | search | research | `query` (decoded) |
/// | `/category/<name>` | page_view | research | `category` |
/// | `/compare?items=<a>,<b>` | comparison | comparison | `compared` (list) |
/// | `/cart` | cart | purchase | |
/// | `/checkout` | checkout | purchase | |
/// | `/checkout/complete?order=O-…` | purchase | purchase | `ids.order_id` |
/// | `/help`, `/help/<topic>` | page_view | support | `topic` |
/// | `/account/orders/O-…` | page_view | support | `ids.order_id` |
/// | `/returns` | page_view | support | |
/// | anything else | page_view | research | |
package struct WebPath: Equatable {
    package var type: String
    package var stage: String
    /// Details read from the path, in a fixed order, for `properties`.
    package var details: [(key: String, value: JSONValue)] = []
    /// The order a path refers to, for `ids.order_id`.
    package var orderID: String?

    package static func == (lhs: WebPath, rhs: WebPath) -> Bool {
        lhs.type == rhs.type && lhs.stage == rhs.stage && lhs.orderID == rhs.orderID
            && JSONValue.object(JSONObject(lhs.details)) == JSONValue.object(JSONObject(rhs.details))
    }

    package init(type: String, stage: String, details: [(key: String, value: JSONValue)] = [], orderID: String? = nil) {
        self.type = type
        self.stage = stage
        self.details = details
        self.orderID = orderID
    }

    /// Classifies a request path (with or without its query string).
    ///
    /// An all-ASCII path (every path the shop's logs hold) is classified on its bytes (`WebPath+ASCII.swift`);
    /// any other goes through `init(characterPath:)`. Both give the same route for the same path.
    package init(path rawPath: String) {
        if let route = WebPath.classifyASCII(rawPath) {
            self = route
        } else {
            self.init(characterPath: rawPath)
        }
    }

    /// Classifies a path by splitting it into `Character`s: the reference the byte classifier must agree with, and
    /// the path for text that is not ASCII (where a separator followed by a combining mark does not split).
    package init(characterPath rawPath: String) {
        let pieces = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query = pieces.count > 1 ? WebPath.queryParameters(String(pieces[1])) : [:]
        let segments = pieces[0].split(separator: "/").map(String.init)
        switch (segments.first, segments.count) {
        case ("products", 2):
            self.init(type: "product_view", stage: JourneyStage.research, details: [("product", .string(segments[1]))])
        case ("products", 3) where segments[2] == "reviews":
            self.init(type: "comparison", stage: JourneyStage.comparison, details: [("product", .string(segments[1]))])
        case ("search", 1):
            self.init(
                type: "search", stage: JourneyStage.research, details: query["q"].map { [("query", .string($0))] } ?? []
            )
        case ("category", 2):
            self.init(type: "page_view", stage: JourneyStage.research, details: [("category", .string(segments[1]))])
        case ("compare", 1):
            let items = (query["items"] ?? "").split(separator: ",").map { JSONValue.string(String($0)) }
            self.init(
                type: "comparison", stage: JourneyStage.comparison,
                details: items.isEmpty ? [] : [("compared", .array(items))])
        case ("cart", 1):
            self.init(type: "cart", stage: JourneyStage.purchase)
        case ("checkout", 1):
            self.init(type: "checkout", stage: JourneyStage.purchase)
        case ("checkout", 2) where segments[1] == "complete":
            self.init(type: "purchase", stage: JourneyStage.purchase, orderID: query["order"])
        case ("help", 1):
            self.init(type: "page_view", stage: JourneyStage.support)
        case ("help", 2):
            self.init(type: "page_view", stage: JourneyStage.support, details: [("topic", .string(segments[1]))])
        case ("account", 3) where segments[1] == "orders":
            self.init(type: "page_view", stage: JourneyStage.support, orderID: segments[2])
        case ("returns", 1):
            self.init(type: "page_view", stage: JourneyStage.support)
        default:
            self.init(type: "page_view", stage: JourneyStage.research)
        }
    }

    /// `a=1&b=x+y` as decoded name/value pairs; the last of a repeated name wins.
    static func queryParameters(_ query: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parameters[percentDecoded(parts[0])] = parts.count > 1 ? percentDecoded(parts[1]) : ""
        }
        return parameters
    }

    /// `+` as space and `%XX` as the byte; malformed escapes are kept as written, invalid UTF-8 is replaced.
    static func percentDecoded(_ text: Substring) -> String {
        String(decoding: percentDecodedBytes(Array(text.utf8)), as: UTF8.self)
    }

    /// The bytes `percentDecoded` decodes, before they become a `String`.
    static func percentDecodedBytes<Bytes: RandomAccessCollection<UInt8>>(_ source: Bytes) -> [UInt8]
    where Bytes.Index == Int {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = source.startIndex
        while index < source.endIndex {
            let byte = source[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), index + 2 < source.endIndex,
                let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
