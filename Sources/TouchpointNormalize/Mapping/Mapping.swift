import TouchpointCore
import TouchpointJSON

/// One mapping file, compiled: how the records of one kind of source become canonical events
/// (docs/stages/normalize.md, "Mapping files"). Compiled once when normalize starts; mapping a record walks the
/// record's parsed line and materializes only what the event carries.
/// A class: a record's mapping is handed around once per record, and a struct of this many references would
/// retain each of them every time.
final class Mapping: Sendable {
    let name: String
    let summary: String
    /// Source names this mapping takes without being asked.
    let sources: [String]
    /// How to recognise its records when no mapping has the source's name.
    let shape: Condition?
    let variables: [NamedValue]
    let drops: [DropRule]
    let requires: [RequireRule]
    let id: ValueExpression?
    let entity: ValueExpression?
    let time: TimeField
    let channel: ValueExpression
    let type: ValueExpression
    /// Nil: the journey stage comes from the event type (`JourneyStages`).
    let stage: ValueExpression?
    let text: ValueExpression?
    let ids: [IdentifierField]
    let traits: [NamedValue]
    let metrics: [MetricField]
    let properties: [NamedValue]
    /// Objects whose unread members are kept at the top of `properties` (an X delivery's `data`).
    let flattened: Set<String>
    let keepsUnmapped: Bool
    let readFields: FieldTree
    /// The fields its paths read, each looked up once per record.
    let slots: PathSlots
    /// The members of `data` the mapping reads or flattens, by their key's bytes: keeping the unread members of a
    /// record compares its keys with these instead of building a `String` of every key to look it up.
    let topLevelReads: [TopLevelRead]

    init(
        name: String, summary: String, sources: [String], shape: Condition?,
        variables: [(name: String, value: ValueExpression)], drops: [DropRule], requires: [RequireRule],
        id: ValueExpression?, entity: ValueExpression?, time: TimeField, channel: ValueExpression,
        type: ValueExpression, stage: ValueExpression?, text: ValueExpression?, ids: [IdentifierField],
        traits: [(name: String, value: ValueExpression)], metrics: [MetricField],
        properties: [(name: String, value: ValueExpression)], flattened: Set<String>, keepsUnmapped: Bool,
        slots: PathSlots, readFields: FieldTree
    ) {
        self.name = name
        self.summary = summary
        self.sources = sources
        self.shape = shape
        self.variables = variables.map { NamedValue($0.name, $0.value) }
        self.drops = drops
        self.requires = requires
        self.id = id
        self.entity = entity
        self.time = time
        self.channel = channel
        self.type = type
        self.stage = stage
        self.text = text
        self.ids = ids
        self.traits = traits.map { NamedValue($0.name, $0.value) }
        self.metrics = metrics
        self.properties = properties.map { NamedValue($0.name, $0.value) }
        self.flattened = flattened
        self.keepsUnmapped = keepsUnmapped
        self.readFields = readFields
        self.slots = slots
        let keys = Set(readFields.children.keys).union(flattened).sorted()
        topLevelReads = keys.map {
            TopLevelRead(key: $0, read: readFields.children[$0], isFlattened: flattened.contains($0))
        }
    }

    /// The fields coverage is reported for: every mapped output, with the paths it reads. A value under `if` is
    /// there only when its condition holds, so its absence says nothing; it is left out.
    var coveredFields: [(output: String, reads: String)] {
        func reads(_ value: ValueExpression) -> String {
            value.paths.filter { $0.root == .data }.map { "`\($0.fieldName)`" }.joined(separator: " or ")
        }
        func isConditional(_ value: ValueExpression) -> Bool { value is ConditionalValue }
        var fields: [(ValueExpression, String)] = ids.map { ($0.value, "ids." + $0.name) }
        fields += traits.map { ($0.value, "traits." + $0.name) } + metrics.map { ($0.value, "metrics." + $0.name) }
        if let text { fields.append((text, "text")) }
        return fields.map { (output: $0.1, reads: isConditional($0.0) ? "" : reads($0.0)) }
    }

    /// Whether a covered field is reported when missing (not a conditional value).
    var reportedFields: [Bool] {
        var values: [ValueExpression] = ids.map(\.value) + traits.map(\.value) + metrics.map(\.value)
        if let text { values.append(text) }
        return values.map { !($0 is ConditionalValue) }
    }
}

/// A member of `data` a mapping reads or flattens (`Mapping.topLevelReads`).
final class TopLevelRead: Sendable {
    let key: [UInt8]
    let read: FieldTree?
    /// Read whole: never kept in `properties`.
    let isWhole: Bool
    let isFlattened: Bool

    init(key: String, read: FieldTree?, isFlattened: Bool) {
        self.key = Array(key.utf8)
        self.read = read
        isWhole = read?.isWhole == true
        self.isFlattened = isFlattened
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { key.count == bytes.count && key.elementsEqual(bytes) }
}

/// What a mapping made of one record.
enum MappingOutcome {
    /// The event was written; `present` says which covered fields it has.
    case event(time: Timestamp, hasIdentifier: Bool, present: [Bool])
    case dropped(reason: String)
    case deadLetter(DeadLetterReason, String)
}
