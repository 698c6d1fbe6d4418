/// One synthetic customer: who they are, every identifier they may show to a channel, and their habits.
///
/// Identifiers are stored canonical (lower-case emails, phone-number indices, numeric ids); the noise customers
/// and systems add (upper case, spaces, phone formats, name variants) is applied when a record is rendered, so
/// the ground truth can list the canonical forms.
package struct Person: Sendable {
    /// Index in the population, 0-based (`P00001` is index 0).
    package let index: Int32
    /// Index of the household.
    package let household: Int32
    package let city: Int16
    package let firstName: Int16
    package let lastName: Int16
    /// Email addresses, lower-case; the first is the one the person uses most.
    package var emails: [[UInt8]] = []
    /// The person's own mobile number (index into `PhoneNumbers`), or -1.
    package var mobile: Int32 = -1
    /// The household's shared landline (index into `PhoneNumbers`), or -1.
    package var landline: Int32 = -1
    /// The shop account number (`C` + digits), or -1 for people who never registered.
    package var customerNumber: Int32 = -1
    /// The loyalty card number (`L-` + digits), or -1.
    package var loyaltyNumber: Int32 = -1
    /// The person's social media account, if any.
    package var social: SocialAccount?
    /// Whether the person uses the shop's app.
    package var hasApp = false
    /// Whether the person's phone is an iPhone (device ids and user agents follow).
    package var usesIOS = false
    /// Whether the person uses the household's shared tablet for the app, besides their phone.
    package var usesSharedTablet = false
    /// Index into `WebCatalog.appVersions`.
    package var appVersion: UInt8 = 0
    /// Index into `WebCatalog.desktopAgents` and `WebCatalog.mobileAgents`.
    package var desktopAgent: UInt8 = 0
    package var mobileAgent: UInt8 = 0
    /// Share of web visits made from the phone.
    package var mobileWebShare = 0.4
    /// Where the person lives at the end of the period.
    package var address: Address
    /// The address before a move inside the period, if the person moved; `moveTime` is when.
    package var previousAddress: Address?
    package var moveTime: Int64 = 0
    /// Birthday, in days since the epoch.
    package var birthday: Int64 = 0
    /// Relative amount of activity (1 = average).
    package var activity = 1.0
    /// Probability weights of the person's survey moods: negative, neutral, positive.
    package var moodWeights = [1, 1, 2]
    /// Probability that a web visit happens logged in (when the person has an account).
    package var webLoginRate = 0.5
    /// Share of browsing done in the app (when the person has it).
    package var appShare = 0.4
    /// Share of purchases made in a store.
    package var storeShare = 0.3
    /// Whether the person receives marketing emails.
    package var subscribed = false
    /// Whether the person keeps their card, email and phone to themselves at the till, giving only a name and
    /// postcode (for a receipt or a delivery): the store knows them by traits alone.
    package var isPrivateAtTill = false
    /// Whether the person calls with a withheld number and no account number, so the agent verifies them by name
    /// and birth date only.
    package var isPrivateOnPhone = false
    /// Whether the person keeps giving the postcode they had before a move.
    package var givesOldPostcode = false

    package init(index: Int32, household: Int32, city: Int16, firstName: Int16, lastName: Int16, address: Address) {
        self.index = index
        self.household = household
        self.city = city
        self.firstName = firstName
        self.lastName = lastName
        self.address = address
    }

    /// The region the person lives in.
    package var region: PlaceCatalog.Region { PlaceCatalog.cities[Int(city)].region }
    /// The person's preferred phone: their mobile, else the household landline, else -1.
    package var primaryPhone: Int32 { mobile >= 0 ? mobile : landline }
    /// The person's primary email, if any.
    package var primaryEmail: [UInt8]? { emails.first }
    /// The address valid at a given instant.
    package func address(at time: Int64) -> Address {
        if let previousAddress, time < moveTime { return previousAddress }
        return address
    }
}

/// A postal address, stored as catalog indices and rendered on demand.
package struct Address: Equatable, Sendable {
    /// Index into `PlaceCatalog.cities`.
    package var city: Int16
    /// Index into the city's street list.
    package var street: Int16
    package var houseNumber: Int16
    /// Offset added to the city's postal base.
    package var postalOffset: Int16
}

/// A social media account: platform, handle (without `@`) and audience.
package struct SocialAccount: Sendable {
    package var platform: SocialPlatform
    package var handle: [UInt8]
    package var followers: Int32
}

/// The social platforms posts come from.
package enum SocialPlatform: UInt8, Sendable {
    case twitter
    case instagram
    case facebook

    /// The wire name: `twitter`, `instagram`, `facebook`.
    package var name: [UInt8] {
        switch self {
        case .twitter: return Self.twitterName
        case .instagram: return Self.instagramName
        case .facebook: return Self.facebookName
        }
    }

    /// The post-id prefix: `tw`, `ig`, `fb`.
    package var postPrefix: StaticString {
        switch self {
        case .twitter: return "tw-"
        case .instagram: return "ig-"
        case .facebook: return "fb-"
        }
    }

    private static let twitterName = "twitter".bytes
    private static let instagramName = "instagram".bytes
    private static let facebookName = "facebook".bytes
}
