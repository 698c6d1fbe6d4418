/// The alert rules the pipeline implements, and the incidents the generator plants so each fires a known number
/// of times (and, beside them, near-misses that must not fire).
package enum AlertRule: UInt8, CaseIterable, Sendable {
    /// A survey with NPS 0–6 submitted within 7 days after a purchase by the same person.
    case detractorAfterPurchase
    /// Three or more support contacts (tickets or calls) by the same person within 7 days.
    case repeatContact
    /// A social post with clearly negative text from an account with 10,000 or more followers.
    case negativeSocialHighReach
    /// A high-value customer (bought for 1,000 or more) whose experience index falls below -20.
    case highValueExperienceDrop
    /// A second call in a row whose wait missed the expectation (more than 300 seconds).
    case callWaitMissedTwice
    /// A customer whose churn risk rises above 0.7.
    case churnRiskRising
    /// A ticket not solved within 48 hours of being opened.
    case complaintUnresolved

    /// The rule id as written in ground truth (`detractor-after-purchase` …).
    package var identifier: String {
        switch self {
        case .detractorAfterPurchase: return "detractor-after-purchase"
        case .repeatContact: return "repeat-contact"
        case .negativeSocialHighReach: return "negative-social-high-reach"
        case .highValueExperienceDrop: return "high-value-experience-drop"
        case .callWaitMissedTwice: return "call-wait-missed-twice"
        case .churnRiskRising: return "churn-risk-rising"
        case .complaintUnresolved: return "complaint-unresolved"
        }
    }

    /// Planted incidents per 100 people.
    package var ratePerHundred: Int {
        switch self {
        case .detractorAfterPurchase, .repeatContact: return 2
        default: return 1
        }
    }

    /// How many variants the planner knows for this rule (they differ in channels and in how records link).
    package var variantCount: Int {
        switch self {
        case .detractorAfterPurchase: return 4
        case .repeatContact: return 3
        case .negativeSocialHighReach: return 2
        default: return 1
        }
    }

    /// Incidents to plant for a population: the rate rounded up, at least one each from 20 people on, none below
    /// (a tiny population cannot keep the incidents in distinct households).
    package static func plantedCount(_ rule: AlertRule, people: Int) -> Int {
        guard people >= 20 else { return 0 }
        return (people * rule.ratePerHundred + 99) / 100
    }

    /// Near-misses to plant: one per 100 people rounded up, from 50 people on (they need households of their own).
    package static func nearMissCount(_ rule: AlertRule, people: Int) -> Int {
        guard people >= 50 else { return 0 }
        return (people + 99) / 100
    }
}

/// One planted incident, or near-miss: the rule it must raise (or just fail to raise), who it happens to, and
/// (after rendering) the records involved.
///
/// Variants, so that linking is exercised in several ways:
/// - detractor-after-purchase: 0 till sale with the email that the survey carries; 1 app `Order Completed` and
///   a survey with the same customer id; 2 web checkout logged in and a survey with the customer id; 3 till sale
///   with loyalty card and phone, survey with email only, linked by an earlier app identify carrying that email,
///   phone and customer id.
/// - repeat-contact: 0 three tickets from one email; 1 three calls from one phone, caller not verified;
///   2 ticket, verified call (customer id), ticket, linked by an earlier identify carrying the email and id.
/// - negative-social-high-reach: 0 on twitter, 1 on instagram.
/// - high-value-experience-drop: three till sales and a return with the loyalty card and the email.
/// - call-wait-missed-twice: two calls from one phone.
/// - churn-risk-rising: a till sale and a relationship survey with the same email.
/// - complaint-unresolved: a ticket from the email, solved 56–90 hours later (or never, near the period's end).
package struct PlantedIncident: Sendable {
    package let rule: AlertRule
    package let variant: Int
    /// A look-alike that stays just short of the rule's threshold (ground truth `near_miss`).
    package let isNearMiss: Bool
    package let household: Int32
    package let person: Int32
    /// `(source, ref)` of every record of the incident, in file-time order; filled while rendering.
    package var references: [(source: RecordSource, ref: [UInt8])] = []

    package init(rule: AlertRule, variant: Int, isNearMiss: Bool = false, household: Int32, person: Int32) {
        self.rule = rule
        self.variant = variant
        self.isNearMiss = isNearMiss
        self.household = household
        self.person = person
    }

    /// What the planted person must have for this incident's variant to be possible.
    package var requirements: PersonRequirements {
        switch (rule, variant) {
        case (.detractorAfterPurchase, _) where isNearMiss: return [.email]
        case (.repeatContact, _) where isNearMiss: return [.email]
        case (.detractorAfterPurchase, 0): return [.email]
        case (.detractorAfterPurchase, 1): return [.customerAccount, .app]
        case (.detractorAfterPurchase, 2): return [.customerAccount, .email]
        case (.detractorAfterPurchase, _): return [.customerAccount, .app, .email, .mobile, .loyaltyCard]
        case (.repeatContact, 0): return [.email]
        case (.repeatContact, 1): return [.mobile]
        case (.repeatContact, _): return [.customerAccount, .app, .email]
        case (.negativeSocialHighReach, _) where isNearMiss: return [.nearHighReach]
        case (.negativeSocialHighReach, 0): return [.highReachTwitter]
        case (.negativeSocialHighReach, _): return [.highReachInstagram]
        case (.highValueExperienceDrop, _): return [.email, .loyaltyCard]
        case (.callWaitMissedTwice, _): return [.mobile]
        case (.churnRiskRising, _), (.complaintUnresolved, _): return [.email]
        }
    }
}

/// Attributes a person must have, forced on planted persons.
package struct PersonRequirements: OptionSet, Sendable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    package static let email = PersonRequirements(rawValue: 1 << 0)
    package static let customerAccount = PersonRequirements(rawValue: 1 << 1)
    package static let app = PersonRequirements(rawValue: 1 << 2)
    package static let mobile = PersonRequirements(rawValue: 1 << 3)
    package static let loyaltyCard = PersonRequirements(rawValue: 1 << 4)
    package static let highReachTwitter = PersonRequirements(rawValue: 1 << 5)
    package static let highReachInstagram = PersonRequirements(rawValue: 1 << 6)
    /// A social account with 8,000–9,900 followers: just below the negative-social rule's 10,000.
    package static let nearHighReach = PersonRequirements(rawValue: 1 << 7)
}
