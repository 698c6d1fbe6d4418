extension TimeGrammar {
    /// RFC 3339 and the ISO 8601 forms exports write next to it.
    ///
    /// `2026-11-01T10:00:00Z`, `2026-11-01 10:00:00.123456+05:30`, `2026-11-01T10:00:00-0800`, `…+05`,
    /// `2026-11-01 10:00:00 +0000` (one space before a numeric offset, as Ruby and PostgreSQL write it),
    /// `2026-11-01T10:00` and `2026-11-01` (midnight). `T`, `t` or a space separates date and time; a fraction
    /// (after `.` or `,`) may have any number of digits. Without an offset the zone decides.
    static func rfc3339(_ cursor: inout TimeCursor) -> CivilTime? {
        var time = CivilTime()
        guard let year = cursor.digits(4), cursor.take("-"), let month = cursor.digits(2), cursor.take("-"),
            let day = cursor.digits(2)
        else { return nil }
        time.year = year
        time.month = month
        time.day = day
        guard !cursor.isAtEnd else { return time }
        guard cursor.take("T", or: "t") || cursor.take(" "), let hour = cursor.digits(2), cursor.take(":"),
            let minute = cursor.digits(2)
        else { return nil }
        time.hour = hour
        time.minute = minute
        if cursor.take(":") {
            guard let second = cursor.digits(2) else { return nil }
            time.second = second
            if cursor.take(".") || cursor.take(",") {
                guard let millisecond = cursor.fractionMilliseconds() else { return nil }
                time.millisecond = millisecond
            }
        }
        guard !cursor.isAtEnd else { return time }
        if cursor.peek() == 0x20, cursor.peek(1) == UInt8(ascii: "+") || cursor.peek(1) == UInt8(ascii: "-") {
            cursor.index += 1
        }
        guard let offset = cursor.utcOffset(), cursor.isAtEnd else { return nil }
        time.offset = offset
        return time
    }
}
