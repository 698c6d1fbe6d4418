import TouchpointCore
import TouchpointJSON

/// The store till export (`pos.csv`): one event per sale or return.
///
/// - id `pos:<transaction_id>`; time `timestamp` (`2026-10-02 14:33:10+02:00`, the store's local time with its
///   offset).
/// - channel `store`; `type` sale -> type purchase, stage purchase; return -> type return, stage support. Any other
///   type is a dead letter (`invalid_field`): a till row that is neither is not understood.
/// - ids: `loyalty_id`, `email` from `customer_email`, `phone` from `customer_phone`.
/// - traits: `name` from `customer_name`.
/// - metrics: `amount` from `total`, `currency` (upper case, three letters), `items` (the sum of the quantities in
///   `items`, `SKU-1001x1;SKU-2040x2` -> 3).
/// - properties: `store_id`, `register`, `products` (`[{"sku":"SKU-1001","quantity":1},…]`).
package struct PointOfSaleMapping: ChannelMapping {
    package static let name = "pos"
    package static let summary = "store till export (csv): sales (purchase) and returns"

    private let configuration: MappingConfiguration

    package init(configuration: MappingConfiguration) { self.configuration = configuration }

    package func map(_ record: IngestRecord) -> MappingResult {
        MappingResult.catching { () throws(MappingFailure) -> Event in
            var draft = try EventDraft(record, configuration: configuration)
            let nativeID = draft.string("transaction_id")
            let time = try draft.time("timestamp")
            let kind = draft.string("type").map { IdentifierRules.trim($0).lowercased() }
            let type: String
            let stage: String
            switch kind {
            case "sale": (type, stage) = ("purchase", JourneyStage.purchase)
            case "return": (type, stage) = ("return", JourneyStage.support)
            default:
                throw MappingFailure(.invalidField, "field \"type\": \"\(kind ?? "")\" is neither sale nor return")
            }
            draft.identifier("loyalty_id", field: "loyalty_id")
            draft.identifier("email", field: "customer_email")
            draft.identifier("phone", field: "customer_phone")
            draft.trait("name", field: "customer_name")
            draft.metric("amount", from: "total", in: -1e12...1e12, isWhole: false)
            Currency.add(field: "currency", to: &draft)
            if let items = draft.string("items") {
                let products = PointOfSaleMapping.products(items)
                if let products {
                    draft.metrics["items"] = .int(products.reduce(0) { $0 + $1.quantity })
                    draft.property(
                        "products", .array(products.map { ["sku": .string($0.sku), "quantity": .int($0.quantity)] }))
                } else {
                    draft.invalidFields["items"] = .string(items)
                }
            }
            draft.keep("store_id")
            draft.keep("register")
            draft.keepUnusedFields()
            return try draft.event(
                nativeID: nativeID, time: time, channel: "store", type: type, stage: stage)
        }
    }

    /// `SKU-1001x1;SKU-2040x2` as SKUs and quantities; nil when a part does not end in `x<count>`.
    static func products(_ text: String) -> [(sku: String, quantity: Int)]? {
        var products: [(sku: String, quantity: Int)] = []
        for part in text.split(separator: ";") {
            let item = IdentifierRules.trim(String(part))
            guard !item.isEmpty else { continue }
            guard let separator = item.lastIndex(of: "x"), let quantity = Int(item[item.index(after: separator)...]),
                quantity >= 0, separator > item.startIndex
            else { return nil }
            products.append((String(item[..<separator]), quantity))
        }
        return products
    }
}

/// ISO 4217 currency codes as metrics: three letters, upper-cased.
enum Currency {
    static func add(field: String, to draft: inout EventDraft) {
        guard let raw = draft.string(field) else { return }
        let code = IdentifierRules.trim(raw).uppercased()
        guard code.count == 3, code.allSatisfy({ $0 >= "A" && $0 <= "Z" }) else {
            draft.invalidFields[field] = .string(raw)
            return
        }
        draft.metrics["currency"] = .string(code)
    }
}
