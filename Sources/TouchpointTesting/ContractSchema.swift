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

    /// The fields of each record kind whose table the document marks, by kind.
    package let fieldsByKind: [String: [Field]]

    package var eventFields: [Field] { fieldsByKind["event"] ?? [] }

    package init(contract: URL = BuiltProducts.repository.appendingPathComponent("docs/CONTRACT.md")) throws {
        let text = try String(contentsOf: contract, encoding: .utf8)
        var tables: [String: [Field]] = [:]
        // `<!-- The schema test reads this table… -->`, optionally `kind=<kind>` (the event's table has none).
        var rest = text[...]
        while let marker = rest.range(of: "<!-- The schema test reads this table") {
            let comment = rest[marker.upperBound...].prefix { $0 != "\n" }
            var kind = "event"
            if let kindRange = comment.range(of: "kind=") {
                kind = String(comment[kindRange.upperBound...].prefix { $0.isLetter || $0 == "_" })
            }
            var fields: [Field] = []
            for line in rest[marker.upperBound...].split(separator: "\n").dropFirst() {
                guard line.hasPrefix("|") else { break }
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count >= 3, cells[0].hasPrefix("`") else { continue }
                fields.append(
                    Field(
                        name: cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")),
                        type: cells[1], isRequired: cells[2] == "yes"))
            }
            tables[kind] = fields
            rest = rest[marker.upperBound...]
        }
        guard tables["event"] != nil else { throw CocoaError(.fileReadCorruptFile) }
        fieldsByKind = tables
    }

    /// Problems with one event record; empty when it matches the table.
    package func violations(of event: JSONValue) -> [String] { violations(of: event, kind: "event") }

    /// Problems with one record of `kind`; empty when it matches that kind's table.
    package func violations(of record: JSONValue, kind: String) -> [String] {
        guard let object = record.objectValue else { return ["not an object"] }
        guard let table = fieldsByKind[kind] else { return ["no table for kind \"\(kind)\""] }
        var problems: [String] = []
        let documented = table.map(\.name)
        for field in table {
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
