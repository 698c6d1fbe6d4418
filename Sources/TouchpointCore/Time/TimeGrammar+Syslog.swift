extension TimeGrammar {
    /// The RFC 3164 (BSD syslog) time, `Dec  2 10:24:23`: no year and no zone. An RFC 5424 time is RFC 3339 and
    /// is read as such, so one `syslog` format covers both kinds of line.
    ///
    /// The day may be space-padded (`Dec  2`, as the RFC writes it), zero-padded or bare; a fraction after the
    /// seconds is read, as rsyslog and journald write one. The year comes from the rule in `CivilTime.resolve`.
    static func syslog(_ cursor: inout TimeCursor) -> CivilTime? {
        if let first = cursor.peek(), first &- 0x30 < 10 { return rfc3339(&cursor) }
        var time = CivilTime()
        time.year = nil
        guard let month = cursor.monthName(), cursor.skipSpaces() > 0, let day = cursor.digits(1, through: 2),
            cursor.take(" "), clockTime(&cursor, into: &time)
        else { return nil }
        time.month = month
        time.day = day
        guard cursor.isAtEnd else { return nil }
        return time
    }
}
