/// Planned sessions filed by the day they start on, so the writer can produce one day at a time.
///
/// Only sessions are kept for the whole period (about 40 bytes each); their records exist for one day at a time,
/// so memory grows with the population, not with the number of records.
package struct SessionCalendar {
    private var days: [[Session]]
    private let period: GenerationPeriod
    /// Number of sessions filed so far.
    package private(set) var count = 0

    package init(period: GenerationPeriod) {
        self.period = period
        days = Array(repeating: [], count: period.days)
    }

    /// Files a session under its start day (sessions start inside the period; the planner guarantees it).
    package mutating func add(_ session: Session) {
        let day = Int((session.start - period.start) / CivilTime.secondsPerDay)
        precondition(day >= 0 && day < days.count, "session planned outside the period")
        days[day].append(session)
        count += 1
    }

    /// Removes and returns the sessions of one day, in filing order.
    package mutating func takeDay(_ day: Int) -> [Session] {
        defer { days[day] = [] }
        return days[day]
    }
}
