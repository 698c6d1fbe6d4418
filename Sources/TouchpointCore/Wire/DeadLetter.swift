import TouchpointJSON

/// Why a line could not be used. A closed set, so the reasons can label metrics and be counted at exit.
package enum DeadLetterReason: String, CaseIterable, Sendable {
    /// Longer than `--max-line-bytes`; only the first KiB is kept.
    case lineTooLong = "line_too_long"
    case invalidUTF8 = "invalid_utf8"
    case invalidJSON = "invalid_json"
    /// Valid JSON, but not an object, so it cannot carry a `kind`.
    case notAnObject = "not_an_object"
    case missingKind = "missing_kind"
    /// A record of a kind the stage owns that lacks a required field or has one of the wrong type.
    case invalidRecord = "invalid_record"
    /// normalize has no mapping for the record's source.
    case unknownSource = "unknown_source"
    /// A field is present but its value cannot be used (an unparseable timestamp, a negative amount).
    case invalidField = "invalid_field"
    /// ingest: a line does not match its format (wrong CSV column count, not a combined log line).
    case malformedInput = "malformed_input"
    /// ingest: a connection ended (or ingest stopped) in the middle of a line or an octet-counted frame.
    case incompleteLine = "incomplete_line"
}

/// A line that could not be used, with everything needed to find, understand and replay it.
///
/// Wire shape (one line on the dead-letter output):
/// `{"kind":"dead_letter","stage":"normalize","reason":"invalid_json","detail":"unexpected byte at byte 17",
/// "source":{"name":"stdin","line":12,"offset":3456},"input":"…the original line…"}`.
/// `input` holds the original bytes when they are UTF-8; otherwise `input_base64` holds them in base64. For an
/// over-long line, `input` holds its first KiB and `input_length` its full length. When the rejected record carried
/// its own provenance (a `record` or `event` with `source`), `origin` repeats it: the file and line of the raw input.
package struct DeadLetter: Sendable {
    package var stage: String
    package var reason: DeadLetterReason
    package var detail: String
    package var source: SourceReference
    /// Where the rejected record itself came from, when it said so.
    package var origin: SourceReference?
    package var input: [UInt8]
    package var inputLength: Int

    package init(
        stage: String, reason: DeadLetterReason, detail: String, source: SourceReference, input: [UInt8],
        inputLength: Int? = nil
    ) {
        self.stage = stage
        self.reason = reason
        self.detail = detail
        self.source = source
        self.input = input
        self.inputLength = inputLength ?? input.count
    }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("kind", .string(RecordKind.deadLetter))
        object.append("stage", .string(stage))
        object.append("reason", .string(reason.rawValue))
        object.append("detail", .string(detail))
        object.append("source", source.jsonValue)
        if let origin { object.append("origin", origin.jsonValue) }
        if let text = String(validating: input, as: UTF8.self) {
            object.append("input", .string(text))
        } else {
            object.append("input_base64", .string(Base64.encode(input)))
        }
        if inputLength != input.count { object.append("input_length", .int(inputLength)) }
        return .object(object)
    }
}
