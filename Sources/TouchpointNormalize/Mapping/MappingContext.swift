import TouchpointCore
import TouchpointJSON

/// A value while a record is mapped: a node of the record's parsed line, read in place, or a value a transform
/// made. Only what leaves as part of the event is ever materialized.
enum Datum {
    case node(JSONDocument.Node)
    case value(JSONValue)
}

/// One record being mapped: its parsed line, its envelope, and the `let` values computed so far.
///
/// Its readers are `mutating`: `resolve` fills the record's path slots, and the others change nothing but are
/// called on the context values get `inout`, where a non-mutating call copied the whole context, retaining and
/// releasing each of its references, for every value read.
struct MappingContext {
    let document: JSONDocument
    /// Where `.` paths start: the record's `data`, or an array element inside `any_element`.
    var data: JSONDocument.Node
    let source: SourceReference
    let received: Timestamp?
    var variables: [Datum?]
    /// Inside `each`: the array element `.` paths start at.
    var element: Datum?
    /// The mapping's paths and what each found in this record, so far; paths of another mapping (a shape tried
    /// while choosing one) are walked from the top.
    private var slots: PathSlots?
    private var slotsOwner: ObjectIdentifier?
    var slotNodes: [SlotNode] = []
    /// The record's `data`, where `slots` start.
    let recordData: JSONDocument.Node

    init(
        document: JSONDocument, data: JSONDocument.Node, source: SourceReference, received: Timestamp?,
        variables: [Datum?]
    ) {
        self.document = document
        self.data = data
        self.source = source
        self.received = received
        self.variables = variables
        recordData = data
    }

    /// Starts the record's slots over for `slots`, keeping their storage.
    mutating func use(_ slots: PathSlots) {
        self.slots = slots
        slotsOwner = ObjectIdentifier(slots)
        slotNodes.removeAll(keepingCapacity: true)
        slotNodes.append(contentsOf: repeatElement(.unknown, count: slots.slots.count))
    }

    mutating func resolve(_ path: FieldPath) -> Datum? {
        switch path.root {
        case .data:
            switch element {
            case .node(let node)?: return document.follow(path.steps, from: node).map(Datum.node)
            case .value(let value)?: return value.follow(path.steps).map(Datum.value)
            case nil:
                if let slot = path.slot, slot.owner == slotsOwner, data.isSame(as: recordData) {
                    return node(inSlot: slot.index).map(Datum.node)
                }
                return document.follow(path.steps, from: data).map(Datum.node)
            }
        case .variable(let index):
            guard let base = variables[index] else { return nil }
            switch base {
            case .node(let node): return document.follow(path.steps, from: node).map(Datum.node)
            case .value(let value): return value.follow(path.steps).map(Datum.value)
            }
        case .envelope(let member):
            switch member {
            case "name": return .value(.string(source.name))
            case "format": return source.format.map { .value(.string($0)) }
            case "file": return source.file.map { .value(.string($0)) }
            default: return received.map { .value(.string($0.description)) }
            }
        }
    }

    private mutating func node(inSlot index: Int) -> JSONDocument.Node? {
        switch slotNodes[index] {
        case .node(let node): return node
        case .absent: return nil
        case .unknown:
            let slot = slots!.slots[index]
            let parent = slot.parent < 0 ? recordData : node(inSlot: slot.parent)
            let found = parent.flatMap { document.follow(slot.step, from: $0) }
            slotNodes[index] = found.map(SlotNode.node) ?? .absent
            return found
        }
    }

    /// The datum as text: a string as written, a number's literal, `true`/`false`; nil for null, blank strings,
    /// arrays and objects.
    mutating func text(_ datum: Datum?) -> String? {
        switch datum {
        case .node(let node):
            switch document.type(of: node) {
            case .string:
                guard !MappingContext.isBlankString(node, in: document), let text = document.string(node) else {
                    return nil
                }
                return text
            case .number, .bool: return String(decoding: document.rawBytes(node), as: UTF8.self)
            default: return nil
            }
        case .value(let value): return MappingContext.text(value)
        case nil: return nil
        }
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return IdentifierRules.isBlank(text) ? nil : text
        case .number(let number): return number.literal
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    mutating func json(_ datum: Datum) -> JSONValue {
        switch datum {
        case .node(let node): return document.value(node)
        case .value(let value): return value
        }
    }

    /// Whether a datum carries something: not absent, not null, not a blank string, not an empty array or object.
    mutating func isPresent(_ datum: Datum?) -> Bool {
        switch datum {
        case nil: return false
        case .node(let node): return MappingContext.isPresent(node, in: document)
        case .value(let value): return MappingContext.isPresent(value)
        }
    }

    static func isPresent(_ node: JSONDocument.Node, in document: JSONDocument) -> Bool {
        switch document.type(of: node) {
        case .null: return false
        case .string: return !isBlankString(node, in: document)
        case .array, .object: return document.childCount(of: node) > 0
        default: return true
        }
    }

    /// Whether a string node is blank, on its bytes: most are checked without building their `String`.
    static func isBlankString(_ node: JSONDocument.Node, in document: JSONDocument) -> Bool {
        guard document.hasEscapes(node) else { return IdentifierRules.isBlank(bytes: document.rawBytes(node)) }
        return IdentifierRules.isBlank(document.string(node) ?? "")
    }

    static func isPresent(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .string(let text): return !IdentifierRules.isBlank(text)
        case .array(let elements): return !elements.isEmpty
        case .object(let object): return !object.isEmpty
        default: return true
        }
    }

    /// The elements of an array datum, each as a datum.
    mutating func elements(_ datum: Datum?) -> [Datum] {
        switch datum {
        case .node(let node): return document.elements(of: node).map(Datum.node)
        case .value(.array(let elements)): return elements.map(Datum.value)
        default: return []
        }
    }

    /// A number datum, or a string holding a JSON-grammar number (a CSV cell): `.some(nil)` when there is no
    /// value (absent, null, blank), nil when something is there that is not a number.
    mutating func number(_ datum: Datum?) -> Double?? {
        guard isPresent(datum), let datum else { return .some(nil) }
        switch datum {
        case .node(let node) where document.type(of: node) == .number:
            return document.number(node)?.doubleValue
        case .value(.number(let number)):
            return number.doubleValue
        default:
            guard let text = text(datum) else { return nil }
            let trimmed = IdentifierRules.trim(text)
            guard JSONNumber(literal: trimmed) != nil, let number = Double(trimmed) else { return nil }
            return number
        }
    }
}

extension JSONValue {
    func follow(_ steps: [FieldPath.Step]) -> JSONValue? {
        var current = self
        for step in steps {
            switch step {
            case .key(let key):
                guard case .object(let object) = current, let next = object[key] else { return nil }
                current = next
            case .index(let index):
                guard let elements = current.arrayValue else { return nil }
                let position = index < 0 ? elements.count + index : index
                guard elements.indices.contains(position) else { return nil }
                current = elements[position]
            }
        }
        return current
    }
}
