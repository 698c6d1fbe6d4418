import Testing
import TouchpointJSON

/// The escaping rules, written the slow way: one byte at a time, no word tricks. The fast path must agree with it.
private func referenceQuoted(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = [UInt8(ascii: "\"")]
    for byte in bytes {
        switch byte {
        case UInt8(ascii: "\""): output += Array(#"\""#.utf8)
        case UInt8(ascii: "\\"): output += Array(#"\\"#.utf8)
        case 0x0A: output += Array(#"\n"#.utf8)
        case 0x0D: output += Array(#"\r"#.utf8)
        case 0x09: output += Array(#"\t"#.utf8)
        case 0x08: output += Array(#"\b"#.utf8)
        case 0x0C: output += Array(#"\f"#.utf8)
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            output += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        default: output.append(byte)
        }
    }
    output.append(UInt8(ascii: "\""))
    return output
}

private func quoted(_ bytes: [UInt8], after prefix: [UInt8] = []) -> [UInt8] {
    var output = prefix
    bytes.withUnsafeBufferPointer { JSONEscapes.appendQuoted(bytes: $0, to: &output) }
    return output
}

struct JSONEscapesTests {
    @Test(
        arguments: [
            ("", #""""#),
            ("plain", #""plain""#),
            (#"say "hi""#, #""say \"hi\"""#),
            (#"C:\dir"#, #""C:\\dir""#),
            ("a/b", #""a/b""#),
            ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
            ("\u{08}\u{0C}", #""\b\f""#),
            ("\u{00}\u{01}\u{1B}\u{1F}", #""\u0000\u0001\u001b\u001f""#),
            ("\u{7F} caf\u{E9} \u{1F600} \u{2028}", "\"\u{7F} caf\u{E9} \u{1F600} \u{2028}\""),
            ("0123456\"", #""0123456\"""#),
            ("01234567\"", #""01234567\"""#),
            ("\"01234567", #""\"01234567""#),
        ])
    func escapesOnlyQuoteBackslashAndControlCharacters(_ text: String, expected: String) {
        var output: [UInt8] = []
        JSONEscapes.appendQuoted(text, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == expected)
        #expect(quoted(Array(text.utf8)) == Array(expected.utf8))
    }

    /// Lengths 0–40 cross the eight-byte words at every offset; the special byte sits at every position in turn,
    /// in a run of ASCII and in a run of multi-byte UTF-8 (bytes with the high bit set must never be flagged).
    @Test(arguments: [0x22, 0x5C, 0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F] as [UInt8])
    func specialByteAtEveryPositionOfEveryLength(_ special: UInt8) {
        for filler in [UInt8(ascii: "x"), 0xC3, 0xA9] {
            for length in 1...40 {
                for position in 0..<length {
                    var bytes = [UInt8](repeating: filler, count: length)
                    bytes[position] = special
                    let output = quoted(bytes)
                    if output != referenceQuoted(bytes) {
                        Issue.record("length \(length), 0x\(String(special, radix: 16)) at \(position): \(output)")
                    }
                }
            }
        }
        #expect(quoted([]) == Array(#""""#.utf8))
    }

    /// Bytes that look like a special byte to a careless word test: one above or below it, the space and DEL, the
    /// high-bit bytes, and the byte right after a real match (where the subtraction's borrow lands).
    @Test func nearMissesAreCopiedAndBorrowsDoNotLeak() {
        let nearMisses: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for nearMiss in nearMisses {
            for length in 0...40 {
                let bytes = [UInt8](repeating: nearMiss, count: length)
                #expect(quoted(bytes) == [0x22] + bytes + [0x22])
            }
        }
        for length in 2...40 {
            for position in 0..<(length - 1) {
                for (first, second) in [(0x22, 0x20), (0x00, 0x21), (0x5C, 0x5D), (0x1F, 0x23), (0x0A, 0x0A)]
                    as [(UInt8, UInt8)]
                {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = first
                    bytes[position + 1] = second
                    #expect(quoted(bytes) == referenceQuoted(bytes), "length \(length), pair at \(position)")
                }
            }
        }
    }

    @Test func everySingleByteValue() {
        for byte in UInt8.min...UInt8.max {
            for length in [1, 8, 9, 17] {
                let bytes = [UInt8](repeating: byte, count: length)
                #expect(quoted(bytes) == referenceQuoted(bytes), "0x\(String(byte, radix: 16)) × \(length)")
            }
        }
    }

    @Test func appendsAfterWhatIsAlreadyThere() {
        let prefix = Array(#"{"key":"#.utf8)
        #expect(quoted(Array("a\"b".utf8), after: prefix) == prefix + Array(#""a\"b""#.utf8))
    }
}
