/// A forward cursor over the ASCII bytes of one time field, shared by every time grammar.
///
/// Every read either consumes what it matched or leaves `index` where it was, so a grammar can try an alternative
/// without saving the position itself. Nothing here builds a `String`: the reader runs once per record.
struct TimeCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.index = 0
    }

    var isAtEnd: Bool { index >= bytes.count }

    var remaining: Int { bytes.count - index }

    func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func take(_ character: Unicode.Scalar) -> Bool { take(UInt8(truncatingIfNeeded: character.value)) }

    /// Takes one of two bytes, typically an upper- and lower-case letter.
    mutating func take(_ first: Unicode.Scalar, or second: Unicode.Scalar) -> Bool { take(first) || take(second) }

    /// Skips spaces and returns how many there were.
    @discardableResult
    mutating func skipSpaces() -> Int {
        let start = index
        while index < bytes.count && bytes[index] == 0x20 { index += 1 }
        return index - start
    }

    /// Exactly `count` decimal digits.
    mutating func digits(_ count: Int) -> Int? {
        guard remaining >= count else { return nil }
        var value = 0
        for offset in 0..<count {
            let digit = bytes[index + offset] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        index += count
        return value
    }

    /// Between `minimum` and `maximum` decimal digits, as many as there are.
    mutating func digits(_ minimum: Int, through maximum: Int) -> Int? {
        var value = 0
        var count = 0
        while count < maximum, index + count < bytes.count {
            let digit = bytes[index + count] &- 0x30
            guard digit < 10 else { break }
            value = value * 10 + Int(digit)
            count += 1
        }
        guard count >= minimum else { return nil }
        index += count
        return value
    }

    /// One or more fraction digits (after the separator), truncated to milliseconds: `.5` is 500, `.123999` is 123.
    mutating func fractionMilliseconds() -> Int? {
        var value = 0
        var count = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { break }
            if count < 3 { value = value * 10 + Int(digit) }
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 3) { value *= 10 }
        return value
    }

    /// A numeric UTC offset in seconds: `Z`, `±hh:mm`, `±hhmm` or `±hh`; nil (nothing consumed) for anything else.
    ///
    /// Offsets beyond ±18:00 are refused as no zone has used one (java.time draws the same line), which catches
    /// a misplaced field read as an offset; minutes above 59 are refused too.
    mutating func utcOffset() -> Int? {
        let start = index
        if take("Z", or: "z") { return 0 }
        let sign: Int
        if take("+") {
            sign = 1
        } else if take("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = digits(2) else {
            index = start
            return nil
        }
        var minutes = 0
        if take(":") {
            guard let parsed = digits(2) else {
                index = start
                return nil
            }
            minutes = parsed
        } else if let parsed = digits(2) {
            minutes = parsed
        }
        let total = hours * 3600 + minutes * 60
        guard minutes <= 59, total <= 18 * 3600 else {
            index = start
            return nil
        }
        return sign * total
    }

    /// An English month name, abbreviated (`Oct`) or in full (`October`), in any letter case; 1...12.
    mutating func monthName() -> Int? {
        guard let (number, length) = Self.match(Self.months, at: index, in: bytes) else { return nil }
        index += length
        return number + 1
    }

    /// An English weekday name, abbreviated or in full, any case. Its value is not checked against the date:
    /// exports that disagree with their own weekday are common, and the date is what matters.
    mutating func skipWeekdayName() -> Bool {
        guard let (_, length) = Self.match(Self.weekdays, at: index, in: bytes) else { return false }
        index += length
        return true
    }

    private static let months: [[UInt8]] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ].map { Array($0.utf8) }

    private static let weekdays: [[UInt8]] = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ].map { Array($0.utf8) }

    /// The entry whose first three letters match, and the length matched: the full name when it follows, else
    /// three letters. Letters are compared with the ASCII case bit cleared.
    private static func match(
        _ names: [[UInt8]], at index: Int, in bytes: UnsafeBufferPointer<UInt8>
    ) -> (Int, Int)? {
        guard bytes.count - index >= 3 else { return nil }
        for (number, name) in names.enumerated() {
            guard bytes[index] | 0x20 == name[0], bytes[index + 1] | 0x20 == name[1], bytes[index + 2] | 0x20 == name[2]
            else { continue }
            var length = 3
            while length < name.count, index + length < bytes.count, bytes[index + length] | 0x20 == name[length] {
                length += 1
            }
            // A partial full name (`Octob`) is not a name; take the abbreviation and let the grammar reject the rest.
            return (number, length == name.count ? length : 3)
        }
        return nil
    }
}
