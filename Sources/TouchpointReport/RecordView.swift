import TouchpointCore
import TouchpointJSON

/// Read access to one record of the pipeline's output, on the parser's tape: members by path, nothing materialized.
struct RecordView {
    let document: JSONDocument

    func node(_ path: String...) -> JSONDocument.Node? { node(path) }

    func node(_ path: [String]) -> JSONDocument.Node? {
        var current = document.root
        for key in path {
            guard let next = document.member(key, of: current) else { return nil }
            current = next
        }
        return current
    }

    func string(_ path: String...) -> String? { node(path).flatMap(document.string) }

    func double(_ path: String...) -> Double? {
        node(path).flatMap(document.number).map(\.doubleValue).flatMap { $0.isFinite ? $0 : nil }
    }

    func equals(_ text: StaticString, at path: String...) -> Bool {
        node(path).map { document.stringEquals($0, text) } ?? false
    }

    func time(_ path: String...) -> Timestamp? { node(path).flatMap(document.string).flatMap(Timestamp.init(parsing:)) }

    func strings(_ path: String...) -> [String] {
        guard let array = node(path), document.type(of: array) == .array else { return [] }
        return document.elements(of: array).compactMap(document.string)
    }

    /// The members of an object whose values are strings, in input order.
    func stringMembers(_ path: String...) -> [(key: String, value: String)] {
        guard let object = node(path) else { return [] }
        return document.members(of: object).compactMap { member in
            document.string(member.value).map { (member.key, $0) }
        }
    }
}
