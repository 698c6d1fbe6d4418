extension TimeGrammar {
    /// The Common Log Format time, `10/Oct/2026:13:55:36 -0700`, with or without its square brackets.
    ///
    /// The offset may be missing (the zone decides) or written `+hh:mm`/`Z`; the month name is matched in any case.
    static func accessLog(_ cursor: inout TimeCursor) -> CivilTime? {
        let bracketed = cursor.take("[")
        var time = CivilTime()
        guard let day = cursor.digits(1, through: 2), cursor.take("/"), let month = cursor.monthName(),
            cursor.take("/"), let year = cursor.digits(4), cursor.take(":"), clockTime(&cursor, into: &time)
        else { return nil }
        time.year = year
        time.month = month
        time.day = day
        if cursor.skipSpaces() > 0 || cursor.peek() != UInt8(ascii: "]") && !cursor.isAtEnd {
            guard let offset = cursor.utcOffset() else { return nil }
            time.offset = offset
        }
        guard !bracketed || cursor.take("]"), cursor.isAtEnd else { return nil }
        return time
    }
}
