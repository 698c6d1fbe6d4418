import TouchpointCore
import TouchpointJSON

/// A compiled value of a mapping file: where a value comes from, then what is done to it (docs/stages/normalize.md,
/// "Values"). Evaluating one never fails; a value that is not there is nil, and the field that wanted it decides
/// what that means.
///
/// A tree of final classes, one per kind of value, built by the factories below. An indirect enum was the first
/// shape: every case read out of its box retained and released its payload, so a Segment message (a hundred
/// values) spent a third of its time counting references. A class's `let` members are read in place.
class ValueExpression: @unchecked Sendable {
    func evaluate(_ context: inout MappingContext) -> Datum? { nil }

    /// Every data path the value reads, for the set of fields a mapping uses.
    var paths: [FieldPath] { [] }

    static func path(_ path: FieldPath) -> ValueExpression { PathValue(path) }
    static func constant(_ value: JSONValue) -> ValueExpression { ConstantValue(value) }
    /// The first alternative that is present.
    static func first(_ alternatives: [ValueExpression]) -> ValueExpression { FirstValue(alternatives) }
    /// The present parts as text, joined; nil when none is present.
    static func join(_ parts: [ValueExpression], separator: String) -> ValueExpression {
        JoinValue(parts, separator: separator)
    }
    /// The element of an array whose `key` equals a value: an X post's author in `includes.users`.
    static func lookup(array: ValueExpression, key: FieldPath, equals: ValueExpression) -> ValueExpression {
        LookupValue(array: array, key: key, equals: equals)
    }
    static func conditional(_ condition: Condition, then: ValueExpression, otherwise: ValueExpression?)
        -> ValueExpression
    {
        ConditionalValue(condition, then: then, otherwise: otherwise)
    }
    /// An object of the present members: `{"object": {"sku": …, "quantity": …}}`.
    static func object(_ members: [(key: String, value: ValueExpression)]) -> ValueExpression { ObjectValue(members) }
    static func transformed(_ base: ValueExpression, _ transforms: [ValueTransform]) -> ValueExpression {
        TransformedValue(base, transforms)
    }
}

final class PathValue: ValueExpression, @unchecked Sendable {
    let path: FieldPath
    init(_ path: FieldPath) { self.path = path }
    override func evaluate(_ context: inout MappingContext) -> Datum? { context.resolve(path) }
    override var paths: [FieldPath] { [path] }
}

final class ConstantValue: ValueExpression, @unchecked Sendable {
    let value: Datum
    init(_ value: JSONValue) { self.value = .value(value) }
    override func evaluate(_ context: inout MappingContext) -> Datum? { value }
}

final class FirstValue: ValueExpression, @unchecked Sendable {
    let alternatives: [ValueExpression]
    init(_ alternatives: [ValueExpression]) { self.alternatives = alternatives }

    override func evaluate(_ context: inout MappingContext) -> Datum? {
        alternatives.firstLent { alternative in
            let datum = alternative.evaluate(&context)
            return context.isPresent(datum) ? datum : nil
        }
    }

    override var paths: [FieldPath] { alternatives.flatMap(\.paths) }
}

final class JoinValue: ValueExpression, @unchecked Sendable {
    let parts: [ValueExpression]
    let separator: String
    init(_ parts: [ValueExpression], separator: String) {
        self.parts = parts
        self.separator = separator
    }

    override func evaluate(_ context: inout MappingContext) -> Datum? {
        var texts: [String] = []
        parts.forEachLent { part in
            if let text = part.text(in: &context) { texts.append(text) }
        }
        return texts.isEmpty ? nil : .value(.string(texts.joined(separator: separator)))
    }

    override var paths: [FieldPath] { parts.flatMap(\.paths) }
}

final class LookupValue: ValueExpression, @unchecked Sendable {
    let array: ValueExpression
    let key: FieldPath
    let equals: ValueExpression
    init(array: ValueExpression, key: FieldPath, equals: ValueExpression) {
        self.array = array
        self.key = key
        self.equals = equals
    }

    override func evaluate(_ context: inout MappingContext) -> Datum? {
        guard let wanted = equals.text(in: &context) else { return nil }
        let saved = context.data
        defer { context.data = saved }
        for element in array.elements(in: &context) {
            guard case .node(let node) = element else {
                if case .value(let value) = element, let field = value.follow(key.steps),
                    MappingContext.text(field) == wanted
                {
                    return element
                }
                continue
            }
            context.data = node
            if context.text(context.resolve(key)) == wanted { return element }
        }
        return nil
    }

    override var paths: [FieldPath] { array.paths + equals.paths }
}

final class ConditionalValue: ValueExpression, @unchecked Sendable {
    let condition: Condition
    let then: ValueExpression
    let otherwise: ValueExpression?
    init(_ condition: Condition, then: ValueExpression, otherwise: ValueExpression?) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
    }

    override func evaluate(_ context: inout MappingContext) -> Datum? {
        if condition.holds(&context) { return then.evaluate(&context) }
        return otherwise?.evaluate(&context)
    }

    // The value's own paths first: `invalid_fields` names a bad value by its first path, not the test's.
    override var paths: [FieldPath] { then.paths + (otherwise?.paths ?? []) + condition.paths }
}

final class ObjectValue: ValueExpression, @unchecked Sendable {
    let members: [(key: String, value: ValueExpression)]
    init(_ members: [(key: String, value: ValueExpression)]) { self.members = members }

    override func evaluate(_ context: inout MappingContext) -> Datum? {
        var object = JSONObject()
        for member in members {
            if let datum = member.value.evaluate(&context), context.isPresent(datum) {
                object.append(member.key, context.json(datum))
            }
        }
        return object.isEmpty ? nil : .value(.object(object))
    }

    override var paths: [FieldPath] { members.flatMap(\.value.paths) }
}

final class TransformedValue: ValueExpression, @unchecked Sendable {
    let base: ValueExpression
    let transforms: [ValueTransform]
    init(_ base: ValueExpression, _ transforms: [ValueTransform]) {
        self.base = base
        self.transforms = transforms
    }

    override func evaluate(_ context: inout MappingContext) -> Datum? {
        var datum = base.evaluate(&context)
        for transform in transforms { datum = transform.apply(datum, &context) }
        return datum
    }

    override var paths: [FieldPath] { base.paths + transforms.flatMap(\.paths) }
}

/// One step applied to a value, in the order the mapping file lists them.
enum ValueTransform: Sendable {
    case trim, lower, upper
    /// The text of a capture group (1 when the pattern has one, else the whole match); nil without a match.
    case regex(PatternRegex, group: Int)
    /// The part at `index` (negative counts from the end) after splitting on `separator`.
    case split(separator: String, index: Int)
    case prefix(String)
    case suffix(String)
    /// The decoded value of a URL query parameter; `url_decode` decodes the whole text.
    case queryParameter(String)
    case urlDecode
    /// Every non-empty part after splitting on the separator, as an array.
    case splitAll(String)
    /// The sum over an array's elements of a member (`.quantity`); an element without it counts 1, as a line
    /// item without a quantity is one item, and a negative one counts 0.
    case sum(FieldPath)
    /// A value map: the text (as written, then lowercased) to a value; others give `fallback` or pass through.
    case map([String: JSONValue], fallback: ValueExpression?, passThrough: Bool)
    /// The first row of a pattern table that matches.
    case table(PatternTable)
    case number, integer, string, boolean
    /// A time as RFC 3339 UTC with milliseconds when it parses, as written when not.
    case time
    /// The first or last name of a full name (`Raman, Priya`, `Dr. Priya Raman`: Core's `PersonName`).
    case namePart(isFirst: Bool)
    /// The value for each element of an array (`.` is the element inside).
    case each(ValueExpression)
    /// A value when there is none.
    case fallback(ValueExpression)

    func apply(_ datum: Datum?, _ context: inout MappingContext) -> Datum? {
        switch self {
        case .fallback(let value):
            return context.isPresent(datum) ? datum : value.evaluate(&context)
        case .map(let entries, let fallback, let passThrough):
            guard let text = context.text(datum) else { return fallback?.evaluate(&context) }
            let key = IdentifierRules.trim(text)
            if let mapped = entries[key] ?? key.lowercasedIfChanged.flatMap({ entries[$0] }) { return .value(mapped) }
            if let fallback { return fallback.evaluate(&context) }
            return passThrough ? datum : nil
        case .table(let table):
            guard let text = context.text(datum) else { return nil }
            return table.lookup(text).map(Datum.value)
        case .number:
            guard case .some(.some(let number)) = context.number(datum) else { return nil }
            return JSONValue.double(number).map(Datum.value)
        case .integer:
            guard case .some(.some(let number)) = context.number(datum), number == number.rounded(),
                abs(number) < 9e15
            else { return nil }
            return .value(.int(Int(number)))
        case .sum(let member):
            guard context.isPresent(datum), case .some(let datum) = datum else { return nil }
            var total = 0.0
            for element in context.elements(datum) {
                let field: Datum?
                switch element {
                case .node(let node): field = context.document.follow(member.steps, from: node).map(Datum.node)
                case .value(let value): field = value.follow(member.steps).map(Datum.value)
                }
                if case .some(.some(let number)) = context.number(field) { total += max(0, number) } else { total += 1 }
            }
            return JSONValue.double(total).map(Datum.value)
        case .namePart(let isFirst):
            guard let text = context.text(datum), let name = PersonName(fullName: text) else { return nil }
            let part = isFirst ? name.first : name.last
            return part.isEmpty ? nil : .value(.string(part))
        case .time:
            guard let text = context.text(datum) else { return nil }
            return .value(.string(Timestamp(parsing: IdentifierRules.trim(text))?.description ?? text))
        case .each(let value):
            let elements = context.elements(datum)
            guard !elements.isEmpty else { return nil }
            let saved = context.element
            defer { context.element = saved }
            var results: [JSONValue] = []
            for element in elements {
                context.element = element
                if let result = value.evaluate(&context), context.isPresent(result) {
                    results.append(context.json(result))
                }
            }
            return results.isEmpty ? nil : .value(.array(results))
        case .splitAll(let separator):
            guard let text = context.text(datum) else { return nil }
            let parts = text.split(separator: separator).map { JSONValue.string(String($0)) }
            return parts.isEmpty ? nil : .value(.array(parts))
        case .boolean:
            guard let text = context.text(datum) else { return nil }
            switch IdentifierRules.trim(text).lowercased() {
            case "true", "yes", "y", "1", "t": return .value(.bool(true))
            case "false", "no", "n", "0", "f": return .value(.bool(false))
            default: return nil
            }
        default:
            guard let text = context.text(datum) else { return nil }
            return transformText(text).map { .value(.string($0)) }
        }
    }

    private func transformText(_ text: String) -> String? {
        switch self {
        case .trim: return IdentifierRules.trim(text)
        case .lower: return text.lowercased()
        case .upper: return text.uppercased()
        case .string: return text
        case .regex(let pattern, let group): return pattern.capture(text, group: group)
        case .split(let separator, let index):
            let parts = text.split(separator: separator, omittingEmptySubsequences: false)
            let position = index < 0 ? parts.count + index : index
            guard parts.indices.contains(position) else { return nil }
            return String(parts[position])
        case .prefix(let prefix): return prefix + text
        case .suffix(let suffix): return text + suffix
        case .queryParameter(let name): return URLQuery.parameter(name, in: text)
        case .urlDecode: return URLQuery.decoded(text.utf8)
        default: return text
        }
    }

    var paths: [FieldPath] {
        switch self {
        case .fallback(let value): return value.paths
        case .map(_, let fallback, _): return fallback?.paths ?? []
        // Paths inside name the element's members, not the record's.
        case .each: return []
        default: return []
        }
    }
}

// Evaluating first and reading the datum after: `context.text(value.evaluate(&context))` would copy the whole
// context to read it while the argument changes it, several times per record.
extension ValueExpression {
    func text(in context: inout MappingContext) -> String? {
        let datum = evaluate(&context)
        return context.text(datum)
    }

    func isPresent(in context: inout MappingContext) -> Bool {
        let datum = evaluate(&context)
        return context.isPresent(datum)
    }

    func number(in context: inout MappingContext) -> Double?? {
        let datum = evaluate(&context)
        return context.number(datum)
    }

    func elements(in context: inout MappingContext) -> [Datum] {
        let datum = evaluate(&context)
        return context.elements(datum)
    }
}
