/// Planting: the incidents each alert rule must raise, placed before the household's ordinary journeys so that
/// those can keep away from them (`HouseholdLedger`).
extension JourneyPlanner {
    mutating func plant(
        _ incident: PlantedIncident, index: Int16, person: Person, ledger: inout HouseholdLedger,
        random: inout RandomSource
    ) {
        if incident.isNearMiss {
            plantNearMiss(incident, index: index, person: person, ledger: &ledger, random: &random)
            return
        }
        switch incident.rule {
        case .detractorAfterPurchase:
            plantDetractor(variant: incident.variant, index: index, person: person, ledger: &ledger, random: &random)
        case .repeatContact:
            plantRepeatContact(
                variant: incident.variant, index: index, person: person, ledger: &ledger, random: &random)
        case .negativeSocialHighReach:
            plantNegativePost(index: index, person: person, ledger: &ledger, random: &random)
        case .highValueExperienceDrop:
            plantReturnAfterPurchases(
                products: Self.highValueBasket, index: index, person: person, ledger: &ledger, random: &random)
        case .callWaitMissedTwice:
            plantTwoCalls(second: .missedWait, index: index, person: person, ledger: &ledger, random: &random)
        case .churnRiskRising:
            plantLateDetractor(shape: .strongDetractor, index: index, person: person, ledger: &ledger, random: &random)
        case .complaintUnresolved:
            plantTicket(solved: .solvedLate, index: index, person: person, ledger: &ledger, random: &random)
        }
    }

    /// One ticket from the person's email, opened at least three days before the period ends (so the rule's 48
    /// hours pass inside it) and solved as `solved` says (`HouseholdLedger.addTicketUpdates`).
    mutating func plantTicket(
        solved: PlantedShape, index: Int16, person: Person, ledger: inout HouseholdLedger,
        random: inout RandomSource
    ) {
        let day = random.between(0, max(0, period.days - 4))
        let start = time(onDayBetween: day, day, profile: HourProfile.office, person, &random)
        var ticket = Session(start: start, person: person.index, kind: .ticket, seed: random.nextSeed())
        ticket.variant = random.chance(0.5) ? TicketChannel.email.rawValue : TicketChannel.webForm.rawValue
        ticket.flags = [.linkageFixed, .carriesEmail]
        ticket.shape = solved
        ticket.incident = index
        ticket.detail = 4
        ticket.secondDetail = Int16(random.below(3))
        ticket.mood = .negative
        ledger.add(ticket)
    }

    /// A clearly negative post; the person's account (forced by the incident's requirements) sets the reach.
    mutating func plantNegativePost(
        index: Int16, person: Person, ledger: inout HouseholdLedger, random: inout RandomSource
    ) {
        let start = time(onDayBetween: 0, period.days - 1, profile: HourProfile.social, person, &random)
        var post = Session(start: start, person: person.index, kind: .socialPost, seed: random.nextSeed())
        post.mood = .negative
        post.incident = index
        post.detail = Int16(random.below(ProductCatalog.products.count))
        ledger.add(post)
    }

    /// A purchase, then within 4–30 hours a post-purchase survey with NPS 0–4 that links to it.
    private mutating func plantDetractor(
        variant: Int, index: Int16, person: Person, ledger: inout HouseholdLedger, random: inout RandomSource
    ) {
        let inStore = variant == 0 || variant == 3
        let purchaseStart = time(
            onDayBetween: variant == 3 ? 2 : 1, period.days - 3,
            profile: inStore ? HourProfile.store : HourProfile.browse,
            person, &random)
        let product = affordableProduct(person, ledger: ledger, &random)
        var purchase = Session(
            start: purchaseStart, person: person.index,
            kind: inStore ? .storePurchase : (variant == 1 ? .appPurchase : .webPurchase), seed: random.nextSeed())
        purchase.incident = index
        purchase.detail = Int16(product)
        purchase.order = orders.add(product: product)
        var survey = Session(
            start: purchaseStart + random.between(4 * Self.hour, 29 * Self.hour), person: person.index, kind: .survey,
            seed: random.nextSeed())
        survey.variant = SurveyKind.postPurchase.rawValue
        survey.mood = .negative
        survey.incident = index
        survey.order = purchase.order
        survey.detail = Int16(product)
        switch variant {
        case 0:
            purchase.flags = [.linkageFixed, .carriesEmail]
            if person.loyaltyNumber >= 0 { purchase.flags.insert(.carriesLoyaltyID) }
            survey.flags = [.linkageFixed, .carriesEmail]
        case 1:
            purchase.flags = [.signedIn]
            survey.flags = [.linkageFixed, .carriesCustomerID]
        case 2:
            purchase.flags = [.signedIn]
            survey.flags = [.linkageFixed, .carriesCustomerID, .carriesEmail]
        default:
            purchase.flags = [.linkageFixed, .carriesLoyaltyID, .carriesPhone]
            survey.flags = [.linkageFixed, .carriesEmail]
            let linkStart = max(
                period.start + Self.hour, purchaseStart - random.between(26 * Self.hour, 50 * Self.hour))
            var link = Session(start: linkStart, person: person.index, kind: .profileUpdate, seed: random.nextSeed())
            link.flags = [.linkageFixed, .carriesEmail, .carriesPhone, .carriesCustomerID, .signedIn]
            ledger.add(link)
        }
        ledger.add(purchase, purchaseCents: orders.totalCents(of: purchase.order, region: person.region))
        ledger.add(survey)
        ledger.blockPurchases(around: survey.start)
    }

    /// Three support contacts within about three days, linked by a shared identifier or a chain.
    private mutating func plantRepeatContact(
        variant: Int, index: Int16, person: Person, ledger: inout HouseholdLedger, random: inout RandomSource
    ) {
        // Contacts on three consecutive working days (the third maybe a day later): at most five days apart,
        // well inside the rule's 168 hours, and always in contact-center hours.
        let firstDay = random.between(min(variant == 2 ? 3 : 1, period.days - 6), period.days - 6)
        let first = time(onDayBetween: firstDay, firstDay, profile: HourProfile.office, person, &random)
        let second = time(onDayBetween: firstDay + 1, firstDay + 1, profile: HourProfile.office, person, &random)
        let thirdDay = firstDay + 2 + random.below(2)
        let third = time(onDayBetween: thirdDay, thirdDay, profile: HourProfile.office, person, &random)
        var topic = 4
        var order: Int32 = -1
        var product = affordableProduct(person, ledger: ledger, &random)
        let purchaseStart = first - random.between(2 * Self.day, 5 * Self.day)
        if purchaseStart >= period.start + Self.hour {
            topic = 0
            order = orders.add(product: product)
            var purchase = Session(
                start: purchaseStart, person: person.index, kind: random.chance(0.5) ? .storePurchase : .webPurchase,
                seed: random.nextSeed())
            purchase.order = order
            purchase.detail = Int16(product)
            if person.customerNumber >= 0 && random.chance(0.8) { purchase.flags.insert(.signedIn) }
            ledger.add(purchase, purchaseCents: orders.totalCents(of: order, region: person.region))
        } else {
            product = random.below(3)
        }
        if variant == 2 {
            let linkStart = max(period.start + Self.hour, first - random.between(26 * Self.hour, 50 * Self.hour))
            var link = Session(start: linkStart, person: person.index, kind: .profileUpdate, seed: random.nextSeed())
            link.flags = [.linkageFixed, .carriesEmail, .carriesCustomerID, .signedIn]
            ledger.add(link)
        }
        let plans: [(kind: SessionKind, variant: UInt8, flags: SessionFlags)]
        switch variant {
        case 0:
            plans = [
                (.ticket, TicketChannel.email.rawValue, [.carriesEmail]),
                (.ticket, TicketChannel.webForm.rawValue, [.carriesEmail]),
                (.ticket, TicketChannel.email.rawValue, [.carriesEmail]),
            ]
        case 1:
            plans = [
                (.call, CallDisposition.callback.rawValue, [.carriesPhone]),
                (.call, CallDisposition.escalated.rawValue, [.carriesPhone]),
                (.call, CallDisposition.resolved.rawValue, [.carriesPhone]),
            ]
        default:
            plans = [
                (.ticket, TicketChannel.email.rawValue, [.carriesEmail]),
                (.call, CallDisposition.escalated.rawValue, [.carriesCustomerID, .carriesPhone]),
                (.ticket, TicketChannel.webForm.rawValue, [.carriesEmail]),
            ]
        }
        for (start, plan) in zip([first, second, third], plans) {
            var contact = Session(start: start, person: person.index, kind: plan.kind, seed: random.nextSeed())
            contact.variant = plan.variant
            contact.flags = plan.flags.union(.linkageFixed)
            // By the third contact the customer has given the order and the problem twice already, and says so.
            if start == third { contact.flags.insert(.repeatsInformation) }
            contact.incident = index
            if plan.kind == .ticket { contact.shape = .solvedAtOnce }
            contact.detail = Int16(topic)
            contact.secondDetail = Int16(product)
            contact.order = order
            contact.mood = .negative
            ledger.add(contact)
        }
    }
}
