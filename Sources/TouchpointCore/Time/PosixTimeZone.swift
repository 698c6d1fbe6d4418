/// A POSIX TZ rule (`GMT0BST,M3.5.0/1,M10.5.0`), the footer of a TZif file: the offsets after its last
/// transition, computed year by year.
///
/// The grammar is POSIX's with RFC 8536 §3.3's extensions: names plain (`EST`) or quoted (`<+0530>`), offsets
/// `[+-]hh[:mm[:ss]]` counted west of UTC as POSIX does, rules `Jn` (1...365, February 29 never counted), `n`
/// (0...365, counted) or `Mm.w.d` (the w-th weekday d of month m, 5 meaning the last), each with an optional
/// `/time` of −167...167 hours (default 02:00). A daylight name without rules takes the US rules,
/// `M3.2.0,M11.1.0`, as glibc does.
struct PosixTimeZone: Equatable, Sendable {
    /// Seconds east of UTC outside daylight time.
    var standardOffset: Int
    var daylight: Daylight?

    struct Daylight: Equatable, Sendable {
        /// Seconds east of UTC during daylight time.
        var offset: Int
        var start: Rule
        var end: Rule
    }

    struct Rule: Equatable, Sendable {
        enum Day: Equatable, Sendable {
            case julianWithoutLeapDay(Int)
            case zeroBasedDayOfYear(Int)
            case weekdayOfMonth(month: Int, week: Int, weekday: Int)
        }
        var day: Day
        /// Local time of day of the change, in the offset in force before it; may be negative or past 24 h.
        var time = 7200

        /// Days since 1970-01-01 of the rule's date in `year`.
        func days(in year: Int) -> Int64 {
            let january1 = Timestamp.days(fromCivil: year, 1, 1)
            switch day {
            case .julianWithoutLeapDay(let number):
                let isLeap = Timestamp.daysInMonth(year: year, month: 2) == 29
                return january1 + Int64(number - 1 + (isLeap && number >= 60 ? 1 : 0))
            case .zeroBasedDayOfYear(let number):
                return january1 + Int64(number)
            case .weekdayOfMonth(let month, let week, let weekday):
                let first = Timestamp.days(fromCivil: year, month, 1)
                // 1970-01-01 was a Thursday (weekday 4).
                let firstWeekday = Int(((first + 4) % 7 + 7) % 7)
                var day = 1 + (weekday - firstWeekday + 7) % 7 + 7 * (week - 1)
                while day > Timestamp.daysInMonth(year: year, month: month) { day -= 7 }
                return first + Int64(day - 1)
            }
        }
    }

    /// The offset east of UTC at `utc` seconds.
    func offsetSeconds(atUTC utc: Int64) -> Int {
        guard let daylight else { return standardOffset }
        let localDays = CivilTime.floorDivide(utc + Int64(standardOffset), 86_400)
        let year = Timestamp.civil(fromDays: localDays).year
        let start = daylight.start.days(in: year) * 86_400 + Int64(daylight.start.time - standardOffset)
        let end = daylight.end.days(in: year) * 86_400 + Int64(daylight.end.time - daylight.offset)
        // Southern-hemisphere rules start daylight time late in the year and end it early in the next.
        let isDaylight = start < end ? (start <= utc && utc < end) : !(end <= utc && utc < start)
        return isDaylight ? daylight.offset : standardOffset
    }

    /// Parses a TZ string; nil when it is not one.
    init?(_ text: ArraySlice<UInt8>) {
        var scanner = Scanner(bytes: text)
        guard scanner.name(), let west = scanner.duration(maximumHours: 24) else { return nil }
        standardOffset = -west
        guard !scanner.isAtEnd else {
            daylight = nil
            return
        }
        guard scanner.name() else { return nil }
        var offset = standardOffset + 3600
        if let peeked = scanner.peek, peeked != UInt8(ascii: ",") {
            guard let daylightWest = scanner.duration(maximumHours: 24) else { return nil }
            offset = -daylightWest
        }
        var start = Rule(day: .weekdayOfMonth(month: 3, week: 2, weekday: 0))
        var end = Rule(day: .weekdayOfMonth(month: 11, week: 1, weekday: 0))
        if !scanner.isAtEnd {
            guard scanner.take(UInt8(ascii: ",")), let parsedStart = scanner.rule(), scanner.take(UInt8(ascii: ",")),
                let parsedEnd = scanner.rule(), scanner.isAtEnd
            else { return nil }
            start = parsedStart
            end = parsedEnd
        }
        daylight = Daylight(offset: offset, start: start, end: end)
    }

    private struct Scanner {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            self.index = bytes.startIndex
        }

        var isAtEnd: Bool { index >= bytes.endIndex }
        var peek: UInt8? { isAtEnd ? nil : bytes[index] }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// `<…>` or three or more letters.
        mutating func name() -> Bool {
            if take(UInt8(ascii: "<")) {
                let start = index
                while let byte = peek, byte != UInt8(ascii: ">") { index += 1 }
                return index > start && take(UInt8(ascii: ">"))
            }
            let start = index
            while let byte = peek, (byte | 0x20) &- UInt8(ascii: "a") < 26 { index += 1 }
            return index - start >= 3
        }

        /// `[+-]hh[:mm[:ss]]` in seconds, signed as written.
        mutating func duration(maximumHours: Int) -> Int? {
            let sign = take(UInt8(ascii: "-")) ? -1 : 1
            if sign == 1 { _ = take(UInt8(ascii: "+")) }
            guard let hours = number(maximumDigits: 3), hours <= maximumHours else { return nil }
            var total = hours * 3600
            if take(UInt8(ascii: ":")) {
                guard let minutes = number(maximumDigits: 2), minutes <= 59 else { return nil }
                total += minutes * 60
                if take(UInt8(ascii: ":")) {
                    guard let seconds = number(maximumDigits: 2), seconds <= 59 else { return nil }
                    total += seconds
                }
            }
            return sign * total
        }

        mutating func rule() -> Rule? {
            var rule: Rule
            if take(UInt8(ascii: "J")) {
                guard let day = number(maximumDigits: 3), (1...365).contains(day) else { return nil }
                rule = Rule(day: .julianWithoutLeapDay(day))
            } else if take(UInt8(ascii: "M")) {
                guard let month = number(maximumDigits: 2), (1...12).contains(month), take(UInt8(ascii: ".")),
                    let week = number(maximumDigits: 1), (1...5).contains(week), take(UInt8(ascii: ".")),
                    let weekday = number(maximumDigits: 1), weekday <= 6
                else { return nil }
                rule = Rule(day: .weekdayOfMonth(month: month, week: week, weekday: weekday))
            } else {
                guard let day = number(maximumDigits: 3), day <= 365 else { return nil }
                rule = Rule(day: .zeroBasedDayOfYear(day))
            }
            if take(UInt8(ascii: "/")) {
                guard let time = duration(maximumHours: 167) else { return nil }
                rule.time = time
            }
            return rule
        }

        mutating func number(maximumDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maximumDigits, let byte = peek, byte &- 0x30 < 10 {
                value = value * 10 + Int(byte &- 0x30)
                count += 1
                index += 1
            }
            return count > 0 ? value : nil
        }
    }
}
