extension TimeGrammar {
    /// The unit an epoch number counts, as a power of ten of milliseconds.
    enum EpochUnit {
        case seconds, milliseconds, microseconds
        /// The `epoch` format: by magnitude, below 1e11 seconds (until year 5138), below 1e14 milliseconds,
        /// else microseconds. Seconds and milliseconds of any time since 1973 are then told apart, and so are
        /// milliseconds and microseconds since 1973.
        case byMagnitude

        var exponent: Int {
            switch self {
            case .seconds, .byMagnitude: 3
            case .milliseconds: 0
            case .microseconds: -3
            }
        }
    }

    /// Epoch numbers as text: `1793440800`, `1793440800.5`, `-86400`, and any JSON number literal
    /// (`1.7934408e9`, `1793440800123E-3`), computed exactly in integers (no rounding through `Double`) and
    /// truncated to the earlier millisecond. Times beyond the years 0...9999 are refused.
    static func epoch(_ cursor: inout TimeCursor, unit: EpochUnit) -> Timestamp? {
        guard let number = DecimalText(&cursor), cursor.isAtEnd else { return nil }
        var exponent = unit.exponent
        if unit == .byMagnitude {
            // Digits before the point, as a decimal magnitude: 11 digits is 1e10...1e11.
            let integerDigits = number.digitCount + number.exponent
            exponent = integerDigits <= 11 ? 3 : integerDigits <= 14 ? 0 : -3
        }
        guard let milliseconds = number.floorValue(scaledBy: exponent),
            milliseconds >= minimumMilliseconds, milliseconds <= maximumMilliseconds
        else { return nil }
        return Timestamp(milliseconds: milliseconds)
    }

    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z.
    private static let minimumMilliseconds = Timestamp.days(fromCivil: 0, 1, 1) * 86_400_000
    private static let maximumMilliseconds = Timestamp.days(fromCivil: 10_000, 1, 1) * 86_400_000 - 1
}

/// A decimal number read exactly: `significand × 10^exponent`, with up to 18 significant digits kept.
struct DecimalText {
    var isNegative = false
    var significand: Int64 = 0
    /// Significant digits in `significand`, leading zeros not counted.
    var digitCount = 0
    var exponent = 0
    /// Whether nonzero digits past the 18 kept were dropped, so a negative value floors one further.
    var droppedNonzero = false

    /// `-`? digits (`.` digits)? ([eE] [+-]? digits)?, as JSON writes numbers; a leading `+` and a bare `.5` are
    /// not numbers.
    init?(_ cursor: inout TimeCursor) {
        isNegative = cursor.take("-")
        var sawDigit = false
        while let byte = cursor.peek(), byte &- 0x30 < 10 {
            append(byte &- 0x30, fraction: false)
            sawDigit = true
            cursor.index += 1
        }
        guard sawDigit else { return nil }
        if cursor.take(".") {
            var sawFraction = false
            while let byte = cursor.peek(), byte &- 0x30 < 10 {
                append(byte &- 0x30, fraction: true)
                sawFraction = true
                cursor.index += 1
            }
            guard sawFraction else { return nil }
        }
        if cursor.take("e", or: "E") {
            let negativeExponent = cursor.take("-")
            if !negativeExponent { _ = cursor.take("+") }
            guard let written = cursor.digits(1, through: 4) else { return nil }
            // More exponent digits than four cannot be a time; `digits` stopping early fails on the next byte.
            exponent += negativeExponent ? -written : written
        }
    }

    private mutating func append(_ digit: UInt8, fraction: Bool) {
        if digitCount == 0 && digit == 0 {
            if fraction { exponent -= 1 }
            return
        }
        if digitCount < 18 {
            significand = significand * 10 + Int64(digit)
            digitCount += 1
            if fraction { exponent -= 1 }
        } else {
            // A dropped integer digit still scales the value; a dropped fraction digit only marks truncation.
            if !fraction { exponent += 1 }
            if digit != 0 { droppedNonzero = true }
        }
    }

    /// `⌊value × 10^scale⌋`, or nil when it does not fit in Int64.
    func floorValue(scaledBy scale: Int) -> Int64? {
        let power = exponent + scale
        var magnitude = significand
        var truncated = droppedNonzero
        if power >= 0 {
            for _ in 0..<power {
                guard magnitude != 0 else { break }
                let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                magnitude = product
            }
        } else {
            for _ in 0..<(-power) {
                guard magnitude != 0 else { break }
                if magnitude % 10 != 0 { truncated = true }
                magnitude /= 10
            }
        }
        guard isNegative else { return magnitude }
        return truncated ? -magnitude - 1 : -magnitude
    }
}
