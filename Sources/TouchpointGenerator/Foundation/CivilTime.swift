/// Calendar arithmetic on the proleptic Gregorian calendar, in whole days since 1970-01-01.
///
/// `DateFormatter` and `Calendar` depend on the host's time-zone database and locale, and are slow in hot loops.
/// Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms are exact, branch-light and need no tables,
/// so every timestamp in the generated files is computed here.
package enum CivilTime {
    package static let secondsPerDay: Int64 = 86_400
    package static let secondsPerHour: Int64 = 3_600

    /// A calendar date.
    package struct Date: Equatable, Sendable {
        package var year: Int
        package var month: Int
        package var day: Int

        package init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    /// Days since 1970-01-01 (negative before it).
    package static func days(from date: Date) -> Int64 {
        let year = Int64(date.month <= 2 ? date.year - 1 : date.year)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let month = Int64(date.month)
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + Int64(date.day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01.
    package static func date(fromDays days: Int64) -> Date {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return Date(year: Int(year), month: Int(month), day: Int(day))
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    package static func weekday(days: Int64) -> Int {
        Int(((days % 7) + 11) % 7)
    }

    /// Number of days in a month, leap years included.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day (since the epoch) of the last given weekday in a month, for daylight-saving rules.
    package static func lastWeekday(_ weekday: Int, year: Int, month: Int) -> Int64 {
        let last = days(from: Date(year: year, month: month, day: daysInMonth(year: year, month: month)))
        return last - Int64((self.weekday(days: last) - weekday + 7) % 7)
    }

    /// The day (since the epoch) of the n-th (1-based) given weekday in a month.
    package static func nthWeekday(_ weekday: Int, _ occurrence: Int, year: Int, month: Int) -> Int64 {
        let first = days(from: Date(year: year, month: month, day: 1))
        return first + Int64((weekday - self.weekday(days: first) + 7) % 7) + Int64(7 * (occurrence - 1))
    }

    /// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day, a real calendar date).
    package static func parseDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        guard year >= 1971, month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else {
            return nil
        }
        return Date(year: year, month: month, day: day)
    }
}
