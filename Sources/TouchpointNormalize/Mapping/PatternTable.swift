import TouchpointJSON

/// An ordered table of patterns: the first row whose test matches gives the value (`"then"`). URL path patterns to
/// page types and journey stages, ticket statuses to event types.
///
/// A row tests with `equals`, `prefix`, `contains` or `matches` (a POSIX extended regular expression); a string
/// of `then` that is exactly `$1` … `$9` is that capture group of the match, so `/products/(.+)` can name the
/// product.
struct PatternTable: Sendable {
    enum Test: Sendable {
        case equals(String)
        case prefix(String)
        case contains(String)
        case matches(PatternRegex)
    }

    struct Row: Sendable {
        let test: Test
        let then: JSONValue
        /// Whether `then` holds `$N` strings to fill in from the match.
        let usesGroups: Bool
    }

    let rows: [Row]
    let ignoresCase: Bool
    private let memo = TextMemo<JSONValue?>()

    init(rows: [Row], ignoresCase: Bool) {
        self.rows = rows
        self.ignoresCase = ignoresCase
    }

    func lookup(_ text: String) -> JSONValue? { memo.value(for: text, firstMatch) }

    private func firstMatch(_ text: String) -> JSONValue? {
        let subject = ignoresCase ? text.lowercased() : text
        for row in rows {
            switch row.test {
            case .equals(let value): if subject == value { return row.then }
            case .prefix(let value): if subject.hasPrefix(value) { return row.then }
            case .contains(let value): if subject.contains(value) { return row.then }
            case .matches(let pattern):
                guard pattern.matches(subject) else { continue }
                return row.usesGroups ? PatternTable.fill(row.then, pattern: pattern, subject: subject) : row.then
            }
        }
        return nil
    }

    private static func fill(_ value: JSONValue, pattern: PatternRegex, subject: String) -> JSONValue {
        switch value {
        case .string(let text):
            guard let group = groupReference(text) else { return value }
            return pattern.capture(subject, group: group).map(JSONValue.string) ?? .null
        case .object(let object):
            return .object(
                JSONObject(object.members.map { ($0.key, fill($0.value, pattern: pattern, subject: subject)) }))
        case .array(let elements):
            return .array(elements.map { fill($0, pattern: pattern, subject: subject) })
        default:
            return value
        }
    }

    /// `$1` … `$9` as the group number.
    static func groupReference(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 2, bytes[0] == UInt8(ascii: "$"), bytes[1] >= UInt8(ascii: "1"),
            bytes[1] <= UInt8(ascii: "9")
        else { return nil }
        return Int(bytes[1] - UInt8(ascii: "0"))
    }

    static func usesGroups(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): return groupReference(text) != nil
        case .object(let object): return object.members.contains { usesGroups($0.value) }
        case .array(let elements): return elements.contains(where: usesGroups)
        default: return false
        }
    }
}
