/// The planner's memory of one household while it plans the members' journeys: the sessions so far, and the times
/// that the avoidance invariants are checked against.
///
/// Invariants kept here (times are session starts; every record lies within an hour of its session's start):
/// - support contacts (tickets, calls, app chat) of the household are at least 10 days + 2 hours apart, except the
///   three contacts of a planted repeat-contact incident, which are themselves that far from every other contact;
/// - an unplanted survey with a negative mood is more than 8 days from every purchase of the household (the rule's
///   window is 48 hours; the brief asks for 7 days, and the extra day covers the hour of session length);
/// - no purchase of the household falls within 8 days of a planted detractor survey, except the planted purchase;
/// - the household buys for less than 1,000 (EUR or USD) in all, planted purchases included, so no profile reaches
///   score's high tier except a planted high-value customer's (whose household then buys nothing else);
/// - an unplanted survey with a negative mood is the household's only negative session: no support contact and no
///   other negative survey or post in the period, so in score's churn model a detractor's index is its own answer
///   (about -48 at worst) and never meets a contact;
/// - a quiet household (one with a planted incident or near-miss) has no unplanted session with an experience:
///   no survey, post, contact or return.
package struct HouseholdLedger {
    package private(set) var sessions: [Session] = []
    private var purchaseStarts: [Int64] = []
    private var contactStarts: [Int64] = []
    private var blockedPurchaseWindows: [ClosedRange<Int64>] = []
    /// Cents spent on every purchase of the household so far.
    package private(set) var purchasedCents = 0
    /// Drops every unplanted session with an experience (`SessionKind.carriesExperience`).
    private let isQuiet: Bool

    /// Total purchases a household stays below outside a planted high-value incident: score's `high_at_least`.
    package static let valueCapCents = 100_000

    /// Minimum distance between two support contacts of a household outside planted incidents.
    package static let contactSpacing: Int64 = 10 * CivilTime.secondsPerDay + 2 * CivilTime.secondsPerHour
    /// Minimum distance between an unplanted negative survey and any purchase of the household.
    package static let detractorDistance: Int64 = 8 * CivilTime.secondsPerDay

    package init(isQuiet: Bool = false) {
        self.isQuiet = isQuiet
    }

    /// Records a session (a purchase with its total), and its time if it is a purchase or a support contact; in a
    /// quiet household an unplanted session with an experience is left out.
    package mutating func add(_ session: Session, purchaseCents: Int = 0) {
        if isQuiet && session.incident < 0 && session.kind.carriesExperience { return }
        sessions.append(session)
        if session.kind.isPurchase { purchaseStarts.append(session.start) }
        if session.kind.isSupportContact { contactStarts.append(session.start) }
        purchasedCents += purchaseCents
    }

    /// Whether an unplanted purchase of `cents` may start at `time`: outside the window around a planted detractor
    /// survey, and keeping the household's total below the high tier.
    package func allowsPurchase(at time: Int64, cents: Int) -> Bool {
        purchasedCents + cents < Self.valueCapCents && !blockedPurchaseWindows.contains { $0.contains(time) }
    }

    /// Keeps every other purchase of the household away from a planted detractor survey.
    package mutating func blockPurchases(around surveyStart: Int64) {
        let margin = Self.detractorDistance + 2 * CivilTime.secondsPerHour
        blockedPurchaseWindows.append((surveyStart - margin)...(surveyStart + margin))
    }

    /// Whether a support contact may start at `time` without bringing contacts of the household too close.
    package func allowsContact(at time: Int64) -> Bool {
        contactStarts.allSatisfy { abs($0 - time) >= Self.contactSpacing }
    }

    /// Plans the solving update of every ticket: 1–40 hours after it was opened (inside the complaint rule's 48
    /// hours, and before the period ends, since the pipeline decides what is still open at its end), or as the
    /// ticket's planted shape says.
    package mutating func addTicketUpdates(period: GenerationPeriod) {
        let hour = CivilTime.secondsPerHour
        for ticket in sessions where ticket.kind == .ticket {
            var random = RandomSource(seed: ticket.seed ^ 0x7570_6461_7465)
            var solved: Int64
            switch ticket.shape {
            case .solvedLate: solved = ticket.start + random.between(56 * hour, 90 * hour)
            case .solvedJustInside: solved = ticket.start + random.between(40 * hour, 47 * hour)
            case .solvedAtOnce: solved = ticket.start + random.between(600, 3_000)
            default: solved = min(ticket.start + random.between(hour, 40 * hour), period.end - hour / 2)
            }
            // The update sorts after every record of the ticket's session and stays inside the period.
            solved = max(solved, ticket.start + 600)
            guard solved < period.end - hour / 4 else { continue }
            var update = Session(start: solved, person: ticket.person, kind: .ticketUpdate, seed: ticket.seed)
            update.incident = ticket.incident
            update.shape = ticket.shape
            update.flags = ticket.flags
            sessions.append(update)
        }
    }

    /// Marks the earliest signed-in app session of `person` (among sessions from `firstIndex` on) to begin with an
    /// `identify` call, as apps do at login.
    package mutating func markFirstSignedInAppSession(of person: Int32, from firstIndex: Int) {
        var earliest: Int?
        for index in firstIndex..<sessions.count {
            let session = sessions[index]
            guard session.person == person, session.kind == .appBrowse || session.kind == .appPurchase,
                session.flags.contains(.signedIn)
            else { continue }
            if earliest.map({ session.start < sessions[$0].start }) ?? true { earliest = index }
        }
        if let earliest { sessions[earliest].flags.insert(.identifies) }
    }

    /// Turns unplanted negative surveys into neutral ones where they ended up near a purchase of the household, or
    /// in a household with a support contact or another negative survey or post.
    ///
    /// Runs after every member is planned, because a purchase by one member may land next to another member's
    /// survey, and the invariant must hold even if the whole household is merged into one profile.
    package mutating func settleSurveyMoods() {
        let negativeSessions = sessions.filter {
            $0.mood == .negative && ($0.kind == .survey || $0.kind == .socialPost)
        }.count
        let hasContact = !contactStarts.isEmpty
        for index in sessions.indices where sessions[index].kind == .survey && sessions[index].incident < 0 {
            guard sessions[index].mood == .negative else { continue }
            let start = sessions[index].start
            let nearPurchase = purchaseStarts.contains { abs($0 - start) <= Self.detractorDistance }
            if nearPurchase || hasContact || negativeSessions > 1 { sessions[index].mood = .neutral }
        }
    }
}
