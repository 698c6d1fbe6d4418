/// Near-misses: look-alikes of each planted incident that stay just short of the rule's threshold, so a stage that
/// loosened a rule (a wider window, a lower count, `>=` for `>`) raises alerts nobody planted.
extension JourneyPlanner {
    mutating func plantNearMiss(
        _ incident: PlantedIncident, index: Int16, person: Person, ledger: inout HouseholdLedger,
        random: inout RandomSource
    ) {
        switch incident.rule {
        case .detractorAfterPurchase:
            plantPassiveAfterPurchase(index: index, person: person, ledger: &ledger, random: &random)
        case .repeatContact:
            plantTwoTickets(index: index, person: person, ledger: &ledger, random: &random)
        case .negativeSocialHighReach:
            plantNegativePost(index: index, person: person, ledger: &ledger, random: &random)
        case .highValueExperienceDrop:
            plantReturnAfterPurchases(
                products: Self.lowValueBasket, index: index, person: person, ledger: &ledger, random: &random)
        case .callWaitMissedTwice:
            plantTwoCalls(second: .waitJustInside, index: index, person: person, ledger: &ledger, random: &random)
        case .churnRiskRising:
            plantLateDetractor(shape: .mildDetractor, index: index, person: person, ledger: &ledger, random: &random)
        case .complaintUnresolved:
            plantTicket(solved: .solvedJustInside, index: index, person: person, ledger: &ledger, random: &random)
        }
    }

    /// A till sale showing the email, then 4–30 hours later a post-purchase survey with that email answered NPS 7:
    /// a passive, one point above the detractor rule's 0–6.
    private mutating func plantPassiveAfterPurchase(
        index: Int16, person: Person, ledger: inout HouseholdLedger, random: inout RandomSource
    ) {
        let flags: SessionFlags = [.linkageFixed, .carriesEmail]
        let day = random.between(1, max(1, period.days - 3))
        let start = time(onDayBetween: day, day, profile: HourProfile.store, person, &random)
        let purchase = plantedStorePurchase(
            person, product: affordableProduct(person, ledger: ledger, &random), at: start, flags: flags, index: index,
            ledger: &ledger, random: &random)
        var answer = survey(
            person, start: start + random.between(4 * Self.hour, 29 * Self.hour), kind: .postPurchase,
            order: purchase.order, mood: .neutral, &random)
        answer.shape = .passive
        answer.flags = flags
        answer.incident = index
        ledger.add(answer)
    }

    /// Two tickets from one email on consecutive days: one contact short of the repeat-contact rule's three.
    private mutating func plantTwoTickets(
        index: Int16, person: Person, ledger: inout HouseholdLedger, random: inout RandomSource
    ) {
        let firstDay = random.between(1, max(1, period.days - 3))
        let product = random.below(3)
        for (offset, channel) in [TicketChannel.email, .webForm].enumerated() {
            let day = firstDay + offset
            let start = time(onDayBetween: day, day, profile: HourProfile.office, person, &random)
            var ticket = Session(start: start, person: person.index, kind: .ticket, seed: random.nextSeed())
            ticket.variant = channel.rawValue
            ticket.flags = [.linkageFixed, .carriesEmail]
            ticket.incident = index
            ticket.shape = .solvedAtOnce
            ticket.detail = 4
            ticket.secondDetail = Int16(product)
            ticket.mood = .negative
            ledger.add(ticket)
        }
    }
}
