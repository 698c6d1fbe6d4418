/// A JSON value that owns its contents, for building records and for stage logic that needs the whole tree.
///
/// The hot path does not use it: `JSONParser` produces a `JSONDocument` (a tape over the input bytes) and only the
/// records a stage actually owns are materialized into `JSONValue`. Numbers keep their literal text (`JSONNumber`),
/// and objects keep their members in order (`JSONObject`), so parse-then-write changes nothing but whitespace.
package enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string, if this is a string.
    package var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number as a `Double`, if this is a number.
    package var doubleValue: Double? {
        if case .number(let value) = self { return value.doubleValue }
        return nil
    }

    /// The number as an `Int`, if this is a number with an integral value that fits.
    package var intValue: Int? {
        if case .number(let value) = self { return value.intValue }
        return nil
    }

    /// The boolean, if this is `true` or `false`.
    package var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The object, if this is an object.
    package var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    package var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Member lookup that reads as a path: `value["source"]?["name"]`. Nil unless this is an object with that key.
    package subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// A number value from an integer.
    package static func int(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

    /// A number value from a double; nil for NaN and infinities, which JSON cannot represent.
    package static func double(_ value: Double) -> JSONValue? { JSONNumber(value).map(JSONValue.number) }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
    package init(nilLiteral: ()) { self = .null }
}
