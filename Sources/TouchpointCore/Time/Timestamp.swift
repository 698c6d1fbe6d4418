/// A point in time as milliseconds since the Unix epoch, UTC: the event time every window and decay runs on.
///
/// Parsing and formatting are done here by arithmetic (Howard Hinnant's days-from-civil), not by Foundation's
/// date formatters, which are slow, locale-dependent and drop milliseconds (STYLE B5).
package struct Timestamp: Comparable, Hashable, Sendable, CustomStringConvertible {
    package var milliseconds: Int64

    package init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Before every event: where event time stands before the first watermark.
    package static let beginningOfTime = Timestamp(milliseconds: Int64.min / 2)
    /// After every event: where a final watermark takes event time, closing every window.
    package static let endOfTime = Timestamp(milliseconds: Int64.max / 2)

    package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    package static func + (lhs: Timestamp, rhs: Duration) -> Timestamp {
        Timestamp(milliseconds: lhs.milliseconds + rhs.milliseconds)
    }

    package static func - (lhs: Timestamp, rhs: Duration) -> Timestamp {
        Timestamp(milliseconds: lhs.milliseconds - rhs.milliseconds)
    }

    package static func - (lhs: Timestamp, rhs: Timestamp) -> Duration {
        Duration(milliseconds: lhs.milliseconds - rhs.milliseconds)
    }

    /// RFC 3339 in UTC with milliseconds: `2026-10-02T14:33:10.000Z`.
    package var description: String {
        var text: [UInt8] = []
        text.reserveCapacity(24)
        appendRFC3339(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// A timestamp from calendar fields in UTC; nil if a field is out of range.
    package init?(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0
    ) {
        guard (1...12).contains(month), day >= 1, day <= Timestamp.daysInMonth(year: year, month: month),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (0...999).contains(millisecond)
        else { return nil }
        let days = Timestamp.days(fromCivil: year, month, day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        self.milliseconds = seconds * 1000 + Int64(millisecond)
    }

    // MARK: - Parsing

    /// Parses the timestamps channel exports write: RFC 3339 / ISO 8601 (`T` or a space between date and time,
    /// optional fraction, `Z` or `±HH:MM`/`±HHMM`, no offset meaning UTC), and the Apache log form
    /// `02/Oct/2026:14:33:10 +0000`. The one grammar is `TimeReader`'s; this is its default pair of formats.
    package init?(parsing text: String) {
        guard let parsed = TimeReader.exportDefault.read(text) else { return nil }
        self = parsed
    }

    // MARK: - Calendar arithmetic

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    package static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (`civil_from_days`).
    package static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Days in a month, leap years included.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
