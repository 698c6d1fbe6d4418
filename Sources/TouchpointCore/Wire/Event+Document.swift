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
        guard document.type(of: document.root) == .object else {
            throw RecordError(field: nil, problem: "not an object")
        }
        func requiredString(_ name: String) throws(RecordError) -> String {
            guard let node = document[name], let text = document.string(node), !text.isEmpty else {
                throw RecordError(field: name, problem: "missing or not a string")
            }
            return text
        }
        func optionalObject(_ name: String) throws(RecordError) -> JSONObject? {
            guard let node = document[name], document.type(of: node) != .null else { return nil }
            guard document.type(of: node) == .object, let object = document.value(node).objectValue else {
                throw RecordError(field: name, problem: "not an object")
            }
            return object
        }
        let id = try requiredString("id")
        guard let time = try Self.time(in: document) else {
            throw RecordError(field: "time", problem: "not an RFC 3339 timestamp")
        }
        let channel = try requiredString("channel")
        let type = try requiredString("type")
        let stage = try requiredString("stage")
        let sourceName = document["source"].flatMap { document.member("name", of: $0) }.flatMap(document.string)
        self.init(
            id: id, time: time, source: SourceReference(name: sourceName ?? ""), channel: channel, type: type,
            stage: stage, ids: try optionalObject("ids") ?? JSONObject(),
            text: document["text"].flatMap(document.string), metrics: try optionalObject("metrics") ?? JSONObject())
        entity = document["entity"].flatMap(document.string)
        profile = try optionalObject("profile")
        score = try optionalObject("score")
        customer = try optionalObject("customer")
    }

    /// The event's time, read on the line's bytes: every stage after normalize reads one per event, and a
    /// `String` of it was made only to be parsed.
    private static func time(in document: JSONDocument) throws(RecordError) -> Timestamp? {
        guard let node = document["time"], document.type(of: node) == .string, !document.rawBytes(node).isEmpty else {
            throw RecordError(field: "time", problem: "missing or not a string")
        }
        if document.hasEscapes(node) { return document.string(node).flatMap(Timestamp.init(parsing:)) }
        return TimeReader.exportDefault.read(document.rawBytes(node))
    }
}
