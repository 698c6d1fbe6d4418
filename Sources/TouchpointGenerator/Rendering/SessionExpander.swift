/// Turns a planned session into its records, with their times and what each one is about.
///
/// Steps within a session are seconds to minutes apart and a session lasts well under an hour, which the planner's
/// margins rely on. Exactly one record of a planted session is marked as evidence: the purchase itself (not the
/// cart), the survey answer (not the invitation), each contact, the return, the post.
package struct SessionExpander {
    private let people: [Person]
    private let orders: OrderBook

    package init(people: [Person], orders: OrderBook) {
        self.people = people
        self.orders = orders
    }

    /// Appends the session's records to `touches`; `serial` numbers the session uniquely within the run.
    package func expand(_ session: Session, serial: UInt64, into touches: inout [Touch]) {
        var steps = StepWriter(session: session, serial: serial)
        let person = people[Int(session.person)]
        let hasEmail = person.primaryEmail != nil
        switch session.kind {
        case .webBrowse: expandWebBrowse(&steps)
        case .appBrowse: expandAppBrowse(&steps)
        case .webPurchase:
            steps.emit(.webProduct, item: session.detail)
            steps.advance(seconds: 20...200)
            steps.emit(.webCart)
            steps.advance(seconds: 20...200)
            steps.emit(.webCheckout)
            steps.advance(seconds: 30...240)
            steps.emit(.webCheckoutComplete, evidence: true)
            if hasEmail {
                steps.advance(seconds: 20...90)
                steps.emit(.emailSent, item: -1)
            }
        case .appPurchase:
            if session.flags.contains(.identifies) {
                steps.emit(.identify)
                steps.advance(seconds: 1...3)
            }
            steps.emit(.productViewed, item: session.detail)
            steps.advance(seconds: 10...120)
            steps.emit(.productAdded, item: session.detail)
            steps.advance(seconds: 10...120)
            steps.emit(.checkoutStarted)
            steps.advance(seconds: 30...240)
            steps.emit(.orderCompleted, evidence: true)
            if hasEmail {
                steps.advance(seconds: 20...90)
                steps.emit(.emailSent, item: -1)
            }
        case .storePurchase: steps.emit(.posSale, evidence: true)
        case .campaignEmail: steps.emit(.emailSent, item: session.detail)
        case .emailEngagement:
            steps.emit(.emailOpened, item: session.detail)
            if session.variant & EmailEngagement.clicked != 0 {
                steps.advance(seconds: 5...60)
                steps.emit(.emailLinkClicked, item: session.detail)
            }
            if session.variant & EmailEngagement.unsubscribed != 0 {
                steps.advance(seconds: 10...120)
                steps.emit(.unsubscribed, item: session.detail)
            }
        case .survey:
            if hasEmail {
                steps.emit(.emailSent, item: -2)
                steps.advance(seconds: 180...2_400)
            }
            steps.emit(.survey, evidence: true)
        case .selfService: expandSelfService(&steps)
        case .ticket: steps.emit(.ticket, evidence: true)
        // The update of a planted unresolved complaint (late, or just in time) is part of its incident.
        case .ticketUpdate:
            steps.emit(
                .ticketUpdate, evidence: session.shape == .solvedLate || session.shape == .solvedJustInside)
        case .call: steps.emit(.call, evidence: true)
        case .appChat: steps.emit(.liveChatMessageSent, evidence: true)
        case .storeReturn: steps.emit(.posReturn, evidence: true)
        case .appRefund: steps.emit(.orderRefunded, evidence: true)
        case .socialPost: steps.emit(.socialPost, evidence: true)
        case .profileUpdate: steps.emit(.identify)
        }
        touches.append(contentsOf: steps.touches)
    }

    // MARK: - Browsing

    private func expandWebBrowse(_ steps: inout StepWriter) {
        let session = steps.session
        let focus = Int(session.detail)
        let isComparison = session.variant == JourneyStage.comparison.rawValue
        let count = isComparison ? steps.random.between(3, 8) : steps.random.between(3, 9)
        var current = focus
        for index in 0..<count {
            if index > 0 { steps.advance(seconds: 8...150) }
            if index == 0 {
                if session.flags.contains(.fromEmail) || isComparison {
                    steps.emit(.webProduct, item: Int16(focus))
                } else {
                    switch steps.random.weighted([40, 30, 30]) {
                    case 0: steps.emit(.webSearch, item: Int16(steps.random.below(ProductCatalog.searchTerms.count)))
                    case 1: steps.emit(.webCategory, item: Int16(ProductCatalog.products[focus].category))
                    default: steps.emit(.webProduct, item: Int16(focus))
                    }
                }
                continue
            }
            let choice =
                isComparison ? steps.random.weighted([35, 30, 25, 10]) : steps.random.weighted([65, 12, 13, 10])
            switch (isComparison, choice) {
            case (_, 0):
                current = relatedProduct(to: focus, &steps.random)
                steps.emit(.webProduct, item: Int16(current))
            case (true, 1): steps.emit(.webReviews, item: Int16(current))
            case (true, 2):
                var other = relatedProduct(to: focus, &steps.random)
                if other == focus { other = (focus + 1) % ProductCatalog.products.count }
                steps.emit(.webCompare, item: Int16(focus), secondItem: Int16(other))
            case (false, 1): steps.emit(.webSearch, item: Int16(steps.random.below(ProductCatalog.searchTerms.count)))
            case (false, 2): steps.emit(.webCategory, item: Int16(ProductCatalog.products[current].category))
            default: steps.emit(.webReviews, item: Int16(current))
            }
        }
    }

    private func expandAppBrowse(_ steps: inout StepWriter) {
        let session = steps.session
        let focus = Int(session.detail)
        if session.flags.contains(.identifies) {
            steps.emit(.identify)
            steps.advance(seconds: 1...3)
        }
        steps.emit(.screenHome)
        let count = steps.random.between(2, 6)
        for index in 0..<count {
            steps.advance(seconds: 4...60)
            if index == 0 && session.variant == JourneyStage.research.rawValue {
                steps.emit(.productsSearched, item: Int16(steps.random.below(ProductCatalog.searchTerms.count)))
                continue
            }
            switch steps.random.weighted([70, 15, 15]) {
            case 0:
                steps.emit(.productViewed, item: Int16(index == 1 ? focus : relatedProduct(to: focus, &steps.random)))
            case 1: steps.emit(.productListFiltered, item: Int16(ProductCatalog.products[focus].category))
            default: steps.emit(.productsSearched, item: Int16(steps.random.below(ProductCatalog.searchTerms.count)))
            }
        }
    }

    private func expandSelfService(_ steps: inout StepWriter) {
        let session = steps.session
        let topic = SupportCatalog.topics[Int(session.detail)]
        let isReturn = session.detail == 1 || session.detail == 2
        if session.flags.contains(.inApp) {
            steps.emit(.helpPage, item: Int16(topic.helpTopic))
            if isReturn && topic.helpTopic != 1 {
                steps.advance(seconds: 15...120)
                steps.emit(.helpPage, item: 1)
            }
            return
        }
        steps.emit(.webHelp, item: Int16(topic.helpTopic))
        if session.order >= 0 {
            steps.advance(seconds: 15...120)
            steps.emit(.webAccountOrder)
        }
        if isReturn {
            steps.advance(seconds: 15...120)
            steps.emit(.webReturns)
        }
    }

    /// A product in the same category most of the time, like the "related products" strip does.
    private func relatedProduct(to product: Int, _ random: inout RandomSource) -> Int {
        let category = ProductCatalog.products[product].category
        if random.chance(0.7) {
            return random.pick(ProductCatalog.productsInCategory[category])
        }
        return random.below(ProductCatalog.products.count)
    }
}

/// Emits the steps of one session: advances the clock, numbers the steps, links each web page to the previous one.
private struct StepWriter {
    let session: Session
    let serial: UInt64
    var random: RandomSource
    var touches: [Touch] = []
    private var seconds: Int64
    private var previousPage: PageReference?

    init(session: Session, serial: UInt64) {
        self.session = session
        self.serial = serial
        random = RandomSource(seed: session.seed)
        seconds = session.start
    }

    mutating func advance(seconds range: ClosedRange<Int>) {
        seconds += Int64(random.between(range.lowerBound, range.upperBound))
    }

    mutating func emit(_ action: TouchAction, item: Int16 = 0, secondItem: Int16 = 0, evidence: Bool = false) {
        var touch = Touch(
            time: seconds * 1000 + Int64(random.below(1000)), sequence: serial << 8 | UInt64(touches.count),
            action: action, seed: random.nextSeed(), session: session)
        touch.item = item
        touch.secondItem = secondItem
        touch.isEvidence = evidence && session.incident >= 0
        touch.step = UInt8(truncatingIfNeeded: touches.count)
        if action.source == .web {
            touch.referrer = previousPage
            previousPage = PageReference(action: action, item: item, secondItem: secondItem)
        }
        touches.append(touch)
    }
}
