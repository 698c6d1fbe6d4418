/// Support episodes: self-service first, then maybe a contact, a survey and a return.
extension JourneyPlanner {
    /// Help pages, maybe a contact (if the household's contacts stay spaced), then maybe a survey and a return.
    ///
    /// Without a purchase (`nil`), the episode is about the product or the account: a fault, a login problem.
    mutating func planSupport(
        of person: Person, purchase: Session?, ledger: inout HouseholdLedger, random: inout RandomSource
    ) {
        let topic =
            purchase == nil ? random.weighted([0, 0, 0, 0, 6, 4, 0]) : random.weighted([30, 14, 20, 10, 12, 5, 9])
        let concernsOrder = SupportCatalog.topics[topic].concernsOrder
        let order = purchase?.order ?? -1
        let product = purchase.map { Int16($0.detail) } ?? Int16(random.below(6))
        let issueTime =
            purchase.map { $0.start + random.between(Self.day, 8 * Self.day) }
            ?? period.dayStart(random.below(period.days)) + random.between(0, Self.day - 1)
        guard let issue = within(issueTime) else { return }
        let isAppUser = person.hasApp || person.usesSharedTablet
        if random.chance(0.7) {
            var help = Session(start: issue, person: person.index, kind: .selfService, seed: random.nextSeed())
            help.detail = Int16(topic)
            help.order = concernsOrder ? order : -1
            if isAppUser && random.chance(0.3) {
                help.flags.insert(.inApp)
                if person.customerNumber >= 0 { help.flags.insert(.signedIn) }
                if usesTablet(person, &random) { help.flags.insert(.onSharedTablet) }
            } else if person.customerNumber >= 0 && random.chance(person.webLoginRate) {
                help.flags.insert(.signedIn)
            }
            ledger.add(help)
        }
        guard random.chance(0.8) else { return }
        var contact = Session(start: issue, person: person.index, kind: .call, seed: random.nextSeed())
        contact.detail = Int16(topic)
        contact.secondDetail = product
        contact.order = concernsOrder ? order : -1
        switch random.weighted([30, 20, 10, 30, 10]) {
        case 0 where person.primaryEmail != nil: contact.kind = .ticket
        case 1 where person.primaryEmail != nil:
            contact.kind = .ticket
            contact.variant = TicketChannel.webForm.rawValue
        case 2 where person.primaryEmail != nil:
            contact.kind = .ticket
            contact.variant = TicketChannel.chat.rawValue
        case 4 where isAppUser:
            contact.kind = .appChat
            if person.customerNumber >= 0 { contact.flags.insert(.signedIn) }
            if usesTablet(person, &random) { contact.flags.insert(.onSharedTablet) }
        default:
            contact.variant = UInt8(random.weighted([60, 15, 12, 13]))
        }
        // People call during contact-center hours; they write at any time.
        let plannedContact =
            contact.kind == .call
            ? time(onDay: dayIndex(issue) + random.below(2), profile: HourProfile.office, person, &random)
            : within(issue + random.between(20 * 60, 20 * Self.hour))
        guard let contactStart = plannedContact, ledger.allowsContact(at: contactStart) else { return }
        contact.start = contactStart
        contact.mood = mood(person, &random)
        ledger.add(contact)
        if (person.primaryEmail != nil || person.customerNumber >= 0) && random.chance(0.35),
            let surveyStart = within(contactStart + random.between(Self.day, 3 * Self.day))
        {
            var weights = person.moodWeights
            weights[0] += 3
            let surveyMood = Mood(rawValue: UInt8(random.weighted(weights))) ?? .neutral
            ledger.add(
                survey(person, start: surveyStart, kind: .postSupport, order: contact.order, mood: surveyMood, &random))
        }
        guard let purchase, [1, 2, 4].contains(topic), random.chance(0.4) else { return }
        let inStore = purchase.kind == .storePurchase || person.customerNumber < 0 || random.chance(0.3)
        let returnDay = dayIndex(contactStart) + random.between(1, 5)
        let plannedReturn =
            inStore
            ? time(onDay: returnDay, profile: HourProfile.store, person, &random)
            : within(contactStart + random.between(2 * Self.day, 6 * Self.day))
        guard let returnStart = plannedReturn else { return }
        var refund = Session(
            start: returnStart, person: person.index, kind: inStore ? .storeReturn : .appRefund, seed: random.nextSeed()
        )
        refund.order = purchase.order
        refund.detail = purchase.detail
        ledger.add(refund)
    }
}
