/// A JSON number kept as its literal text, so large integers, long decimals and exponents survive a round trip
/// exactly (a `Double` would turn 12345678901234567890 into 12345678901234567000).
package struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The literal as it appears on the wire; always valid JSON number syntax.
    package let literal: String

    /// Wraps a literal that the caller has already validated (the parser has).
    init(validatedLiteral: String) { self.literal = validatedLiteral }

    /// Validates `literal` against the JSON number grammar; nil if it does not match.
    package init?(literal: String) {
        var copy = literal
        let isValid = copy.withUTF8 { bytes in JSONNumber.scanLength(bytes, from: 0) == bytes.count && !bytes.isEmpty }
        guard isValid else { return nil }
        self.literal = literal
    }

    package init(_ value: Int) { self.literal = String(value) }

    /// Nil for NaN and the infinities. Integral doubles below 2^53 are written without a fraction ("3", not "3.0"),
    /// so money and counts computed in floating point stay readable and stable.
    package init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            self.literal = String(Int64(value))
        } else {
            // Swift prints the shortest digits that round-trip; "1e-05" and "1.5e+20" are valid JSON as they are.
            self.literal = value.description
        }
    }

    /// A number rounded to `places` decimal places, written without trailing zeros; nil for NaN or infinity.
    package static func rounded(_ value: Double, places: Int) -> JSONNumber? {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return JSONNumber(rounded == 0 ? 0 : rounded)
    }

    package var doubleValue: Double { Double(literal) ?? .nan }

    /// The value as an `Int` when it is integral and fits ("3", "3.0" and "3e0" all give 3).
    package var intValue: Int? {
        if let exact = Int(literal) { return exact }
        let value = doubleValue
        guard value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    package var description: String { literal }

    /// The length of the number literal starting at `start`, or -1 if the bytes there are not a JSON number.
    /// Grammar (RFC 8259 §6): `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    @inline(__always)
    static func scanLength(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let end = bytes.count
        if index < end && bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end else { return -1 }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if bytes[index] &- UInt8(ascii: "1") < 9 {
            index += 1
            while index < end && bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        } else {
            return -1
        }
        if index < end && bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < end && bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            if index == digitsStart { return -1 }
        }
        if index < end && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            let digitsStart = index
            while index < end && bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            if index == digitsStart { return -1 }
        }
        return index - start
    }
}
