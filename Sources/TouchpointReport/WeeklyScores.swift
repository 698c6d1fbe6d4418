/// NPS, CSAT and CES answers of one week.
package struct WeekScores: Equatable, Sendable {
    package var promoters = 0
    package var passives = 0
    package var detractors = 0
    package var satisfied = 0
    package var csatAnswers = 0
    package var ces = RunningMean()

    package var npsAnswers: Int { promoters + passives + detractors }
    package var nps: Double? { npsAnswers > 0 ? 100 * Double(promoters - detractors) / Double(npsAnswers) : nil }
    package var npsInterval: Interval? { .nps(promoters: promoters, detractors: detractors, n: npsAnswers) }
    package var csatShare: Double? { csatAnswers > 0 ? Double(satisfied) / Double(csatAnswers) : nil }
    package var csatInterval: Interval? { .wilson(successes: satisfied, n: csatAnswers) }
}

/// Sentiment of one channel in one week, and how many of score's aggregates of it were flagged anomalous.
package struct ChannelWeek: Equatable, Sendable {
    package var sentiment = RunningMean()
    package var anomaliesBelow = 0
    package var anomaliesAbove = 0
}

/// Everything kept per week: a bounded table (`ReportLimits.weeks`).
struct WeeklyFigures {
    var scores: [WeekKey: WeekScores] = [:]
    /// By week, then channel index (`channels`).
    var sentiment: [WeekKey: [Int: ChannelWeek]] = [:]
    var channels: LabelTable
    var weeks: Set<WeekKey> = []
    var eventsOutsideWeeks = 0
    let maximumWeeks: Int

    init(limits: ReportLimits) {
        maximumWeeks = limits.weeks
        channels = LabelTable(capacity: limits.labels)
    }

    /// Whether `week` has room: weeks already kept always do, new ones while under the bound.
    mutating func admits(_ week: WeekKey) -> Bool {
        if weeks.contains(week) { return true }
        if weeks.count < maximumWeeks {
            weeks.insert(week)
            return true
        }
        eventsOutsideWeeks += 1
        return false
    }

    mutating func addEvent(_ record: RecordView, week: WeekKey) {
        guard admits(week) else { return }
        var answers = scores[week] ?? WeekScores()
        var changed = false
        if let node = record.node("score", "nps_class") {
            changed = true
            if record.document.stringEquals(node, "promoter") {
                answers.promoters += 1
            } else if record.document.stringEquals(node, "detractor") {
                answers.detractors += 1
            } else if record.document.stringEquals(node, "passive") {
                answers.passives += 1
            } else {
                changed = false
            }
        }
        if let node = record.node("score", "csat_class") {
            changed = true
            answers.csatAnswers += 1
            if record.document.stringEquals(node, "satisfied") { answers.satisfied += 1 }
        }
        if let ces = record.double("metrics", "ces") {
            changed = true
            answers.ces.add(ces)
        }
        if changed { scores[week] = answers }
        if let sentiment = record.double("score", "sentiment"), let channel = record.string("channel") {
            let index = channels.index(of: channel)
            self.sentiment[week, default: [:]][index, default: ChannelWeek()].sentiment.add(sentiment)
        }
    }

    /// An aggregate of a channel whose sentiment score flagged as departing from its baseline.
    mutating func addAggregate(_ record: RecordView) {
        guard let channel = record.string("group", "channel"), let start = record.time("window", "start"),
            let flag = record.node("figures", "sentiment", "anomaly")
        else { return }
        let week = WeekKey(start)
        guard admits(week) else { return }
        let index = channels.index(of: channel)
        if record.document.stringEquals(flag, "below") {
            sentiment[week, default: [:]][index, default: ChannelWeek()].anomaliesBelow += 1
        } else {
            sentiment[week, default: [:]][index, default: ChannelWeek()].anomaliesAbove += 1
        }
    }
}
