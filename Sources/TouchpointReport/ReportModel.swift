import TouchpointCore
import TouchpointJSON

/// Everything the page and the path records show, built from the pipeline's output in one pass.
package struct ReportModel {
    package let limits: ReportLimits
    var weekly: WeeklyFigures
    var profiles: ProfileTable
    var effort: EffortFigures
    var expectations: ExpectationShares
    package var alerts: AlertQueues
    package var paths: PathTable
    package var timeline: CustomerTimeline?
    package private(set) var events = 0
    package private(set) var eventsWithoutProfile = 0
    package private(set) var unreadableLines = 0
    package private(set) var firstTime: Timestamp?
    package private(set) var lastTime: Timestamp?

    package init(limits: ReportLimits = ReportLimits(), customer: String? = nil) {
        self.limits = limits
        weekly = WeeklyFigures(limits: limits)
        profiles = ProfileTable(capacity: limits.profiles)
        effort = EffortFigures(limits: limits)
        expectations = ExpectationShares(limits: limits)
        alerts = AlertQueues(limits: limits)
        paths = PathTable(limits: limits)
        timeline = customer.map { CustomerTimeline(customer: $0, limits: limits) }
    }

    /// Takes one line of the pipeline's output; lines that are not JSON objects are counted, never fatal.
    package mutating func add(line: UnsafeBufferPointer<UInt8>, parser: inout JSONParser) {
        guard let document = try? parser.parse(line), document.type(of: document.root) == .object else {
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { unreadableLines += 1 }
            return
        }
        let record = RecordView(document: document)
        guard let kind = record.node("kind") else { return }
        if document.stringEquals(kind, "event") {
            addEvent(record)
        } else if document.stringEquals(kind, "alert") {
            alerts.addAlert(record)
            if let time = record.time("time") { timeline?.addAlert(record, time: time) }
        } else if document.stringEquals(kind, "aggregate") {
            weekly.addAggregate(record)
        } else if document.stringEquals(kind, "merge"), let survivor = record.string("survivor") {
            let absorbed = record.strings("absorbed")
            profiles.merge(survivor: survivor, absorbed: absorbed)
            timeline?.addMerge(survivor: survivor, absorbed: absorbed)
        }
    }

    package mutating func addUnreadableLine() { unreadableLines += 1 }

    private mutating func addEvent(_ record: RecordView) {
        guard let time = record.time("time") else {
            unreadableLines += 1
            return
        }
        events += 1
        firstTime = min(firstTime ?? time, time)
        lastTime = max(lastTime ?? time, time)
        weekly.addEvent(record, week: WeekKey(time))
        expectations.addEvent(record)
        effort.add(record)
        guard let profile = record.string("profile", "id") else {
            eventsWithoutProfile += 1
            return
        }
        timeline?.addEvent(record, time: time, profile: profile)
        let stage = record.string("stage").flatMap(FunnelStage.init(name:))
        let channel = record.string("channel").flatMap(FunnelChannels.index(of:))
        var followed = false
        var wasHigh = false
        profiles.update(profile) { state in
            followed = true
            if let stage { state.markReached(stage.rawValue, channel: channel) }
            wasHigh = state.isChurnRiskHigh
            state.isChurnRiskHigh = (record.double("customer", "churn_risk") ?? 0) >= PathOutcome.highChurnRisk
        }
        // A profile past the bound has no churn history: its crossings are not counted rather than over-counted.
        let outcomes = PathOutcome.outcomes(of: record, wasChurnRiskHigh: wasHigh || !followed)
        paths.add(record, outcomes: outcomes)
    }

    package var funnel: FunnelFigures { FunnelFigures(profiles.states.values) }
    package var profilesFollowed: Int { profiles.states.count }
    package var eventsNotFollowed: Int { profiles.eventsNotFollowed }
    package var weekScores: [WeekKey: WeekScores] { weekly.scores }
    package var expectationCounts: [String: ExpectationCounts] { expectations.measures }
    package var effortFigures: EffortFigures { effort }

    /// Sentiment by channel name and week.
    package var channelWeeks: [String: [WeekKey: ChannelWeek]] {
        var result: [String: [WeekKey: ChannelWeek]] = [:]
        for (week, channels) in weekly.sentiment {
            for (index, figures) in channels { result[weekly.channels.names[index], default: [:]][week] = figures }
        }
        return result
    }

    /// The weeks shown: from the first to the last kept, gaps included.
    package var weeks: [WeekKey] {
        guard let first = weekly.weeks.min(), let last = weekly.weeks.max() else { return [] }
        return WeekKey.range(first, last)
    }
}
