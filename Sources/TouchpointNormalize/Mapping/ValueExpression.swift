import TouchpointCore
import TouchpointJSON

/// A compiled value of a mapping file: where a value comes from, then what is done to it (docs/stages/normalize.md,
/// "Values"). Evaluating one never fails; a value that is not there is nil, and the field that wanted it decides
/// what that means.
indirect enum ValueExpression: Sendable {
    case path(FieldPath)
    case constant(JSONValue)
    /// The first alternative that is present.
    case first([ValueExpression])
    /// The present parts as text, joined; nil when none is present.
    case join([ValueExpression], separator: String)
    /// The element of an array whose `key` equals a value: an X post's author in `includes.users`.
    case lookup(array: ValueExpression, key: FieldPath, equals: ValueExpression)
    case conditional(Condition, then: ValueExpression, otherwise: ValueExpression?)
    /// An object of the present members: `{"object": {"sku": …, "quantity": …}}`.
    case object([(key: String, value: ValueExpression)])
    case transformed(ValueExpression, [ValueTransform])

    func evaluate(_ context: inout MappingContext) -> Datum? {
        switch self {
        case .path(let path):
            return context.resolve(path)
        case .constant(let value):
            return .value(value)
        case .first(let alternatives):
            for alternative in alternatives {
                let datum = alternative.evaluate(&context)
                if context.isPresent(datum) { return datum }
            }
            return nil
        case .join(let parts, let separator):
            var texts: [String] = []
            for part in parts {
                if let text = part.text(in: &context) { texts.append(text) }
            }
            return texts.isEmpty ? nil : .value(.string(texts.joined(separator: separator)))
        case .lookup(let array, let key, let equals):
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
        case .conditional(let condition, let then, let otherwise):
            if condition.holds(&context) { return then.evaluate(&context) }
            return otherwise?.evaluate(&context)
        case .object(let members):
            var object = JSONObject()
            for member in members {
                if let datum = member.value.evaluate(&context), context.isPresent(datum) {
                    object.append(member.key, context.json(datum))
                }
            }
            return object.isEmpty ? nil : .value(.object(object))
        case .transformed(let base, let transforms):
            var datum = base.evaluate(&context)
            for transform in transforms { datum = transform.apply(datum, &context) }
            return datum
        }
    }

    /// Every data path the value reads, for the set of fields a mapping uses.
    var paths: [FieldPath] {
        switch self {
        case .path(let path): return [path]
        case .constant: return []
        case .first(let alternatives): return alternatives.flatMap(\.paths)
        case .join(let parts, _): return parts.flatMap(\.paths)
        case .lookup(let array, _, let equals): return array.paths + equals.paths
        // The value's own paths first: `invalid_fields` names a bad value by its first path, not the test's.
        case .conditional(let condition, let then, let otherwise):
            return then.paths + (otherwise?.paths ?? []) + condition.paths
        case .object(let members): return members.flatMap(\.value.paths)
        case .transformed(let base, let transforms): return base.paths + transforms.flatMap(\.paths)
        }
    }
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
            if let mapped = entries[key] ?? entries[key.lowercased()] { return .value(mapped) }
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
