import TouchpointCore
import TouchpointJSON

/// A compiled test of a mapping file (`select.shape`, `drop[].when`, `if`): docs/stages/normalize.md, "Conditions".
indirect enum Condition: Sendable {
    case present(ValueExpression)
    case absent(ValueExpression)
    /// The value's text is one of these (after trimming; case-insensitive when they are written in lower case).
    case oneOf(ValueExpression, Set<String>)
    case matches(ValueExpression, PatternRegex)
    /// The value's text, lowercased, contains one of these (a list of bot user agents); the memo keeps the answer
    /// for the texts seen last.
    case containsAny(ValueExpression, [String], TextMemo<Bool>)
    case startsWith(ValueExpression, [String])
    case atLeast(ValueExpression, Double)
    case below(ValueExpression, Double)
    /// Two values with the same text.
    case same(ValueExpression, ValueExpression)
    /// Some element of an array value passes; inside, `.` paths start at the element.
    case anyElement(ValueExpression, Condition)
    case all([Condition])
    case any([Condition])
    case not(Condition)

    func holds(_ context: inout MappingContext) -> Bool {
        switch self {
        case .present(let value): return value.isPresent(in: &context)
        case .absent(let value): return !value.isPresent(in: &context)
        case .oneOf(let value, let choices):
            guard let text = value.text(in: &context) else { return false }
            let trimmed = IdentifierRules.trim(text)
            return choices.contains(trimmed) || choices.contains(trimmed.lowercased())
        case .matches(let value, let pattern):
            guard let text = value.text(in: &context) else { return false }
            return pattern.matches(text)
        case .containsAny(let value, let needles, let memo):
            guard let text = value.text(in: &context) else { return false }
            return memo.value(for: text) { text in
                let lowered = text.lowercased()
                return needles.contains { lowered.contains($0) }
            }
        case .startsWith(let value, let prefixes):
            guard let text = value.text(in: &context) else { return false }
            return prefixes.contains { text.hasPrefix($0) }
        case .atLeast(let value, let bound):
            guard case .some(.some(let number)) = value.number(in: &context) else { return false }
            return number >= bound
        case .below(let value, let bound):
            guard case .some(.some(let number)) = value.number(in: &context) else { return false }
            return number < bound
        case .same(let left, let right):
            guard let leftText = left.text(in: &context) else { return false }
            return leftText == right.text(in: &context)
        case .anyElement(let value, let condition):
            let elements = value.elements(in: &context)
            let saved = context.data
            defer { context.data = saved }
            for element in elements {
                guard case .node(let node) = element else { continue }
                context.data = node
                if condition.holds(&context) { return true }
            }
            return false
        case .all(let conditions):
            for condition in conditions where !condition.holds(&context) { return false }
            return true
        case .any(let conditions):
            for condition in conditions where condition.holds(&context) { return true }
            return false
        case .not(let condition):
            return !condition.holds(&context)
        }
    }

    var paths: [FieldPath] {
        switch self {
        case .present(let value), .absent(let value), .oneOf(let value, _), .matches(let value, _),
            .containsAny(let value, _, _), .startsWith(let value, _), .atLeast(let value, _), .below(let value, _):
            return value.paths
        case .same(let left, let right): return left.paths + right.paths
        // Paths inside name the element's members, not the record's.
        case .anyElement(let value, _): return value.paths
        case .all(let conditions), .any(let conditions): return conditions.flatMap(\.paths)
        case .not(let condition): return condition.paths
        }
    }
}
