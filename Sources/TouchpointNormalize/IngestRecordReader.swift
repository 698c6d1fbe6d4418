import Glibc
import TouchpointCore
import TouchpointJSON

/// Reads a `record` line's envelope off the parsed tape, with the errors `IngestRecord(record.value)` gives,
/// without materializing anything: `data` stays a node, which the mapping reads in place. A run of
/// records mostly shares its source's name, format and file and its `received` time (one ingest run reads one file
/// after another), so the last decoded string and timestamp of each are kept and reused while the raw bytes are
/// the same: no allocation and no timestamp parsing per record for them.
struct IngestRecordReader {
    private var name = RepeatedString()
    private var format = RepeatedString()
    private var file = RepeatedString()
    private var listener = RepeatedString()
    private var receivedBytes: [UInt8] = []
    private var receivedTime: Timestamp?

    /// The record's envelope; throws where `IngestRecord.init(_:)` throws, with the same field and problem.
    mutating func read(_ document: JSONDocument) throws(RecordError) -> IngestEnvelope {
        guard document.type(of: document.root) == .object else {
            throw RecordError(field: nil, problem: "not an object")
        }
        guard let sourceNode = document["source"], document.type(of: sourceNode) == .object else {
            throw RecordError(field: "source", problem: "missing or not an object")
        }
        let sourceName = name.string(document.member("name", of: sourceNode), in: document) ?? ""
        guard !sourceName.isEmpty else { throw RecordError(field: "source.name", problem: "missing or empty") }
        let source = SourceReference(
            name: sourceName, format: format.string(document.member("format", of: sourceNode), in: document),
            file: file.string(document.member("file", of: sourceNode), in: document),
            listener: listener.string(document.member("listener", of: sourceNode), in: document),
            peer: document.member("peer", of: sourceNode).flatMap { document.string($0) },
            connection: IngestRecordReader.integer(document.member("connection", of: sourceNode), in: document),
            line: IngestRecordReader.integer(document.member("line", of: sourceNode), in: document),
            offset: IngestRecordReader.integer(document.member("offset", of: sourceNode), in: document))
        var received: Timestamp?
        if let receivedNode = document["received"], document.type(of: receivedNode) != .null {
            guard let time = receivedTime(receivedNode, in: document) else {
                throw RecordError(field: "received", problem: "not an RFC 3339 timestamp")
            }
            received = time
        }
        guard let dataNode = document["data"] else { throw RecordError(field: "data", problem: "missing") }
        return IngestEnvelope(source: source, received: received, data: dataNode)
    }

    private mutating func receivedTime(_ node: JSONDocument.Node, in document: JSONDocument) -> Timestamp? {
        guard document.type(of: node) == .string else { return nil }
        let raw = document.rawBytes(node)
        if let receivedTime, sameBytes(raw, receivedBytes) { return receivedTime }
        guard let text = document.string(node), let time = Timestamp(parsing: text) else { return nil }
        receivedBytes = Array(raw)
        receivedTime = time
        return time
    }

    /// `JSONValue.intValue` of a member: nil unless it is a number with an integral value that fits.
    private static func integer(_ node: JSONDocument.Node?, in document: JSONDocument) -> Int? {
        guard let node, document.type(of: node) == .number else { return nil }
        let raw = document.rawBytes(node)
        // Plain digits (what ingest writes) read directly; the grammar has no leading zeros, so this is `Int(_:)`.
        if raw.count <= 18, !raw.isEmpty, raw.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) {
            return raw.reduce(0) { $0 &* 10 &+ Int($1 &- UInt8(ascii: "0")) }
        }
        return document.number(node)?.intValue
    }
}

/// A record's envelope, read off its line; `data` is a node of that line.
struct IngestEnvelope {
    let source: SourceReference
    let received: Timestamp?
    let data: JSONDocument.Node
}

/// The last string read for one envelope field, reused while the next record's raw bytes are the same.
private struct RepeatedString {
    private var raw: [UInt8] = []
    private var value: String?

    /// The member's string, nil when absent or not a string (`JSONValue.stringValue`).
    mutating func string(_ node: JSONDocument.Node?, in document: JSONDocument) -> String? {
        guard let node, document.type(of: node) == .string else { return nil }
        let bytes = document.rawBytes(node)
        if let value, sameBytes(bytes, raw) { return value }
        let decoded = document.string(node)
        raw = Array(bytes)
        value = decoded
        return decoded
    }
}

/// Byte equality by `memcmp` (`elementsEqual` compares element by element).
private func sameBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ kept: [UInt8]) -> Bool {
    guard bytes.count == kept.count else { return false }
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
    return kept.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, bytes.count) == 0 }
}
