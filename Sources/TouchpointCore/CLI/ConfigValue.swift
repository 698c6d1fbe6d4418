import TouchpointJSON

/// One value of a `ConfigFile`, with its place in the file, and accessors that say exactly what is wrong.
package struct ConfigValue: Sendable {
    /// Which file a value is from, shared by every value of it.
    final class Origin: Sendable {
        let file: String
        let lines: LineTable

        init(file: String, lines: LineTable) {
            self.file = file
            self.lines = lines
        }
    }

    package indirect enum Content: Sendable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case array([ConfigValue])
        case object([(key: String, value: ConfigValue)])
    }

    package let content: Content
    /// The JSON path from the file's root: `$.rules[3].owner`.
    package let path: String
    private let offset: Int
    private let origin: Origin

    init(_ document: JSONDocument, _ node: JSONDocument.Node, path: String, origin: Origin) throws(ConfigError) {
        self.path = path
        self.origin = origin
        offset = document.offset(of: node)
        switch document.type(of: node) {
        case .null: content = .null
        case .bool: content = .bool(document.value(node).boolValue ?? false)
        case .number: content = .number(document.number(node)!)
        case .string: content = .string(document.string(node)!)
        case .array:
            var elements: [ConfigValue] = []
            for (index, element) in document.elements(of: node).enumerated() {
                elements.append(try ConfigValue(document, element, path: "\(path)[\(index)]", origin: origin))
            }
            content = .array(elements)
        case .object:
            var members: [(key: String, value: ConfigValue)] = []
            let keyOffsets = document.keyOffsets(of: node)
            for (index, member) in document.members(of: node).enumerated() {
                let memberPath = path + Self.pathComponent(member.key)
                if members.contains(where: { $0.key == member.key }) {
                    throw ConfigError(
                        file: origin.file, position: origin.lines.position(of: keyOffsets[index]), jsonPath: memberPath,
                        message: "duplicate key \"\(member.key)\"")
                }
                members.append((member.key, try ConfigValue(document, member.value, path: memberPath, origin: origin)))
            }
            content = .object(members)
        }
    }

    /// `.name`, or `["odd name"]` for keys that are not identifiers.
    private static func pathComponent(_ key: String) -> String {
        let isPlain =
            !key.isEmpty
            && key.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x5F }
        return isPlain ? "." + key : "[\"" + key + "\"]"
    }

    // MARK: - Errors

    /// An error pointing at this value.
    package func error(_ message: String) -> ConfigError {
        ConfigError(file: origin.file, position: origin.lines.position(of: offset), jsonPath: path, message: message)
    }

    /// What the value is, for messages: `a string`, `an object`.
    package var kindDescription: String {
        switch content {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    private func mismatch(_ expected: String) -> ConfigError { error("expected \(expected), found \(kindDescription)") }

    // MARK: - Accessors

    package func string() throws(ConfigError) -> String {
        guard case .string(let text) = content else { throw mismatch("a string") }
        return text
    }

    package func bool() throws(ConfigError) -> Bool {
        guard case .bool(let value) = content else { throw mismatch("true or false") }
        return value
    }

    package func number() throws(ConfigError) -> Double {
        guard case .number(let number) = content else { throw mismatch("a number") }
        return number.doubleValue
    }

    package func number(in range: ClosedRange<Double>) throws(ConfigError) -> Double {
        let value = try number()
        guard range.contains(value) else {
            throw error(
                "\(JSONNumber(value)?.literal ?? "\(value)") is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    package func integer(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard case .number(let number) = content, let value = number.intValue else { throw mismatch("a whole number") }
        guard range.contains(value) else {
            throw error("\(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A duration written as people say it: `"48h"`, `"7d"`, `"90s"` (`Duration(parsing:)`).
    package func duration() throws(ConfigError) -> Duration {
        guard case .string(let text) = content else { throw mismatch("a duration such as \"48h\"") }
        guard let duration = Duration(parsing: text) else {
            throw error("\"\(text)\" is not a duration (such as 90s, 30m, 48h or 7d)")
        }
        return duration
    }

    /// One of `choices`.
    package func string(oneOf choices: [String]) throws(ConfigError) -> String {
        let text = try string()
        guard choices.contains(text) else {
            throw error("\"\(text)\" is not one of \(choices.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return text
    }

    package func array() throws(ConfigError) -> [ConfigValue] {
        guard case .array(let elements) = content else { throw mismatch("an array") }
        return elements
    }

    package func members() throws(ConfigError) -> [(key: String, value: ConfigValue)] {
        guard case .object(let members) = content else { throw mismatch("an object") }
        return members
    }

    /// The member `key`, or nil when absent. Throws when this is not an object.
    package func optional(_ key: String) throws(ConfigError) -> ConfigValue? {
        try members().first { $0.key == key }?.value
    }

    /// The member `key`; its absence is an error naming it.
    package func required(_ key: String) throws(ConfigError) -> ConfigValue {
        guard let value = try optional(key) else { throw error("missing \"\(key)\"") }
        return value
    }

    /// Refuses keys outside `allowed`, suggesting the nearest one: a misspelt setting must not be ignored quietly.
    package func checkKeys(_ allowed: [String]) throws(ConfigError) {
        for (key, value) in try members() where !allowed.contains(key) {
            let suggestion = allowed.min { Self.distance($0, key) < Self.distance($1, key) }
            let hint =
                suggestion.map { Self.distance($0, key) <= 2 ? " (did you mean \"\($0)\"?)" : "" } ?? ""
            throw value.error(
                "unknown key \"\(key)\"\(hint); known: \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
    }

    /// Edit distance between two short keys, for suggestions.
    private static func distance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var previous = Array(0...right.count)
        for (index, byte) in left.enumerated() {
            var current = [index + 1]
            for (otherIndex, otherByte) in right.enumerated() {
                current.append(
                    min(
                        previous[otherIndex + 1] + 1, current[otherIndex] + 1,
                        previous[otherIndex] + (byte == otherByte ? 0 : 1)))
            }
            previous = current
        }
        return previous[right.count]
    }

    /// The value as plain JSON, for parts a stage keeps as data.
    package var jsonValue: JSONValue {
        switch content {
        case .null: .null
        case .bool(let value): .bool(value)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .array(let elements): .array(elements.map(\.jsonValue))
        case .object(let members): .object(JSONObject(members.map { ($0.key, $0.value.jsonValue) }))
        }
    }
}
