import TouchpointCore
import TouchpointJSON

/// A compiled test of a mapping file (`select.shape`, `drop[].when`, `if`): docs/stages/normalize.md, "Conditions".
///
/// Final classes built by the factories below, for the reason `ValueExpression` gives: tests run many times per
/// record, and reading an indirect enum's payload retained it each time.
class Condition: @unchecked Sendable {
    func holds(_ context: inout MappingContext) -> Bool { false }

    var paths: [FieldPath] { [] }

    /// How many tests a shape makes: a shape that checks more fields is tried before a looser one.
    var specificity: Int { 1 }

    static func present(_ value: ValueExpression) -> Condition { PresenceCondition(value, wanted: true) }
    static func absent(_ value: ValueExpression) -> Condition { PresenceCondition(value, wanted: false) }
    /// The value's text is one of these (after trimming; case-insensitive when they are written in lower case).
    static func oneOf(_ value: ValueExpression, _ choices: TextChoices) -> Condition {
        TextCondition(value) { choices.contains(IdentifierRules.trim($0)) }
    }
    static func matches(_ value: ValueExpression, _ pattern: PatternRegex) -> Condition {
        TextCondition(value) { pattern.matches($0) }
    }
    /// The value's text, lowercased, contains one of these (a list of bot user agents); the memo keeps the answer
    /// for the texts seen last.
    static func containsAny(_ value: ValueExpression, _ needles: [String], _ memo: TextMemo<Bool>) -> Condition {
        TextCondition(value) { text in
            memo.value(for: text) { text in
                let lowered = text.lowercased()
                return needles.contains { lowered.contains($0) }
            }
        }
    }
    static func startsWith(_ value: ValueExpression, _ prefixes: [String]) -> Condition {
        TextCondition(value) { text in prefixes.contains { text.hasPrefix($0) } }
    }
    static func atLeast(_ value: ValueExpression, _ bound: Double) -> Condition {
        BoundCondition(value, bound, isLower: true)
    }
    static func below(_ value: ValueExpression, _ bound: Double) -> Condition {
        BoundCondition(value, bound, isLower: false)
    }
    /// Two values with the same text.
    static func same(_ left: ValueExpression, _ right: ValueExpression) -> Condition { SameCondition(left, right) }
    /// Some element of an array value passes; inside, `.` paths start at the element.
    static func anyElement(_ value: ValueExpression, _ condition: Condition) -> Condition {
        AnyElementCondition(value, condition)
    }
    static func all(_ conditions: [Condition]) -> Condition { AllCondition(conditions) }
    static func any(_ conditions: [Condition]) -> Condition { AnyCondition(conditions) }
    static func not(_ condition: Condition) -> Condition { NotCondition(condition) }
}

/// A test of one value.
class ValueCondition: Condition, @unchecked Sendable {
    let value: ValueExpression
    init(_ value: ValueExpression) { self.value = value }
    override var paths: [FieldPath] { value.paths }
}

final class PresenceCondition: ValueCondition, @unchecked Sendable {
    let wanted: Bool
    init(_ value: ValueExpression, wanted: Bool) {
        self.wanted = wanted
        super.init(value)
    }
    override func holds(_ context: inout MappingContext) -> Bool { value.isPresent(in: &context) == wanted }
}

/// A test of a value's text (`equals`, `in`, `matches`, `contains_any`, `starts_with`); false when it has none.
final class TextCondition: ValueCondition, @unchecked Sendable {
    let test: @Sendable (String) -> Bool
    init(_ value: ValueExpression, _ test: @escaping @Sendable (String) -> Bool) {
        self.test = test
        super.init(value)
    }
    override func holds(_ context: inout MappingContext) -> Bool {
        guard let text = value.text(in: &context) else { return false }
        return test(text)
    }
}

/// `at_least` (the value is at least the bound) or `below` (under it).
final class BoundCondition: ValueCondition, @unchecked Sendable {
    let bound: Double
    let isLower: Bool
    init(_ value: ValueExpression, _ bound: Double, isLower: Bool) {
        self.bound = bound
        self.isLower = isLower
        super.init(value)
    }
    override func holds(_ context: inout MappingContext) -> Bool {
        guard case .some(.some(let number)) = value.number(in: &context) else { return false }
        return isLower ? number >= bound : number < bound
    }
}

final class SameCondition: Condition, @unchecked Sendable {
    let left: ValueExpression
    let right: ValueExpression
    init(_ left: ValueExpression, _ right: ValueExpression) {
        self.left = left
        self.right = right
    }
    override func holds(_ context: inout MappingContext) -> Bool {
        guard let leftText = left.text(in: &context) else { return false }
        return leftText == right.text(in: &context)
    }
    override var paths: [FieldPath] { left.paths + right.paths }
}

final class AnyElementCondition: ValueCondition, @unchecked Sendable {
    let condition: Condition
    init(_ value: ValueExpression, _ condition: Condition) {
        self.condition = condition
        super.init(value)
    }
    override func holds(_ context: inout MappingContext) -> Bool {
        let elements = value.elements(in: &context)
        let saved = context.data
        defer { context.data = saved }
        for element in elements {
            guard case .node(let node) = element else { continue }
            context.data = node
            if condition.holds(&context) { return true }
        }
        return false
    }
    // Paths inside name the element's members, not the record's: only the array's own.
}

final class AllCondition: Condition, @unchecked Sendable {
    let conditions: [Condition]
    init(_ conditions: [Condition]) { self.conditions = conditions }
    override func holds(_ context: inout MappingContext) -> Bool {
        conditions.firstLent { condition in condition.holds(&context) ? nil : false } ?? true
    }
    override var paths: [FieldPath] { conditions.flatMap(\.paths) }
    override var specificity: Int { conditions.map(\.specificity).reduce(0, +) }
}

final class AnyCondition: Condition, @unchecked Sendable {
    let conditions: [Condition]
    init(_ conditions: [Condition]) { self.conditions = conditions }
    override func holds(_ context: inout MappingContext) -> Bool {
        conditions.firstLent { condition in condition.holds(&context) ? true : nil } ?? false
    }
    override var paths: [FieldPath] { conditions.flatMap(\.paths) }
    override var specificity: Int { conditions.map(\.specificity).min() ?? 0 }
}

final class NotCondition: Condition, @unchecked Sendable {
    let condition: Condition
    init(_ condition: Condition) { self.condition = condition }
    override func holds(_ context: inout MappingContext) -> Bool { !condition.holds(&context) }
    override var paths: [FieldPath] { condition.paths }
    override var specificity: Int { condition.specificity }
}
