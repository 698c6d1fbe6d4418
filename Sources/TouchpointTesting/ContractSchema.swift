import Foundation
import TouchpointJSON

/// The canonical event's fields as docs/CONTRACT.md states them, read from its table, so tests can hold both the
/// code and real output to the document.
package struct ContractSchema {
    package struct Field: Equatable {
        package let name: String
        package let type: String
        package let isRequired: Bool
    }

    package let eventFields: [Field]

    package init(contract: URL = BuiltProducts.repository.appendingPathComponent("docs/CONTRACT.md")) throws {
        let text = try String(contentsOf: contract, encoding: .utf8)
        guard let tableStart = text.range(of: "<!-- The schema test reads this table") else {
            throw CocoaError(.fileReadCorruptFile)
        }
        var fields: [Field] = []
        for line in text[tableStart.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[0].hasPrefix("`") else { continue }
            fields.append(
                Field(
                    name: cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")),
                    type: cells[1], isRequired: cells[2] == "yes"))
        }
        eventFields = fields
    }

    /// Problems with one event record; empty when it matches the table.
    package func violations(of event: JSONValue) -> [String] {
        guard let object = event.objectValue else { return ["not an object"] }
        var problems: [String] = []
        let documented = eventFields.map(\.name)
        for field in eventFields {
            guard let value = object[field.name] else {
                if field.isRequired { problems.append("missing required field \"\(field.name)\"") }
                continue
            }
            if Self.typeName(of: value) != field.type {
                problems.append("field \"\(field.name)\" is \(Self.typeName(of: value)), documented as \(field.type)")
            }
        }
        for key in object.keys where !documented.contains(key) { problems.append("undocumented field \"\(key)\"") }
        let order = object.keys.compactMap { documented.firstIndex(of: $0) }
        if order != order.sorted() { problems.append("fields out of documented order: \(object.keys)") }
        return problems
    }

    static func typeName(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
