import TouchpointCore
import TouchpointJSON

/// What score remembers about one profile, updated on event time so that arrival order does not matter.
///
/// Memory per profile is bounded: besides a handful of numbers it keeps only the support contacts and detractor
/// answers that windows need, within `retention` of the newest event of the profile and at most
/// `maximumMoments` of each. A late event older than that sees its windows undercounted (documented in
/// docs/stages/score.md).
package struct CustomerState: Sendable {
    /// An event reduced to what ordering needs: event time, then event id to break ties the same way every run.
    package struct Moment: Comparable, Hashable, Sendable {
        package var time: Timestamp
        package var id: String

        package init(time: Timestamp, id: String) {
            self.time = time
            self.id = id
        }

        package static func < (lhs: Moment, rhs: Moment) -> Bool {
            lhs.time != rhs.time ? lhs.time < rhs.time : lhs.id < rhs.id
        }
    }

    /// How far back (from the profile's newest event) contacts and detractor answers are kept.
    package static let retention = Duration.days(30)
    /// At most this many contacts and this many detractor answers are kept.
    package static let maximumMoments = 64
    /// At most this many currencies are summed; amounts in further currencies are ignored.
    package static let maximumCurrencies = 8

    package private(set) var experience = DecayedMean()
    package private(set) var events = 0
    /// Net purchase value by currency; "" holds amounts that came without a currency.
    package private(set) var amounts: [String: Double] = [:]
    /// The earliest purchase (by event time) that named a currency, and that currency: `value` is reported in it.
    package private(set) var primaryCurrency: (moment: Moment, currency: String)?
    /// The newest event and its journey stage.
    package private(set) var latest: (moment: Moment, stage: String)?
    /// Support contacts (support_ticket, call), sorted.
    package private(set) var contacts: [Moment] = []
    /// Detractor survey answers (nps 0–6), sorted.
    package private(set) var detractors: [Moment] = []

    package init() {}

    // MARK: - Updating

    /// Takes one event (with its per-event score) into the state.
    package mutating func observe(_ event: Event, score: EventScore, halfLife: Duration) {
        let moment = Moment(time: event.time, id: event.id)
        events += 1
        if let experienceValue = score.experience {
            experience.add(experienceValue, at: event.time, halfLife: halfLife)
        }
        if latest.map({ $0.moment < moment }) ?? true { latest = (moment, event.stage) }
        addAmount(of: event, at: moment)
        if event.type == "support_ticket" || event.type == "call" { Self.insert(moment, into: &contacts) }
        if score.isDetractor { Self.insert(moment, into: &detractors) }
        trim()
    }

    /// Folds the state of a profile that was merged into this one.
    package mutating func absorb(_ other: CustomerState, halfLife: Duration) {
        experience.absorb(other.experience, halfLife: halfLife)
        events += other.events
        for currency in other.amounts.keys.sorted() {
            if amounts[currency] == nil && amounts.count >= Self.maximumCurrencies { continue }
            amounts[currency, default: 0] += other.amounts[currency]!
        }
        if let theirs = other.primaryCurrency, primaryCurrency.map({ theirs.moment < $0.moment }) ?? true {
            primaryCurrency = theirs
        }
        if let theirs = other.latest, latest.map({ $0.moment < theirs.moment }) ?? true { latest = theirs }
        for moment in other.contacts { Self.insert(moment, into: &contacts) }
        for moment in other.detractors { Self.insert(moment, into: &detractors) }
        trim()
    }

    /// Purchases add their amount, returns and refunds subtract it (whatever its sign on the wire).
    private mutating func addAmount(of event: Event, at moment: Moment) {
        let sign: Double
        switch event.type {
        case "purchase": sign = 1
        case "return", "refund": sign = -1
        default: return
        }
        guard let amount = event.metrics["amount"]?.doubleValue, amount.isFinite else { return }
        let currency = event.metrics["currency"]?.stringValue?.uppercased() ?? ""
        if amounts[currency] == nil && amounts.count >= Self.maximumCurrencies { return }
        amounts[currency, default: 0] += sign * abs(amount)
        if !currency.isEmpty, event.type == "purchase", primaryCurrency.map({ moment < $0.moment }) ?? true {
            primaryCurrency = (moment, currency)
        }
    }

    private static func insert(_ moment: Moment, into moments: inout [Moment]) {
        let index = moments.firstIndex { moment < $0 } ?? moments.endIndex
        if index > moments.startIndex && moments[index - 1] == moment { return }
        moments.insert(moment, at: index)
    }

    private mutating func trim() {
        guard let newest = latest?.moment.time else { return }
        let horizon = Timestamp(milliseconds: newest.milliseconds - Self.retention.milliseconds)
        for keyPath in [\CustomerState.contacts, \CustomerState.detractors] {
            self[keyPath: keyPath].removeAll { $0.time < horizon }
            let excess = self[keyPath: keyPath].count - Self.maximumMoments
            if excess > 0 { self[keyPath: keyPath].removeFirst(excess) }
        }
    }

    // MARK: - Reading

    /// Net value in the primary currency (amounts without a currency count as primary).
    package var value: Double {
        let unspecified = amounts[""] ?? 0
        guard let primary = primaryCurrency?.currency else { return unspecified }
        return (amounts[primary] ?? 0) + unspecified
    }

    /// Support contacts in the 7 days up to and including `time`.
    package func contacts7Days(at time: Timestamp) -> Int {
        Self.count(contacts, in: Duration.days(7), endingAt: time)
    }

    /// Whether a detractor answer falls in the 30 days up to and including `time`.
    package func hasRecentDetractor(at time: Timestamp) -> Bool {
        Self.count(detractors, in: Duration.days(30), endingAt: time) > 0
    }

    private static func count(_ moments: [Moment], in window: Duration, endingAt time: Timestamp) -> Int {
        let start = time.milliseconds - window.milliseconds
        return moments.reduce(0) { $0 + ($1.time.milliseconds > start && $1.time <= time ? 1 : 0) }
    }

    /// The event's `customer` member: the state after the event, with windows ending at the event's own time.
    ///
    /// Shape: `{"experience_index":-12.5,"events":14,"value":259.8,"last_seen":"…","stage":"support",
    /// "contacts_7d":2,"churn_risk":"medium"}`; `experience_index` only once an event carried an experience.
    package func customerObject(at time: Timestamp) -> JSONObject {
        let contactCount = contacts7Days(at: time)
        let index = experience.value
        let risk = ChurnRisk(
            experienceIndex: index, hasRecentDetractor: hasRecentDetractor(at: time), contacts7Days: contactCount)
        var object = JSONObject()
        object.setIfPresent(
            "experience_index", index.flatMap { JSONNumber.rounded($0, places: 1) }.map(JSONValue.number))
        object.append("events", .int(events))
        object.append("value", JSONNumber.rounded(value, places: 2).map(JSONValue.number) ?? .int(0))
        if let latest {
            object.append("last_seen", .string(latest.moment.time.description))
            object.append("stage", .string(latest.stage))
        }
        object.append("contacts_7d", .int(contactCount))
        object.append("churn_risk", .string(risk.rawValue))
        return object
    }
}
