/// A condition or figure of a rule, parsed once when the rules file is loaded and evaluated on each record's
/// tape (`Expression+Evaluation.swift`).
///
/// The language, from loosest to tightest binding:
/// ```
/// or   := and ("or" and)*
/// and  := not ("and" not)*
/// not  := "not" not | test
/// test := sum (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "contains") sum)?
/// sum  := product (("+" | "-") product)*
/// product := unary (("*" | "/" | "%") unary)*
/// unary := "-" unary | primary
/// primary := number | 'text' | "text" | true | false | null | [list, …] | exists(path) | (or) | path
/// path := name ("." name)*            e.g. type, metrics.nps, customer.missed_in_a_row.call_wait
/// ```
/// A path names a member of the record (`kind`, `type`, `channel`, `entity`, `metrics.nps`,
/// `score.sentiment_label`, `customer.tier`, `flags` …). A comparison with a missing or null operand is false, so
/// `metrics.nps <= 6` does not hold for an event without an NPS; `exists(path)` asks for presence. A number
/// compares with a string that holds a number (CSV-born metrics). `x in [a, b]` and `list contains x` test
/// membership; `text contains 'late'` tests for a substring.
package indirect enum Expression: Sendable {
    case number(Double)
    case text(ByteString)
    case boolean(Bool)
    case null
    case list([Expression])
    case path([String])
    case exists([String])
    case not(Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case compare(Comparison, Expression, Expression)
    case arithmetic(Arithmetic, Expression, Expression)
    case negate(Expression)
    case isIn(Expression, Expression)
    case contains(Expression, Expression)

    package enum Comparison: String, Sendable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    package enum Arithmetic: String, Sendable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
        case remainder = "%"
    }

    /// The first member names a path may start with: the canonical event's members, an aggregate's, and the
    /// record's kind. Anything else is a typo the rules check reports (`metric.nps`).
    package static let knownRoots: [String] = [
        "kind", "id", "entity", "time", "received", "source", "channel", "type", "stage", "ids", "traits", "text",
        "metrics", "properties", "profile", "score", "customer", "window", "group", "figures", "flags",
    ]

    /// Every path the expression reads, for the check against `knownRoots`.
    package var paths: [[String]] {
        switch self {
        case .number, .text, .boolean, .null: return []
        case .list(let items): return items.flatMap(\.paths)
        case .path(let path), .exists(let path): return [path]
        case .not(let inner), .negate(let inner): return inner.paths
        case .and(let left, let right), .or(let left, let right), .compare(_, let left, let right),
            .arithmetic(_, let left, let right), .isIn(let left, let right), .contains(let left, let right):
            return left.paths + right.paths
        }
    }
}

/// The UTF-8 bytes of a string constant, allocated once at load and compared in place on every record.
package final class ByteString: @unchecked Sendable {
    // Immutable after init; the storage is owned here and freed with it.
    package let bytes: UnsafeBufferPointer<UInt8>
    private let storage: UnsafeMutableBufferPointer<UInt8>

    package init(_ text: String) {
        storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, text.utf8.count))
        _ = storage.initialize(from: text.utf8)
        bytes = UnsafeBufferPointer(rebasing: storage[0..<text.utf8.count])
    }

    deinit { storage.deallocate() }

    package var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Why an expression does not parse: what was expected, and where (a 1-based character position in its text).
package struct ExpressionError: Error, CustomStringConvertible {
    package let position: Int
    package let message: String

    package var description: String { "at character \(position): \(message)" }
}
