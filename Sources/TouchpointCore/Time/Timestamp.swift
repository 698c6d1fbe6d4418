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
        let totalSeconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let millis = Int(milliseconds - totalSeconds * 1000)
        let days = totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400
        let secondOfDay = Int(totalSeconds - days * 86_400)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        var text = ""
        text.reserveCapacity(24)
        text += pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        text += "." + pad(millis, 3) + "Z"
        return text
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
    /// `02/Oct/2026:14:33:10 +0000`.
    package init?(parsing text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Timestamp.parse($0) }) else { return nil }
        self = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var cursor = TextCursor(bytes: bytes)
        cursor.skipSpaces()
        if cursor.remaining >= 11, bytes[cursor.index + 2] == UInt8(ascii: "/") { return parseApacheLog(&cursor) }
        guard let year = cursor.digits(4), cursor.take("-"), let month = cursor.digits(2), cursor.take("-"),
            let day = cursor.digits(2)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var millisecond = 0
        if cursor.take("T") || cursor.take("t") || cursor.take(" ") {
            guard let parsedHour = cursor.digits(2), cursor.take(":"), let parsedMinute = cursor.digits(2) else {
                return nil
            }
            hour = parsedHour
            minute = parsedMinute
            if cursor.take(":") {
                guard let parsedSecond = cursor.digits(2) else { return nil }
                second = parsedSecond
                if cursor.take(".") || cursor.take(",") {
                    guard let fraction = cursor.fractionMilliseconds() else { return nil }
                    millisecond = fraction
                }
            }
        }
        guard let offsetSeconds = cursor.utcOffsetSeconds(), cursor.isAtEndIgnoringSpaces,
            let local = Timestamp(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                millisecond: millisecond)
        else { return nil }
        return Timestamp(milliseconds: local.milliseconds - Int64(offsetSeconds) * 1000)
    }

    private static func parseApacheLog(_ cursor: inout TextCursor) -> Timestamp? {
        guard let day = cursor.digits(2), cursor.take("/"), let month = cursor.monthAbbreviation(), cursor.take("/"),
            let year = cursor.digits(4), cursor.take(":"), let hour = cursor.digits(2), cursor.take(":"),
            let minute = cursor.digits(2), cursor.take(":"), let second = cursor.digits(2)
        else { return nil }
        cursor.skipSpaces()
        guard let offsetSeconds = cursor.utcOffsetSeconds(), cursor.isAtEndIgnoringSpaces,
            let local = Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return Timestamp(milliseconds: local.milliseconds - Int64(offsetSeconds) * 1000)
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

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// A small forward cursor over ASCII bytes for the timestamp grammar.
private struct TextCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var remaining: Int { bytes.count - index }

    var isAtEndIgnoringSpaces: Bool {
        var probe = index
        while probe < bytes.count && bytes[probe] == 0x20 { probe += 1 }
        return probe == bytes.count
    }

    mutating func skipSpaces() { while index < bytes.count && bytes[index] == 0x20 { index += 1 } }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
        index += 1
        return true
    }

    mutating func digits(_ count: Int) -> Int? {
        guard remaining >= count else { return nil }
        var value = 0
        for offset in 0..<count {
            let digit = bytes[index + offset] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        index += count
        return value
    }

    /// Reads 1–9 fraction digits and truncates them to milliseconds.
    mutating func fractionMilliseconds() -> Int? {
        var value = 0
        var count = 0
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
            if count < 3 { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 3) { value *= 10 }
        return value
    }

    /// `Z`, `±HH:MM`, `±HHMM`, `±HH`, or nothing (UTC).
    mutating func utcOffsetSeconds() -> Int? {
        if take("Z") || take("z") { return 0 }
        let sign: Int
        if take("+") {
            sign = 1
        } else if take("-") {
            sign = -1
        } else {
            return isAtEndIgnoringSpaces ? 0 : nil
        }
        guard let hours = digits(2), hours <= 23 else { return nil }
        _ = take(":")
        let minutes = digits(2) ?? 0
        guard minutes <= 59 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    mutating func monthAbbreviation() -> Int? {
        guard remaining >= 3 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + 3]), as: UTF8.self)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let month = months.firstIndex(of: name) else { return nil }
        index += 3
        return month + 1
    }
}
