/// Builds the population for a seed: households, people with their identifiers and habits, planted incidents.
///
/// Steps run in a fixed order, each with its own random stream: household sizes and places, then the incident
/// households (so planted people can be given what their incident needs), then each person. Uniqueness of emails
/// and handles is checked against sets that are only queried, never iterated, so the result is deterministic.
package struct PopulationBuilder {
    private let seed: UInt64
    private let peopleCount: Int
    private let period: GenerationPeriod
    private var usedEmails: Set<[UInt8]> = []
    private var usedHandles: Set<[UInt8]> = []
    private var nextCustomerNumber: Int32 = 100_000
    private var nextLoyaltyNumber: Int32 = 1_000
    private var nextPhoneIndex: Int32 = 0

    package init(seed: UInt64, people: Int, period: GenerationPeriod) {
        self.seed = seed
        peopleCount = people
        self.period = period
    }

    /// Builds everything.
    package mutating func build() -> Population {
        var households = makeHouseholds()
        let incidents = chooseIncidents(households)
        var requirements = [PersonRequirements](repeating: [], count: peopleCount)
        for incident in incidents { requirements[Int(incident.person)].formUnion(incident.requirements) }
        let phoneNumbers = PhoneNumbers(needed: peopleCount + households.count, seed: seed)
        var people: [Person] = []
        people.reserveCapacity(peopleCount)
        for index in households.indices {
            var random = RandomSource(seed: seed, stream: .households, index: UInt64(index) &+ 1 << 40)
            let size = households[index].memberCount
            let landlineChance = size >= 2 ? 0.45 : 0.15
            if random.chance(landlineChance) {
                households[index].landline = nextPhoneIndex
                nextPhoneIndex += 1
            }
            households[index].hasSharedTablet = size >= 2 && random.chance(0.35)
            households[index].homeAddress = Int32(random.below(3 * 254))
            let familyName = Int16(random.below(NameCatalog.lastNames.count))
            let home = makeAddress(city: households[index].city, random: &random)
            let moves = random.chance(0.12)
            let previousHome = moves ? makeAddress(city: households[index].city, random: &random) : nil
            let moveTime = period.start + Int64(random.below(period.days * 86_400))
            for member in households[index].members {
                people.append(
                    makePerson(
                        index: member, household: households[index], familyName: familyName, home: home,
                        previousHome: previousHome, moveTime: moveTime, requirements: requirements[Int(member)]))
            }
        }
        return Population(people: people, households: households, incidents: incidents, phoneNumbers: phoneNumbers)
    }

    // MARK: - Households and incidents

    private func makeHouseholds() -> [Household] {
        var random = RandomSource(seed: seed, stream: .households)
        var households: [Household] = []
        var assigned = 0
        while assigned < peopleCount {
            let size = min(1 + random.weighted([34, 32, 16, 13, 5]), peopleCount - assigned)
            let city = Int16(random.weighted(PlaceCatalog.cityWeights))
            households.append(
                Household(
                    index: Int32(households.count), firstMember: Int32(assigned), memberCount: Int32(size), city: city))
            assigned += size
        }
        return households
    }

    /// Picks a distinct household (and in it one person) for every incident, so incidents never share a household.
    private func chooseIncidents(_ households: [Household]) -> [PlantedIncident] {
        var random = RandomSource(seed: seed, stream: .incidents)
        var order = Array(households.indices)
        random.shuffle(&order)
        var incidents: [PlantedIncident] = []
        var next = 0
        for isNearMiss in [false, true] {
            for rule in AlertRule.allCases {
                let count =
                    isNearMiss
                    ? AlertRule.nearMissCount(rule, people: peopleCount)
                    : AlertRule.plantedCount(rule, people: peopleCount)
                for ordinal in 0..<count where next < order.count {
                    let household = households[order[next]]
                    next += 1
                    let person = household.firstMember + Int32(random.below(Int(household.memberCount)))
                    incidents.append(
                        PlantedIncident(
                            rule: rule, variant: ordinal % rule.variantCount, isNearMiss: isNearMiss,
                            household: household.index, person: person))
                }
            }
        }
        return incidents
    }

    // MARK: - People

    private mutating func makePerson(
        index: Int32, household: Household, familyName: Int16, home: Address, previousHome: Address?,
        moveTime: Int64, requirements: PersonRequirements
    ) -> Person {
        var random = RandomSource(seed: seed, stream: .people, index: UInt64(index))
        let firstName = Int16(random.below(NameCatalog.firstNames.count))
        let lastName = random.chance(0.8) ? familyName : Int16(random.below(NameCatalog.lastNames.count))
        var person = Person(
            index: index, household: household.index, city: household.city, firstName: firstName, lastName: lastName,
            address: home)
        person.previousAddress = previousHome
        person.moveTime = moveTime
        let first = NameCatalog.firstNames[Int(firstName)].ascii
        let last = NameCatalog.lastNames[Int(lastName)].ascii

        if random.chance(0.97) || requirements.contains(.email) {
            let count = 1 + random.weighted([60, 30, 10])
            for ordinal in 0..<count {
                person.emails.append(makeEmail(first: first, last: last, ordinal: ordinal, random: &random))
            }
        }
        if random.chance(0.85) || requirements.contains(.mobile) {
            person.mobile = nextPhoneIndex
            nextPhoneIndex += 1
        }
        person.landline = household.landline
        if random.chance(0.85) || requirements.contains(.customerAccount) {
            nextCustomerNumber += Int32(random.between(1, 6))
            person.customerNumber = nextCustomerNumber
        }
        if random.chance(0.35) || requirements.contains(.loyaltyCard) {
            nextLoyaltyNumber += Int32(random.between(1, 9))
            person.loyaltyNumber = nextLoyaltyNumber
        }
        person.social = makeSocialAccount(first: first, last: last, requirements: requirements, random: &random)
        person.hasApp = random.chance(0.55) || requirements.contains(.app)
        person.usesIOS = random.chance(0.5)
        person.usesSharedTablet = household.hasSharedTablet && random.chance(0.7)
        person.appVersion = UInt8(random.below(WebCatalog.appVersions.count))
        person.desktopAgent = UInt8(random.below(WebCatalog.desktopAgents.count))
        person.mobileAgent = UInt8(random.below(3))
        person.mobileWebShare = 0.2 + 0.6 * random.unit()
        let birthStart = CivilTime.days(from: CivilTime.Date(year: 1950, month: 1, day: 1))
        let birthEnd = CivilTime.days(from: CivilTime.Date(year: 2005, month: 12, day: 31))
        person.birthday = random.between(birthStart, birthEnd)
        person.activity = [0.35, 0.6, 1.0, 1.5, 2.4][random.weighted([15, 25, 30, 20, 10])]
        person.moodWeights = [[1, 2, 7], [2, 5, 3], [6, 3, 1]][random.weighted([55, 30, 15])]
        person.webLoginRate = 0.2 + 0.7 * random.unit()
        person.appShare = 0.3 + 0.4 * random.unit()
        person.storeShare = 0.1 + 0.5 * random.unit()
        person.subscribed = !person.emails.isEmpty && random.chance(0.7)
        // Drawn last, so the draws above (and every identifier) stay what they were before these habits existed.
        person.isPrivateAtTill = random.chance(0.12)
        person.isPrivateOnPhone = random.chance(0.1)
        person.givesOldPostcode = previousHome != nil && random.chance(0.25)
        return person
    }

    private func makeAddress(city: Int16, random: inout RandomSource) -> Address {
        let place = PlaceCatalog.cities[Int(city)]
        return Address(
            city: city, street: Int16(random.below(place.streets.count)), houseNumber: Int16(random.between(1, 180)),
            postalOffset: Int16(random.below(place.postalSpan)))
    }

    /// A unique lower-case address: personal ones at example.com/.net/.org, work ones at fictional `.example`
    /// companies (RFC 2606 names, so no real mailbox is ever named).
    private mutating func makeEmail(first: [UInt8], last: [UInt8], ordinal: Int, random: inout RandomSource)
        -> [UInt8]
    {
        let personalDomains = ["example.com", "example.net", "example.org"]
        let workDomains = ["northwind.example", "contoso.example", "fabrikam.example", "initech.example"]
        let isWork = ordinal == 1 && random.chance(0.6)
        let domain = isWork ? random.pick(workDomains) : random.pick(personalDomains)
        var local: [UInt8] = []
        switch isWork ? random.below(2) : random.below(6) {
        case 0: local = first + [UInt8(ascii: ".")] + last
        case 1: local = [first[0], UInt8(ascii: ".")] + last
        case 2: local = first + last
        case 3: local = first + [UInt8(ascii: "_")] + last
        case 4:
            local = first + [UInt8(ascii: ".")] + last
            local.appendDecimal(random.between(60, 99))
        default: local = last + [UInt8(ascii: ".")] + first
        }
        var email = local + [UInt8(ascii: "@")] + domain.bytes
        var attempt = 0
        while usedEmails.contains(email) {
            attempt += 1
            email = local
            email.appendDecimal(attempt < 5 ? random.between(2, 99) : random.between(100, 99_999))
            email += [UInt8(ascii: "@")] + domain.bytes
        }
        usedEmails.insert(email)
        return email
    }

    private mutating func makeSocialAccount(
        first: [UInt8], last: [UInt8], requirements: PersonRequirements, random: inout RandomSource
    ) -> SocialAccount? {
        let forcedTwitter = requirements.contains(.highReachTwitter)
        let forcedInstagram = requirements.contains(.highReachInstagram)
        let forcedNearReach = requirements.contains(.nearHighReach)
        guard random.chance(0.35) || forcedTwitter || forcedInstagram || forcedNearReach else { return nil }
        var platform = [SocialPlatform.twitter, .instagram, .facebook][random.weighted([40, 45, 15])]
        if forcedTwitter { platform = .twitter }
        if forcedInstagram { platform = .instagram }
        let separator = platform == .instagram ? UInt8(ascii: ".") : UInt8(ascii: "_")
        var handle: [UInt8]
        switch random.below(4) {
        case 0: handle = first + [separator] + last
        case 1: handle = first + last
        case 2: handle = [first[0]] + last + [UInt8(ascii: "_")]
        default:
            handle = first + [separator] + last
            handle.appendDecimal(random.between(10, 99))
        }
        var key = platform.name + [UInt8(ascii: ":")] + handle
        while usedHandles.contains(key) {
            handle.appendDecimal(random.below(10))
            key = platform.name + [UInt8(ascii: ":")] + handle
        }
        usedHandles.insert(key)
        var followers: Int
        switch random.weighted([55, 25, 14, 5, 1]) {
        case 0: followers = random.between(3, 499)
        case 1: followers = random.between(500, 1_999)
        case 2: followers = random.between(2_000, 9_999)
        case 3: followers = random.between(10_000, 49_999)
        default: followers = random.between(50_000, 480_000)
        }
        if forcedTwitter || forcedInstagram { followers = random.between(12_000, 250_000) }
        if forcedNearReach { followers = random.between(8_000, 9_900) }
        return SocialAccount(platform: platform, handle: handle, followers: Int32(followers))
    }
}
