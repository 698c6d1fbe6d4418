/// Planting for the rules that read score's customer figures (tier and experience index, misses in a row, churn
/// risk), and their near-misses. Like every planted household, the incident's is quiet (`HouseholdLedger`), so
/// the figures come from the planted records alone and the margins below hold in any arrival order.
extension JourneyPlanner {
    /// An espresso machine, a bean-to-cup machine and a stand mixer: over 1,600 in either currency, and over
    /// 1,300 after the mixer goes back, so the buyer is in score's high tier (1,000) whatever else happens.
    static let highValueBasket = [2, 0, 16]
    /// A blender and a knife block: under 500 with any accessories, a customer nowhere near the high tier.
    static let lowValueBasket = [14, 23]

    /// Till sales of `products` on consecutive days, then 1–3 days later the last one returned, each showing the
    /// loyalty card and the email. The return is the customer's only experience (score's return value, -25), so
    /// the experience index goes from none to -25, below the rule's -20; tier high or not decides.
    mutating func plantReturnAfterPurchases(
        products: [Int], index: Int16, person: Person, ledger: inout HouseholdLedger, random: inout RandomSource
    ) {
        let flags: SessionFlags = [.linkageFixed, .carriesLoyaltyID, .carriesEmail]
        let firstDay = random.between(1, max(1, period.days - 10))
        var last = Session(start: 0, person: person.index, kind: .storePurchase, seed: 0)
        let reachesHighTier = products == Self.highValueBasket
        for (offset, listed) in products.enumerated() {
            // The low-value basket stays low even with doubled quantities and accessories.
            let cents = orders.totalCentsOfNextOrder(product: listed, region: person.region)
            let fits = ledger.purchasedCents + cents < HouseholdLedger.valueCapCents
            let product = reachesHighTier || fits ? listed : 10
            let day = firstDay + offset
            let start = time(onDayBetween: day, day, profile: HourProfile.store, person, &random)
            last = plantedStorePurchase(
                person, product: product, at: start, flags: flags, index: index, ledger: &ledger, random: &random)
        }
        let returnDay = firstDay + products.count + random.below(3)
        let start = time(onDayBetween: returnDay, returnDay, profile: HourProfile.store, person, &random)
        var refund = Session(start: start, person: person.index, kind: .storeReturn, seed: random.nextSeed())
        refund.incident = index
        refund.flags = flags
        refund.order = last.order
        refund.detail = last.detail
        ledger.add(refund)
    }

    /// Two calls from the person's mobile 2–4 days apart in contact-center hours: the first misses the wait
    /// expectation (300 s), the second shows `second` (missed again: the alert; just inside: the near-miss).
    mutating func plantTwoCalls(
        second: PlantedShape, index: Int16, person: Person, ledger: inout HouseholdLedger,
        random: inout RandomSource
    ) {
        let firstDay = random.between(1, max(1, period.days - 6))
        let days = [firstDay, firstDay + random.between(2, 4)]
        let product = random.below(6)
        for (position, day) in days.enumerated() {
            let start = time(onDayBetween: day, day, profile: HourProfile.office, person, &random)
            var call = Session(start: start, person: person.index, kind: .call, seed: random.nextSeed())
            call.variant = position == 0 ? CallDisposition.callback.rawValue : CallDisposition.resolved.rawValue
            call.flags = [.linkageFixed, .carriesPhone]
            call.shape = position == 0 ? .missedWait : second
            call.incident = index
            call.detail = 4
            call.secondDetail = Int16(product)
            ledger.add(call)
        }
    }

    /// A relationship survey answered as `shape` (a strong or a mild detractor) with the email, and, in periods of
    /// 20 days or more, a till sale with the same email 12–16 days before it (far outside the detractor rule's 7
    /// days; no other purchase of the household comes within 8 days of the survey).
    ///
    /// Churn risk at the answer (score's model): strong, -2.5 + 2.0 (index -100) + 1.5 (detractor) + 0.24–0.32
    /// (recency) gives 0.78–0.79, and 0.73 where the purchase arrives after the survey (file order) or there is
    /// none; mild (index about -46) gives 0.56–0.58, and 0.48 without recency.
    mutating func plantLateDetractor(
        shape: PlantedShape, index: Int16, person: Person, ledger: inout HouseholdLedger,
        random: inout RandomSource
    ) {
        let flags: SessionFlags = [.linkageFixed, .carriesEmail]
        var surveyDay = random.between(0, period.days - 1)
        if period.days >= 20 {
            let purchaseDay = random.between(0, period.days - 18)
            let start = time(onDayBetween: purchaseDay, purchaseDay, profile: HourProfile.store, person, &random)
            _ = plantedStorePurchase(
                person, product: random.pick(Self.routineProducts), at: start, flags: flags, index: index,
                ledger: &ledger, random: &random)
            surveyDay = min(period.days - 1, purchaseDay + random.between(12, 16))
        }
        let start = time(onDayBetween: surveyDay, surveyDay, profile: HourProfile.browse, person, &random)
        var answer = survey(person, start: start, kind: .relationship, order: -1, mood: .negative, &random)
        answer.shape = shape
        answer.flags = flags
        answer.incident = index
        ledger.add(answer)
        ledger.blockPurchases(around: answer.start)
    }
}
