import TouchpointJSON

/// The canonical touchpoint event: one shape for every channel (docs/CONTRACT.md §2).
///
/// Wire shape, in this key order (optional keys are left out when empty, never written as null):
/// ```
/// {"kind":"event","id":"…","time":"2026-10-02T14:33:10.000Z","received":"…",
///  "source":{"name":"pos","file":"pos.csv","line":2,"offset":97},
///  "channel":"store","type":"purchase","stage":"purchase",
///  "ids":{"email":"anna@example.com","phone":"+15550102345",…},"traits":{…},"text":"…",
///  "metrics":{"amount":129.9,"currency":"EUR",…},"properties":{…},
///  "profile":{…},"score":{…},"customer":{…}}
/// ```
/// `profile` is added by resolve-identity, `score` and `customer` by score. Members of `ids`, `traits`, `metrics`
/// and `properties` are open sets: a stage keeps what it does not know.
package struct Event: Equatable, Sendable {
    package var id: String
    /// The thing this event is an update of (`zendesk:4711`, one ticket whose every status change is an event):
    /// later stages count one contact per entity, not one per line. Nil when each event stands alone.
    package var entity: String?
    package var time: Timestamp
    package var received: Timestamp?
    package var source: SourceReference
    package var channel: String
    package var type: String
    package var stage: String
    package var ids: JSONObject
    package var traits: JSONObject
    package var text: String?
    package var metrics: JSONObject
    package var properties: JSONObject
    package var profile: JSONObject?
    package var score: JSONObject?
    package var customer: JSONObject?

    package init(
        id: String, time: Timestamp, received: Timestamp? = nil, source: SourceReference, channel: String,
        type: String, stage: String, ids: JSONObject = JSONObject(), traits: JSONObject = JSONObject(),
        text: String? = nil, metrics: JSONObject = JSONObject(), properties: JSONObject = JSONObject()
    ) {
        self.id = id
        self.time = time
        self.received = received
        self.source = source
        self.channel = channel
        self.type = type
        self.stage = stage
        self.ids = ids
        self.traits = traits
        self.text = text
        self.metrics = metrics
        self.properties = properties
    }

    /// The field names in wire order; the schema test checks docs/CONTRACT.md against this list.
    package static let fieldNames = [
        "kind", "id", "entity", "time", "received", "source", "channel", "type", "stage", "ids", "traits", "text",
        "metrics",
        "properties", "profile", "score", "customer",
    ]

    /// The resolved profile id, once resolve-identity has run.
    package var profileID: String? { profile?["id"]?.stringValue }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("kind", .string(RecordKind.event))
        object.append("id", .string(id))
        if let entity { object.append("entity", .string(entity)) }
        object.append("time", .string(time.description))
        if let received { object.append("received", .string(received.description)) }
        object.append("source", source.jsonValue)
        object.append("channel", .string(channel))
        object.append("type", .string(type))
        object.append("stage", .string(stage))
        object.append("ids", .object(ids))
        if !traits.isEmpty { object.append("traits", .object(traits)) }
        if let text { object.append("text", .string(text)) }
        if !metrics.isEmpty { object.append("metrics", .object(metrics)) }
        if !properties.isEmpty { object.append("properties", .object(properties)) }
        if let profile { object.append("profile", .object(profile)) }
        if let score { object.append("score", .object(score)) }
        if let customer { object.append("customer", .object(customer)) }
        return .object(object)
    }

    /// Reads an event from its wire form; the error names the first field that is missing or malformed.
    package init(_ value: JSONValue) throws(RecordError) {
        guard let object = value.objectValue else { throw RecordError(field: nil, problem: "not an object") }
        func requiredString(_ name: String) throws(RecordError) -> String { try object.requiredString(name) }
        func optionalObject(_ name: String) throws(RecordError) -> JSONObject? {
            guard let member = object[name], !member.isNull else { return nil }
            guard let nested = member.objectValue else { throw RecordError(field: name, problem: "not an object") }
            return nested
        }
        id = try requiredString("id")
        entity = object["entity"]?.stringValue
        guard let time = Timestamp(parsing: try requiredString("time")) else {
            throw RecordError(field: "time", problem: "not an RFC 3339 timestamp")
        }
        self.time = time
        received = object["received"]?.stringValue.flatMap(Timestamp.init(parsing:))
        source = SourceReference(try optionalObject("source") ?? JSONObject())
        channel = try requiredString("channel")
        type = try requiredString("type")
        stage = try requiredString("stage")
        ids = try optionalObject("ids") ?? JSONObject()
        traits = try optionalObject("traits") ?? JSONObject()
        text = object["text"]?.stringValue
        metrics = try optionalObject("metrics") ?? JSONObject()
        properties = try optionalObject("properties") ?? JSONObject()
        profile = try optionalObject("profile")
        score = try optionalObject("score")
        customer = try optionalObject("customer")
    }
}

/// Where a record came from: `{"name":"pos","file":"pos.csv","line":2,"offset":97}`.
///
/// `name` is the source's name (ingest's `--source`, by default the file's stem); `file` is the path as given to
/// ingest (absent for stdin); `line` is 1-based, `offset` the 0-based byte offset of the line's first byte. For
/// a CSV record spanning several physical lines, `line` and `offset` are those of its first line.
///
/// A record read from a socket (`ingest --listen`) has no `file`; `listener` is the address it was read on
/// (`tcp://127.0.0.1:5140`, `unix:/run/feed.sock`), `peer` who sent it (`127.0.0.1:51324`; for a unix socket the
/// sender's `pid=…,uid=…`), `connection` the connection's number in that ingest run (1-based), and `line` and
/// `offset` count within the connection.
package struct SourceReference: Equatable, Sendable {
    package var name: String
    package var format: String?
    package var file: String?
    package var listener: String?
    package var peer: String?
    package var connection: Int?
    package var line: Int?
    package var offset: Int?

    /// The members in wire order (docs/CONTRACT.md, the `record_source` table).
    package static let fieldNames = ["name", "format", "file", "listener", "peer", "connection", "line", "offset"]

    package init(
        name: String, format: String? = nil, file: String? = nil, listener: String? = nil, peer: String? = nil,
        connection: Int? = nil, line: Int? = nil, offset: Int? = nil
    ) {
        self.name = name
        self.format = format
        self.file = file
        self.listener = listener
        self.peer = peer
        self.connection = connection
        self.line = line
        self.offset = offset
    }

    package init(_ object: JSONObject) {
        name = object["name"]?.stringValue ?? ""
        format = object["format"]?.stringValue
        file = object["file"]?.stringValue
        listener = object["listener"]?.stringValue
        peer = object["peer"]?.stringValue
        connection = object["connection"]?.intValue
        line = object["line"]?.intValue
        offset = object["offset"]?.intValue
    }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("name", .string(name))
        if let format { object.append("format", .string(format)) }
        if let file { object.append("file", .string(file)) }
        if let listener { object.append("listener", .string(listener)) }
        if let peer { object.append("peer", .string(peer)) }
        if let connection { object.append("connection", .int(connection)) }
        if let line { object.append("line", .int(line)) }
        if let offset { object.append("offset", .int(offset)) }
        return .object(object)
    }
}

/// A record of an owned kind that lacks a field the stage needs, or has it in the wrong shape.
package struct RecordError: Error, Equatable, CustomStringConvertible {
    package let field: String?
    package let problem: String

    package init(field: String?, problem: String) {
        self.field = field
        self.problem = problem
    }

    package var description: String { field.map { "field \"\($0)\": \(problem)" } ?? problem }
}
