import TouchpointJSON

extension Event {
    /// Reads an event from a parsed line, materializing only what stage logic reads, and checks it as
    /// `init(_:)` does.
    ///
    /// `id`, `time`, `channel`, `type`, `stage`, `text`, `ids`, `metrics`, `profile`, `score` and `customer` are
    /// read; `traits`, `properties` and `received` are left empty and `source` keeps only its name. This is for
    /// stages that add members to the line (`RecordOutput.emit(raw:appending:)`) or only forward it: they never
    /// write this value back, so what it leaves out is not lost, and the large members (properties, traits) are
    /// never turned into a tree.
    package init(essentialsOf document: JSONDocument) throws(RecordError) {
        let checked = try EventCheck(document)
        let sourceName = document["source"].flatMap { document.member("name", of: $0) }.flatMap(document.string)
        self.init(
            id: checked.id, time: checked.time, source: SourceReference(name: sourceName ?? ""),
            channel: checked.string(checked.channel), type: checked.string(checked.type),
            stage: checked.string(checked.stage), ids: checked.object(checked.ids),
            text: document["text"].flatMap(document.string), metrics: checked.object(checked.metrics))
        entity = document["entity"].flatMap(document.string)
        profile = checked.optionalObject(checked.profile)
        score = checked.optionalObject(checked.score)
        customer = checked.optionalObject(checked.customer)
    }
}

/// The checks every stage after normalize makes of an event line, in one order, so that a line one stage refuses
/// every stage refuses with the same reason: `id`, `time`, `channel`, `type` and `stage` present as non-empty
/// strings (the time RFC 3339), and `ids`, `metrics`, `profile`, `score` and `customer` objects when present.
/// Only `id` and `time` are read; the rest stay nodes, for the caller to read what it needs (resolve-identity
/// needs only the identifiers).
package struct EventCheck {
    package let document: JSONDocument
    package let id: String
    package let time: Timestamp
    package let channel: JSONDocument.Node
    package let type: JSONDocument.Node
    package let stage: JSONDocument.Node
    package let ids: JSONDocument.Node?
    package let metrics: JSONDocument.Node?
    package let profile: JSONDocument.Node?
    package let score: JSONDocument.Node?
    package let customer: JSONDocument.Node?

    package init(_ document: JSONDocument) throws(RecordError) {
        guard document.type(of: document.root) == .object else {
            throw RecordError(field: nil, problem: "not an object")
        }
        self.document = document
        let idNode = try Self.requiredString("id", document)
        id = document.string(idNode) ?? ""
        guard let time = try Self.time(in: document) else {
            throw RecordError(field: "time", problem: "not an RFC 3339 timestamp")
        }
        self.time = time
        channel = try Self.requiredString("channel", document)
        type = try Self.requiredString("type", document)
        stage = try Self.requiredString("stage", document)
        ids = try Self.optionalObject("ids", document)
        metrics = try Self.optionalObject("metrics", document)
        profile = try Self.optionalObject("profile", document)
        score = try Self.optionalObject("score", document)
        customer = try Self.optionalObject("customer", document)
    }

    package func string(_ node: JSONDocument.Node) -> String { document.string(node) ?? "" }

    /// The object a checked member holds, empty when absent.
    package func object(_ node: JSONDocument.Node?) -> JSONObject { optionalObject(node) ?? JSONObject() }

    package func optionalObject(_ node: JSONDocument.Node?) -> JSONObject? {
        node.flatMap { document.value($0).objectValue }
    }

    private static func requiredString(_ name: String, _ document: JSONDocument) throws(RecordError)
        -> JSONDocument.Node
    {
        guard let node = document[name], document.type(of: node) == .string, !isEmptyString(node, document) else {
            throw RecordError(field: name, problem: "missing or not a string")
        }
        return node
    }

    private static func isEmptyString(_ node: JSONDocument.Node, _ document: JSONDocument) -> Bool {
        guard document.hasEscapes(node) else { return document.rawBytes(node).isEmpty }
        return document.string(node)?.isEmpty ?? true
    }

    private static func optionalObject(_ name: String, _ document: JSONDocument) throws(RecordError)
        -> JSONDocument.Node?
    {
        guard let node = document[name], document.type(of: node) != .null else { return nil }
        guard document.type(of: node) == .object else { throw RecordError(field: name, problem: "not an object") }
        return node
    }

    /// The event's time, read on the line's bytes: every stage after normalize reads one per event, and a
    /// `String` of it was made only to be parsed.
    private static func time(in document: JSONDocument) throws(RecordError) -> Timestamp? {
        let node = try requiredString("time", document)
        if document.hasEscapes(node) { return document.string(node).flatMap(Timestamp.init(parsing:)) }
        return TimeReader.exportDefault.read(document.rawBytes(node))
    }
}
