/// The shop's assortment: kitchen and coffee equipment, each with a web slug, a till SKU and a price per currency.
///
/// One catalog feeds every channel, so the product a person looks at on the web (`/products/<slug>`) is the one
/// the till sells (`SKU-…`) and the app tracks (`Product Viewed`).
package enum ProductCatalog {
    /// One product.
    package struct Product: Sendable {
        package let slug: [UInt8]
        package let sku: [UInt8]
        package let name: [UInt8]
        /// Index into `categories`.
        package let category: Int
        package let euroCents: Int
        package let dollarCents: Int

        /// The price in the region's currency, in cents.
        package func cents(in region: PlaceCatalog.Region) -> Int {
            region == .europe ? euroCents : dollarCents
        }
    }

    /// Category slugs, as in `/category/<name>`.
    package static let categories: [[UInt8]] = [
        "espresso-machines", "grinders", "kettles", "brewing", "coffee", "small-appliances", "cookware", "knives",
        "kitchen-storage", "accessories",
    ].map(\.bytes)

    package static let products: [Product] = [
        product("espresso-machine-x2", "SKU-1001", "Espresso Machine X2", 0, 54_900, 59_900),
        product("espresso-machine-x1", "SKU-1002", "Espresso Machine X1", 0, 39_900, 42_900),
        product("bean-to-cup-b7", "SKU-1003", "Bean-to-Cup B7", 0, 79_900, 84_900),
        product("milk-frother-mf3", "SKU-1010", "Milk Frother MF3", 0, 7_990, 8_990),
        product("burr-grinder-g40", "SKU-1020", "Burr Grinder G40", 1, 12_990, 13_990),
        product("hand-grinder-h1", "SKU-1021", "Hand Grinder H1", 1, 4_990, 5_490),
        product("gooseneck-kettle-k5", "SKU-1030", "Gooseneck Kettle K5", 2, 6_990, 7_490),
        product("electric-kettle-k2", "SKU-1031", "Electric Kettle K2", 2, 3_990, 4_490),
        product("pour-over-set", "SKU-1040", "Pour-Over Set", 3, 2_990, 3_290),
        product("cold-brew-jar", "SKU-1041", "Cold Brew Jar", 3, 2_490, 2_790),
        product("descaler-pack", "SKU-1050", "Descaler Pack", 9, 990, 1_190),
        product("coffee-beans-house-blend", "SKU-2001", "House Blend Coffee Beans 1kg", 4, 1_890, 2_190),
        product("coffee-beans-ethiopia", "SKU-2002", "Ethiopia Single Origin Beans 500g", 4, 1_490, 1_690),
        product("toaster-t4", "SKU-2040", "Four-Slice Toaster T4", 5, 6_990, 7_490),
        product("blender-quiet-b9", "SKU-2050", "Quiet Blender B9", 5, 17_990, 19_990),
        product("hand-blender-hb2", "SKU-2051", "Hand Blender HB2", 5, 4_990, 5_490),
        product("stand-mixer-m5", "SKU-2060", "Stand Mixer M5", 5, 34_900, 37_900),
        product("air-fryer-af6", "SKU-2070", "Air Fryer AF6", 5, 12_990, 13_990),
        product("rice-cooker-rc1", "SKU-2080", "Rice Cooker RC1", 5, 7_990, 8_490),
        product("cast-iron-skillet-28", "SKU-3001", "Cast Iron Skillet 28 cm", 6, 4_990, 5_490),
        product("nonstick-pan-set", "SKU-3002", "Non-Stick Pan Set", 6, 8_990, 9_990),
        product("dutch-oven-5l", "SKU-3003", "Dutch Oven 5 L", 6, 11_990, 12_990),
        product("chef-knife-20cm", "SKU-3010", "Chef's Knife 20 cm", 7, 8_990, 9_490),
        product("knife-block-set", "SKU-3011", "Knife Block Set", 7, 19_990, 21_990),
        product("cutting-board-oak", "SKU-3020", "Oak Cutting Board", 8, 3_990, 4_290),
        product("food-storage-set", "SKU-3030", "Glass Food Storage Set", 8, 2_990, 3_290),
        product("travel-mug-350", "SKU-3040", "Travel Mug 350 ml", 9, 1_990, 2_190),
        product("ceramic-cup-set", "SKU-3041", "Ceramic Cup Set", 9, 2_490, 2_790),
        product("water-filter-jug", "SKU-3050", "Water Filter Jug", 9, 2_990, 3_290),
        product("spice-rack-12", "SKU-3060", "Spice Rack (12 jars)", 8, 3_490, 3_790),
    ]

    /// Product indices of each category, for "related products".
    package static let productsInCategory: [[Int]] = categories.indices.map { category in
        products.indices.filter { products[$0].category == category }
    }

    /// Search terms typed on the web (`/search?q=`) and in the app (`Products Searched`), URL-encoded with `+`.
    package static let searchTerms: [[UInt8]] = [
        "espresso+machine", "milk+frother", "burr+grinder", "quiet+blender", "gooseneck+kettle", "cast+iron",
        "chef+knife", "air+fryer", "coffee+beans", "descaler", "stand+mixer", "toaster", "cold+brew", "dutch+oven",
        "bean+to+cup", "knife+set",
    ].map(\.bytes)

    private static func product(
        _ slug: String, _ sku: String, _ name: String, _ category: Int, _ euroCents: Int, _ dollarCents: Int
    ) -> Product {
        Product(
            slug: slug.bytes, sku: sku.bytes, name: name.bytes, category: category, euroCents: euroCents,
            dollarCents: dollarCents)
    }
}
