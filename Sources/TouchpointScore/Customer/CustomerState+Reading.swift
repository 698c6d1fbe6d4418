import TouchpointCore
import TouchpointJSON

extension CustomerState {
    /// Net value in the primary currency (amounts without a currency count as primary).
    package var value: Double {
        let unspecified = amounts[""] ?? 0
        guard let primary = primaryCurrency?.currency else { return unspecified }
        return (amounts[primary] ?? 0) + unspecified
    }

    /// Entries of `moments` in the `window` up to and including `time`.
    static func count(_ moments: [Moment], in window: Duration, endingAt time: Timestamp) -> Int {
        let start = time.milliseconds - window.milliseconds
        return moments.reduce(0) { $0 + ($1.time.milliseconds > start && $1.time <= time ? 1 : 0) }
    }

    package func contacts(at time: Timestamp, window: Duration) -> Int {
        Self.count(contacts, in: window, endingAt: time)
    }

    package var openIssues: Int { issues.reduce(0) { $0 + ($1.isOpen ? 1 : 0) } }

    /// Whole days from the newest purchase at or before `time`; nil without one.
    package func recencyDays(at time: Timestamp) -> Int? {
        guard let purchase = recentPurchases.last(where: { $0 <= time }) else { return nil }
        return Int((time - purchase).milliseconds / 86_400_000)
    }

    /// The event's `customer` member: the state after the event, windows ending at the event's own time.
    ///
    /// Shape (docs/stages/score.md, "Per customer"): `{"experience_index":-12.5,"events":14,"value":259.8,
    /// "tier":"medium","frequency":3,"recency_days":12,"tenure_days":200,"last_seen":"…","stage":"support",
    /// "nps_class":"passive","open_issues":1,"contacts_7d":2,"missed_in_a_row":{"call_wait":2},"segment":"loyal",
    /// "last_touchpoints":["web:page_view","call_center:call"],"churn_risk":0.31}`; `experience_index`,
    /// `recency_days` and `nps_class` only once there is one.
    package func customerObject(at time: Timestamp, settings: ScoreSettings) -> JSONObject {
        let contactCount = contacts(at: time, window: settings.contactWindow)
        let index = experience.value
        let recency = recencyDays(at: time)
        let tenure = firstSeen.map { Int((time - $0).milliseconds / 86_400_000) } ?? 0
        let tier = settings.tiers.tier(of: value)
        let npsClass = latestNPS?.npsClass
        let open = openIssues
        var object = JSONObject()
        object.setIfPresent(
            "experience_index", index.flatMap { JSONNumber.rounded($0, places: 1) }.map(JSONValue.number))
        object.append("events", .int(events))
        object.append("value", JSONNumber.rounded(value, places: 2).map(JSONValue.number) ?? .int(0))
        object.append("tier", .string(tier))
        object.append("frequency", .int(purchases))
        object.setIfPresent("recency_days", recency.map(JSONValue.int))
        object.append("tenure_days", .int(max(0, tenure)))
        if let lastSeen { object.append("last_seen", .string(lastSeen.description)) }
        if let stage { object.append("stage", .string(stage)) }
        object.setIfPresent("nps_class", npsClass.map(JSONValue.string))
        object.append("open_issues", .int(open))
        object.append("contacts_7d", .int(contactCount))
        var runs = JSONObject()
        for expectation in settings.expectations {
            guard let run = missedRuns[expectation.name] else { continue }
            runs.append(expectation.name, .int(run.count))
        }
        object.append("missed_in_a_row", .object(runs))
        let facts = SegmentRule.Facts(
            tier: tier, npsClass: npsClass, stage: stage, tenureDays: tenure, value: value,
            trait: { traits[$0]?.value })
        if let segment = settings.segments.first(where: { $0.matches(facts) }) {
            object.append("segment", .string(segment.name))
        }
        object.append("last_touchpoints", .array(touchpoints.map { .string($0.name) }))
        let hasDetractor = Self.count(detractors, in: settings.detractorWindow, endingAt: time) > 0
        let risk = settings.churnModel.risk(
            experienceIndex: index, recencyDays: recency, hasRecentDetractor: hasDetractor,
            contacts7Days: contactCount, openIssues: open)
        object.append("churn_risk", JSONNumber.rounded(risk, places: 2).map(JSONValue.number) ?? .int(0))
        return object
    }
}
