/// One planned visit or contact: a web visit, an app session, a till transaction, a ticket, a survey answer….
///
/// The planner decides sessions for a whole household at once (that is where the avoidance invariants are kept);
/// the expander later turns each session into the individual records. A session is small (about 40 bytes) because
/// all sessions of the period are held in memory until their day is written.
package struct Session: Sendable {
    /// Start, in seconds since the epoch. Every record of the session lies within the following hour.
    package var start: Int64
    package var person: Int32
    package var kind: SessionKind
    package var flags: SessionFlags = []
    /// Index of the planted incident this session belongs to, or -1.
    package var incident: Int16 = -1
    /// Kind-specific: product for browsing and purchases, topic for support, campaign for email.
    package var detail: Int16 = 0
    /// Kind-specific second value: campaign of an email-driven visit, send number of an email, product of support.
    package var secondDetail: Int16 = -1
    /// Kind-specific: journey stage, survey kind, ticket channel, call disposition, mood…
    package var variant: UInt8 = 0
    /// Mood of surveys and posts (`Mood`).
    package var mood: Mood = .neutral
    /// What a planted record must show exactly (a call's wait, a survey's scores); `.free` leaves it to chance.
    package var shape: PlantedShape = .free
    /// The order concerned (index into `OrderBook`), or -1.
    package var order: Int32 = -1
    /// Seed of every detail the expander and renderers choose.
    package var seed: UInt64

    package init(start: Int64, person: Int32, kind: SessionKind, seed: UInt64) {
        self.start = start
        self.person = person
        self.kind = kind
        self.seed = seed
    }
}

/// What a session is.
package enum SessionKind: UInt8, Sendable {
    /// Web browsing (`web.log`); `variant` is the stage (`JourneyStage`).
    case webBrowse
    /// App browsing (`segment.ndjson` screen and track calls); `variant` is the stage.
    case appBrowse
    /// Web order: product, cart, checkout, `/checkout/complete`, then a confirmation email.
    case webPurchase
    /// App order: `Product Added`, `Checkout Started`, `Order Completed`, then a confirmation email.
    case appPurchase
    /// Till sale (`pos.csv`).
    case storePurchase
    /// A marketing email sent (`Email Sent`).
    case campaignEmail
    /// A marketing email opened, maybe clicked, maybe unsubscribed; `variant` holds `EmailEngagement` bits.
    case emailEngagement
    /// A survey invitation and the answer (`surveys.csv`); `variant` is the `SurveyKind`.
    case survey
    /// Self-service help pages, on the web or in the app (`SessionFlags.inApp`).
    case selfService
    /// A helpdesk ticket; `variant` is the `TicketChannel`.
    case ticket
    /// The update that solves a ticket: a second `tickets.ndjson` line of the ticket planned with the same `seed`,
    /// a later `updated_at` and status `solved`.
    case ticketUpdate
    /// A phone call; `variant` is the `CallDisposition`.
    case call
    /// A chat message from the app (`Live Chat Message Sent`).
    case appChat
    /// A till return (`pos.csv`, type `return`).
    case storeReturn
    /// A refund of a web or app order (`Order Refunded`).
    case appRefund
    /// A social media post.
    case socialPost
    /// An app `identify` call carrying the full profile (after a move, or to link a planted incident).
    case profileUpdate

    /// Whether the session is a purchase for the detractor rule (till sale, app order, web checkout).
    package var isPurchase: Bool { self == .webPurchase || self == .appPurchase || self == .storePurchase }

    /// Whether the session is a support contact. Tickets and calls are what the repeat-contact rule counts; app
    /// chat messages are counted too when spacing contacts, so a stage that also counts them stays quiet.
    package var isSupportContact: Bool { self == .ticket || self == .call || self == .appChat }

    /// Whether score gives the session's records an experience (a text's sentiment, survey scores, a call's wait,
    /// a return), which moves the customer's experience index and churn risk.
    package var carriesExperience: Bool {
        switch self {
        case .survey, .ticket, .call, .appChat, .storeReturn, .appRefund, .socialPost: return true
        default: return false
        }
    }
}

/// Boolean facts about a session.
package struct SessionFlags: OptionSet, Sendable {
    package let rawValue: UInt16
    package init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Web or app session of a signed-in customer (web user field, Segment `userId`).
    package static let signedIn = SessionFlags(rawValue: 1 << 0)
    /// The app session starts with an `identify` call.
    package static let identifies = SessionFlags(rawValue: 1 << 1)
    /// The visit came from a link in a marketing email (`secondDetail` is the campaign).
    package static let fromEmail = SessionFlags(rawValue: 1 << 2)
    /// The app runs on the household's shared tablet instead of the person's phone.
    package static let onSharedTablet = SessionFlags(rawValue: 1 << 3)
    /// Self-service happens in the app's help web view (Segment `page`) instead of the web shop.
    package static let inApp = SessionFlags(rawValue: 1 << 4)
    /// The identifiers the record carries are exactly the `carries…` flags, not a random choice (planted records).
    package static let linkageFixed = SessionFlags(rawValue: 1 << 5)
    package static let carriesEmail = SessionFlags(rawValue: 1 << 6)
    package static let carriesPhone = SessionFlags(rawValue: 1 << 7)
    package static let carriesCustomerID = SessionFlags(rawValue: 1 << 8)
    package static let carriesLoyaltyID = SessionFlags(rawValue: 1 << 9)
    /// The contact's text says the customer had to give the same information again (`SupportCatalog.repeated…`):
    /// the last contact of a planted repeat-contact burst.
    package static let repeatsInformation = SessionFlags(rawValue: 1 << 10)
}

/// The exact figures a planted session's record shows, where chance would blur the threshold it tests.
package enum PlantedShape: UInt8, Sendable {
    /// Nothing fixed.
    case free
    /// A call that waited 420–900 s: the `call_wait` expectation (300 s) missed.
    case missedWait
    /// A call that waited 250–299 s: just inside the expectation.
    case waitJustInside
    /// A survey answer NPS 0 and CSAT 1 without comment: experience -100, the strongest detractor.
    case strongDetractor
    /// A survey answer NPS 4 and CSAT 2 without comment: a detractor, experience about -46.
    case mildDetractor
    /// A survey answer NPS 7 (a passive, the best score that is not a promoter) with a mild comment.
    case passive
    /// A ticket solved 56–90 hours after it was opened (or not at all, when that falls after the period).
    case solvedLate
    /// A ticket solved 40–47 hours after it was opened: just inside the complaint rule's 48 hours.
    case solvedJustInside
    /// A ticket solved in its first reply: exported as `solved` already, its update minutes later. The contacts of
    /// a planted repeat-contact burst are solved so, since open tickets would add to score's churn risk.
    case solvedAtOnce
}

/// Where in the journey a browsing session is.
package enum JourneyStage: UInt8, Sendable {
    case research
    case comparison
}

/// Sentiment of a survey answer or a post: negative (detractor), neutral (passive), positive (promoter).
package enum Mood: UInt8, Sendable {
    case negative
    case neutral
    case positive
}

/// The three surveys of the survey platform.
package enum SurveyKind: UInt8, Sendable {
    case postPurchase
    case postSupport
    case relationship
}

/// How a ticket reached the helpdesk.
package enum TicketChannel: UInt8, Sendable {
    case email
    case chat
    case webForm
}

/// How a call ended.
package enum CallDisposition: UInt8, Sendable {
    case resolved
    case escalated
    case callback
    case abandoned
}

/// What happened to a marketing email after it was opened (bits of `Session.variant`).
package enum EmailEngagement {
    package static let clicked: UInt8 = 1
    package static let unsubscribed: UInt8 = 2
}
