import TouchpointJSON

/// How far a source has been read: which file, checked three ways, and the offset every record before it ends at.
///
/// Wire shape, a member of a barrier's `positions`, in this key order:
/// `{"source":"web","file":"logs/web.log","device":2049,"inode":131,"fingerprint":"9f2c…","fingerprint_bytes":1024,
/// "offset":4096,"line":37}`. `line` is how many lines come before `offset`, so a resumed reader numbers lines on. `file` is absent for stdin; `device`, `inode` and the fingerprint are absent when unknown (memory
/// input in tests, a pipe). The fingerprint is the `StableHash` of the file's first `fingerprint_bytes` bytes (at most
/// `SourcePosition.fingerprintLimit`): device and inode alone are reused after a delete, and a fingerprint alone is
/// shared by files that start alike (two CSV exports with one header), so a resumed reader trusts a position only
/// when all three agree and the file is no shorter than `offset` (contract §8).
package struct SourcePosition: Equatable, Hashable, Sendable {
    /// How many leading bytes the fingerprint covers at most.
    package static let fingerprintLimit = 1024

    package var source: String
    package var file: String?
    package var device: UInt64?
    package var inode: UInt64?
    package var fingerprint: String?
    /// How many bytes `fingerprint` covers: fewer than the limit while the file is shorter.
    package var fingerprintBytes: Int?
    package var offset: Int
    package var line: Int?

    package init(
        source: String, file: String? = nil, device: UInt64? = nil, inode: UInt64? = nil, fingerprint: String? = nil,
        fingerprintBytes: Int? = nil, offset: Int, line: Int? = nil
    ) {
        self.line = line
        self.source = source
        self.file = file
        self.device = device
        self.inode = inode
        self.fingerprint = fingerprint
        self.fingerprintBytes = fingerprintBytes
        self.offset = offset
    }

    /// Reads a position from its wire form; the error names the first field that is wrong.
    package init(_ value: JSONValue) throws(RecordError) {
        guard let object = value.objectValue else { throw RecordError(field: "positions", problem: "not an object") }
        guard let source = object["source"]?.stringValue else {
            throw RecordError(field: "positions.source", problem: "missing or not a string")
        }
        guard let offset = object["offset"]?.intValue, offset >= 0 else {
            throw RecordError(field: "positions.offset", problem: "missing or not a non-negative integer")
        }
        self.source = source
        self.offset = offset
        file = object["file"]?.stringValue
        device = object["device"]?.intValue.map { UInt64(truncatingIfNeeded: $0) }
        inode = object["inode"]?.intValue.map { UInt64(truncatingIfNeeded: $0) }
        fingerprint = object["fingerprint"]?.stringValue
        fingerprintBytes = object["fingerprint_bytes"]?.intValue
        line = object["line"]?.intValue
    }

    package var jsonValue: JSONValue {
        var object = JSONObject()
        object.append("source", .string(source))
        if let file { object.append("file", .string(file)) }
        if let device { object.append("device", .number(JSONNumber(Int(truncatingIfNeeded: device)))) }
        if let inode { object.append("inode", .number(JSONNumber(Int(truncatingIfNeeded: inode)))) }
        if let fingerprint { object.append("fingerprint", .string(fingerprint)) }
        if let fingerprintBytes { object.append("fingerprint_bytes", .int(fingerprintBytes)) }
        object.append("offset", .int(offset))
        if let line { object.append("line", .int(line)) }
        return .object(object)
    }

    /// The fingerprint of a file's first bytes, as a position carries it.
    package static func fingerprint(of prefix: UnsafeBufferPointer<UInt8>) -> String {
        var hash = StableHash()
        hash.combine(bytes: UnsafeBufferPointer(rebasing: prefix.prefix(fingerprintLimit)))
        return hash.hex
    }
}
