/// Timestamp formats of the generated files, appended as bytes.
///
/// Every format is built from `CivilTime`, never from `DateFormatter`, so the output does not depend on the host's
/// locale or time-zone database.
extension Array where Element == UInt8 {
    /// `2026-10-03T09:12:00Z` (tickets, surveys, social posts, calls).
    package mutating func appendISO8601(seconds: Int64) {
        appendDateAndClock(seconds: seconds, separator: UInt8(ascii: "T"))
        append(UInt8(ascii: "Z"))
    }

    /// `2026-10-02T14:33:10.123Z` (Segment).
    package mutating func appendISO8601(milliseconds: Int64) {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        appendDateAndClock(seconds: seconds, separator: UInt8(ascii: "T"))
        append(UInt8(ascii: "."))
        appendDecimal(Int(milliseconds - seconds * 1000), width: 3)
        append(UInt8(ascii: "Z"))
    }

    /// `02/Oct/2026:14:33:10 +0000` (Apache combined log, always UTC).
    package mutating func appendApacheTime(seconds: Int64) {
        let (date, secondOfDay) = Self.split(seconds)
        appendTwoDigits(date.day)
        append(UInt8(ascii: "/"))
        append(contentsOf: Self.monthAbbreviations[date.month - 1])
        append(UInt8(ascii: "/"))
        appendDecimal(date.year, width: 4)
        append(UInt8(ascii: ":"))
        appendClock(secondOfDay)
        append(" +0000")
    }

    /// `2026-10-02 14:33:10+02:00`: local wall-clock time with its UTC offset (till exports).
    package mutating func appendLocalTime(seconds: Int64, offsetSeconds: Int64) {
        appendDateAndClock(seconds: seconds + offsetSeconds, separator: UInt8(ascii: " "))
        append(offsetSeconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let magnitude = Int(offsetSeconds < 0 ? -offsetSeconds : offsetSeconds)
        appendTwoDigits(magnitude / 3600)
        append(UInt8(ascii: ":"))
        appendTwoDigits(magnitude % 3600 / 60)
    }

    /// `1988-04-12` for a day count since the epoch (birthdays).
    package mutating func appendDate(days: Int64) {
        let date = CivilTime.date(fromDays: days)
        appendDecimal(date.year, width: 4)
        append(UInt8(ascii: "-"))
        appendTwoDigits(date.month)
        append(UInt8(ascii: "-"))
        appendTwoDigits(date.day)
    }

    private mutating func appendDateAndClock(seconds: Int64, separator: UInt8) {
        let (date, secondOfDay) = Self.split(seconds)
        appendDecimal(date.year, width: 4)
        append(UInt8(ascii: "-"))
        appendTwoDigits(date.month)
        append(UInt8(ascii: "-"))
        appendTwoDigits(date.day)
        append(separator)
        appendClock(secondOfDay)
    }

    private mutating func appendClock(_ secondOfDay: Int) {
        appendTwoDigits(secondOfDay / 3600)
        append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay % 3600 / 60)
        append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay % 60)
    }

    private static func split(_ seconds: Int64) -> (CivilTime.Date, Int) {
        var day = seconds / CivilTime.secondsPerDay
        var secondOfDay = seconds - day * CivilTime.secondsPerDay
        if secondOfDay < 0 {
            day -= 1
            secondOfDay += CivilTime.secondsPerDay
        }
        return (CivilTime.date(fromDays: day), Int(secondOfDay))
    }

    private static let monthAbbreviations: [[UInt8]] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ].map { Array($0.utf8) }
}
