import TouchpointCore
import TouchpointJSON

/// `event.time`: where the event time is, how it may be written, and in which zone a time without an offset is.
struct TimeField: Sendable {
    let value: ValueExpression
    let reader: TimeReader
    /// A zone named per record (`"zone": ".store_timezone"`); the reader's own zone otherwise.
    let zone: ValueExpression?
    /// Use the record's received time when there is no usable time (`"or_received": true`).
    let orReceived: Bool
}

/// A named value of a mapping: a `let` value, a trait, a property.
final class NamedValue: Sendable {
    let name: String
    let value: ValueExpression

    init(_ name: String, _ value: ValueExpression) {
        self.name = name
        self.value = value
    }
}

/// One member of `ids`: a value and the identifier rules it goes through. A class, as the other compiled parts of
/// a mapping are, so that mapping a record hands it on by one reference.
final class IdentifierField: Sendable {
    enum Rules: String, Sendable {
        case email, phone, social, loyalty, plain
    }

    let name: String
    let value: ValueExpression
    let rules: Rules
    /// `social`: the platform (`twitter`), so the identifier is `twitter:handle`.
    let platform: ValueExpression?
    /// `phone`: the region a national number is read in (`GB`, a locale, or a field holding one).
    let region: ValueExpression?
    /// The alternatives tried in turn: those of a list value, or the value alone.
    let candidates: [ValueExpression]

    init(name: String, value: ValueExpression, rules: Rules, platform: ValueExpression?, region: ValueExpression?) {
        self.name = name
        self.value = value
        self.rules = rules
        self.platform = platform
        self.region = region
        candidates = (value as? FirstValue)?.alternatives ?? [value]
    }
}

/// One member of `metrics`: a number within a range, or a currency code.
final class MetricField: Sendable {
    enum Kind: Sendable {
        case number(range: ClosedRange<Double>, isWhole: Bool)
        /// ISO 4217: three letters, upper-cased.
        case currency
        /// Any value, kept as it is (a count already typed by the source).
        case any
    }

    let name: String
    let value: ValueExpression
    let kind: Kind

    init(name: String, value: ValueExpression, kind: Kind) {
        self.name = name
        self.value = value
        self.kind = kind
    }

    /// The scales the contract fixes (docs/CONTRACT.md §2): a survey metric outside them is not that metric.
    static func standardKind(_ name: String) -> Kind? {
        switch name {
        case "nps": .number(range: 0...10, isWhole: true)
        case "csat": .number(range: 1...5, isWhole: true)
        case "ces": .number(range: 1...7, isWhole: true)
        case "currency": .currency
        default: nil
        }
    }
}

/// A named, counted reason to leave a record out: bots, health checks, the brand's own posts.
struct DropRule: Sendable {
    let reason: String
    let when: Condition
}

/// A record that fails `when` is a dead letter (`invalid_field`) with `problem` as its detail.
struct RequireRule: Sendable {
    let when: Condition
    let problem: String
}

/// The fields of `data` a mapping reads, as a tree of keys; a leaf is read whole. What is not in it is kept in
/// `properties` (docs/CONTRACT.md §2), and a member read inside an object is taken out of the copy of that object.
struct FieldTree: Sendable {
    var children: [String: FieldTree] = [:]
    var isWhole = false

    mutating func insert(_ steps: ArraySlice<FieldPath.Step>) {
        guard let first = steps.first, case .key(let key) = first, !isWhole else {
            isWhole = true
            children = [:]
            return
        }
        children[key, default: FieldTree()].insert(steps.dropFirst())
    }
}
