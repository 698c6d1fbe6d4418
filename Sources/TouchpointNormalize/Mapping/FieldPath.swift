import TouchpointJSON

/// Where a mapping reads a value: `.requester.email`, `.data.edit_history_tweet_ids[0]`, `."Caller Number"`,
/// `$author.username` (a `let` value), `$source.name`, `$received`.
///
/// A key runs to the next `.` or `[`; spaces and dashes are part of it, so CSV headers need no quoting. A key that
/// holds a `.` or `[` is quoted: `."a.b"` or `["a.b"]`.
///
/// A class: a path is read several times per record, and a struct of an enum, an array and a string was retained
/// and released field by field at every read.
final class FieldPath: Sendable, CustomStringConvertible {
    enum Root: Hashable, Sendable {
        /// The record's `data`.
        case data
        /// A `let` value, by its position in the mapping's `let` list.
        case variable(Int)
        /// The record's envelope: `$source.name`, `$source.format`, `$source.file`, `$received`.
        case envelope(String)
    }

    enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    let root: Root
    let steps: [Step]
    /// As written in the mapping file, for messages.
    let description: String
    /// Where a path under `data` is kept while a record is mapped: the `PathSlots` it belongs to, by identity (a
    /// reference here would be retained at every read), and its slot there. Nil for other roots.
    let slot: (owner: ObjectIdentifier, index: Int)?

    init(root: Root, steps: [Step], description: String, slots: PathSlots? = nil) {
        self.root = root
        self.steps = steps
        self.description = description
        slot = root == .data && !steps.isEmpty ? slots.map { (ObjectIdentifier($0), $0.slot(for: steps)) } : nil
    }

    /// The path under `data` without the leading dot (`requester.email`): the name `invalid_fields` files a value
    /// under.
    var fieldName: String {
        description.hasPrefix(".") ? String(description.dropFirst()) : description
    }

    /// Parses the text of a path; `variables` are the `let` names defined so far. Nil with a reason when it is not
    /// a path.
    static func parse(_ text: String, variables: [String], slots: PathSlots? = nil) -> Result<FieldPath, PathError> {
        var bytes = Array(text.utf8)[...]
        let root: Root
        if bytes.first == UInt8(ascii: "$") {
            bytes = bytes.dropFirst()
            let name = String(
                decoding: bytes.prefix { $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: "[") }, as: UTF8.self)
            bytes = bytes.dropFirst(name.utf8.count)
            if name == "source" {
                guard case .success(let steps) = parseSteps(bytes), steps.count == 1, case .key(let member) = steps[0],
                    ["name", "format", "file"].contains(member)
                else { return .failure(PathError("$source has the members name, format and file")) }
                return .success(FieldPath(root: .envelope(member), steps: [], description: text))
            }
            if name == "received" {
                guard bytes.isEmpty else { return .failure(PathError("$received has no members")) }
                return .success(FieldPath(root: .envelope("received"), steps: [], description: text))
            }
            guard let index = variables.firstIndex(of: name) else {
                let known = variables.isEmpty ? "none defined" : variables.map { "$" + $0 }.joined(separator: ", ")
                return .failure(PathError("$\(name) is not defined by \"let\" before it is used (\(known))"))
            }
            root = .variable(index)
        } else {
            guard bytes.first == UInt8(ascii: ".") else {
                return .failure(PathError("a path starts with \".\" (a field) or \"$\" (a let value)"))
            }
            root = .data
        }
        switch parseSteps(bytes) {
        case .success(let steps):
            return .success(FieldPath(root: root, steps: steps, description: text, slots: slots))
        case .failure(let error): return .failure(error)
        }
    }

    private static func parseSteps(_ input: ArraySlice<UInt8>) -> Result<[Step], PathError> {
        var steps: [Step] = []
        var rest = input
        while let first = rest.first {
            if first == UInt8(ascii: ".") {
                rest = rest.dropFirst()
                if rest.first == UInt8(ascii: "\"") {
                    guard let (key, after) = quoted(rest) else { return .failure(PathError("unclosed quote")) }
                    steps.append(.key(key))
                    rest = after
                } else if rest.isEmpty || rest.first == UInt8(ascii: "[") {
                    // "." alone is the value itself.
                    continue
                } else {
                    let key = rest.prefix { $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: "[") }
                    steps.append(.key(String(decoding: key, as: UTF8.self)))
                    rest = rest.dropFirst(key.count)
                }
            } else if first == UInt8(ascii: "[") {
                rest = rest.dropFirst()
                if rest.first == UInt8(ascii: "\"") {
                    guard let (key, after) = quoted(rest), after.first == UInt8(ascii: "]") else {
                        return .failure(PathError("[\"key\"] is not closed"))
                    }
                    steps.append(.key(key))
                    rest = after.dropFirst()
                } else {
                    let digits = rest.prefix { $0 != UInt8(ascii: "]") }
                    guard digits.count < rest.count, let index = Int(String(decoding: digits, as: UTF8.self)) else {
                        return .failure(PathError("[N] needs a whole number and a closing ]"))
                    }
                    steps.append(.index(index))
                    rest = rest.dropFirst(digits.count + 1)
                }
            } else {
                return .failure(PathError("unexpected \"\(Character(UnicodeScalar(first)))\""))
            }
        }
        return .success(steps)
    }

    /// A `"…"` key (with `\"` inside) and what follows it.
    private static func quoted(_ input: ArraySlice<UInt8>) -> (String, ArraySlice<UInt8>)? {
        var key: [UInt8] = []
        var index = input.index(after: input.startIndex)
        while index < input.endIndex {
            let byte = input[index]
            if byte == UInt8(ascii: "\\"), input.index(after: index) < input.endIndex {
                key.append(input[input.index(after: index)])
                index = input.index(index, offsetBy: 2)
                continue
            }
            if byte == UInt8(ascii: "\"") { return (String(decoding: key, as: UTF8.self), input[(index + 1)...]) }
            key.append(byte)
            index += 1
        }
        return nil
    }
}

struct PathError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension JSONDocument {
    /// The node a path's steps lead to from `node`; negative indexes count from the end.
    func follow(_ steps: [FieldPath.Step], from node: Node) -> Node? {
        var current = node
        for step in steps {
            guard let next = follow(step, from: current) else { return nil }
            current = next
        }
        return current
    }

    /// The node one step leads to from `node`.
    func follow(_ step: FieldPath.Step, from node: Node) -> Node? {
        switch step {
        case .key(let key):
            return member(key, of: node)
        case .index(let index):
            let elements = elements(of: node)
            let position = index < 0 ? elements.count + index : index
            return elements.indices.contains(position) ? elements[position] : nil
        }
    }
}
