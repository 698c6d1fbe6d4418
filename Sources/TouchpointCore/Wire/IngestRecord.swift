import TouchpointJSON

/// ingest's output: one decoded input record plus where and when it was read (kind `record`).
///
/// Wire shape, in this key order:
/// ```
/// {"kind":"record","source":{"name":"pos","format":"csv","file":"sample/pos.csv","line":2,"offset":97},
///  "received":"2026-11-01T00:00:00.000Z","data":{…}}
/// ```
/// `source` is a `SourceReference` (`file` absent for stdin; `line`/`offset` are those of the record's first
/// physical line). `received` is when ingest read the record (wall clock, or a fixed `--received` time for
/// replays). `data` is the format's decoding: an object of strings for CSV, the line's value for NDJSON, the
/// combined-log fields for CLF. ingest writes these bytes directly on its hot path; this type is how normalize and
/// tests read them.
package struct IngestRecord: Equatable, Sendable {
    package var source: SourceReference
    package var received: Timestamp?
    package var data: JSONValue

    package init(source: SourceReference, received: Timestamp?, data: JSONValue) {
        self.source = source
        self.received = received
        self.data = data
    }

    /// Reads a record from its wire form; the error names the first field that is missing or malformed.
    package init(_ value: JSONValue) throws(RecordError) {
        guard let object = value.objectValue else { throw RecordError(field: nil, problem: "not an object") }
        guard let sourceObject = object["source"]?.objectValue else {
            throw RecordError(field: "source", problem: "missing or not an object")
        }
        let source = SourceReference(sourceObject)
        guard !source.name.isEmpty else { throw RecordError(field: "source.name", problem: "missing or empty") }
        self.source = source
        if let receivedValue = object["received"], !receivedValue.isNull {
            guard let text = receivedValue.stringValue, let time = Timestamp(parsing: text) else {
                throw RecordError(field: "received", problem: "not an RFC 3339 timestamp")
            }
            received = time
        } else {
            received = nil
        }
        guard let data = object["data"] else { throw RecordError(field: "data", problem: "missing") }
        self.data = data
    }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("kind", .string(RecordKind.record))
        object.append("source", source.jsonValue)
        if let received { object.append("received", .string(received.description)) }
        object.append("data", data)
        return .object(object)
    }
}
