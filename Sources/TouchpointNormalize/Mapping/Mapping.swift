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
    let variables: [(name: String, value: ValueExpression)]
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
    let traits: [(name: String, value: ValueExpression)]
    let metrics: [MetricField]
    let properties: [(name: String, value: ValueExpression)]
    /// Objects whose unread members are kept at the top of `properties` (an X delivery's `data`).
    let flattened: Set<String>
    let keepsUnmapped: Bool
    let readFields: FieldTree

    init(
        name: String, summary: String, sources: [String], shape: Condition?,
        variables: [(name: String, value: ValueExpression)], drops: [DropRule], requires: [RequireRule],
        id: ValueExpression?, entity: ValueExpression?, time: TimeField, channel: ValueExpression,
        type: ValueExpression, stage: ValueExpression?, text: ValueExpression?, ids: [IdentifierField],
        traits: [(name: String, value: ValueExpression)], metrics: [MetricField],
        properties: [(name: String, value: ValueExpression)], flattened: Set<String>, keepsUnmapped: Bool,
        readFields: FieldTree
    ) {
        self.name = name
        self.summary = summary
        self.sources = sources
        self.shape = shape
        self.variables = variables
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
        self.traits = traits
        self.metrics = metrics
        self.properties = properties
        self.flattened = flattened
        self.keepsUnmapped = keepsUnmapped
        self.readFields = readFields
    }

    /// The fields coverage is reported for: every mapped output, with the paths it reads. A value under `if` is
    /// there only when its condition holds, so its absence says nothing; it is left out.
    var coveredFields: [(output: String, reads: String)] {
        func reads(_ value: ValueExpression) -> String {
            value.paths.filter { $0.root == .data }.map { "`\($0.fieldName)`" }.joined(separator: " or ")
        }
        func isConditional(_ value: ValueExpression) -> Bool {
            if case .conditional = value { return true }
            return false
        }
        var fields: [(ValueExpression, String)] = ids.map { ($0.value, "ids." + $0.name) }
        fields += traits.map { ($0.value, "traits." + $0.name) } + metrics.map { ($0.value, "metrics." + $0.name) }
        if let text { fields.append((text, "text")) }
        return fields.map { (output: $0.1, reads: isConditional($0.0) ? "" : reads($0.0)) }
    }

    /// Whether a covered field is reported when missing (not a conditional value).
    var reportedFields: [Bool] {
        var values: [ValueExpression] = ids.map(\.value) + traits.map(\.value) + metrics.map(\.value)
        if let text { values.append(text) }
        return values.map {
            if case .conditional = $0 { return false }
            return true
        }
    }
}

/// What a mapping made of one record.
enum MappingOutcome {
    case event(Event, present: [Bool])
    case dropped(reason: String)
    case deadLetter(DeadLetterReason, String)
}
