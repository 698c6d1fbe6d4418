/// Why bytes are not valid JSON, and where: `offset` is the 0-based byte position of the first offending byte.
package struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A closed set, so reasons can serve as metric labels and golden-file text.
    package enum Reason: String, Sendable {
        case unexpectedEnd = "unexpected end of input"
        case unexpectedByte = "unexpected byte"
        case invalidNumber = "invalid number"
        case invalidEscape = "invalid escape"
        case invalidUnicodeEscape = "invalid \\u escape or unpaired surrogate"
        case controlCharacterInString = "unescaped control character in string"
        case invalidUTF8 = "invalid UTF-8"
        case tooDeep = "nesting too deep"
        case trailingData = "data after the value"
        case tooLarge = "input too large"
    }

    package let reason: Reason
    package let offset: Int

    package init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    package var description: String { "\(reason.rawValue) at byte \(offset)" }
}
