/// The span of event time the generated data covers: `--start` for `--days` whole UTC days.
package struct GenerationPeriod: Sendable {
    /// First second of the period (UTC midnight of `--start`), in seconds since the epoch.
    package let start: Int64
    /// Number of whole days.
    package let days: Int

    package init(startDate: CivilTime.Date, days: Int) {
        start = CivilTime.days(from: startDate) * CivilTime.secondsPerDay
        self.days = days
    }

    /// First second after the period.
    package var end: Int64 { start + Int64(days) * CivilTime.secondsPerDay }

    /// UTC midnight at the start of day `index` (0-based) of the period.
    package func dayStart(_ index: Int) -> Int64 { start + Int64(index) * CivilTime.secondsPerDay }

    /// The latest start a session may have: sessions last under an hour, and this keeps every record inside the
    /// period with room to spare.
    package var latestSessionStart: Int64 { end - 2 * CivilTime.secondsPerHour }
}
