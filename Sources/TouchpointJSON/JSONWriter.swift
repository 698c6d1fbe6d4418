/// Writes `JSONValue`s as minified JSON, members in their stored order, so equal values give equal bytes.
///
/// Also the building blocks of the hand-written record writers (`Event.write(into:)`): an object without wrapping
/// it in a value, an integer without a `String`, and constant text such as `,"id":`. Whatever path a record takes,
/// the bytes are the ones `write(_:into:)` gives for the same value.
package enum JSONWriter {
    package static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: append(raw: "null", to: &output)
        case .bool(true): append(raw: "true", to: &output)
        case .bool(false): append(raw: "false", to: &output)
        case .number(let number): write(number, into: &output)
        case .string(let text): JSONEscapes.appendQuoted(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            var isFirst = true
            for element in elements {
                if !isFirst { output.append(UInt8(ascii: ",")) }
                isFirst = false
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object): write(object, into: &output)
        }
    }

    /// Writes an object, members in their stored order.
    package static func write(_ object: JSONObject, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        // Through the buffer, so no member is copied (retained and released) on its way to the writer.
        object.members.withUnsafeBufferPointer { members in
            for index in members.indices {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONEscapes.appendQuoted(members[index].key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(members[index].value, into: &output)
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Writes a number as its literal.
    @inline(__always)
    package static func write(_ number: JSONNumber, into output: inout [UInt8]) {
        var literal = number.literal
        literal.withUTF8 { output.append(contentsOf: $0) }
    }

    /// Writes an integer in decimal, the digits `String(value)` and `JSONNumber(value)` give, without a `String`.
    package static func write(_ value: Int, into output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            output.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        // 20 digits hold any UInt64; filled from the end, then appended in one piece.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            while magnitude > 0 {
                start &-= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// Appends constant text as it is (no quoting, no escaping): keys with their punctuation, like `,"id":`.
    @inline(__always)
    package static func append(raw text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// The value as minified JSON text.
    package static func string(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

extension JSONValue: CustomStringConvertible {
    package var description: String { JSONWriter.string(self) }
}
