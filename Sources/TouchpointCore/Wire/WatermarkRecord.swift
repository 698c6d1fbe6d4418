import TouchpointJSON

/// Event time that has passed: no more events at or before `time` are expected (contract §4, "Watermarks").
///
/// Wire shape: `{"kind":"watermark","time":"2026-10-02T00:00:00.000Z"}`, and once the input has ended,
/// `{"kind":"watermark","time":"2026-10-31T22:14:00.000Z","final":true}` (`time` is then the newest event time seen,
/// absent when there was no event). normalize writes them: per source the newest event time minus the allowed
/// lateness, and over all sources the smallest, so a channel read later or a late daily batch holds event time
/// back instead of being outrun. A watermark never goes back. Stages close event-time windows and fire timers when
/// it passes them (`Stage.advance(to:into:)`); a final watermark closes everything still open.
package struct WatermarkRecord: Equatable, Sendable {
    package static let fieldNames = ["kind", "time", "final"]

    package var time: Timestamp?
    package var isFinal: Bool

    package init(time: Timestamp?, isFinal: Bool = false) {
        self.time = time
        self.isFinal = isFinal
    }

    package init(_ value: JSONValue) throws(RecordError) {
        isFinal = value["final"]?.boolValue ?? false
        if let text = value["time"]?.stringValue {
            guard let time = Timestamp(parsing: text) else {
                throw RecordError(field: "time", problem: "not an RFC 3339 timestamp")
            }
            self.time = time
        } else if isFinal {
            time = nil
        } else {
            throw RecordError(field: "time", problem: "missing (only a final watermark may omit it)")
        }
    }

    /// The event time everything up to which may now be closed: `time`, or the end of time when final.
    package var closesThrough: Timestamp { isFinal ? .endOfTime : time ?? .beginningOfTime }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("kind", .string(RecordKind.watermark))
        if let time { object.append("time", .string(time.description)) }
        if isFinal { object.append("final", .bool(true)) }
        return .object(object)
    }
}
