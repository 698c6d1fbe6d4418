/// One raw record to be written: what happened, when, and the session it belongs to.
///
/// The expander decides *what* (a product page, a till sale, an `Order Completed`…); the renderers decide *how it
/// looks* (identifiers shown, noise, text). Touches of one day are sorted by time before rendering, so every file is
/// in time order and sequential ids (transaction, ticket, response, call) increase with time.
package struct Touch: Sendable {
    /// Event time in milliseconds since the epoch.
    package var time: Int64
    /// Tie-breaker for equal times: session serial and step, unique, so sorting is deterministic.
    package var sequence: UInt64
    package var action: TouchAction
    /// Whether this record is evidence of the session's planted incident (listed in its `planted_alert` line).
    package var isEvidence = false
    /// Action-specific: product, search term, category, help topic or campaign.
    package var item: Int16 = 0
    /// Action-specific second value: the second product of a comparison.
    package var secondItem: Int16 = 0
    /// Web only: the page this one was reached from (nil: from outside the shop).
    package var referrer: PageReference?
    /// Position within the session, 0-based.
    package var step: UInt8 = 0
    /// Seed of the renderer's choices for this record.
    package var seed: UInt64
    package var session: Session
}

/// A shop page a web hit came from, for the `Referer` field.
package struct PageReference: Sendable {
    package var action: TouchAction
    package var item: Int16
    package var secondItem: Int16
}

/// Everything a record can be; the source file follows from it.
package enum TouchAction: UInt8, Sendable {
    // web.log
    case webProduct, webSearch, webCategory, webCompare, webReviews, webCart, webCheckout, webCheckoutComplete
    case webHelp, webAccountOrder, webReturns
    // pos.csv
    case posSale, posReturn
    // tickets, surveys, social, calls
    case ticket, ticketUpdate, survey, socialPost, call
    // segment.ndjson
    case identify, screenHome, helpPage, productsSearched, productViewed, productListFiltered, productAdded
    case checkoutStarted, orderCompleted, orderRefunded, emailSent, emailOpened, emailLinkClicked, unsubscribed
    case liveChatMessageSent

    /// The file the record goes to.
    package var source: RecordSource {
        switch self {
        case .webProduct, .webSearch, .webCategory, .webCompare, .webReviews, .webCart, .webCheckout,
            .webCheckoutComplete, .webHelp, .webAccountOrder, .webReturns:
            return .web
        case .posSale, .posReturn: return .pos
        case .ticket, .ticketUpdate: return .tickets
        case .survey: return .surveys
        case .socialPost: return .social
        case .call: return .calls
        default: return .segment
        }
    }
}
