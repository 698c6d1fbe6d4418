import TouchpointCore
import TouchpointJSON

/// Newline-delimited JSON (NDJSON, JSON Lines): one JSON value per line.
///
/// Each line must be one complete, valid JSON value (RFC 8259, UTF-8); surrounding spaces and tabs are allowed.
/// `data` is that value unchanged except for whitespace: it is written minified, strings and numbers byte for byte
/// as they came (escapes are kept, `1.50` stays `1.50`). Any JSON value is accepted, not only objects; whether it
/// is usable is the next stage's question. A line that does not parse is a dead letter with reason `invalid_json`
/// (or `invalid_utf8`), its detail naming the byte where parsing failed. Blank lines are counted, not records.
///
/// Example: the line `{"ticket_id": "T-100045", "priority": "high"}` gives
/// `"data":{"ticket_id":"T-100045","priority":"high"}`.
package struct NDJSONFormat: RecordFormat {
    package static let name = "ndjson"
    package static let summary = "one JSON value per line (NDJSON, JSON Lines); data is the value, minified"
    package static let extensions = ["ndjson", "jsonl", "json"]

    private var parser = JSONParser()

    package init(options: FormatOptions) throws(UsageError) { _ = try options.values(for: Self.self) }

    package mutating func decode(
        _ line: UnsafeBufferPointer<UInt8>, at position: LinePosition, into data: inout [UInt8]
    ) -> Decoded {
        do {
            let document = try parser.parse(line)
            document.write(document.root, into: &data)
            return .record
        } catch {
            return .invalid(error.reason == .invalidUTF8 ? .invalidUTF8 : .invalidJSON, error.description)
        }
    }
}
