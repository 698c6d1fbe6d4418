import TouchpointCore

/// Calendar arithmetic on the proleptic Gregorian calendar, in whole days since 1970-01-01.
///
/// `DateFormatter` and `Calendar` depend on the host's time-zone database and locale, and are slow in hot loops.
/// The day arithmetic is Core's (`Timestamp`, Howard Hinnant's algorithms), the one copy the stages parse with;
/// what only the generator needs (weekdays, daylight-saving rules, its date flag) is here.
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
        Timestamp.days(fromCivil: date.year, date.month, date.day)
    }

    /// The date `days` after 1970-01-01.
    package static func date(fromDays days: Int64) -> Date {
        let civil = Timestamp.civil(fromDays: days)
        return Date(year: civil.year, month: civil.month, day: civil.day)
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    package static func weekday(days: Int64) -> Int {
        Int(((days % 7) + 11) % 7)
    }

    /// Number of days in a month, leap years included.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        Timestamp.daysInMonth(year: year, month: month)
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
