/// Cities, streets and stores of the population's two regions, Europe (EUR) and the United States (USD).
///
/// Every store sits in a customer city, so a person's home store is the one in their city; addresses are
/// fictional combinations of common street names.
package enum PlaceCatalog {
    /// The region a person lives in: it fixes the currency, the store time zone and the address style.
    package enum Region: UInt8, Sendable {
        case europe
        case unitedStates

        /// `EUR` or `USD`.
        package var currency: [UInt8] { self == .europe ? eurBytes : usdBytes }
        /// The time zone the region's stores run in.
        package var storeTimeZone: StoreTimeZone { self == .europe ? .centralEurope : .usEastern }
        /// Rough offset of local time from UTC, used only to place activity at plausible local hours.
        package var approximateOffsetSeconds: Int64 { self == .europe ? 3_600 : -18_000 }
    }

    /// A city with its country, store and postal code range.
    package struct City: Sendable {
        package let name: [UInt8]
        package let country: [UInt8]
        package let region: Region
        package let storeID: [UInt8]
        /// The postal code is `postalPrefix` followed by `postalDigits` digits from `postalBase`.
        package let postalBase: Int
        package let postalSpan: Int
        package let postalDigits: Int
        package let streets: [[UInt8]]
    }

    package static let cities: [City] = [
        city("Berlin", "DE", .europe, "S101", 10115, 2000, 5, german),
        city("Munich", "DE", .europe, "S102", 80331, 1500, 5, german),
        city("Hamburg", "DE", .europe, "S103", 20095, 1500, 5, german),
        city("Paris", "FR", .europe, "S104", 75001, 20, 5, french),
        city("Lyon", "FR", .europe, "S105", 69001, 9, 5, french),
        city("Amsterdam", "NL", .europe, "S106", 1011, 100, 4, dutch),
        city("Vienna", "AT", .europe, "S107", 1010, 230, 4, german),
        city("Madrid", "ES", .europe, "S108", 28001, 80, 5, spanish),
        city("Milan", "IT", .europe, "S109", 20121, 40, 5, italian),
        city("New York", "US", .unitedStates, "S201", 10001, 280, 5, american),
        city("Boston", "US", .unitedStates, "S202", 2108, 100, 5, american),
        city("Philadelphia", "US", .unitedStates, "S203", 19102, 50, 5, american),
        city("Atlanta", "US", .unitedStates, "S204", 30303, 60, 5, american),
        city("Miami", "US", .unitedStates, "S205", 33125, 60, 5, american),
        city("Washington", "US", .unitedStates, "S206", 20001, 40, 5, american),
    ]

    /// Weights of the cities when placing a household (larger cities get more customers).
    package static let cityWeights = [14, 8, 7, 12, 4, 6, 5, 7, 5, 14, 6, 5, 5, 4, 5]

    private static let eurBytes = "EUR".bytes
    private static let usdBytes = "USD".bytes

    private static let german = [
        "Hauptstraße", "Lindenallee", "Bergstraße", "Schillerstraße", "Gartenweg",
        "Goethestraße", "Bahnhofstraße", "Am Markt",
    ]
    private static let french = [
        "Rue de la Paix", "Rue Victor Hugo", "Avenue Jean Jaurès", "Rue des Lilas",
        "Boulevard Voltaire", "Rue du Moulin",
    ]
    private static let dutch = ["Prinsengracht", "Keizersgracht", "Vondelstraat", "Kerkstraat", "Dorpsstraat"]
    private static let spanish = ["Calle Mayor", "Calle de Alcalá", "Gran Vía", "Calle del Sol", "Paseo del Prado"]
    private static let italian = ["Via Roma", "Via Garibaldi", "Corso Venezia", "Via Dante", "Via Manzoni"]
    private static let american = [
        "Maple Street", "Oak Avenue", "Park Avenue", "Washington Street", "Elm Street",
        "Cedar Lane", "Pine Street", "Lakeview Drive", "Main Street",
    ]

    private static func city(
        _ name: String, _ country: String, _ region: Region, _ store: String, _ postalBase: Int, _ postalSpan: Int,
        _ postalDigits: Int, _ streets: [String]
    ) -> City {
        City(
            name: name.bytes, country: country.bytes, region: region, storeID: store.bytes, postalBase: postalBase,
            postalSpan: postalSpan, postalDigits: postalDigits, streets: streets.map(\.bytes))
    }
}
