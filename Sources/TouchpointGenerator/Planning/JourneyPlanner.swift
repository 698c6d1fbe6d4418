/// Plans every session of every household: purchase journeys, casual browsing, emails, surveys, posts, support,
/// and the planted incidents.
///
/// A journey follows the stages of the customer-experience literature: research (search, categories, product pages)
/// over a few days, comparison (reviews, compare pages), a purchase on the web, in the app or in a store, then
/// sometimes a survey, a post, or a support episode (help pages, a contact, a return). Counts scale with the
/// person's activity and the period length; the model averages about 50 records per person over 30 days.
package struct JourneyPlanner {
    let period: GenerationPeriod
    let seed: UInt64
    /// Orders placed so far, shared with the renderers.
    package internal(set) var orders: OrderBook
    /// Planted incident per household (index into `Population.incidents`), or -1.
    private let incidentOfHousehold: [Int32]
    private let scale: Double

    static let hour = CivilTime.secondsPerHour
    static let day = CivilTime.secondsPerDay

    package init(period: GenerationPeriod, seed: UInt64, population: Population) {
        self.period = period
        self.seed = seed
        orders = OrderBook(seed: seed)
        var incidentOfHousehold = [Int32](repeating: -1, count: population.households.count)
        for (index, incident) in population.incidents.enumerated() {
            incidentOfHousehold[Int(incident.household)] = Int32(index)
        }
        self.incidentOfHousehold = incidentOfHousehold
        scale = Double(period.days) / 30
    }

    /// All sessions of one household, planted incident first, in planning order.
    package mutating func plan(_ household: Household, population: Population) -> [Session] {
        let incidentIndex = incidentOfHousehold[Int(household.index)]
        // A planted household is quiet: score's customer figures (index, tier, churn risk, misses in a row) then
        // come from the planted records alone, whatever else the household does.
        var ledger = HouseholdLedger(isQuiet: incidentIndex >= 0)
        if incidentIndex >= 0 {
            let incident = population.incidents[Int(incidentIndex)]
            var random = RandomSource(seed: seed, stream: .incidents, index: UInt64(incidentIndex) | 1 << 40)
            plant(
                incident, index: Int16(incidentIndex), person: population.people[Int(incident.person)],
                ledger: &ledger, random: &random)
        }
        for member in household.members {
            var random = RandomSource(seed: seed, stream: .planning, index: UInt64(member))
            let firstIndex = ledger.sessions.count
            planJourney(of: population.people[Int(member)], ledger: &ledger, random: &random)
            ledger.markFirstSignedInAppSession(of: member, from: firstIndex)
        }
        ledger.settleSurveyMoods()
        ledger.addTicketUpdates(period: period)
        return ledger.sessions
    }
    // MARK: - Ordinary journeys

    private mutating func planJourney(of person: Person, ledger: inout HouseholdLedger, random: inout RandomSource) {
        let days = period.days
        for _ in 0..<random.count(mean: 1.3 * person.activity * scale) {
            planPurchaseCycle(of: person, ledger: &ledger, random: &random)
        }
        for _ in 0..<random.count(mean: 0.9 * person.activity * scale) {
            planRoutinePurchase(of: person, ledger: &ledger, random: &random)
        }
        for _ in 0..<random.count(mean: 0.15 * scale) {
            planSupport(of: person, purchase: nil, ledger: &ledger, random: &random)
        }
        for _ in 0..<random.count(mean: 2.6 * person.activity * scale) {
            let stage: JourneyStage = random.chance(0.7) ? .research : .comparison
            if let start = time(onDay: random.below(days), profile: HourProfile.browse, person, &random) {
                ledger.add(browse(person, start: start, stage: stage, product: randomProduct(&random), &random))
            }
        }
        if person.subscribed { planCampaignEmails(of: person, ledger: &ledger, random: &random) }
        if (person.primaryEmail != nil || person.customerNumber >= 0) && random.chance(0.12 * scale),
            let start = time(onDay: random.below(days), profile: HourProfile.browse, person, &random)
        {
            ledger.add(
                survey(person, start: start, kind: .relationship, order: -1, mood: mood(person, &random), &random))
        }
        if let social = person.social {
            for _ in 0..<random.count(mean: 0.8 * scale) {
                guard let start = time(onDay: random.below(days), profile: HourProfile.social, person, &random) else {
                    continue
                }
                ledger.add(post(person, social, start: start, product: randomProduct(&random), &random))
            }
        }
        if person.previousAddress != nil, person.customerNumber >= 0, person.hasApp || person.usesSharedTablet,
            random.chance(0.7), let start = within(person.moveTime + random.between(0, 2 * Self.day))
        {
            var update = Session(start: start, person: person.index, kind: .profileUpdate, seed: random.nextSeed())
            update.flags = [.signedIn]
            ledger.add(update)
        }
    }

    /// Research, comparison, maybe a purchase, and what follows a purchase.
    private mutating func planPurchaseCycle(
        of person: Person, ledger: inout HouseholdLedger, random: inout RandomSource
    ) {
        let product = randomProduct(&random)
        let firstDay = random.below(period.days)
        var lastDay = firstDay
        for _ in 0..<random.between(1, 3) {
            let day = firstDay + random.below(3)
            if let start = time(onDay: day, profile: HourProfile.browse, person, &random) {
                ledger.add(browse(person, start: start, stage: .research, product: product, &random))
                lastDay = max(lastDay, day)
            }
        }
        for _ in 0..<random.below(3) {
            let day = firstDay + 1 + random.below(4)
            if let start = time(onDay: day, profile: HourProfile.browse, person, &random) {
                ledger.add(browse(person, start: start, stage: .comparison, product: product, &random))
                lastDay = max(lastDay, day)
            }
        }
        guard random.chance(0.75),
            let purchase = addPurchase(
                person, onDay: lastDay + 1 + random.below(4), product: product, storeShare: person.storeShare,
                ledger: &ledger, &random)
        else { return }
        let start = purchase.start
        if (person.primaryEmail != nil || person.customerNumber >= 0) && random.chance(0.3),
            let surveyStart = within(start + random.between(Self.day, 5 * Self.day))
        {
            ledger.add(
                survey(
                    person, start: surveyStart, kind: .postPurchase, order: purchase.order, mood: mood(person, &random),
                    &random))
        }
        if random.chance(0.35) {
            planSupport(of: person, purchase: purchase, ledger: &ledger, random: &random)
        }
        if let social = person.social, random.chance(0.2),
            let postStart = within(start + random.between(Self.day, 4 * Self.day))
        {
            ledger.add(post(person, social, start: postStart, product: product, &random))
        }
    }

    /// A refill bought without research: beans, descaler, a mug; often in a store.
    private mutating func planRoutinePurchase(
        of person: Person, ledger: inout HouseholdLedger, random: inout RandomSource
    ) {
        let product = random.pick(Self.routineProducts)
        guard
            let purchase = addPurchase(
                person, onDay: random.below(period.days), product: product, storeShare: max(0.5, person.storeShare),
                ledger: &ledger, &random)
        else { return }
        if (person.primaryEmail != nil || person.customerNumber >= 0) && random.chance(0.15),
            let surveyStart = within(purchase.start + random.between(Self.day, 5 * Self.day))
        {
            ledger.add(
                survey(
                    person, start: surveyStart, kind: .postPurchase, order: purchase.order, mood: mood(person, &random),
                    &random))
        }
    }

    /// Products bought again and again.
    static let routineProducts = [3, 10, 11, 11, 12, 12, 26, 27, 28]

    /// Adds a purchase in a store, the app or on the web, unless its time falls outside the period or inside the
    /// blocked window of a planted detractor survey, or it would take the household to the high tier.
    mutating func addPurchase(
        _ person: Person, onDay day: Int, product: Int, storeShare: Double, ledger: inout HouseholdLedger,
        _ random: inout RandomSource
    ) -> Session? {
        let isAppUser = person.hasApp || person.usesSharedTablet
        let kind: SessionKind =
            random.chance(storeShare)
            ? .storePurchase : (isAppUser && random.chance(person.appShare) ? .appPurchase : .webPurchase)
        let profile = kind == .storePurchase ? HourProfile.store : HourProfile.browse
        let cents = orders.totalCentsOfNextOrder(product: product, region: person.region)
        guard let start = time(onDay: day, profile: profile, person, &random),
            ledger.allowsPurchase(at: start, cents: cents)
        else {
            return nil
        }
        var purchase = Session(start: start, person: person.index, kind: kind, seed: random.nextSeed())
        purchase.detail = Int16(product)
        purchase.order = orders.add(product: product)
        switch kind {
        case .webPurchase where person.customerNumber >= 0 && random.chance(0.85): purchase.flags.insert(.signedIn)
        case .appPurchase:
            if person.customerNumber >= 0 && random.chance(0.95) { purchase.flags.insert(.signedIn) }
            if usesTablet(person, &random) { purchase.flags.insert(.onSharedTablet) }
        default: break
        }
        ledger.add(purchase, purchaseCents: cents)
        return purchase
    }
    /// Weekly marketing emails, some opened, some clicked through to the shop; unsubscribing ends them.
    private mutating func planCampaignEmails(
        of person: Person, ledger: inout HouseholdLedger, random: inout RandomSource
    ) {
        var week = 0
        while 1 + 7 * week < period.days {
            defer { week += 1 }
            guard let sent = time(onDay: 1 + 7 * week, profile: HourProfile.email, person, &random) else { continue }
            let campaign = Int16(week % CampaignCatalog.marketing.count)
            var email = Session(start: sent, person: person.index, kind: .campaignEmail, seed: random.nextSeed())
            email.detail = campaign
            email.secondDetail = Int16(week)
            ledger.add(email)
            guard random.chance(0.35), let opened = within(sent + random.between(600, 30 * Self.hour)) else { continue }
            var engagement = Session(
                start: opened, person: person.index, kind: .emailEngagement, seed: random.nextSeed())
            engagement.detail = campaign
            engagement.secondDetail = Int16(week)
            let clicked = random.chance(0.3)
            let unsubscribed = random.chance(0.03)
            engagement.variant =
                (clicked ? EmailEngagement.clicked : 0) | (unsubscribed ? EmailEngagement.unsubscribed : 0)
            ledger.add(engagement)
            if clicked, !unsubscribed, let visit = within(opened + random.between(90, 180)) {
                var session = browse(person, start: visit, stage: .research, product: randomProduct(&random), &random)
                if session.kind == .webBrowse {
                    session.flags.insert(.fromEmail)
                    session.secondDetail = campaign
                }
                ledger.add(session)
            }
            if unsubscribed { return }
        }
    }

    // MARK: - Session builders

    func browse(
        _ person: Person, start: Int64, stage: JourneyStage, product: Int, _ random: inout RandomSource
    ) -> Session {
        let inApp = (person.hasApp || person.usesSharedTablet) && random.chance(person.appShare)
        var session = Session(
            start: start, person: person.index, kind: inApp ? .appBrowse : .webBrowse, seed: random.nextSeed())
        session.variant = stage.rawValue
        session.detail = Int16(product)
        if inApp {
            if person.customerNumber >= 0 && random.chance(0.85) { session.flags.insert(.signedIn) }
            if usesTablet(person, &random) { session.flags.insert(.onSharedTablet) }
        } else if person.customerNumber >= 0 && random.chance(person.webLoginRate) {
            session.flags.insert(.signedIn)
        }
        return session
    }

    func survey(
        _ person: Person, start: Int64, kind: SurveyKind, order: Int32, mood: Mood, _ random: inout RandomSource
    ) -> Session {
        var session = Session(start: start, person: person.index, kind: .survey, seed: random.nextSeed())
        session.variant = kind.rawValue
        session.order = order
        session.mood = mood
        session.detail = Int16(order >= 0 ? orders.product(of: order) : random.below(ProductCatalog.products.count))
        return session
    }

    /// A post; accounts with 10,000 followers or more never post negatively outside planted incidents.
    func post(
        _ person: Person, _ social: SocialAccount, start: Int64, product: Int, _ random: inout RandomSource
    ) -> Session {
        var session = Session(start: start, person: person.index, kind: .socialPost, seed: random.nextSeed())
        session.mood = mood(person, &random)
        if session.mood == .negative && social.followers >= 10_000 {
            session.mood = random.chance(0.5) ? .neutral : .positive
        }
        session.detail = Int16(product)
        return session
    }

    func mood(_ person: Person, _ random: inout RandomSource) -> Mood {
        Mood(rawValue: UInt8(random.weighted(person.moodWeights))) ?? .neutral
    }

    func usesTablet(_ person: Person, _ random: inout RandomSource) -> Bool {
        person.usesSharedTablet && (!person.hasApp || random.chance(0.3))
    }

    func randomProduct(_ random: inout RandomSource) -> Int {
        // The first products (espresso machines, grinders) are the shop's best sellers.
        random.chance(0.3) ? random.below(6) : random.below(ProductCatalog.products.count)
    }

    /// A random product whose next order keeps the household below the high tier (planted purchases too: only a
    /// high-value incident may reach it); the descaler if twenty draws find none.
    func affordableProduct(_ person: Person, ledger: HouseholdLedger, _ random: inout RandomSource) -> Int {
        for _ in 0..<20 {
            let product = random.below(ProductCatalog.products.count)
            let cents = orders.totalCentsOfNextOrder(product: product, region: person.region)
            if ledger.purchasedCents + cents < HouseholdLedger.valueCapCents { return product }
        }
        return 10
    }

    /// A planted purchase of `product` in the store at `start`, its order registered, showing `flags`.
    mutating func plantedStorePurchase(
        _ person: Person, product: Int, at start: Int64, flags: SessionFlags, index: Int16,
        ledger: inout HouseholdLedger, random: inout RandomSource
    ) -> Session {
        var purchase = Session(start: start, person: person.index, kind: .storePurchase, seed: random.nextSeed())
        purchase.incident = index
        purchase.detail = Int16(product)
        purchase.flags = flags
        let cents = orders.totalCentsOfNextOrder(product: product, region: person.region)
        purchase.order = orders.add(product: product)
        ledger.add(purchase, purchaseCents: cents)
        return purchase
    }

    // MARK: - Time

    /// A start at a plausible local hour on day `day` of the period, or nil if it falls outside the period.
    func time(onDay day: Int, profile: [Int], _ person: Person, _ random: inout RandomSource) -> Int64? {
        guard day >= 0, day < period.days else { return nil }
        let localHour = Int64(random.weighted(profile))
        let start =
            period.dayStart(day) + localHour * Self.hour + Int64(random.below(3_600))
            - person.region.approximateOffsetSeconds
        return within(start)
    }

    /// A start on a day in `firstDay...lastDay`, retried until it lies in the period (planted incidents must exist).
    func time(
        onDayBetween firstDay: Int, _ lastDay: Int, profile: [Int], _ person: Person, _ random: inout RandomSource
    ) -> Int64 {
        let low = max(0, min(firstDay, lastDay))
        let high = max(low, lastDay)
        for _ in 0..<50 {
            if let start = time(onDay: random.between(low, high), profile: profile, person, &random) { return start }
        }
        return period.dayStart(high) + 12 * Self.hour
    }

    /// `time` if a session may start then (inside the period with an hour to spare), else nil.
    func within(_ time: Int64) -> Int64? {
        time >= period.start && time <= period.latestSessionStart ? time : nil
    }

    func dayIndex(_ time: Int64) -> Int {
        Int((time - period.start) / Self.day)
    }
}
