/// The two time zones the stores run in, with their daylight-saving rules.
///
/// Till exports carry local time with its offset (`2026-10-02 14:33:10+02:00`). The generated period may cross a
/// daylight-saving change (Central Europe leaves summer time on the last Sunday of October), so the offset is
/// computed per instant instead of being fixed per store.
package enum StoreTimeZone: UInt8, Sendable {
    /// CET/CEST: UTC+1, UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
    case centralEurope
    /// EST/EDT: UTC−5, UTC−4 from the second Sunday of March 07:00 UTC to the first Sunday of November 06:00 UTC.
    case usEastern

    /// The offset from UTC in seconds at the given UTC instant (seconds since the epoch).
    package func offsetSeconds(atUTC seconds: Int64) -> Int64 {
        let day = seconds >= 0 ? seconds / CivilTime.secondsPerDay : (seconds - 86_399) / CivilTime.secondsPerDay
        let year = CivilTime.date(fromDays: day).year
        let hour = CivilTime.secondsPerHour
        switch self {
        case .centralEurope:
            let summerStart = CivilTime.lastWeekday(0, year: year, month: 3) * CivilTime.secondsPerDay + hour
            let summerEnd = CivilTime.lastWeekday(0, year: year, month: 10) * CivilTime.secondsPerDay + hour
            return seconds >= summerStart && seconds < summerEnd ? 2 * hour : hour
        case .usEastern:
            let summerStart = CivilTime.nthWeekday(0, 2, year: year, month: 3) * CivilTime.secondsPerDay + 7 * hour
            let summerEnd = CivilTime.nthWeekday(0, 1, year: year, month: 11) * CivilTime.secondsPerDay + 6 * hour
            return seconds >= summerStart && seconds < summerEnd ? -4 * hour : -5 * hour
        }
    }
}
