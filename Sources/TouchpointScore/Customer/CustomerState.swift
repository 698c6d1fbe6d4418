import TouchpointCore
import TouchpointJSON

/// What score remembers about one profile, updated on event time so that arrival order does not matter.
///
/// Every member is a sum, a minimum or maximum, the newest few items by event time, or the latest value by event
/// time, so the state after a set of events is the same whatever order they came in. Memory is bounded: windows
/// keep only what an event no older than the watermark less the allowed lateness can still count (`trim`), and
/// every list has a cap (`Limits`); docs/stages/score.md says where a very late event sees less.
package struct CustomerState: Equatable, Sendable {
    /// An event reduced to what ordering needs: event time, then a stable hash of its id (or its entity) to break
    /// ties the same way every run and to recognise the same event or ticket again.
    package struct Moment: Comparable, Hashable, Sendable {
        package var time: Timestamp
        package var key: UInt64

        package init(time: Timestamp, key: UInt64) {
            self.time = time
            self.key = key
        }

        package init(time: Timestamp, id: String) {
            var hash = StableHash()
            hash.combine(id)
            self.init(time: time, key: hash.value)
        }

        package static func < (lhs: Moment, rhs: Moment) -> Bool {
            lhs.time != rhs.time ? lhs.time < rhs.time : lhs.key < rhs.key
        }
    }

    /// One support ticket (by entity): open or not, as of its newest event (at the same millisecond, closed wins).
    package struct Issue: Equatable, Sendable {
        package var key: UInt64
        package var time: Timestamp
        package var isOpen: Bool

        func isNewer(than other: Issue) -> Bool {
            time != other.time ? time > other.time : !isOpen && other.isOpen
        }
    }

    /// The trailing run of missed outcomes of one measure, in event-time order.
    package struct MissedRun: Equatable, Sendable {
        /// The newest outcome that was not missed; misses before it do not count.
        package var lastNotMissed: Moment?
        /// Misses after `lastNotMissed`, sorted, the newest `Limits.misses`.
        package var misses: [Moment] = []
        /// Misses after `lastNotMissed` that the cap let go.
        package var dropped = 0

        package var count: Int { misses.count + dropped }
    }

    package enum Limits {
        package static let currencies = 8
        package static let contacts = 16
        /// Only whether one falls in the window is asked, so the newest few answer it.
        package static let detractors = 4
        package static let issues = 8
        package static let misses = 8
        package static let purchases = 4
    }

    package var experience = DecayedMean()
    package var events = 0
    /// Net purchase value by currency; "" holds amounts that came without a currency.
    package var amounts: [String: Double] = [:]
    /// The earliest purchase (by event time) that named a currency, and that currency: `value` is reported in it.
    package var primaryCurrency: (moment: Moment, currency: String)?
    package var firstSeen: Timestamp?
    package var lastSeen: Timestamp?
    /// The furthest journey stage reached (by the settings' stage order).
    package var stage: String?
    package var purchases = 0
    /// The newest purchase times, sorted.
    package var recentPurchases: [Timestamp] = []
    /// The newest NPS answer and its class.
    package var latestNPS: (moment: Moment, npsClass: String)?
    /// Tickets by entity, sorted by key.
    package var issues: [Issue] = []
    /// Support contacts (one per ticket entity), sorted.
    package var contacts: [Moment] = []
    /// Detractor answers, sorted.
    package var detractors: [Moment] = []
    /// By measure name.
    package var missedRuns: [String: MissedRun] = [:]
    /// The newest touchpoints as `channel:type`, sorted by moment.
    package var touchpoints: [(moment: Moment, name: String)] = []
    /// The newest value of each trait a segment rule reads.
    package var traits: [String: (moment: Moment, value: String)] = [:]

    package init() {}

    package static func == (lhs: CustomerState, rhs: CustomerState) -> Bool {
        var left = StateWriter()
        var right = StateWriter()
        lhs.write(into: &left)
        rhs.write(into: &right)
        return left.bytes == right.bytes
    }

    // MARK: - Updating

    /// What one event brings, read off it once by `Scorer`.
    package struct Observation {
        package var event: Event
        package var score: EventScore
        /// The trait values segment rules read, by name.
        package var traits: [(name: String, value: String)] = []
        /// `properties.status` of a ticket event, lowercased.
        package var ticketStatus: String?
    }

    /// Takes one event (with its per-event score) into the state.
    package mutating func observe(_ observation: Observation, settings: ScoreSettings) {
        let event = observation.event
        let score = observation.score
        let moment = Moment(time: event.time, id: event.id)
        events += 1
        if let experienceValue = score.experience {
            experience.add(experienceValue, at: event.time, halfLife: settings.halfLife)
        }
        firstSeen = min(firstSeen ?? event.time, event.time)
        lastSeen = max(lastSeen ?? event.time, event.time)
        reach(event.stage, order: settings.journeyStages)
        addAmount(of: event, at: moment)
        if event.type == "purchase" {
            purchases += 1
            Self.keepNewest(event.time, in: &recentPurchases, limit: Limits.purchases)
        }
        if let npsClass = score.npsClass, latestNPS.map({ $0.moment < moment }) ?? true {
            latestNPS = (moment, npsClass)
        }
        let entity = Moment(time: event.time, id: event.entity ?? event.id)
        if settings.contactTypes.contains(event.type) { Self.insert(entity, into: &contacts, limit: Limits.contacts) }
        noteIssue(event.type, status: observation.ticketStatus, entity: entity)
        if score.isDetractor { Self.insert(moment, into: &detractors, limit: Limits.detractors) }
        for (measure, outcome) in score.outcomes {
            missedRuns[measure, default: MissedRun()].add(moment, isMissed: outcome == .missed)
        }
        addTouchpoint(moment, event.channel + ":" + event.type, limit: settings.lastTouchpointCount)
        for (name, value) in observation.traits where traits[name].map({ $0.moment < moment }) ?? true {
            traits[name] = (moment, value)
        }
    }

    /// Folds the state of a profile that was merged into this one.
    package mutating func absorb(_ other: CustomerState, settings: ScoreSettings) {
        experience.absorb(other.experience, halfLife: settings.halfLife)
        events += other.events
        for currency in other.amounts.keys.sorted() {
            if amounts[currency] == nil && amounts.count >= Limits.currencies { continue }
            amounts[currency, default: 0] += other.amounts[currency]!
        }
        if let theirs = other.primaryCurrency, primaryCurrency.map({ theirs.moment < $0.moment }) ?? true {
            primaryCurrency = theirs
        }
        if let theirs = other.firstSeen { firstSeen = min(firstSeen ?? theirs, theirs) }
        if let theirs = other.lastSeen { lastSeen = max(lastSeen ?? theirs, theirs) }
        if let theirs = other.stage { reach(theirs, order: settings.journeyStages) }
        purchases += other.purchases
        for time in other.recentPurchases { Self.keepNewest(time, in: &recentPurchases, limit: Limits.purchases) }
        if let theirs = other.latestNPS, latestNPS.map({ $0.moment < theirs.moment }) ?? true { latestNPS = theirs }
        for issue in other.issues { noteIssue(issue) }
        for moment in other.contacts { Self.insert(moment, into: &contacts, limit: Limits.contacts) }
        for moment in other.detractors { Self.insert(moment, into: &detractors, limit: Limits.detractors) }
        for measure in other.missedRuns.keys.sorted() {
            missedRuns[measure, default: MissedRun()].absorb(other.missedRuns[measure]!)
        }
        for touchpoint in other.touchpoints {
            addTouchpoint(touchpoint.moment, touchpoint.name, limit: settings.lastTouchpointCount)
        }
        for name in other.traits.keys.sorted() {
            let theirs = other.traits[name]!
            if traits[name].map({ $0.moment < theirs.moment }) ?? true { traits[name] = theirs }
        }
    }

    /// Lets go of window entries no event inside the lateness bound can count any more: contacts and detractor
    /// answers older than `horizon` less their window, and closed tickets older than `horizon`.
    package mutating func trim(horizon: Timestamp, settings: ScoreSettings) {
        let contactStart = horizon - settings.contactWindow
        contacts.removeAll { $0.time <= contactStart }
        let detractorStart = horizon - settings.detractorWindow
        detractors.removeAll { $0.time <= detractorStart }
        issues.removeAll { !$0.isOpen && $0.time < horizon }
    }

    private mutating func reach(_ candidate: String, order: [String]) {
        guard let current = stage else {
            stage = candidate
            return
        }
        let rank = { (name: String) in order.firstIndex(of: name) ?? -1 }
        if (rank(candidate), candidate) > (rank(current), current) { stage = candidate }
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
        if amounts[currency] == nil && amounts.count >= Limits.currencies { return }
        amounts[currency, default: 0] += sign * abs(amount)
        if !currency.isEmpty, event.type == "purchase", primaryCurrency.map({ moment < $0.moment }) ?? true {
            primaryCurrency = (moment, currency)
        }
    }

    static let ticketTypes: Set<String> = ["support_ticket", "ticket_updated", "ticket_solved", "ticket_deleted"]

    /// A ticket opens with `support_ticket` and closes with `ticket_solved`, `ticket_deleted` or a status of
    /// solved, closed or deleted; its newest event by event time decides.
    private mutating func noteIssue(_ type: String, status: String?, entity: Moment) {
        guard Self.ticketTypes.contains(type) else { return }
        let isClosed =
            type == "ticket_solved" || type == "ticket_deleted"
            || ["solved", "closed", "deleted"].contains(status ?? "")
        noteIssue(Issue(key: entity.key, time: entity.time, isOpen: !isClosed))
    }

    private mutating func noteIssue(_ issue: Issue) {
        if let index = issues.firstIndex(where: { $0.key == issue.key }) {
            if issue.isNewer(than: issues[index]) { issues[index] = issue }
            return
        }
        issues.append(issue)
        issues.sort { $0.key < $1.key }
        guard issues.count > Limits.issues else { return }
        // Closed tickets go first, the oldest of them; only then the oldest open one.
        let rank = { (issue: Issue) in (issue.isOpen ? 1 : 0, issue.time.milliseconds, issue.key) }
        if let victim = issues.indices.min(by: { rank(issues[$0]) < rank(issues[$1]) }) { issues.remove(at: victim) }
    }

    private mutating func addTouchpoint(_ moment: Moment, _ name: String, limit: Int) {
        guard limit > 0, !touchpoints.contains(where: { $0.moment == moment }) else { return }
        let index = touchpoints.firstIndex { moment < $0.moment } ?? touchpoints.endIndex
        touchpoints.insert((moment, name), at: index)
        if touchpoints.count > limit { touchpoints.removeFirst(touchpoints.count - limit) }
    }

    /// Inserts in order unless already there; keeps the newest `limit`.
    static func insert(_ moment: Moment, into moments: inout [Moment], limit: Int) {
        let index = moments.firstIndex { moment < $0 } ?? moments.endIndex
        if index > moments.startIndex && moments[index - 1] == moment { return }
        moments.insert(moment, at: index)
        if moments.count > limit { moments.removeFirst(moments.count - limit) }
    }

    private static func keepNewest(_ time: Timestamp, in times: inout [Timestamp], limit: Int) {
        let index = times.firstIndex { time < $0 } ?? times.endIndex
        times.insert(time, at: index)
        if times.count > limit { times.removeFirst(times.count - limit) }
    }
}

extension CustomerState.MissedRun {
    mutating func add(_ moment: CustomerState.Moment, isMissed: Bool) {
        if let lastNotMissed, moment <= lastNotMissed { return }
        if isMissed {
            CustomerState.insert(moment, into: &misses, limit: Int.max)
            if misses.count > CustomerState.Limits.misses {
                misses.removeFirst()
                dropped += 1
            }
            return
        }
        lastNotMissed = moment
        // Misses the cap let go were older than every kept one; once the new end of the run is past a kept one,
        // they are before it too.
        if let oldest = misses.first, oldest < moment { dropped = 0 }
        misses.removeAll { $0 < moment }
    }

    mutating func absorb(_ other: CustomerState.MissedRun) {
        if let theirs = other.lastNotMissed { add(theirs, isMissed: false) }
        let isBeforeOurs = other.misses.first.map { theirs in lastNotMissed.map { theirs > $0 } ?? true } ?? true
        if isBeforeOurs { dropped += other.dropped }
        for moment in other.misses { add(moment, isMissed: true) }
    }
}
