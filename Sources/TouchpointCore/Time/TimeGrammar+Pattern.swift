extension TimeGrammar {
    /// Reads `pattern` (see `TimePattern`) from the whole text.
    static func pattern(_ pattern: TimePattern, _ cursor: inout TimeCursor) -> CivilTime? {
        var time = CivilTime()
        time.year = nil
        var hour12: Int?
        var isAfternoon = false
        for element in pattern.elements {
            switch element {
            case .literal(let byte):
                guard cursor.take(byte) else { return nil }
            case .spaces:
                guard cursor.skipSpaces() > 0 else { return nil }
            case .field(let field):
                switch field {
                case .year4:
                    guard let year = cursor.digits(4) else { return nil }
                    time.year = year
                case .year2:
                    guard let year = cursor.digits(2) else { return nil }
                    time.year = year < 69 ? 2000 + year : 1900 + year
                case .month:
                    guard let month = cursor.digits(1, through: 2) else { return nil }
                    time.month = month
                case .day:
                    guard let day = cursor.digits(1, through: 2) else { return nil }
                    time.day = day
                case .spacePaddedDay:
                    if cursor.peek() == 0x20 { cursor.index += 1 }
                    guard let day = cursor.digits(1, through: 2) else { return nil }
                    time.day = day
                case .monthName:
                    guard let month = cursor.monthName() else { return nil }
                    time.month = month
                case .weekdayName:
                    guard cursor.skipWeekdayName() else { return nil }
                case .hour24:
                    guard let hour = cursor.digits(1, through: 2) else { return nil }
                    time.hour = hour
                case .hour12:
                    guard let hour = cursor.digits(1, through: 2), (1...12).contains(hour) else { return nil }
                    hour12 = hour
                case .meridiem:
                    if cursor.take("P", or: "p") {
                        isAfternoon = true
                    } else if !cursor.take("A", or: "a") {
                        return nil
                    }
                    guard cursor.take("M", or: "m") else { return nil }
                case .minute:
                    guard let minute = cursor.digits(1, through: 2) else { return nil }
                    time.minute = minute
                case .second:
                    guard let second = cursor.digits(1, through: 2) else { return nil }
                    time.second = second
                case .fraction:
                    guard let millisecond = cursor.fractionMilliseconds() else { return nil }
                    time.millisecond = millisecond
                case .numericOffset:
                    guard let offset = cursor.utcOffset() else { return nil }
                    time.offset = offset
                case .offsetName:
                    guard cursor.take("Z", or: "z") || takeUniversalName(&cursor) else { return nil }
                    time.offset = 0
                }
            }
        }
        guard cursor.isAtEnd else { return nil }
        if let hour12 { time.hour = hour12 % 12 + (isAfternoon ? 12 : 0) }
        return time
    }

    /// `UTC` or `GMT`, any case.
    private static func takeUniversalName(_ cursor: inout TimeCursor) -> Bool {
        guard cursor.remaining >= 3, let first = cursor.peek(), let second = cursor.peek(1),
            let third = cursor.peek(2)
        else { return false }
        let name = (first | 0x20, second | 0x20, third | 0x20)
        guard name == (0x75, 0x74, 0x63) || name == (0x67, 0x6D, 0x74) else { return false }
        cursor.index += 3
        return true
    }
}
