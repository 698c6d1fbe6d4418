/// Every order placed in the period: its number and the product it was about.
///
/// Sales, returns, `Order Completed`, `Order Refunded`, tickets and calls about an order all render the same
/// order id and items, because each derives them from the order's index here.
package struct OrderBook: Sendable {
    /// Focus product of each order (index into `ProductCatalog.products`).
    private var focusProducts: [UInt8] = []
    private let seed: UInt64

    package init(seed: UInt64) {
        self.seed = seed
    }

    /// Registers an order about `product` and returns its index.
    package mutating func add(product: Int) -> Int32 {
        focusProducts.append(UInt8(product))
        return Int32(focusProducts.count - 1)
    }

    /// Number of orders.
    package var count: Int { focusProducts.count }

    /// The order's focus product.
    package func product(of order: Int32) -> Int { Int(focusProducts[Int(order)]) }

    /// The order number shown as `O-<8 digits>`: a permutation of the index (37,139,213 is coprime with 90,000,000), so
    /// numbers look random but never repeat.
    package func number(of order: Int32) -> Int32 {
        let offset = Int(RandomSource.mix(seed ^ 0x6F72_6465_72) % 90_000_000)
        return Int32(10_000_000 + (Int(order) * 37_139_213 + offset) % 90_000_000)
    }

    /// The order's lines: the focus product, and sometimes an accessory or two (`quantity` 1–2).
    package func items(of order: Int32) -> [(product: Int, quantity: Int)] {
        items(of: order, product: product(of: order))
    }

    /// The lines order number `order` has if its focus product is `product`.
    private func items(of order: Int32, product: Int) -> [(product: Int, quantity: Int)] {
        var random = RandomSource(seed: seed ^ 0x6974_656D_73, stream: .planning, index: UInt64(order))
        var items = [(product: product, quantity: random.chance(0.1) ? 2 : 1)]
        let extra = random.weighted([70, 22, 8])
        for _ in 0..<extra {
            let accessory = random.pick(Self.accessories)
            if !items.contains(where: { $0.product == accessory }) {
                items.append((accessory, random.chance(0.3) ? 2 : 1))
            }
        }
        return items
    }

    /// Total in cents in the region's currency.
    package func totalCents(of order: Int32, region: PlaceCatalog.Region) -> Int {
        totalCents(of: items(of: order), region: region)
    }

    /// Total in cents of the order `add(product:)` would register next, before it is registered.
    package func totalCentsOfNextOrder(product: Int, region: PlaceCatalog.Region) -> Int {
        totalCents(of: items(of: Int32(count), product: product), region: region)
    }

    private func totalCents(of items: [(product: Int, quantity: Int)], region: PlaceCatalog.Region) -> Int {
        var total = 0
        for item in items {
            total += ProductCatalog.products[item.product].cents(in: region) * item.quantity
        }
        return total
    }

    /// Cheap add-ons people put in the basket.
    private static let accessories = [3, 8, 10, 11, 12, 26, 27, 28]
}
