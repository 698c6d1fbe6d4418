import Glibc
import TouchpointJSON

/// One value while an expression is evaluated: read off the record's tape in place (a string is its bytes in the
/// line), valid only while the record is.
package enum Operand {
    case missing
    case null
    case boolean(Bool)
    case number(Double)
    case bytes(UnsafeBufferPointer<UInt8>)
    /// A string whose line form has escapes, decoded (rare: kept out of the common path).
    case decoded(ByteString)
    /// An array or object of the record.
    case node(JSONDocument.Node)
    case list([Operand])

    /// The string's bytes, if it is one.
    @inline(__always)
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        switch self {
        case .bytes(let bytes): return body(bytes)
        case .decoded(let string): return body(string.bytes)
        default: return nil
        }
    }

    /// The number, or the number a string holds (`"42"` from a CSV column).
    var numberValue: Double? {
        switch self {
        case .number(let value): return value
        case .bytes(let bytes): return ByteNumber.parse(bytes)
        case .decoded(let string): return ByteNumber.parse(string.bytes)
        default: return nil
        }
    }

    var isAbsent: Bool {
        switch self {
        case .missing, .null: return true
        default: return false
        }
    }
}

/// Numbers read straight from their bytes in the line, so a comparison does not build a `String` per record.
enum ByteNumber {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The value of a JSON-style number literal, or nil when the bytes are not one.
    ///
    /// Up to 15 significant digits and 22 decimals it is exact and correctly rounded (an integer mantissa divided
    /// by an exact power of ten); longer or exponent forms go through `strtod`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty else { return nil }
        var index = 0
        let isNegative = bytes[0] == UInt8(ascii: "-")
        if isNegative { index = 1 }
        var mantissa: Int64 = 0
        var digits = 0
        var decimals = 0
        var isInFraction = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                mantissa = mantissa &* 10 &+ Int64(byte - UInt8(ascii: "0"))
                digits += 1
                if isInFraction { decimals += 1 }
            } else if byte == UInt8(ascii: "."), !isInFraction {
                isInFraction = true
            } else {
                return slowParse(bytes)
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        guard digits <= 15, decimals <= 22 else { return slowParse(bytes) }
        let value = Double(mantissa) / powersOfTen[decimals]
        return isNegative ? -value : value
    }

    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let number = JSONNumber(literal: text) else { return nil }
        return number.doubleValue
    }
}
