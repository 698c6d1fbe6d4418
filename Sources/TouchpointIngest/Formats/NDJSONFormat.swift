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
///
/// With `records=PATH`, a line whose value at PATH is an array is that many records, one per element, in order
/// (`records=.` for a webhook body that is an array, as SendGrid posts; `records=tickets` for an API page
/// `{"tickets":[…],"next_page":…}`). A line where PATH is not an array is one record as usual; an empty array
/// is none. All of a line's records share its position, and a barrier never falls between them.
package struct NDJSONFormat: RecordFormat {
    package static let name = "ndjson"
    package static let summary = "one JSON value per line (NDJSON, JSON Lines); data is the value, minified"
    package static let extensions = ["ndjson", "jsonl", "json"]

    package static let options = [
        FormatOption(
            "records", value: "PATH",
            help: "a line whose value at PATH (. for the line, or member.member) is an array is one record per element")
    ]

    private var parser = JSONParser()
    /// The members leading to the array of records; nil when the option is not given, empty for the line itself.
    private let recordsPath: [String]?

    package init(options: FormatOptions) throws(UsageError) {
        let values = try options.values(for: Self.self)
        guard let path = values.string("records") else {
            recordsPath = nil
            return
        }
        let members = path == "." ? [] : path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !members.contains(where: \.isEmpty) else {
            throw values.problem("records", "\"\(path)\" is not . or member names joined by dots")
        }
        recordsPath = members
    }

    package mutating func decode(
        _ line: UnsafeBufferPointer<UInt8>, at position: LinePosition, into data: inout [UInt8]
    ) -> Decoded {
        do {
            let document = try parser.parse(line)
            if let recordsPath, let array = node(at: recordsPath, in: document), document.type(of: array) == .array {
                let start = data.count
                var ends: [Int] = []
                for element in document.elements(of: array) {
                    document.write(element, into: &data)
                    ends.append(data.count - start)
                }
                return ends.isEmpty ? .skip : .records(ends)
            }
            document.write(document.root, into: &data)
            return .record
        } catch {
            return .invalid(error.reason == .invalidUTF8 ? .invalidUTF8 : .invalidJSON, error.description)
        }
    }

    private func node(at path: [String], in document: JSONDocument) -> JSONDocument.Node? {
        var node = document.root
        for member in path {
            guard let next = document.member(member, of: node) else { return nil }
            node = next
        }
        return node
    }
}
