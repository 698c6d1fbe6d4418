import TouchpointCore
import TouchpointJSON

/// What alert needs of every record it owns before any rule looks at it: id, event time, profile and entity.
///
/// An event's time is its `time`; an aggregate's is the end of its window (when its figures became final). An
/// event's entity is its `entity`, else its id, so "distinct entities" counts a ticket's updates once and every
/// other event on its own.
package struct RecordEssentials {
    package var id: String
    package var time: Timestamp
    package var profile: String?
    package var entity: String

    /// Reads the essentials, or says which field is missing or wrong.
    package init(_ record: RecordView, isAggregate: Bool) throws(RecordError) {
        let document = record.document
        guard let idNode = document["id"], let id = document.string(idNode), !id.isEmpty else {
            throw RecordError(field: "id", problem: "missing or not a string")
        }
        let timePath = isAggregate ? ["window", "end"] : ["time"]
        guard let timeNode = record.node(at: timePath), let text = document.string(timeNode) else {
            throw RecordError(field: timePath.joined(separator: "."), problem: "missing or not a string")
        }
        guard let time = Timestamp(parsing: text) else {
            throw RecordError(field: timePath.joined(separator: "."), problem: "not an RFC 3339 timestamp")
        }
        self.id = id
        self.time = time
        if !isAggregate {
            guard document["type"].flatMap(document.string).map({ !$0.isEmpty }) ?? false else {
                throw RecordError(field: "type", problem: "missing or not a string")
            }
        }
        profile = record.node(at: ["profile", "id"]).flatMap(document.string)
        entity = document["entity"].flatMap(document.string) ?? id
    }
}
